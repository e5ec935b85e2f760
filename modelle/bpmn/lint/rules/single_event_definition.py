"""single-event-definition: an event has at most one event definition."""

from ..registry import rule


@rule("single-event-definition", "error")
def check(ctx):
    for event in ctx.of("Event"):
        if len(event.many("eventDefinitions")) > 1:
            yield event, "Das Ereignis hat mehrere Ereignisdefinitionen."
