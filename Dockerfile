# syntax=docker/dockerfile:1
# One image for every Kejian process: the API, the migration job, the Celery workers and beat.
# docker-compose.yml picks the process with `command:`; the default below is the API.
# The web UI, bundled at build time with Debian's nodejs/npm and packages from the npm registry
# (pinned by package-lock.json); the image serves the result and never fetches from a CDN.
FROM python:3.11-slim-bookworm AS ui
RUN apt-get update \
    && apt-get install -y --no-install-recommends nodejs npm \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /ui
COPY review_ui/package.json review_ui/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY review_ui/build.mjs review_ui/publish.mjs review_ui/index.html ./
COPY review_ui/src ./src
RUN node build.mjs

FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PYTHONPATH=/app \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    MALLOC_ARENA_MAX=2 \
    KEJIAN_VAR_DIR=/var/lib/kejian

# ffmpeg provides both ffmpeg and ffprobe (KEJIAN_FFMPEG_BINARY and KEJIAN_FFPROBE_BINARY default to them on PATH).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged runtime user. The var directories are created here, owned by that user, so
# named volumes mounted on them start out writable (Docker copies ownership into new volumes).
RUN groupadd --system --gid 10001 kejian \
    && useradd --system --uid 10001 --gid kejian --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin kejian \
    && install -d -o kejian -g kejian -m 0750 \
        /var/lib/kejian /var/lib/kejian/scratch /var/lib/kejian/beat

WORKDIR /app

# Dependencies first so code changes do not invalidate the pip layer.
COPY requirements.txt requirements-nodeps.txt ./
RUN pip install -r requirements.txt \
    && pip install --no-deps -r requirements-nodeps.txt

# Application code, copied package by package: the image never picks up .venv, .git,
# var/ or a local .env with real secrets. Add new top-level packages here
# (tests/deploy/test_compose.py fails if one is missing).
COPY alembic.ini ./
COPY config ./config
COPY db ./db
COPY domain ./domain
COPY storage ./storage
COPY pipeline ./pipeline
COPY workers ./workers
COPY api ./api
COPY --from=ui /ui/dist ./review_ui/dist

USER kejian

EXPOSE 8000

CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000"]
