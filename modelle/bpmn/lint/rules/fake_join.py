"""fake-join: an activity or event with several incoming flows does not join them (each token
passes on its own); a joining gateway is needed."""

from ..registry import rule


@rule("fake-join", "warning")
def check(ctx):
    for node in ctx.of("Activity", "Event"):
        if len(node.many("incoming")) > 1:
            yield (
                node,
                "Mehrere eingehende Sequenzflüsse werden hier nicht zusammengeführt; "
                "dafür braucht es ein Gateway.",
            )
