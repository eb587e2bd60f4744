"""Settings of the SPRO portal, read from the environment.

The defaults give a working local run (SQLite, console email, eager Celery, DEBUG on);
production switches on real services with DATABASE_URL, REDIS_URL, EMAIL_URL-like variables.
Every variable is listed and explained in `.env.example`.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    return env(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEFAULT_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"
DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", DEFAULT_SECRET_KEY)
if not DEBUG and SECRET_KEY == DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY doit être défini quand DEBUG est désactivé.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = "Portail du SPRO"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "django_filters",
    "django_htmx",
    "csp",
    "spro_portal",
    "spro_portal.digest",
    "spro_portal.privacy",
    "members",
    "practices",
    "indicators",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "spro_portal.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: ends idle or too old sessions (LoginRequiredMiddleware then redirects).
    "spro_portal.privacy.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "members.middleware.ActorMiddleware",
]

ROOT_URLCONF = "spro_portal.urls"
WSGI_APPLICATION = "spro_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "spro_portal.context_processors.portal",
            ],
            "builtins": ["spro_portal.templatetags.portal"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A few people at once on the embedded database: writers take the lock when their transaction starts and
    # queue for it (up to 20 s) instead of failing with "database is locked"; WAL lets reads run during a write.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "spro_portal.cache.RedisCache",  # Django's, sharing its client (spro_portal/cache.py)
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Seconds a person's roles (members.actor.cached_actor) stay in the cache, renewed by any change to them. Only with
# a cache every process shares (Redis): a local memory cache would miss the renewals made by the other processes.
ACTOR_CACHE_SECONDS = int(env("ACTOR_CACHE_SECONDS", "300" if REDIS_URL else "0"))
# Seconds the header's count of unread notifications stays in the cache (Redis only), forgotten by every change.
UNREAD_COUNT_CACHE_SECONDS = int(env("UNREAD_COUNT_CACHE_SECONDS", "120" if REDIS_URL else "0"))

# Seconds a shared piece of page (spro_portal/fragments.py: a list's row, a post) stays in the cache; its key changes
# with what it shows, so this only bounds the memory of entries nobody asks for any more. Redis only, like the above.
FRAGMENT_CACHE_SECONDS = int(env("FRAGMENT_CACHE_SECONDS", "86400" if REDIS_URL else "0"))

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email login, mandatory verification, no account enumeration, rate limits on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_FORMS = {"signup": "members.forms.memberships.JoinRequestSignupForm"}
# Links under SITE_URL (spro_portal.account_adapter), and a join request reaches referents once its e-mail is verified.
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[SPRO] "

INVITATION_VALIDITY_DAYS = 14
# An indicator proposal is adopted only once positions came from at least this many different structures.
INDICATOR_ADOPTION_MIN_STRUCTURES = 3
# Every uploaded file (evidence, resources) is checked against this size (spro_portal.uploads).
UPLOAD_MAX_BYTES = int(env("UPLOAD_MAX_BYTES", str(20 * 1024 * 1024)))

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
# The portal's wording wins over Django's and allauth's translations (« e-mail », never « courriel »).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/fichiers/"  # never served directly: downloads go through permission-checked views
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Portail du SPRO <ne-pas-repondre@spro.example.fr>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis when REDIS_URL is set, otherwise tasks run eagerly in-process.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Schedule in code (celery beat, CELERY_TIMEZONE): the digests of the period that has just ended.
CELERY_BEAT_SCHEDULE = {
    "digest-monthly": {
        "task": "spro_portal.digest.tasks.plan_digests",
        "schedule": crontab(minute=0, hour=7, day_of_month=1),
        "args": ("monthly",),
    },
    "digest-weekly": {
        "task": "spro_portal.digest.tasks.plan_digests",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        "args": ("weekly",),
    },
    "digest-resume": {"task": "spro_portal.digest.tasks.resume_digests", "schedule": crontab(minute="*/30")},
    # Personal data past its retention limit (RETENTION_DAYS) is deleted every night.
    "privacy-retention": {
        "task": "spro_portal.privacy.tasks.purge_personal_data",
        "schedule": crontab(hour=3, minute=15),
    },
    # Referents of structures that have not submitted are reminded 7 days and 1 day before a campaign's deadline.
    "indicators-deadline-reminders": {
        "task": "indicators.tasks.send_deadline_reminders",
        "schedule": crontab(hour=7, minute=30),
    },
}

# Digests (spro_portal.digest): people per chunk task, built, sent and marked together (so also how many sends a
# killed worker leaves « uncertain » at most); a send claimed longer ago than the timeout is « uncertain ».
DIGEST_CHUNK_SIZE = int(env("DIGEST_CHUNK_SIZE", "200"))
DIGEST_CLAIM_TIMEOUT = 15 * 60
DIGEST_UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365  # seconds an unsubscribe link stays valid

# Security headers: strict CSP (own host only, no inline script or style).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "spro_portal.views.csrf_failure"
SESSION_COOKIE_HTTPONLY = True
# With Redis, a session is read from the cache (written to both): one query fewer on every request. The database
# rows stay the reference that privacy's session list and its « end this session » go through (SessionStore.delete).
SESSION_ENGINE = env(
    "SESSION_ENGINE",
    "django.contrib.sessions.backends.cached_db" if REDIS_URL else "django.contrib.sessions.backends.db",
)
# Shared computers (a CIO's or a Mission locale's reception desk): a session ends after SESSION_IDLE_TIMEOUT seconds
# without a request and SESSION_ABSOLUTE_LIFETIME seconds after the login whatever the activity
# (spro_portal.privacy.sessions), and its cookie dies with the browser.
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT", str(2 * 60 * 60)))
SESSION_ABSOLUTE_LIFETIME = int(env("SESSION_ABSOLUTE_LIFETIME", str(12 * 60 * 60)))
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Personal data (spro_portal.privacy): after how many days each kind is purged by the nightly beat task
# `privacy-retention` (`manage.py purge_personal_data --dry-run` shows the counts). The « Données personnelles » page
# quotes these figures.
RETENTION_DAYS = {
    # accounts whose e-mail address was never confirmed, counted from the sign-up
    "unverified_signups": int(env("RETENTION_UNVERIFIED_SIGNUPS_DAYS", "30")),
    # invitations not accepted, counted from their expiry
    "expired_invitations": int(env("RETENTION_EXPIRED_INVITATIONS_DAYS", "90")),
    # the record of each digest sent (period, status), counted from its creation
    "digest_deliveries": int(env("RETENTION_DIGEST_DELIVERIES_DAYS", "365")),
    # login records (start, last activity, IP prefix, browser), counted from the last activity
    "login_records": int(env("RETENTION_LOGIN_RECORDS_DAYS", "180")),
    # the ZIP files of « Mes données », counted from when they were made
    "personal_data_exports": int(env("RETENTION_PERSONAL_DATA_EXPORTS_DAYS", "7")),
}
# Legal pages: who publishes the portal, who hosts it, whom to write to about personal data and accessibility.
LEGAL_PUBLISHER = env("LEGAL_PUBLISHER", "Région, Service public régional de l'orientation (SPRO)")
LEGAL_PUBLISHER_ADDRESS = env("LEGAL_PUBLISHER_ADDRESS", "Hôtel de Région, 1 place de la Région, 35000 Rennes")
LEGAL_PUBLICATION_DIRECTOR = env("LEGAL_PUBLICATION_DIRECTOR", "La présidente ou le président du conseil régional")
LEGAL_HOST = env("LEGAL_HOST", "Hébergeur à renseigner (nom, adresse, téléphone)")
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", "dpo@spro.example.fr")
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", "accessibilite@spro.example.fr")
# The conformity state the accessibility statement declares (RGAA 4.1), and when the statement was written.
ACCESSIBILITY_STATUS = "partiellement conforme"
ACCESSIBILITY_STATEMENT_DATE = "2026-12-01"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
