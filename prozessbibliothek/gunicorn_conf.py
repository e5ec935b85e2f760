"""gunicorn settings, the same for docker-compose (`web`) and `make prod-local`.

Only what differs between the two is on the command line (the address to bind). Sizes come from
the environment so a larger machine needs no new image.
"""

from prozessbibliothek.env import env_int

# Sync workers: requests are short and the database does the waiting; one per core plus one.
workers = env_int("GUNICORN_WORKERS", 3)
threads = env_int("GUNICORN_THREADS", 1)
# Longer than the slowest page (a 10 MiB upload checked synchronously), shorter than a user's
# patience; a worker stuck past it is killed and replaced.
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = 30
# Replace workers now and then so a slow leak never grows without bound.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# gunicorn >= 25 opens a control socket under $HOME; nothing here uses it, the container's
# user has no home, and several instances on one machine would share the one path.
control_socket_disable = True
