# syntax=docker/dockerfile:1
# Build: wheels in a throwaway stage, then a slim non-root runtime.
FROM python:3.11-slim AS build
WORKDIR /src
RUN pip install --no-cache-dir --upgrade pip wheel
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    CORRIDOR_ENVIRONMENT=production \
    CORRIDOR_HOME=/var/lib/corridor
RUN groupadd --system corridor && useradd --system --gid corridor --home /app corridor \
    && mkdir -p /var/lib/corridor && chown corridor:corridor /var/lib/corridor
WORKDIR /app
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
COPY alembic.ini ./
COPY migrations ./migrations
USER corridor
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2).status == 200 else 1)"
# DATABASE_URL must point at PostgreSQL: the embedded server is for development only.
CMD ["corridor", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "4"]
