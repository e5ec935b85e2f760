"""Pieces of the register that other apps' pages show (the Kommune page lists its models)."""

from __future__ import annotations

from django import template

from .. import selectors

register = template.Library()
GRENZE = 24


@register.inclusion_tag("modelle/fragment_kommune_modelle.html", takes_context=True)
def modelle_der_kommune(context, kommune):
    """The Kommune's published models this visitor may see, with thumbnails."""
    user = context["request"].user
    qs = selectors.veroeffentlichte_der_kommune(user, kommune)
    return {"kommune": kommune, "modelle": list(qs[:GRENZE]), "mehr": qs.count() > GRENZE}
