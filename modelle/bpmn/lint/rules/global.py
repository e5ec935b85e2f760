"""global: errors, escalations, messages and signals are named, used, and uniquely named."""

from ..helpers import js_trim
from ..registry import rule

_GLOBAL = ("Error", "Escalation", "Message", "Signal")
# which reference of which referencing element points to which global type
_REFS = {
    "Error": (("ErrorEventDefinition",), "errorRef"),
    "Escalation": (("EscalationEventDefinition",), "escalationRef"),
    "Message": (("MessageEventDefinition", "MessageFlow", "ReceiveTask", "SendTask"), "messageRef"),
    "Signal": (("SignalEventDefinition",), "signalRef"),
}


def _referencing(ctx):
    """Event definitions of events, message flows, send and receive tasks reachable through
    root elements, flow elements (nested) and message flows, as bpmnlint collects them."""
    found = []

    def visit(element):
        if element.is_a("Definitions"):
            for child in element.many("rootElements"):
                visit(child)
        if element.is_a("FlowElementsContainer"):
            for child in element.many("flowElements"):
                visit(child)
        if element.is_a("Event"):
            found.extend(element.many("eventDefinitions"))
        if element.is_a("Collaboration"):
            for child in element.many("messageFlows"):
                visit(child)
        if any(element.is_a(t) for t in ("MessageFlow", "ReceiveTask", "SendTask")):
            found.append(element)

    visit(ctx.definitions)
    return found


@rule("global", "warning")
def check(ctx):
    roots = [e for e in ctx.definitions.many("rootElements") if any(e.is_a(t) for t in _GLOBAL)]
    if not roots:
        return
    referencing = _referencing(ctx)
    for root in roots:
        name = root.name
        # bpmnlint only complains about a name that is there but blank
        if name is not None and js_trim(name) == "":
            yield root, "Dem Element fehlt ein Name."
        kind = next(t for t in _GLOBAL if root.is_a(t))
        types, attr = _REFS[kind]
        used = False
        for element in referencing:
            if any(element.is_a(t) for t in types):
                target = ctx.ref(element, attr)
                if root.id == (target.id if target is not None else None):
                    used = True
                    break
        if not used:
            yield root, "Das Element wird nicht verwendet."
        same = sum(1 for other in roots if other.is_a(root.type) and other.name == name)
        if same != 1:
            yield root, "Der Name des Elements ist nicht eindeutig."
