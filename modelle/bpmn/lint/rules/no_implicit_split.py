"""no-implicit-split: an activity or event does not fork into several unconditional flows; a
parallel gateway shows that explicitly."""

from ..helpers import has_condition
from ..registry import rule


@rule("no-implicit-split", "error")
def check(ctx):
    for node in ctx.of("Activity", "Event"):
        outgoing = node.many("outgoing")
        if len(outgoing) < 2:
            continue
        default = ctx.ref(node, "default")
        plain = [f for f in outgoing if not has_condition(f) and f is not default]
        if len(plain) > 1:
            yield node, "Der Fluss verzweigt sich implizit (ohne Gateway)."
