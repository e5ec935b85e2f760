"""ad-hoc-sub-process: an ad-hoc sub-process holds no start and no end events (BPMN 2.0 §10.3.5)."""

from ..registry import rule


@rule("ad-hoc-sub-process", "error")
def check(ctx):
    for sub in ctx.of("AdHocSubProcess"):
        for element in sub.many("flowElements"):
            if element.is_a("StartEvent"):
                yield element, "Ein Startereignis ist in einem Ad-hoc-Unterprozess nicht erlaubt."
            if element.is_a("EndEvent"):
                yield element, "Ein Endereignis ist in einem Ad-hoc-Unterprozess nicht erlaubt."
