#!/usr/bin/env bash
# Installs Debian's Chromium and ChromeDriver for the browser tests (Playwright drives them with
# executable_path; Playwright's own browser download cannot work on these machines).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "The browser tests need Debian's chromium: run 'sudo apt-get install chromium chromium-driver'." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
