"""conditional-flows: once a node forks conditionally (a default flow or a condition on one of its
outgoing flows), every other outgoing flow needs a condition too."""

from ..helpers import has_condition
from ..registry import rule


@rule("conditional-flows", "error")
def check(ctx):
    for node in ctx.of("FlowNode"):
        outgoing = node.many("outgoing")
        default = ctx.ref(node, "default")
        if default is None and not any(has_condition(f) for f in outgoing):
            continue
        for flow in outgoing:
            if not has_condition(flow) and flow is not default:
                yield flow, "Dem Sequenzfluss fehlt eine Bedingung."
