"""superfluous-label: only conditional flows, default flows and flows forking out of an
exclusive or inclusive gateway carry a label."""

from ..helpers import has_condition, js_trim
from ..registry import rule


@rule("superfluous-label", "warning")
def check(ctx):
    for flow in ctx.of("SequenceFlow"):
        if not js_trim(flow.name) or has_condition(flow):
            continue
        source = ctx.ref(flow, "sourceRef")
        if source is not None:
            if ctx.ref(source, "default") is flow:
                continue
            if (source.is_a("ExclusiveGateway") or source.is_a("InclusiveGateway")) and len(
                source.many("outgoing")
            ) > 1:
                continue
        yield flow, "Die Beschriftung des Sequenzflusses ist überflüssig."
