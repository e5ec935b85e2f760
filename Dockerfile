FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# System libraries that the compiled wheels link against and the slim image lacks (found with
# readelf/ldd on every .so in the virtualenv; `.ci/systembibliotheken` checks this list in CI):
#   libegl1, libgl1  skia-python (thumbnails) links libEGL.so.1 and libGL.so.1 — without them
#                    the worker cannot draw a single thumbnail
#   libexpat1        skia-python links libexpat.so.1 (the image has it for Python's pyexpat
#                    today; named so it stays)
#   zlib1g           libz.so.1 for the libraries bundled in the Pillow, skia-python, numpy and
#                    psycopg wheels (essential in Debian, named for the same reason)
# lxml, Pillow and psycopg[binary] bring their own libxml2, libjpeg, libpq, OpenSSL … inside
# their wheels; libc, libstdc++ and libgcc are part of every Debian image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends libegl1 libgl1 libexpat1 zlib1g \
    && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY prozessbibliothek prozessbibliothek
COPY kommunen kommunen
COPY modelle modelle
COPY schulungen schulungen
RUN pip install --no-cache-dir .
COPY . .
# A missing system library fails the build, not the first upload: draw one thumbnail now.
RUN python -m modelle.bpmn render modelle/demo_daten/modelle/gewerbeanmeldung-boeblingen/v1.bpmn \
        --png /tmp/probe.png \
    && rm /tmp/probe.png
RUN SECRET_KEY=build-only-not-secret-build-only-not-secret-build-only-xx \
    python manage.py collectstatic --noinput
# var/media exists in the image so a fresh named volume mounted there belongs to `app` too.
RUN useradd --system --uid 1000 app && mkdir -p /app/var/media && chown -R app /app/var
USER app
EXPOSE 8000
CMD ["gunicorn", "prozessbibliothek.wsgi", "-c", "python:prozessbibliothek.gunicorn_conf", \
     "--bind", "0.0.0.0:8000"]
