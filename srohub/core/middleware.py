import re
import uuid

from django.conf import settings

from srohub.core.context import client_ip_var, request_id_var

_SAFE_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestContextMiddleware:
    """Gives every request an id (kept from X-Request-ID when it is well-formed) and its client IP."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        ip_token = client_ip_var.set(self._client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(id_token)
            client_ip_var.reset(ip_token)
        response["X-Request-ID"] = request_id
        return response

    @staticmethod
    def _client_ip(request) -> str | None:
        if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
            forwarded = request.headers.get("X-Forwarded-For", "")
            if forwarded:
                return forwarded.split(",")[0].strip() or None
        return request.META.get("REMOTE_ADDR") or None
