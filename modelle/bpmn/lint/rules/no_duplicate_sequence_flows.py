"""no-duplicate-sequence-flows: no two sequence flows with the same source, target and condition."""

from ..registry import rule


def _key(ctx, flow):
    condition = flow.one("conditionExpression")
    if condition is None:
        body = ""
    else:
        body = _body(condition.el)
        if body is None:
            body = "undefined"  # bpmnlint concatenates the missing body as JavaScript does
    source = ctx.ref(flow, "sourceRef")
    target = ctx.ref(flow, "targetRef")
    return (
        f"{source.id if source is not None else flow.id}#"
        f"{target.id if target is not None else flow.id}#{body}"
    )


def _body(el):
    parts = [el.text, *(c.tail for c in el)]
    text = "".join(p for p in parts if p and p.strip())
    return text or None


@rule("no-duplicate-sequence-flows", "error")
def check(ctx):
    flows = ctx.of("SequenceFlow")
    if len(flows) < 2:
        return
    seen = set()
    reported_out = set()
    reported_in = set()
    for flow in flows:  # document order: the first of a kind is the original
        key = _key(ctx, flow)
        if key not in seen:
            seen.add(key)
            continue
        yield flow, "Der Sequenzfluss ist ein Duplikat."
        source = ctx.ref(flow, "sourceRef")
        target = ctx.ref(flow, "targetRef")
        if source.id not in reported_out:
            reported_out.add(source.id)
            yield source, "Doppelte ausgehende Sequenzflüsse."
        if target.id not in reported_in:
            reported_in.add(target.id)
            yield target, "Doppelte eingehende Sequenzflüsse."
