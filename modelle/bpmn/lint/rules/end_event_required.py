"""end-event-required: every process and (non ad-hoc) sub-process has an end event."""

from ..registry import rule


@rule("end-event-required", "error")
def check(ctx):
    for scope in ctx.of("Process", "SubProcess"):
        if scope.is_a("AdHocSubProcess"):
            continue
        if not any(e.is_a("EndEvent") for e in scope.many("flowElements")):
            what = "Unterprozess" if scope.is_a("SubProcess") else "Prozess"
            yield scope, f"Dem {what} fehlt ein Endereignis."
