"""Every URL pattern of the project, collected from the resolver (through all includes)."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Django's admin has its own permission system and tests; static files carry no data.
AUSGENOMMEN = ("admin/", "static/", "media/")


@dataclass(frozen=True)
class Route:
    name: str  # the URL name, or the route string for a pattern without a name
    route: str  # the full route, e.g. "modelle/<uuid:uuid>/versionen/<int:nummer>/"
    parameter: tuple[str, ...]  # the path parameters the URL needs

    def __str__(self) -> str:
        return f"{self.name} ({self.route})"


def _sammeln(muster, praefix: str, namespace: str):
    for eintrag in muster:
        route = praefix + str(eintrag.pattern)
        if isinstance(eintrag, URLResolver):
            ns = f"{namespace}{eintrag.namespace}:" if eintrag.namespace else namespace
            yield from _sammeln(eintrag.url_patterns, route, ns)
        elif isinstance(eintrag, URLPattern):
            yield eintrag, route, namespace


def alle_routen() -> list[Route]:
    """Each pattern once (a name that appears twice for the same route, as Django's login next
    to ours, counts once: the first one wins when the URL is resolved)."""
    routen: dict[tuple[str, str], Route] = {}
    for muster, route, namespace in _sammeln(get_resolver().url_patterns, "", ""):
        if route.startswith(AUSGENOMMEN):
            continue
        name = f"{namespace}{muster.name}" if muster.name else route
        parameter = tuple(muster.pattern.converters)
        routen.setdefault((name, route), Route(name, route, parameter))
    return list(routen.values())
