"""How the OpenAPI schema describes our authentication: ``Authorization: Token <key>``.

drf-spectacular finds extensions by subclassing; ``srohub/api_urls.py`` imports this module so the
extension is registered before any schema is generated.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object


class ApiTokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "srohub.accounts.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        scheme = build_bearer_security_scheme_object(
            header_name="Authorization", token_prefix=self.target.keyword
        )
        scheme["description"] = (
            'An API key issued to a user, sent as "Authorization: Token <key>". Keys can be revoked; '
            "a revoked or unknown key gets 401."
        )
        return scheme
