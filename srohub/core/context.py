"""Who is asking, carried through a request so services can stamp their audit events."""

from contextvars import ContextVar

request_id_var: ContextVar[str] = ContextVar("srohub_request_id", default="")
client_ip_var: ContextVar[str | None] = ContextVar("srohub_client_ip", default=None)


def current_request_id() -> str:
    return request_id_var.get()


def current_client_ip() -> str | None:
    return client_ip_var.get()
