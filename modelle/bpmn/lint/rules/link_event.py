"""link-event: link events are named, and in each scope every link name has exactly one catching
event and at least one throwing event."""

from ..registry import rule


def _link_name(event):
    for definition in event.many("eventDefinitions"):
        if definition.is_a("LinkEventDefinition"):
            return definition.name
    return None


@rule("link-event", "error")
def check(ctx):
    for scope in ctx.of("FlowElementsContainer"):
        links = [
            e
            for e in scope.many("flowElements")
            if e.is_a("Event")
            and any(d.is_a("LinkEventDefinition") for d in e.many("eventDefinitions"))
        ]
        if not links:
            continue
        groups: dict[str, list] = {}
        for link in links:
            name = _link_name(link)
            if not name:
                yield link, "Dem Link-Ereignis fehlt der Link-Name."
            # bpmnlint groups unnamed links under "_" and checks that group like any other
            groups.setdefault(name or "_", []).append(link)
        for name, events in groups.items():
            if len(events) == 1:
                event = events[0]
                missing = "fangende" if event.is_a("ThrowEvent") else "auslösende"
                yield (
                    event,
                    f"Zum Link-Namen <{name}> fehlt im selben Bereich das {missing} Link-Ereignis.",
                )
                continue
            catching = [e for e in events if e.is_a("CatchEvent")]
            if len(catching) > 1:
                for event in catching:
                    yield (
                        event,
                        f"Mehrere fangende Link-Ereignisse mit dem Link-Namen <{name}> "
                        "im selben Bereich.",
                    )
            elif not catching:
                for event in events:
                    yield (
                        event,
                        f"Zum Link-Namen <{name}> fehlt im selben Bereich das fangende "
                        "Link-Ereignis.",
                    )
