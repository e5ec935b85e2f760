"""XML namespaces of BPMN 2.0 and its diagram interchange."""

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# BPMN in Color (bpmn.io / OMG colour extension)
COLOR = "http://www.omg.org/spec/BPMN/non-normative/color/1.0"
BIOC = "http://bpmn.io/schema/bpmn/biocolor/1.0"

NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}


def q(ns: str, local: str) -> str:
    """Clark notation, e.g. q(BPMN, 'task') -> '{…/MODEL}task'."""
    return f"{{{ns}}}{local}"


def local(tag: object) -> str:
    """Local name of an element tag; '' for comments and processing instructions."""
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]
