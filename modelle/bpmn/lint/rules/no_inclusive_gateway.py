"""no-inclusive-gateway: inclusive gateways are discouraged."""

from ..registry import rule


@rule("no-inclusive-gateway", "warning")
def check(ctx):
    for gateway in ctx.of("InclusiveGateway"):
        yield gateway, "Inklusive Gateways (bpmn:InclusiveGateway) sollen nicht verwendet werden."
