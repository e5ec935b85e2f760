"""event-based-gateway: at least two outgoing flows, none of them conditional."""

from ..helpers import has_condition
from ..registry import rule


@rule("event-based-gateway", "error")
def check(ctx):
    for gateway in ctx.of("EventBasedGateway"):
        outgoing = gateway.many("outgoing")
        if len(outgoing) < 2:
            yield (
                gateway,
                "Ein ereignisbasiertes Gateway braucht mindestens zwei ausgehende Sequenzflüsse.",
            )
        for flow in outgoing:
            if has_condition(flow):
                yield (
                    flow,
                    "Ein Sequenzfluss nach einem ereignisbasierten Gateway darf keine "
                    "Bedingung haben.",
                )
