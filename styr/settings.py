"""Django settings for Styr, all read from the environment.

DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS and
SECURE_SSL_REDIRECT; see the defaults below. Development defaults need no
environment at all; production needs at least DEBUG=0, SECRET_KEY and
ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = PACKAGE_DIR.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set in the environment when DEBUG is off "
            "(use a long random string, e.g. from "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = "django-insecure-styr-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "axes",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "styr.accessibility",
    "styr.accounts",
    "styr.organisations",
    "styr.planning",
    "styr.decisions",
    "styr.followup",
    "styr.documents",
    "styr.audit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Content-Security-Policy and Permissions-Policy on every page (not on static files,
    # which WhiteNoise answers above them).
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "styr.language.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Records who made each change in the audit trail.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Answers a refused step with its reason (409) and logs refusals as events.
    "styr.audit.middleware.RefusalMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Users, roles and login.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "planning:start"
LOGOUT_REDIRECT_URL = "planning:start"
# Failed logins: after five for one user name from one address, that pair waits 15 minutes;
# after thirty for any user names from one address, the address waits (styr.accounts.lockout),
# which leaves an office behind one address room for its people's typing mistakes.
AXES_HANDLER = "styr.accounts.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = 5
STYR_LOGIN_FAILURES_PER_ADDRESS = 30
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
SESSION_COOKIE_AGE = 60 * 60 * 10  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

ROOT_URLCONF = "styr.urls"
WSGI_APPLICATION = "styr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user@host:5432/styr; SQLite under var/ by default.
if not os.environ.get("DATABASE_URL"):
    VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'styr.sqlite3'}",
        conn_max_age=60,
        conn_health_checks=True,
    )
}
# Simultaneous requests: one waits up to fifteen seconds for another's lock, then is told to try
# again (styr.audit.middleware, 503).
# A long step (approving a large report takes seconds on SQLite) holds the write lock that long;
# the others wait for it rather than being turned away, well within gunicorn's 30 s timeout.
DATABASE_WAIT_SECONDS = int(os.environ.get("DATABASE_WAIT_SECONDS", "15"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "styr.sqlite"
    # Readers do not wait for the writer (WAL). A transaction takes the write lock as it
    # begins (IMMEDIATE), waiting for it if need be: one that first read and only then wanted
    # to write, while another wrote, could only be refused at once ("database is locked").
    DATABASES["default"]["OPTIONS"] = {
        "timeout": DATABASE_WAIT_SECONDS,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A row another request has locked is waited for as long, then the request gives up.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c lock_timeout={DATABASE_WAIT_SECONDS}s"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Swedish first, English as the alternative.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Swedish number formats (1 385,60) where a template asks for them with floatformat:"2g";
# not everywhere, or ids in addresses and element ids would get spaces too.
USE_THOUSAND_SEPARATOR = False
TIME_ZONE = "Europe/Stockholm"

# Static files, served by WhiteNoise.
STATIC_URL = "static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise warns at every start while collectstatic has not yet made the folder.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security. Production (DEBUG off) is assumed to run behind an HTTPS proxy (docs/security.md).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Only files from the site itself: no inline script or style, no eval, no plugins, no framing.
# The templates keep every style in styr.css and every script in a file (htmx is told not to
# add its own <style> in base.html).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
# Every powerful browser feature is off: Styr uses none of them. (Chromium on Linux, which has
# no bluetooth or web-share, warns that it does not know them; other browsers do.)
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "captured-surface-control",
        "clipboard-read",
        "clipboard-write",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "identity-credentials-get",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "otp-credentials",
        "payment",
        "picture-in-picture",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "speaker-selection",
        "storage-access",
        "usb",
        "web-share",
        "window-management",
        "xr-spatial-tracking",
    ]
}
# Cookies: no script reads them (htmx sends the CSRF token from the page, base.html), and
# none goes along with a request another site starts, except on following a plain link.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = CSRF_COOKIE_SAMESITE = LANGUAGE_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    # __Host-: the browser keeps the cookie only if it came over HTTPS for this very host
    # (no Domain, path /), so neither a subdomain nor plain HTTP can set or overwrite it.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint tells every step of a layout at INFO: only its warnings are news.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The municipality a plan document belongs to when the document does not say (import-plan).
STYR_MUNICIPALITY = os.environ.get("STYR_MUNICIPALITY", "Stockholms stad")

# Imported documents: limits (docs/security.md, "Imported documents").
# A plan or decision document larger than these is refused before it is read. The sample plan
# is 70 kB of text, 51 kB of JSON and a 40 kB PDF; a board's plan with pictures runs to a few MB.
# Text is read line by line in Python: 2 MB and 30 000 lines are read in a few seconds at worst.
STYR_IMPORT_MAX_TEXT_BYTES = int(os.environ.get("STYR_IMPORT_MAX_TEXT_BYTES", 2 * 1024 * 1024))
STYR_IMPORT_MAX_PDF_BYTES = int(os.environ.get("STYR_IMPORT_MAX_PDF_BYTES", 50 * 1024 * 1024))
STYR_IMPORT_MAX_PDF_PAGES = int(os.environ.get("STYR_IMPORT_MAX_PDF_PAGES", "1000"))
# A Word document (.docx) is a zip, also checked against the STYR_UPLOAD_MAX_* limits below.
STYR_IMPORT_MAX_WORD_BYTES = int(os.environ.get("STYR_IMPORT_MAX_WORD_BYTES", 20 * 1024 * 1024))
# Lines of text (not blank) in a plan in text or PDF: the sample has 1 400; a plan of 1 MB about
# 20 000.
STYR_IMPORT_MAX_LINES = int(os.environ.get("STYR_IMPORT_MAX_LINES", "30000"))
# Parts of a plan (goals, indicators and targets, activities, budget lines, sections …): the
# sample has 230; an import of many more is refused before anything is saved.
STYR_IMPORT_MAX_PARTS = int(os.environ.get("STYR_IMPORT_MAX_PARTS", "5000"))

# Mail: reports of accessibility problems go to ADMINS ("Name <address>", comma separated).
ADMINS = [tuple(a.strip().rstrip(">").split(" <")) for a in env_list("ADMINS") if " <" in a]
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "styr@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Follow-up. A goal's suggested assessment is "met" when its evidence scores at least
# STYR_GOAL_MET_SCORE per cent, and "partly met" from STYR_GOAL_PARTLY_SCORE (docs/followup.md).
STYR_GOAL_MET_SCORE = int(os.environ.get("STYR_GOAL_MET_SCORE", "75"))
STYR_GOAL_PARTLY_SCORE = int(os.environ.get("STYR_GOAL_PARTLY_SCORE", "40"))
# Reminders go to those whose items are due within this many days, or overdue.
STYR_REMINDER_DAYS = int(os.environ.get("STYR_REMINDER_DAYS", "7"))
# The address of the site, for the links in the reminders (mail has no request to build them).
STYR_BASE_URL = os.environ.get("STYR_BASE_URL", "http://127.0.0.1:8000")

# A plan with more indicators and activities than this opens its overview with the area goals
# folded, each loaded when opened (docs/architecture.md): whole, such a page is too long to take
# in, and too slow to render on every visit.
STYR_OVERVIEW_FOLD_FROM = int(os.environ.get("STYR_OVERVIEW_FOLD_FROM", "300"))

# Uploads (styr/uploads.py, docs/security.md). A file over STYR_UPLOAD_MAX_BYTES is refused
# unread; a workbook is refused if its zip holds more than STYR_UPLOAD_MAX_MEMBERS parts,
# unpacks to more than STYR_UPLOAD_MAX_UNPACKED bytes, or packs a part of over 1 MB more than
# STYR_UPLOAD_MAX_RATIO times (a zip bomb). Files over 2,5 MB go to a temporary file, not memory.
STYR_UPLOAD_MAX_BYTES = int(os.environ.get("STYR_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
STYR_UPLOAD_MAX_UNPACKED = int(os.environ.get("STYR_UPLOAD_MAX_UNPACKED", 50 * 1024 * 1024))
STYR_UPLOAD_MAX_MEMBERS = int(os.environ.get("STYR_UPLOAD_MAX_MEMBERS", 200))
STYR_UPLOAD_MAX_RATIO = int(os.environ.get("STYR_UPLOAD_MAX_RATIO", 100))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # the form's other fields; files are limited above
FILE_UPLOAD_HANDLERS = [
    "styr.uploads.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Documents and open data (docs/documents.md). Open data is published under this licence
# (an SPDX identifier; CC0-1.0, public domain, is what Swedish open-data guidance recommends).
STYR_OPEN_DATA_LICENCE = os.environ.get("STYR_OPEN_DATA_LICENCE", "CC0-1.0")
# Where the catalogue tells users of the data to write (DCAT's contact point).
STYR_OPEN_DATA_CONTACT = os.environ.get("STYR_OPEN_DATA_CONTACT", DEFAULT_FROM_EMAIL)

# Slow work (a PDF of a plan) runs as a task (django-tasks). "immediate" runs it inside the
# request that asks, as the embedded demo does; "database" queues it for a worker
# (`styr db_worker`), which production runs beside gunicorn so that no request waits on it.
STYR_TASKS = os.environ.get("STYR_TASKS", "immediate" if DEBUG else "database")
TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
if STYR_TASKS not in TASK_BACKENDS:
    raise ImproperlyConfigured(f"STYR_TASKS must be one of {', '.join(TASK_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASK_BACKENDS[STYR_TASKS]}}
