"""Settings for the ICP Filing Console Simulator, read from the environment (django-environ).

Safe defaults for a local run; production (``DEBUG=false``) refuses to start without a real
``SECRET_KEY``. See ``.env.example`` for every variable.
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from icpconsole.core.bodies import LARGEST_LIMIT

BASE_DIR = Path(__file__).resolve().parent.parent
# The project-wide templates, static files and translations: at the root of a checkout, or, in an
# installed wheel, inside the package (``icpconsole/_data/``, copied there by setup.py's build).
_PACKAGE_DATA = Path(__file__).resolve().parent / "_data"


def _shipped(folder: str) -> Path:
    return BASE_DIR / folder if (BASE_DIR / folder).is_dir() else _PACKAGE_DATA / folder


env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "icpconsole.accounts",
    "icpconsole.core",
    "instances",
    "servicecodes",
    "filings",
    "registrar",
    "openapi",
    "simulator",
    "accessors",
]

MIDDLEWARE = [
    # First: X-Forwarded-* are dropped unless the peer is one of TRUSTED_PROXIES.
    "icpconsole.core.middleware.TrustedProxyMiddleware",
    # The simulated clock's offset read at most once a request (issue 26).
    "icpconsole.core.clock.ClockPerRequestMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "icpconsole.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Bodies over their route's limit: 413 before CSRF or django-axes read them (issue 27).
    "icpconsole.core.middleware.BodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    # Failed log-ins per address over the limit (issue 27): 429 on the log-in pages.
    "icpconsole.accounts.middleware.LoginThrottleMiddleware",
    # Fault rules on REST routes (SPEC 4.6); a no-op while no rule is set.
    "simulator.faults.FaultInjectionMiddleware",
]

ROOT_URLCONF = "icpconsole.urls"
WSGI_APPLICATION = "icpconsole.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [_shipped("templates")],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "icpconsole.core.context_processors.console",
            ],
        },
    },
]

# Every form rendered with the console's one layout (label, help, field, error).
FORM_RENDERER = "icpconsole.core.forms.ConsoleFormRenderer"

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Immediate transactions take the write lock at BEGIN, so concurrent writers queue behind
    # the busy timeout instead of failing with "database is locked" half-way through.
    # synchronous=NORMAL: with WAL, a commit no longer waits for an fsync (the database stays
    # consistent; a power cut may lose the last commits): every write request was bound by it.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": None}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "icpconsole.accounts.backends.LockoutBackend",
    "icpconsole.accounts.backends.AccountBackend",
]

# Brute-force protection (django-axes) for the console log-in and the API token endpoint: after
# AXES_FAILURE_LIMIT failures for one username from one address, log-ins are refused until the
# cool-off passes. Successful log-ins reset the count.
# Bodies are limited per route by BodyLimitMiddleware (and the gunicorn worker) before they are read
# (icpconsole/core/bodies.py); Django's own cap, which counts only a body's non-file part, must not
# refuse a snapshot the restore route takes.
DATA_UPLOAD_MAX_MEMORY_SIZE = LARGEST_LIMIT

# Failed log-ins per client address and minute, whatever the usernames, before the password hash
# (icpconsole/accounts/login_throttle.py).
LOGIN_FAILURES_PER_MINUTE = env.int("LOGIN_FAILURES_PER_MINUTE", default=30)
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# API tokens (``POST /api/v1/auth/token/``) expire this many days after they are issued (real
# time); revoke or rotate them sooner through the API. A password change revokes them at once.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)

LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/console/"
LOGOUT_REDIRECT_URL = "/accounts/login/"

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [_shipped("locale")]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [_shipped("static")]
# Production serves hashed, compressed files from STATIC_ROOT through WhiteNoise (``make serve``
# runs collectstatic); a development run serves them from the source folders.
STATIC_MANIFEST = env.bool("STATIC_MANIFEST", default=not DEBUG)
# Documents (uploads) go through Django's storage API (``default_storage``): a local folder by
# default; S3-compatible object storage (django-storages, boto3 from the s3 extra) with
# DOCUMENT_STORAGE=s3. Every node of a fleet must use the same storage: a shared bucket, or one
# folder every node mounts.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
DOCUMENT_STORAGE = env.str("DOCUMENT_STORAGE", default="local")
if DOCUMENT_STORAGE == "local":
    _DOCUMENT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif DOCUMENT_STORAGE == "s3":
    _DOCUMENT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            # Any S3-compatible service (MinIO, Alibaba Cloud OSS, Ceph): its endpoint URL.
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            # Credentials: S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, or boto3's own chain when unset
            # (AWS_* variables, an instance role).
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default="documents"),
            # Documents are private: no public ACL, and links are signed and expire.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env.int("S3_URL_EXPIRE_SECONDS", default=300),
            "file_overwrite": False,
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="") or None,
        },
    }
else:
    raise ImproperlyConfigured("DOCUMENT_STORAGE must be 'local' or 's3'.")
STORAGES = {
    "default": _DOCUMENT_STORAGE,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_MANIFEST
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# A cache every worker process shares (API throttle counters, the RPC facade's per-key counters):
# a file cache by default, exact across the workers of one machine; CACHE_URL=redis://host:6379/1
# for several nodes (README, "Running a fleet"). redis:// and rediss:// use Django's own Redis
# backend (the redis client and hiredis are in the default install), not django-redis.
CACHE_URL = env.str("CACHE_URL", default=f"filecache://{BASE_DIR / '.cache' / 'django'}")
CACHES = {
    "default": environ.Env.cache_url_config(
        CACHE_URL,
        backend="django.core.cache.backends.redis.RedisCache"
        if CACHE_URL.split(":", 1)[0] in ("redis", "rediss", "rediscache")
        else None,
    )
}
# django-environ lower-cases the general options of a URL for Django's Redis backend
# (?key_prefix=icp came out as "key_prefix", which Django ignores): put them back.
for _option in ("key_prefix", "timeout", "version", "key_function", "max_entries", "cull_frequency"):
    if _option in CACHES["default"]:
        CACHES["default"][_option.upper()] = CACHES["default"].pop(_option)
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # An unreachable Redis fails fast instead of holding a request for the TCP timeout.
    CACHES["default"].setdefault("OPTIONS", {})
    CACHES["default"]["OPTIONS"].setdefault("socket_connect_timeout", 2)
    CACHES["default"]["OPTIONS"].setdefault("socket_timeout", 2)

# --- Domain ---------------------------------------------------------------------------------
ICP_DURATION_RULE = env.str("ICP_DURATION_RULE", default="remaining")
if ICP_DURATION_RULE not in ("remaining", "cumulative"):
    raise ImproperlyConfigured("ICP_DURATION_RULE must be 'remaining' or 'cumulative'.")

# --- Sandbox controls (SPEC 4.6, simulator/) ---------------------------------------------------
# SIMULATOR_SEED: every generated id, number and code comes from streams seeded with it
# (icpconsole/core/generators.py). SIMULATOR_WORLD: a world file (JSON or YAML) loaded by
# ``migrate`` into an empty world. ICP_REVIEW_MODE: the review mode a reset starts from.
SIMULATOR_SEED = env.str("SIMULATOR_SEED", default="") or None
SIMULATOR_WORLD = env.str("SIMULATOR_WORLD", default="") or None
ICP_REVIEW_MODE = env.str("ICP_REVIEW_MODE", default="manual")
if ICP_REVIEW_MODE not in ("manual", "auto"):
    raise ImproperlyConfigured("ICP_REVIEW_MODE must be 'manual' or 'auto'.")
# ICP_PROVIDER: the provider profile a reset starts from (SPEC 3.14); staff switch it at run time.
ICP_PROVIDER = env.str("ICP_PROVIDER", default="alibaba")
if ICP_PROVIDER not in ("alibaba", "tencent", "huawei"):
    raise ImproperlyConfigured("ICP_PROVIDER must be 'alibaba', 'tencent' or 'huawei'.")

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: DRF answers 401 (not 403) to anonymous callers only when the first
    # authenticator sends a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "icpconsole.accounts.api.authentication.ExpiringTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # DRF's parsers, with JSON nested too deeply for Python refused as malformed (not a 500).
    "DEFAULT_PARSER_CLASSES": [
        "icpconsole.core.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "icpconsole.core.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "icpconsole.core.api.errors.exception_handler",
    # Room for automation (SPEC 4.2: at least 600 requests a minute per account).
    # Exact counts across workers (and, on Redis, nodes): icpconsole/core/api/throttling.py.
    "DEFAULT_THROTTLE_CLASSES": [
        "icpconsole.core.api.throttling.UserRateThrottle",
        "icpconsole.core.api.throttling.AnonRateThrottle",
    ],
    # The client's address is REMOTE_ADDR, which TrustedProxyMiddleware sets from X-Forwarded-For
    # only when a trusted proxy sent it (DRF would otherwise believe anyone's X-Forwarded-For).
    "NUM_PROXIES": 0,
    "DEFAULT_THROTTLE_RATES": {
        "user": env.str("API_THROTTLE_USER", default="1200/min"),
        "anon": env.str("API_THROTTLE_ANON", default="300/min"),
        # The console's public ICP record query, per address, like the API's anonymous rate.
        "public_query": env.str("PUBLIC_QUERY_THROTTLE", default="300/min"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "ICP Filing Console Simulator API",
    "DESCRIPTION": "REST API of the simulated Alibaba Cloud ICP Filing (Bei'An) console.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Choice sets shared by several filing components get one name each.
    "ENUM_NAME_OVERRIDES": {
        "AccessKeyStatusEnum": "openapi.models.AccessKeyStatus.values",
        "FilingStageEnum": "filings.models.Stage.values",
        "FilingOrderTypeEnum": "filings.models.OrderType.values",
        "SubjectKindEnum": "filings.models.SubjectKind.values",
        "SubjectStatusEnum": "filings.models.SubjectStatus.values",
        "WebsiteStatusEnum": "filings.models.WebsiteStatus.values",
        "RegistryStatusEnum": "filings.models.RegistryStatus.values",
        "PhoneMessageKindEnum": "filings.models.MessageKind.values",
        "ProvinceEnum": "filings.provinces.PROVINCE_VALUES",
        "DocumentKindEnum": "filings.precheck.DOCUMENT_KIND_VALUES",
        "ContentCategoryEnum": "filings.precheck.CONTENT_CATEGORY_VALUES",
        # An app's input takes every category (a website's is refused by the pre-check, SPEC 3.11).
        "AppContentCategoryEnum": "filings.precheck.ALL_CONTENT_CATEGORIES",
    },
}

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline scripts anywhere: console JS lives in static files (inline style attributes are
# allowed, which the admin and Swagger UI use).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Proxies (load balancers) whose X-Forwarded-For / X-Forwarded-Proto are believed: addresses or
# networks, comma-separated (e.g. 10.0.0.0/8,127.0.0.1). From any other peer those headers are
# dropped before Django reads them (TrustedProxyMiddleware), and gunicorn.conf.py gives gunicorn
# the same list. Empty (the default): no proxy is trusted.
TRUSTED_PROXIES = env.list("TRUSTED_PROXIES", default=[])
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy)
    except ValueError:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network.") from None
if TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
elif env.bool("USE_X_FORWARDED_PROTO", default=False):
    raise ImproperlyConfigured(
        "USE_X_FORWARDED_PROTO is replaced by TRUSTED_PROXIES: list the proxies' addresses instead."
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}
