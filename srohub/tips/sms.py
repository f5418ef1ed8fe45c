"""Pluggable text-message backends, chosen by the ``SROHUB_SMS_BACKEND`` setting (a dotted path).

A production deployment points it at a class with the same ``send(to, body)`` method that talks to
its SMS gateway; development prints to the console; tests keep messages in ``LocmemSmsBackend.outbox``.
"""

import sys
import threading

from django.utils.module_loading import import_string

from srohub.tips.conf import setting


class ConsoleSmsBackend:
    """Prints each message, like Django's console email backend."""

    def send(self, to: str, body: str) -> bool:
        sys.stdout.write(f"SMS to {to}: {body}\n")
        sys.stdout.flush()
        return True


class LocmemSmsBackend:
    """Keeps messages in memory, for tests."""

    outbox: list[dict] = []
    _lock = threading.Lock()

    def send(self, to: str, body: str) -> bool:
        with self._lock:
            LocmemSmsBackend.outbox.append({"to": to, "body": body})
        return True


class DummySmsBackend:
    """Sends nothing (benchmarks)."""

    def send(self, to: str, body: str) -> bool:
        return True


def sms_backend():
    return import_string(setting("SROHUB_SMS_BACKEND"))()
