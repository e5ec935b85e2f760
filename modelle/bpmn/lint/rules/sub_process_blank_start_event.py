"""sub-process-blank-start-event: the start event of an ordinary sub-process is blank."""

from ..registry import rule


@rule("sub-process-blank-start-event", "error")
def check(ctx):
    for sub in ctx.of("SubProcess"):
        if sub.flag("triggeredByEvent"):
            continue
        for element in sub.many("flowElements"):
            if element.is_a("StartEvent") and element.many("eventDefinitions"):
                yield (
                    element,
                    "Das Startereignis eines Unterprozesses muss leer sein "
                    "(ohne Ereignisdefinition).",
                )
