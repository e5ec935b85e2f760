"""no-disconnected: tasks, gateways, sub-processes and events have a sequence flow.

Exempt: event sub-processes, compensation boundary events and compensation activities (linked by
associations), and everything inside an ad-hoc sub-process."""

from ..registry import rule


def _is_compensation_boundary(node):
    definitions = node.many("eventDefinitions")
    return (
        node.is_a("BoundaryEvent")
        and len(definitions) == 1
        and definitions[0].is_a("CompensateEventDefinition")
    )


@rule("no-disconnected", "error")
def check(ctx):
    for node in ctx.of("Task", "Gateway", "SubProcess", "Event"):
        if node.is_a("SubProcess") and node.flag("triggeredByEvent"):
            continue
        if _is_compensation_boundary(node):
            continue
        if node.is_a("Activity") and node.flag("isForCompensation"):
            continue
        if node.parent is not None and node.parent.is_a("AdHocSubProcess"):
            continue
        if not node.many("incoming") and not node.many("outgoing"):
            yield node, "Das Element ist mit keinem Sequenzfluss verbunden."
