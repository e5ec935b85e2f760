import os
import resource

from celery import Celery
from celery.signals import worker_process_init

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prozessbibliothek.settings")

app = Celery("prozessbibliothek")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_process_init.connect
def _speichergrenze(**_kwargs) -> None:
    """A hard address-space cap per worker child: a file that would need more memory gets a
    MemoryError (and a final, explained state) instead of taking the machine down."""
    from django.conf import settings

    grenze_mb = getattr(settings, "WORKER_SPEICHERGRENZE_MB", 0)
    if grenze_mb:
        _weich, hart = resource.getrlimit(resource.RLIMIT_AS)
        grenze = grenze_mb * 1024 * 1024
        if hart != resource.RLIM_INFINITY:
            grenze = min(grenze, hart)
        resource.setrlimit(resource.RLIMIT_AS, (grenze, hart))
