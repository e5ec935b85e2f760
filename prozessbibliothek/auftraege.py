"""Enqueueing Celery tasks from services, by name, after the transaction commits.

Services enqueue, tasks call services: addressing the task by its registered name keeps that a
one-way dependency (tasks → services) and works the same with eager tasks (the embedded default)
and with real workers. On commit, so a worker never looks for a row that is not there yet — and a
rolled-back write enqueues nothing.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError, transaction

from .celery import app

# What a task retries: trouble that passes (database, storage or mail server unreachable or
# slow). Everything else — a bad file, a defect — ends in a final, explained state instead.
VORUEBERGEHEND = (OperationalError, InterfaceError, ConnectionError, TimeoutError)


def einreihen_nach_commit(task_name: str, *args) -> None:
    transaction.on_commit(lambda: app.signature(task_name, args=args).apply_async())
