"""single-blank-start-event: at most one blank start event per scope."""

from ..registry import rule


@rule("single-blank-start-event", "error")
def check(ctx):
    for scope in ctx.of("FlowElementsContainer"):
        blank = 0
        for element in scope.many("flowElements"):
            if element.is_a("StartEvent") and not element.many("eventDefinitions"):
                blank += 1
        if blank > 1:
            what = "Der Unterprozess" if scope.is_a("SubProcess") else "Der Prozess"
            yield scope, f"{what} hat mehrere leere Startereignisse."
