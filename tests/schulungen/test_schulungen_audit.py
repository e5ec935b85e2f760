"""Every change of an enrolment is in the audit log, under the Kommune it concerns."""

from __future__ import annotations

import pytest

from kommunen.models import AuditEintrag
from schulungen import services

pytestmark = pytest.mark.django_db


def test_einschreibungen_im_audit_log(kommunen_mit_admin, make_kohorte, koordinator):
    kohorte = make_kohorte(max_kommunen=1, automatisch_bestaetigen=False)
    (k1, a1), (k2, a2) = kommunen_mit_admin(2)
    e1 = services.einschreibung_anfragen(user=a1, kommune=k1, kohorte=kohorte)
    e2 = services.einschreibung_anfragen(user=a2, kommune=k2, kohorte=kohorte)
    services.einschreibung_entscheiden(user=koordinator, einschreibung=e1, aktion="bestaetigen")
    services.einschreibung_entscheiden(user=koordinator, einschreibung=e2, aktion="bestaetigen")
    services.teilnehmende_festlegen(user=a1, einschreibung=e1, personen=[a1])
    services.einschreibung_zurueckziehen(user=a1, einschreibung=e1)

    eintraege = AuditEintrag.objects.filter(aktion__startswith="einschreibung.").order_by("id")
    assert [(e.aktion, e.wer_benutzername, e.kommune_ags) for e in eintraege] == [
        ("einschreibung.angefragt", a1.username, k1.ags),
        ("einschreibung.angefragt", a2.username, k2.ags),
        ("einschreibung.bestaetigen", "koordinatorin", k1.ags),
        # Full: the second request goes onto the waitlist.
        ("einschreibung.bestaetigen", "koordinatorin", k2.ags),
        ("einschreibung.teilnehmende", a1.username, k1.ags),
        ("einschreibung.zurueckgezogen", a1.username, k1.ags),
        # The freed place goes to the waitlist, by the system.
        ("einschreibung.nachgerueckt", "", k2.ags),
    ]
    assert eintraege[3].details == {"vorher": "angefragt", "nachher": "warteliste"}
