"""How SRO Hub is served: `gunicorn srohub.wsgi` reads this file from the working directory (or
`gunicorn -c /path/to/gunicorn.conf.py srohub.wsgi`). `srohub bench tips` serves with it too, so the
benchmark's figures are this configuration's.

Sync workers, behind a reverse proxy that terminates TLS and buffers slow clients (nginx, a cloud
load balancer): a sync worker accepts a connection only when it is free, so the kernel's queue
hands every request to an idle worker. The threaded worker (gthread) was measured first: each
keep-alive connection stays on the worker that accepted it, and 16 of the bench's 20 partner
connections landed on one worker of three, which queued requests while the other two idled
(docs/tips.md has the figures).
"""

import os

bind = os.environ.get("SROHUB_BIND", "127.0.0.1:8000")
# One more than the cores: a worker waiting on the database leaves its core to another.
workers = int(os.environ.get("SROHUB_WORKERS", (os.cpu_count() or 1) + 1))
worker_class = "sync"
# A request still running after a minute is stuck: gunicorn replaces its worker. (Visit plans,
# the long work, run as tasks in `srohub worker`, not in a request.)
timeout = 60
graceful_timeout = 30
# gunicorn's own access log is off unless asked for: the proxy in front already logs each request.
accesslog = os.environ.get("SROHUB_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("SROHUB_LOG_LEVEL", "info")
