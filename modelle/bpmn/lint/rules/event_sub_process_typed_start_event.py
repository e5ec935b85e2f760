"""event-sub-process-typed-start-event: the start events of an event sub-process are typed."""

from ..helpers import event_definitions
from ..registry import rule


@rule("event-sub-process-typed-start-event", "error")
def check(ctx):
    for sub in ctx.of("SubProcess"):
        if not sub.flag("triggeredByEvent"):
            continue
        for element in sub.many("flowElements"):
            if element.is_a("StartEvent") and not event_definitions(element):
                yield (
                    element,
                    "Dem Startereignis eines Ereignis-Unterprozesses fehlt die Ereignisdefinition.",
                )
