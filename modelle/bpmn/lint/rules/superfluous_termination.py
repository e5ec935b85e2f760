"""superfluous-termination: a terminate end event is superfluous when it is the only end of its
scope apart from interrupting event sub-processes."""

from ..registry import rule


def _is_terminate_end(node):
    return node.is_a("EndEvent") and any(
        d.is_a("TerminateEventDefinition") for d in node.many("eventDefinitions")
    )


def _is_interrupting_event_sub(node):
    return (
        node.is_a("SubProcess")
        and node.flag("triggeredByEvent")
        and any(
            e.is_a("StartEvent") and e.flag("isInterrupting", default=True)
            for e in node.many("flowElements")
        )
    )


@rule("superfluous-termination", "warning")
def check(ctx):
    for scope in ctx.of("Process", "SubProcess"):
        ends = [
            e for e in scope.many("flowElements") if e.is_a("FlowNode") and not e.many("outgoing")
        ]
        terminate = [e for e in ends if _is_terminate_end(e)]
        if len(terminate) != 1:
            continue
        if all(_is_interrupting_event_sub(e) or _is_terminate_end(e) for e in ends):
            yield terminate[0], "Das Terminierungs-Endereignis ist überflüssig."
