"""no-complex-gateway: complex gateways are discouraged."""

from ..registry import rule


@rule("no-complex-gateway", "error")
def check(ctx):
    for gateway in ctx.of("ComplexGateway"):
        yield gateway, "Komplexe Gateways (bpmn:ComplexGateway) sollen nicht verwendet werden."
