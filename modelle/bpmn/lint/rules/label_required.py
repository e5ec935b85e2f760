"""label-required: flow nodes, conditional sequence flows, participants and lanes carry a name.

Exempt as in bpmnlint: parallel and event-based gateways, gateways that do not fork, and all
sub-processes."""

from ..helpers import has_condition, js_trim
from ..registry import rule


@rule("label-required", "error")
def check(ctx):
    for node in ctx.of("FlowNode", "SequenceFlow", "Participant", "Lane"):
        if node.is_a("ParallelGateway") or node.is_a("EventBasedGateway"):
            continue
        if node.is_a("Gateway") and len(node.many("outgoing")) <= 1:
            continue
        if node.is_a("SubProcess"):
            continue
        if node.is_a("SequenceFlow") and not has_condition(node):
            continue
        if not js_trim(node.name):
            yield node, "Dem Element fehlt eine Beschriftung (Name)."
