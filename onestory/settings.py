"""OneStory's one settings module. Every value comes from the environment; bad values stop start-up.

Environment variables (see README.md, "Configuration"):

- ``ONESTORY_ENV``: ``demo`` (default) or ``production``.
- ``DATABASE_URL``: ``sqlite:///path`` or ``postgres://user:password@host:port/name``;
  defaults to ``var/onestory.sqlite3``.
- ``SECRET_KEY``: required in production; generated once into ``var/secret_key`` for the demo.
- ``ONESTORY_DEBUG``: show Django's debug pages (demo only; refused in production).
- ``ONESTORY_ALLOWED_HOSTS``: comma-separated host names.
- ``ONESTORY_IDLE_TIMEOUT_MINUTES``: sign staff out after this long without a request (default 30).
- ``ONESTORY_EXIT_URL``: where "Exit this page" takes a person (default BBC Weather).
- ``ONESTORY_FIRST_CONTACT_TARGETS``: hours to first contact by urgency
  (default ``urgent=4,high=24,standard=72``).
- ``ONESTORY_EMERGENCY_ACCESS_MINUTES``: how long emergency access to a record lasts (default 60).
- ``ONESTORY_RETENTION_YEARS``: years after a person's last record closed that
  ``onestory retention`` deletes them (default 6).
- ``ONESTORY_MARAC_REMINDER_DAYS``: days before a MARAC action is due that its owners are
  reminded (default 7).
- ``ONESTORY_MARAC_ASSESSMENT_MAX_AGE_DAYS``: how old a risk assessment may be for a MARAC
  referral to rely on it alone (default 28).
- ``ONESTORY_THROTTLE_PUBLIC_FORMS``, ``ONESTORY_THROTTLE_API_ADDRESS``,
  ``ONESTORY_THROTTLE_API_TOKEN``: rate limits, like ``20/hour``; ``ONESTORY_PROXY_COUNT``:
  trusted proxies in front of the servers.

``DATABASE_OWNER_URL`` (the owner role, for migrations) is read by the ``onestory`` command,
not here: the server always connects through ``DATABASE_URL`` (onestory/cli.py).
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from onestory.config import Env, database_url, secret_key
from onestory.disclosure.timetable import DEFAULT_TIMETABLE, TimetableError, parse_timetable
from onestory.intake.targets import DEFAULT_TARGETS, parse_first_contact_targets

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = Env()

ONESTORY_ENV = env.choice("ONESTORY_ENV", ("demo", "production"), "demo")
PRODUCTION = ONESTORY_ENV == "production"

DEBUG = env.bool("ONESTORY_DEBUG", False)
if DEBUG and PRODUCTION:
    raise ImproperlyConfigured("ONESTORY_DEBUG cannot be on when ONESTORY_ENV=production.")

SECRET_KEY = secret_key(env, production=PRODUCTION, key_file=VAR_DIR / "secret_key")

ALLOWED_HOSTS = env.list(
    "ONESTORY_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ONESTORY_ALLOWED_HOSTS must name the site's host in production.")

INSTALLED_APPS = [
    "onestory.core",
    "onestory.audit",
    "onestory.accounts",
    "onestory.access",
    "onestory.people",
    "onestory.records",
    "onestory.intake",
    "onestory.risk",
    "onestory.cases",
    "onestory.directory",
    "onestory.referrals",
    "onestory.marac",
    "onestory.encompass",
    "onestory.accommodation",
    "onestory.harm",
    "onestory.disclosure",
    "onestory.reviews",
    "onestory.linkage",
    "onestory.training",
    "onestory.governance",
    "onestory.returns",
    "onestory.voice",
    "onestory.home",
    "onestory.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "onestory.api.throttles.AddressThrottleMiddleware",  # before the API reads anything
    "onestory.api.middleware.RefuseNulMiddleware",  # 400, not a database error, for a NUL
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address alone: no cookie, no browser setting (decision 0066).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "onestory.core.middleware.NoStoreForSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "onestory.accounts.middleware.IdleTimeoutMiddleware",  # after OTP and messages
    "axes.middleware.AxesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "onestory.urls"
WSGI_APPLICATION = "onestory.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "onestory.home.context_processors.service",
            ],
            # Dates and times written the GOV.UK way, on every page ("10:49am").
            "builtins": ["onestory.core.templatetags.govuk_dates"],
        },
    },
]

FORM_RENDERER = "onestory.core.forms.GovukFormRenderer"

# Connections are kept for a minute, and checked before the first query of each request, so
# that one the database dropped (a restart, say) is opened again rather than failing.
DATABASES = {
    "default": dj_database_url.parse(
        database_url(env, BASE_DIR), conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # must come first: it refuses locked-out attempts
    "onestory.accounts.backends.StaffBackend",
]
LOGIN_URL = "accounts:sign-in"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:signed-out"

# Wrong passwords (django-axes): after 5 for one username from one address, that pair may
# not sign in for 15 minutes (a failure meanwhile starts the wait again). Keying on the
# pair means nobody can lock a colleague out from elsewhere; a correct sign-in clears it.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "onestory.accounts.views.sign_in.locked_out"

# Two-step verification (django-otp): authenticator apps list the account under this name.
OTP_TOTP_ISSUER = "OneStory"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
# The public pages' languages (docs/decisions/0066-public-pages-in-the-areas-languages.md):
# each public address also answers under /<code>/ in that language. Staff pages stay English.
LANGUAGES = [
    ("en-gb", "English"),
    ("ar", "العربية"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("ur", "اردو"),
]
LOCALE_PATHS = [BASE_DIR / "onestory" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# onestory/static holds the service's own files and, under build/, the design systems'
# files that `npm run build` makes from node_modules.
STATICFILES_DIRS = [BASE_DIR / "onestory" / "static"]
# Production collects static files into one folder; the demo serves them from the app folders.
STATIC_ROOT = Path(env.str("ONESTORY_STATIC_ROOT", str(VAR_DIR / "static"))) if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = VAR_DIR / "documents"

# Sessions: staff are signed out after a spell of idleness; nothing outlives the browser.
IDLE_TIMEOUT_MINUTES = env.int("ONESTORY_IDLE_TIMEOUT_MINUTES", 30, minimum=1, maximum=24 * 60)
# onestory.accounts.middleware.IdleTimeoutMiddleware signs staff out after the idle time;
# the session itself lasts longer only so that the sign-in page can then say why.
SESSION_COOKIE_AGE = (IDLE_TIMEOUT_MINUTES + 12 * 60) * 60
# The idle-timeout middleware writes the session at most once a minute; no other saves needed.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ENGINE = "onestory.accounts.sessions"  # an update is one statement: see the module
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "onestory.home.views.csrf_failure"

# Email (MARAC action reminders, password resets): printed to the console in demo mode; in
# production sent through the partnership's SMTP relay, which must be named.
if PRODUCTION:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("ONESTORY_EMAIL_HOST")
    EMAIL_PORT = env.int("ONESTORY_EMAIL_PORT", 587, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env.str("ONESTORY_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = env.str("ONESTORY_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = env.bool("ONESTORY_EMAIL_TLS", True)
    EMAIL_TIMEOUT = 20
    DEFAULT_FROM_EMAIL = env.str("ONESTORY_EMAIL_FROM")
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
    DEFAULT_FROM_EMAIL = env.str("ONESTORY_EMAIL_FROM", "OneStory <no-reply@onestory.invalid>")
# A password reset link works once, for this long.
PASSWORD_RESET_TIMEOUT = 60 * 60

# Production hardening: HTTPS only.
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = PRODUCTION and env.bool("ONESTORY_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if PRODUCTION else None
SECURE_CONTENT_TYPE_NOSNIFF = True
# same-origin, not no-referrer: browsers send "Origin: null" on form posts under no-referrer,
# which Django's CSRF check rightly refuses. Nothing is sent to other sites either way.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content Security Policy: nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# The REST API: DRF with an OpenAPI 3 schema from drf-spectacular.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # The bearer token comes first, so an unauthenticated request gets 401, not 403.
        "onestory.api.authentication.BearerTokenAuthentication",
        "onestory.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["onestory.api.permissions.RolePermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "EXCEPTION_HANDLER": "onestory.api.exceptions.handle_exception",
    # Per client address: onestory.api.throttles.AddressThrottleMiddleware.
    "DEFAULT_THROTTLE_CLASSES": ["onestory.api.throttles.TokenThrottle"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "OneStory API",
    "DESCRIPTION": "The shared case system of a local domestic abuse partnership.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Every operation's refusals (400, 401, 403, 404, 429, 503): see onestory/api/schema.py.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "onestory.api.schema.document_refusals",
    ],
    # One name for a choice set several fields share.
    "ENUM_NAME_OVERRIDES": {
        "YesNoPreferEnum": "onestory.people.models.choices.YesNoPrefer",
        "MaracActionStatusEnum": "onestory.marac.models.plans.ActionStatus",
        "MaracMeetingStatusEnum": "onestory.marac.models.maracs.MeetingStatus",
        "OnwardReferralConsentEnum": "onestory.referrals.choices.Consent",
        "OnwardReferralDeclineReasonEnum": "onestory.referrals.choices.DeclineReason",
    },
}

# Emergency ("break the glass") access to another agency's record lasts this long.
EMERGENCY_ACCESS_MINUTES = env.int(
    "ONESTORY_EMERGENCY_ACCESS_MINUTES", 60, minimum=1, maximum=24 * 60
)

# MARAC action owners are emailed this many days before an action is due.
# Records closed longer ago than this are deleted by `onestory retention` (decision 0046).
RETENTION_YEARS = env.int("ONESTORY_RETENTION_YEARS", 6, minimum=1, maximum=100)
MARAC_REMINDER_DAYS = env.int("ONESTORY_MARAC_REMINDER_DAYS", 7, minimum=1, maximum=60)

# A MARAC referral relies on current risk: an assessment older than this many days is not
# enough on its own (a new DASH, or professional judgement with a reason, is needed).
MARAC_ASSESSMENT_MAX_AGE_DAYS = env.int(
    "ONESTORY_MARAC_ASSESSMENT_MAX_AGE_DAYS", 28, minimum=1, maximum=365
)

# The front door's first-contact targets, in hours, by urgency.
FIRST_CONTACT_TARGETS = parse_first_contact_targets(
    env.str("ONESTORY_FIRST_CONTACT_TARGETS", DEFAULT_TARGETS)
)

# The disclosure scheme's timetable: each step's target after the first contact, in working
# days ("10wd") or calendar days ("28d"); see onestory/disclosure/timetable.py.
try:
    DISCLOSURE_TIMETABLE = parse_timetable(
        env.str("ONESTORY_DISCLOSURE_TIMETABLE", DEFAULT_TIMETABLE)
    )
except TimetableError as error:
    raise ImproperlyConfigured(f"ONESTORY_DISCLOSURE_TIMETABLE: {error}") from None

# Rate limits (onestory/core/throttles.py): per client address for the public forms' POSTs
# and for every API request, and per API token (or signed-in member of staff) for the API.
# Counted in the database, which every server process shares.
THROTTLE_PUBLIC_FORMS = env.rate("ONESTORY_THROTTLE_PUBLIC_FORMS", "20/hour")
THROTTLE_API_ADDRESS = env.rate("ONESTORY_THROTTLE_API_ADDRESS", "1200/minute")
THROTTLE_API_TOKEN = env.rate("ONESTORY_THROTTLE_API_TOKEN", "600/minute")
# How many trusted proxies (a load balancer, say) stand in front of the servers: the client's
# address is then taken from X-Forwarded-For, as the outermost proxy saw it.
PROXY_COUNT = env.int("ONESTORY_PROXY_COUNT", 0, minimum=0, maximum=5)

# Public pages.
EXIT_URL = env.str("ONESTORY_EXIT_URL", "https://www.bbc.co.uk/weather")
SERVICE_NAME = "OneStory"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
