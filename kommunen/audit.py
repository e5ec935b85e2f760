"""Writing the append-only audit log; every service that changes something calls this."""

from __future__ import annotations

from django.db import models

from .models import AuditEintrag, Kommune


def audit(
    *,
    wer,
    aktion: str,
    kommune: Kommune | None = None,
    objekt: models.Model | None = None,
    details: dict | None = None,
) -> AuditEintrag:
    return AuditEintrag.objects.create(
        wer=wer if (wer is not None and wer.is_authenticated) else None,
        kommune=kommune,
        aktion=aktion,
        objekt_typ=objekt._meta.label if objekt is not None else "",
        objekt_id=str(objekt.pk) if objekt is not None else "",
        details=details or {},
    )
