"""Security settings: authentication, JWT, throttles, CORS, hashers and headers.

Imported at the end of `settings.py`; `.env` has already been read by then.
"""

from datetime import timedelta

import environ
from corsheaders.defaults import default_headers

env = environ.Env()
_DEBUG = env.bool("DEBUG", default=False)

# Failed logins to the admin site are counted per username and address (django-axes,
# in the database: shared by every worker); the API's logins have their own throttle.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ONLY_ADMIN_SITE = True
AXES_FAILURE_LIMIT = env.int("ADMIN_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(
    minutes=env.int("ADMIN_LOGIN_COOLOFF_MINUTES", default=15)
)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_IPWARE_PROXY_COUNT = env.int("NUM_PROXIES", default=0) or None

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # simplejwt's, refusing the access tokens of a logged-out session too.
        "users.sessions.SessionJWTAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "mysphere_core.pagination.StandardPagination",
    # One filtering style: FilterSets, unknown or malformed parameters a 400.
    "DEFAULT_FILTER_BACKENDS": ["mysphere_core.filters.StrictFilterBackend"],
    # JSON only; the browsable API only while developing.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if _DEBUG else []),
    ],
    "DEFAULT_SCHEMA_CLASS": "mysphere_core.schema.ErrorsAutoSchema",
    "EXCEPTION_HANDLER": "mysphere_core.exceptions.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "mysphere_core.throttling.AnonRateThrottle",
        "mysphere_core.throttling.UserRateThrottle",
        "mysphere_core.throttling.ScopedRateThrottle",
    ],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": (
        "mysphere_core.parsers.JSONFallbackNegotiation"
    ),
    "DEFAULT_PARSER_CLASSES": [
        "mysphere_core.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # Proxies in front of the app whose X-Forwarded-For may be trusted (0: none, so a
    # client cannot pick its own address to dodge the throttles).
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_ANON", default="100/hour"),
        "user": env("THROTTLE_USER", default="2000/hour"),
        "auth": env("THROTTLE_AUTH", default="10/minute"),
        "refresh": env("THROTTLE_REFRESH", default="60/minute"),
        "ai": env("THROTTLE_AI", default="30/minute"),
        # the assistant's chat, as BudgetWise's seed says
        "assistant": env("THROTTLE_ASSISTANT", default="10/minute"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "COERCE_DECIMAL_TO_STRING": True,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(
        minutes=env.int("JWT_ACCESS_TOKEN_LIFETIME_MINUTES", default=15)
    ),
    "REFRESH_TOKEN_LIFETIME": timedelta(
        days=env.int("JWT_REFRESH_TOKEN_LIFETIME_DAYS", default=7)
    ),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    # Access tokens die with a password change or reset, not 15 minutes later.
    "CHECK_REVOKE_TOKEN": True,
    "AUTH_HEADER_TYPES": ("Bearer",),
}

# The React app's dev servers: create-react-app (3000) and Vite (5173).
CORS_ALLOWED_ORIGINS = env.list(
    "CORS_ALLOWED_ORIGINS",
    default=[
        "http://localhost:3000",
        "http://127.0.0.1:3000",
        "http://localhost:5173",
        "http://127.0.0.1:5173",
    ],
)
# Trusted for CSRF (admin forms) and by the web app's sign-in cookie
# (users/web_client.py).
CSRF_TRUSTED_ORIGINS = env.list(
    "CSRF_TRUSTED_ORIGINS",
    default=[
        "http://localhost:3000",
        "http://localhost:5173",
        "http://127.0.0.1:5173",
    ],
)
CORS_ALLOW_CREDENTIALS = True
# The web app names itself on its sign-in calls (users/web_client.py).
CORS_ALLOW_HEADERS = (*default_headers, "x-mysphere-client")

# Security headers. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER=True so
# Django trusts X-Forwarded-Proto; SECURE_SSL_REDIRECT can be switched off when the
# proxy already redirects.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
if env.bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not _DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # Health probes come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^health/$", r"^ready/$"]
