# One image for web, worker and beat (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml ./
COPY . .
RUN pip install . && useradd --create-home lea && mkdir -p /app/var/media && chown -R lea /app/var
RUN DEBUG=1 SECRET_KEY=build-only STATIC_ROOT=/app/static python manage.py collectstatic --no-input -v 0
ENV STATIC_ROOT=/app/static

USER lea
EXPOSE 8000
# Workers, threads and timeouts: LEA_WEB_* variables, documented in lea/config/gunicorn.py.
CMD ["gunicorn", "lea.config.wsgi", "-c", "lea/config/gunicorn.py"]
