"""The process descriptions, one module per subject; `MODELLE` maps slug -> (builder, versions)."""

from . import bauen, bildung, buergerservice, finanzen, gewerbe, verkehr

MODELLE = {
    **gewerbe.MODELLE,
    **finanzen.MODELLE,
    **bauen.MODELLE,
    **buergerservice.MODELLE,
    **verkehr.MODELLE,
    **bildung.MODELLE,
}
