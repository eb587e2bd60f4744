# Image of the portal: one image for web (gunicorn), Celery worker and Celery beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

# Hashed, compressed static files for WhiteNoise. The key only lets settings load at build time (DEBUG=false
# refuses the default key); the real one comes from the environment at run time.
RUN DEBUG=false SECRET_KEY=build-time-only-not-a-secret python manage.py collectstatic --noinput

RUN useradd --system --create-home --uid 10001 spro \
    && mkdir -p /app/media \
    && chown spro:spro /app/media
USER spro

EXPOSE 8000

# gunicorn 27 opens a control socket in ~/.gunicorn unless told not to; heartbeat files go to memory.
CMD ["gunicorn", "spro_portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--workers", "3", \
     "--worker-tmp-dir", "/dev/shm", \
     "--no-control-socket", \
     "--access-logfile", "-"]
