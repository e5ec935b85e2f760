"""no-implicit-end: every path ends in an end event; other elements without an outgoing flow are
implicit ends.

Exempt as in bpmnlint: event sub-processes, link throw events, elements of an ad-hoc
sub-process, compensation activities, and compensation boundary events that an association links
to their compensation activity (looked up in the enclosing process)."""

from ..registry import rule


def _only(node, definition_type):
    definitions = node.many("eventDefinitions")
    return bool(definitions) and all(d.is_a(definition_type) for d in definitions)


def _has_compensation_activity(ctx, node):
    process = node
    while process.parent is not None:
        process = process.parent
        if process.is_a("Process"):
            break
    for artifact in process.many("artifacts"):
        if artifact.is_a("Association"):
            source = ctx.ref(artifact, "sourceRef")
            if source is None:
                # bpmnlint's rule crashes on an association without source (a rule error)
                raise LookupError("association without sourceRef")
            if source.id == node.id:
                return True
    return False


def _is_implicit_end(ctx, node):
    if node.is_a("SubProcess") and node.flag("triggeredByEvent"):
        return False
    if node.is_a("IntermediateThrowEvent") and _only(node, "LinkEventDefinition"):
        return False
    if node.parent.is_a("AdHocSubProcess"):
        return False
    if node.is_a("EndEvent"):
        return False
    if (
        node.is_a("BoundaryEvent")
        and _only(node, "CompensateEventDefinition")
        and _has_compensation_activity(ctx, node)
    ):
        return False
    if node.is_a("Activity") and node.flag("isForCompensation"):
        return False
    return not node.many("outgoing")


@rule("no-implicit-end", "error")
def check(ctx):
    for node in ctx.of("Event", "Activity", "Gateway"):
        if _is_implicit_end(ctx, node):
            yield node, "Das Element ist ein implizites Ende (ohne ausgehenden Sequenzfluss)."
