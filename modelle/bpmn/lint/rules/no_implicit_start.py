"""no-implicit-start: every path starts at a start event; other elements without an incoming flow
are implicit starts.

Exempt as in bpmnlint: start and boundary events, link catch events, event sub-processes,
compensation activities, and elements of an ad-hoc sub-process."""

from ..registry import rule


def _is_link_catch(node):
    definitions = node.many("eventDefinitions")
    return (
        node.is_a("IntermediateCatchEvent")
        and bool(definitions)
        and all(d.is_a("LinkEventDefinition") for d in definitions)
    )


def _is_implicit_start(node):
    if node.is_a("Activity") and node.flag("isForCompensation"):
        return False
    if node.parent.is_a("AdHocSubProcess"):
        return False
    if node.is_a("SubProcess") and node.flag("triggeredByEvent"):
        return False
    if _is_link_catch(node):
        return False
    if node.is_a("StartEvent") or node.is_a("BoundaryEvent"):
        return False
    return not node.many("incoming")


@rule("no-implicit-start", "error")
def check(ctx):
    for node in ctx.of("Event", "Activity", "Gateway"):
        if _is_implicit_start(node):
            yield node, "Das Element ist ein impliziter Start (ohne eingehenden Sequenzfluss)."
