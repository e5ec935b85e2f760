"""no-gateway-join-fork: a gateway either joins or forks, not both."""

from ..registry import rule


@rule("no-gateway-join-fork", "error")
def check(ctx):
    for gateway in ctx.of("Gateway"):
        if len(gateway.many("incoming")) > 1 and len(gateway.many("outgoing")) > 1:
            yield gateway, "Das Gateway führt zusammen und verzweigt zugleich."
