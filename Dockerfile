# MY SPHERE: the web app built in a Node stage, served with the API by gunicorn on
# python:3.11-slim, non-root, migrations at start.
FROM node:24-slim AS web
WORKDIR /web
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Dependencies first: this layer is cached until requirements.txt changes.
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
COPY --from=web /web/dist frontend/dist

# Static files (admin, Swagger UI, ReDoc) are collected at build time; whitenoise
# serves them. A throwaway key is enough for collectstatic.
RUN SECRET_KEY=collectstatic-only-build-time-key-0123456789 ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput -v 0 \
    && python -m whitenoise.compress -q frontend/dist \
    && useradd --create-home --uid 10001 mysphere \
    && chown -R mysphere:mysphere /app \
    && chmod +x docker/entrypoint.sh

USER mysphere
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "docker/healthcheck.py"]

ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["gunicorn", "mysphere_core.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
