FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY prozessbibliothek prozessbibliothek
COPY kommunen kommunen
COPY modelle modelle
COPY schulungen schulungen
RUN pip install --no-cache-dir .
COPY . .
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-xx \
    python manage.py collectstatic --noinput
RUN useradd --system --uid 1000 app && mkdir -p /app/var && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "prozessbibliothek.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
