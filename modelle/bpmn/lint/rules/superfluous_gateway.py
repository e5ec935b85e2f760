"""superfluous-gateway: a gateway with exactly one incoming and one outgoing flow does nothing."""

from ..registry import rule


@rule("superfluous-gateway", "warning")
def check(ctx):
    for gateway in ctx.of("Gateway"):
        if len(gateway.many("incoming")) == 1 and len(gateway.many("outgoing")) == 1:
            yield (
                gateway,
                "Das Gateway ist überflüssig: es hat nur einen eingehenden und einen "
                "ausgehenden Sequenzfluss.",
            )
