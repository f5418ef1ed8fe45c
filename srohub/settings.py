"""SRO Hub settings: one module, driven by the environment, failing loudly on bad values.

SROHUB_MODE chooses the defaults: ``production`` (the default: secure, every secret required),
``demo`` (local demo, DEBUG on, SQLite) or ``test``. The demo is always explicit.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SROHUB_VAR_DIR", BASE_DIR / "var"))

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    if raw.lower() in _TRUE:
        return True
    if raw.lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of {sorted(_TRUE | _FALSE)}, not {raw!r}")


def _env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def _env_choice(name: str, choices: set[str], default: str) -> str:
    raw = os.environ.get(name, default)
    if raw not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, not {raw!r}")
    return raw


def _env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


MODE = _env_choice("SROHUB_MODE", {"production", "demo", "test"}, "production")
PRODUCTION = MODE == "production"
DEBUG = _env_bool("SROHUB_DEBUG", MODE == "demo")

SECRET_KEY = os.environ.get("SROHUB_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SROHUB_SECRET_KEY is required in production (SROHUB_MODE=production).")
    # Demo and test only: a fresh key per process is fine, sessions need not outlive it.
    SECRET_KEY = "insecure-" + secrets.token_urlsafe(40)
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SROHUB_SECRET_KEY must be at least 50 characters in production.")

ALLOWED_HOSTS = _env_list("SROHUB_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("SROHUB_ALLOWED_HOSTS is required in production (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = _env_list("SROHUB_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "srohub.core",
    "srohub.accounts",
    "srohub.audit",
    "srohub.directory",
    "srohub.people",
    # The capabilities of PRODUCT.md, one bounded context each.
    "srohub.planning",
    "srohub.engagement",
    "srohub.occurrences",
    "srohub.tips",
    "srohub.drills",
    "srohub.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "srohub.core.middleware.RequestContextMiddleware",
]

ROOT_URLCONF = "srohub.urls"
WSGI_APPLICATION = "srohub.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "srohub.core.context_processors.navigation",
            ],
        },
    }
]

# Databases: SQLite (WAL) is the embedded default; DATABASE_URL selects PostgreSQL.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=_env_int("SROHUB_DB_CONN_MAX_AGE", 60))}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["ENGINE"] = "srohub.core.postgresql"  # a health check without a round trip
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters sent apart from the SQL, and a statement run 5 times on a connection prepared once:
    # PostgreSQL then skips parsing and planning the hot statements (a tip's inserts and reads
    # cost the database 25 % less CPU, `srohub bench tips`). 0 disables preparing, for a
    # transaction-pooling PgBouncer, which cannot keep prepared statements.
    _prepare_after = _env_int("SROHUB_DB_PREPARE_THRESHOLD", 5)
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": _prepare_after if _prepare_after > 0 else None,
    }
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SROHUB_SQLITE_PATH", str(VAR_DIR / "srohub.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of failing.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA foreign_keys=ON; PRAGMA busy_timeout=20000;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Background work: Django's tasks API; a database queue in production, immediate in demo and tests.
TASKS = {
    "default": {
        "BACKEND": _env_choice(
            "SROHUB_TASKS_BACKEND",
            {"django_tasks_db.DatabaseBackend", "django_tasks.backends.immediate.ImmediateBackend"},
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        ),
        "QUEUES": ["default"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if MODE == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "srohub" / "locale"]
TIME_ZONE = os.environ.get("SROHUB_TIME_ZONE", "America/Winnipeg")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns at every start without it
MEDIA_ROOT = Path(os.environ.get("SROHUB_MEDIA_ROOT", VAR_DIR / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A partner's tip may carry three 5 MB pictures, base64-encoded in JSON (4/3 larger): about 20 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 24 * 1024 * 1024

# How long a server process trusts an API key it has verified (srohub.accounts.authentication).
SROHUB_API_TOKEN_CACHE_SECONDS = _env_int("SROHUB_API_TOKEN_CACHE_SECONDS", 10)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "srohub.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "srohub.core.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "srohub.core.schema.SplitSerializerAutoSchema",
    "EXCEPTION_HANDLER": "srohub.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SRO Hub API",
    "DESCRIPTION": "The REST API of SRO Hub, for partners and integrations. Every response is scoped to the caller.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # No CDN: Swagger UI comes from the drf-spectacular-sidecar package and is served by whitenoise.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Many models have a field called status, kind, role or language with its own choices; each choice set
    # gets a stable component name here instead of a hash suffix that would change between releases.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "srohub.directory.models.OrganizationKind",
        "SpaceKindEnum": "srohub.directory.models.SpaceKind",
        "SchoolLanguageEnum": "srohub.directory.models.Language",
        "OfficerStatusEnum": "srohub.directory.models.OfficerStatus",
        "AssignmentRoleEnum": "srohub.directory.models.AssignmentRole",
        "MembershipRoleEnum": "srohub.core.roles.Role",
        "ClosureKindEnum": "srohub.planning.models.schools.ClosureKind",
        "PlanStatusEnum": "srohub.planning.models.plans.PlanStatus",
        "VisitStatusEnum": "srohub.planning.models.plans.VisitStatus",
        "ProposalStatusEnum": "srohub.planning.models.plans.ProposalStatus",
        "OccurrenceStatusEnum": "srohub.occurrences.models.occurrence.OccurrenceStatus",
        "InvolvementRoleEnum": "srohub.occurrences.models.occurrence.InvolvementRole",
        "YouthOutcomeEnum": "srohub.occurrences.models.occurrence.OUTCOME_CHOICES",
        "TipStatusEnum": "srohub.tips.models.TipStatus",
        "TipNoteKindEnum": "srohub.tips.models.NoteKind",
        "RoutedKindEnum": "srohub.tips.models.RoutedKind",
        "EscalationTargetKindEnum": "srohub.tips.models.TargetKind",
        "EscalationStepStateEnum": "srohub.tips.models.StepState",
        "ActivityLanguageEnum": "srohub.engagement.models.Language",
        "ServiceKindEnum": "srohub.engagement.models.ServiceKind",
        "ReferralStatusEnum": "srohub.engagement.rules.ReferralStatus",
        "ReferralOutcomeEnum": "srohub.engagement.rules.ReferralOutcome",
        "DrillStatusEnum": "srohub.drills.models.DrillStatus",
        "CorrectiveActionStatusEnum": "srohub.drills.models.ActionStatus",
        "DrillComplianceStatusEnum": "srohub.drills.rules.Status",
    },
}

EMAIL_BACKEND = os.environ.get(
    "SROHUB_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("SROHUB_FROM_EMAIL", "sro-hub@localhost")

# Security: strict in production; `manage.py check --deploy` runs in CI under these settings.
if PRODUCTION:
    SECURE_SSL_REDIRECT = _env_bool("SROHUB_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = _env_int("SROHUB_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _env_bool("SROHUB_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if _env_bool("SROHUB_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# HSTS preload is a commitment the domain's owner makes (hstspreload.org), not a code default.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
