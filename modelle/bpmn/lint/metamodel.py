"""The BPMN 2.0 metamodel as far as the linter needs it.

bpmnlint does not look at the XML: it looks at the object tree bpmn-moddle builds from it. To give
the same verdicts we read the XML the way bpmn-moddle does, and that needs the metamodel: which
type inherits from which (for "is this an Activity?") and which child elements a type accepts (an
element in a place the metamodel does not allow is dropped with its whole subtree, ids included).

Each line below: `Type < Super, Super : property property …` with only the properties that are
XML *elements* (attributes are read straight from the element). A property is written as

    name:Type     one contained element          *name:Type   many contained elements
    name:Type^    one element; `xsi:type` may name a more specific type
    &name / &*name  a reference written as a child element (`<incoming>id</incoming>`)
    =name         a simple value written as a child element (`<text>…</text>`)
    !…            replaces the inherited property of that name (and moves it here)

Types without a prefix are BPMN model types; `bpmndi:`, `dc:` and `di:` name the diagram
interchange packages. Property order matters: a child that is matched by its type goes into the
first property (inherited ones first) whose type it has.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..ns import BPMN, BPMNDI, DC, DI

_MODEL = """
BaseElement : *documentation:Documentation &*extensionDefinitions \
    extensionElements:ExtensionElements
RootElement < BaseElement
Documentation < BaseElement
ExtensionElements : *values:*
Extension
ExtensionDefinition : *extensionAttributeDefinitions:ExtensionAttributeDefinition
ExtensionAttributeDefinition
Import
Relationship < BaseElement : &*source &*target
Definitions < BaseElement : *imports:Import *extensions:Extension *rootElements:RootElement \
    *diagrams:bpmndi:BPMNDiagram *relationships:Relationship
Interface < RootElement : *operations:Operation
Operation < BaseElement : &inMessageRef &outMessageRef &*errorRef
EndPoint < RootElement
Auditing < BaseElement
Monitoring < BaseElement
CallableElement < RootElement : ioSpecification:InputOutputSpecification &*supportedInterfaceRef \
    *ioBinding:InputOutputBinding
GlobalTask < CallableElement : *resources:ResourceRole
GlobalManualTask < GlobalTask
GlobalUserTask < GlobalTask : *renderings:Rendering
GlobalScriptTask < GlobalTask
GlobalBusinessRuleTask < GlobalTask
ResourceRole < BaseElement : &resourceRef *resourceParameterBindings:ResourceParameterBinding \
    resourceAssignmentExpression:ResourceAssignmentExpression
Performer < ResourceRole
HumanPerformer < Performer
PotentialOwner < HumanPerformer
Rendering < BaseElement
FlowElementsContainer < BaseElement : *laneSets:LaneSet *flowElements:FlowElement
Process < FlowElementsContainer, CallableElement : auditing:Auditing monitoring:Monitoring \
    *properties:Property !*laneSets:LaneSet !*flowElements:FlowElement *artifacts:Artifact \
    *resources:ResourceRole *correlationSubscriptions:CorrelationSubscription &*supports
LaneSet < BaseElement : *lanes:Lane
Lane < BaseElement : partitionElement:BaseElement &*flowNodeRef childLaneSet:LaneSet^
FlowElement < BaseElement : auditing:Auditing monitoring:Monitoring &*categoryValueRef
FlowNode < FlowElement : &*incoming &*outgoing &*lanes
InteractionNode : &*incomingConversationLinks &*outgoingConversationLinks
SequenceFlow < FlowElement : conditionExpression:Expression^
Gateway < FlowNode
EventBasedGateway < Gateway
ComplexGateway < Gateway : activationCondition:Expression^
ExclusiveGateway < Gateway
InclusiveGateway < Gateway
ParallelGateway < Gateway
Event < FlowNode, InteractionNode : *properties:Property
ThrowEvent < Event : *dataInputs:DataInput *dataInputAssociations:DataInputAssociation \
    inputSet:InputSet *eventDefinitions:EventDefinition &*eventDefinitionRef
CatchEvent < Event : *dataOutputs:DataOutput *dataOutputAssociations:DataOutputAssociation \
    outputSet:OutputSet *eventDefinitions:EventDefinition &*eventDefinitionRef
IntermediateCatchEvent < CatchEvent
IntermediateThrowEvent < ThrowEvent
EndEvent < ThrowEvent
StartEvent < CatchEvent
BoundaryEvent < CatchEvent
ImplicitThrowEvent < ThrowEvent
EventDefinition < RootElement
CancelEventDefinition < EventDefinition
ErrorEventDefinition < EventDefinition
TerminateEventDefinition < EventDefinition
EscalationEventDefinition < EventDefinition
CompensateEventDefinition < EventDefinition
TimerEventDefinition < EventDefinition : timeDate:Expression^ timeCycle:Expression^ \
    timeDuration:Expression^
LinkEventDefinition < EventDefinition : &target &*source
MessageEventDefinition < EventDefinition : &operationRef
ConditionalEventDefinition < EventDefinition : condition:Expression^
SignalEventDefinition < EventDefinition
Escalation < RootElement
Signal < RootElement
Error < RootElement
Message < RootElement
ItemDefinition < RootElement
DataState < BaseElement
ItemAwareElement < BaseElement : dataState:DataState
DataAssociation < BaseElement : &*sourceRef &targetRef transformation:FormalExpression \
    *assignment:Assignment
DataInputAssociation < DataAssociation
DataOutputAssociation < DataAssociation
DataInput < ItemAwareElement : &*inputSetRef &*inputSetWithOptional &*inputSetWithWhileExecuting
DataOutput < ItemAwareElement : &*outputSetRef &*outputSetWithOptional \
    &*outputSetWithWhileExecuting
InputSet < BaseElement : &*dataInputRefs &*optionalInputRefs &*whileExecutingInputRefs \
    &*outputSetRefs
OutputSet < BaseElement : &*dataOutputRefs &*inputSetRefs &*optionalOutputRefs \
    &*whileExecutingOutputRefs
Property < ItemAwareElement
InputOutputSpecification < BaseElement : *dataInputs:DataInput *dataOutputs:DataOutput \
    *inputSets:InputSet *outputSets:OutputSet
InputOutputBinding
Assignment < BaseElement : from:Expression^ to:Expression^
DataObject < FlowElement, ItemAwareElement
DataStore < RootElement, ItemAwareElement
DataStoreReference < ItemAwareElement, FlowElement
DataObjectReference < ItemAwareElement, FlowElement
ConversationNode < InteractionNode, BaseElement : &*participantRef &*messageFlowRefs \
    *correlationKeys:CorrelationKey
ConversationLink < BaseElement
ConversationAssociation < BaseElement
CallConversation < ConversationNode : *participantAssociations:ParticipantAssociation
Conversation < ConversationNode
SubConversation < ConversationNode : *conversationNodes:ConversationNode
PartnerEntity < RootElement : &*participantRef
PartnerRole < RootElement : &*participantRef
CorrelationProperty < RootElement : \
    *correlationPropertyRetrievalExpression:CorrelationPropertyRetrievalExpression
CorrelationKey < BaseElement : &*correlationPropertyRef
CorrelationPropertyRetrievalExpression < BaseElement : messagePath:FormalExpression
CorrelationPropertyBinding < BaseElement : dataPath:FormalExpression
CorrelationSubscription < BaseElement : *correlationPropertyBinding:CorrelationPropertyBinding
Expression < BaseElement
FormalExpression < Expression
Resource < RootElement : *resourceParameters:ResourceParameter
ResourceParameter < BaseElement
ResourceParameterBinding < BaseElement : expression:Expression^
ResourceAssignmentExpression < BaseElement : expression:Expression^
MessageFlow < BaseElement
MessageFlowAssociation < BaseElement
Participant < InteractionNode, BaseElement : &*interfaceRef \
    participantMultiplicity:ParticipantMultiplicity &*endPointRefs
ParticipantAssociation < BaseElement
ParticipantMultiplicity < BaseElement
Collaboration < RootElement : *participants:Participant *messageFlows:MessageFlow \
    *artifacts:Artifact *conversations:ConversationNode \
    conversationAssociations:ConversationAssociation \
    *participantAssociations:ParticipantAssociation \
    *messageFlowAssociations:MessageFlowAssociation *correlationKeys:CorrelationKey \
    &*choreographyRef *conversationLinks:ConversationLink
GlobalConversation < Collaboration
Choreography < Collaboration, FlowElementsContainer
GlobalChoreographyTask < Choreography
ChoreographyActivity < FlowNode : &*participantRef *correlationKeys:CorrelationKey
CallChoreography < ChoreographyActivity : *participantAssociations:ParticipantAssociation
SubChoreography < ChoreographyActivity, FlowElementsContainer : *artifacts:Artifact
ChoreographyTask < ChoreographyActivity : &*messageFlowRef
Artifact < BaseElement
TextAnnotation < Artifact : =text
Group < Artifact
Association < Artifact
Category < RootElement : *categoryValue:CategoryValue
CategoryValue < BaseElement : &*categorizedFlowElements
Activity < FlowNode : ioSpecification:InputOutputSpecification &*boundaryEventRefs \
    *properties:Property *dataInputAssociations:DataInputAssociation \
    *dataOutputAssociations:DataOutputAssociation *resources:ResourceRole \
    loopCharacteristics:LoopCharacteristics
Task < Activity, InteractionNode
ManualTask < Task
UserTask < Task : *renderings:Rendering
ServiceTask < Task
SendTask < Task
ReceiveTask < Task
ScriptTask < Task : =script
BusinessRuleTask < Task
CallActivity < Activity, InteractionNode
SubProcess < Activity, FlowElementsContainer, InteractionNode : *artifacts:Artifact
AdHocSubProcess < SubProcess : completionCondition:Expression^
Transaction < SubProcess
LoopCharacteristics < BaseElement
MultiInstanceLoopCharacteristics < LoopCharacteristics : loopCardinality:Expression^ \
    &loopDataInputRef &loopDataOutputRef inputDataItem:DataInput outputDataItem:DataOutput \
    *complexBehaviorDefinition:ComplexBehaviorDefinition completionCondition:Expression^
StandardLoopCharacteristics < LoopCharacteristics : loopCondition:Expression^
ComplexBehaviorDefinition < BaseElement : condition:FormalExpression event:ImplicitThrowEvent
bpmndi:BPMNDiagram < di:Diagram : !plane:bpmndi:BPMNPlane *labelStyle:bpmndi:BPMNLabelStyle
bpmndi:BPMNPlane < di:Plane
bpmndi:BPMNShape < di:LabeledShape : label:bpmndi:BPMNLabel
bpmndi:BPMNEdge < di:LabeledEdge : label:bpmndi:BPMNLabel
bpmndi:BPMNLabel < di:Label
bpmndi:BPMNLabelStyle < di:Style : font:dc:Font
dc:Font
dc:Point
dc:Bounds
di:DiagramElement : extension:di:Extension
di:Node < di:DiagramElement
di:Edge < di:DiagramElement : *waypoint:dc:Point^
di:Diagram
di:Shape < di:Node : bounds:dc:Bounds
di:Plane < di:Node : *planeElement:di:DiagramElement
di:LabeledEdge < di:Edge
di:LabeledShape < di:Shape
di:Label < di:Node : bounds:dc:Bounds
di:Style
di:Extension : *values:*
"""

#: Types whose `id` attribute is an identifier bpmn-moddle registers (and checks).
ID_TYPES = ("BaseElement", "di:DiagramElement", "di:Diagram", "di:Style")

#: Packages by namespace URI: (type prefix in this table, element names are lower-case aliases).
PACKAGES: dict[str, tuple[str, bool]] = {
    BPMN: ("", True),
    BPMNDI: ("bpmndi:", False),
    DC: ("dc:", False),
    DI: ("di:", True),
}
#: Type prefixes as bpmn-moddle spells them in `xsi:type` values.
PREFIX_OF_URI = {BPMN: "bpmn", BPMNDI: "bpmndi", DC: "dc", DI: "di"}
URI_OF_PREFIX = {v: k for k, v in PREFIX_OF_URI.items()}


@dataclass(frozen=True, slots=True)
class Prop:
    """One element-valued property of a type."""

    name: str
    uri: str  # namespace of the package that declares it (child elements are matched by it)
    kind: str  # "element", "ref" or "value"
    type: str | None  # for "element": the declared type ("*" = any foreign element)
    many: bool
    xsi: bool  # `xsi:type` may refine the type


@dataclass(slots=True)
class TypeInfo:
    name: str
    supers: tuple[str, ...]
    own: list[Prop]
    replaces: set[str]
    ancestors: frozenset[str] = frozenset()
    props: tuple[Prop, ...] = ()  # all properties, inherited first
    props_by_name: dict[tuple[str, str], Prop] | None = None
    has_id: bool = False


def _uri_of(type_name: str) -> str:
    prefix, _, _ = type_name.rpartition(":")
    return URI_OF_PREFIX[prefix] if prefix else BPMN


def _parse_model(text: str) -> dict[str, TypeInfo]:
    types: dict[str, TypeInfo] = {}
    for raw in text.replace("\\\n", " ").strip().splitlines():
        head, _, body = raw.partition(" : ")
        name, _, sup = head.partition(" < ")
        name = name.strip()
        uri = _uri_of(name)
        supers = tuple(s.strip() for s in sup.split(",") if s.strip())
        own: list[Prop] = []
        replaces: set[str] = set()
        for spec in body.split():
            if spec.startswith("!"):
                spec = spec[1:]
                replaces.add(spec.lstrip("*&=").partition(":")[0])
            if spec.startswith("&"):
                many = spec.startswith("&*")
                own.append(Prop(spec.lstrip("&*"), uri, "ref", None, many, False))
            elif spec.startswith("="):
                own.append(Prop(spec[1:], uri, "value", None, False, False))
            else:
                many = spec.startswith("*")
                pname, _, ptype = spec.lstrip("*").partition(":")
                xsi = ptype.endswith("^")
                own.append(Prop(pname, uri, "element", ptype.rstrip("^"), many, xsi))
        types[name] = TypeInfo(name, supers, own, replaces)
    return types


def _resolve(types: dict[str, TypeInfo]) -> None:
    def ancestors(name: str) -> frozenset[str]:
        info = types[name]
        if not info.ancestors:
            acc = {name}
            for s in info.supers:
                acc |= ancestors(s)
            info.ancestors = frozenset(acc)
        return info.ancestors

    def collect(name: str, seen: set[str], out: list[Prop]) -> None:
        # Inherited properties first (each super type once), then the type's own; a property
        # that replaces an inherited one is removed there and appended here.
        if name in seen:
            return
        seen.add(name)
        info = types[name]
        for s in info.supers:
            collect(s, seen, out)
        for prop in info.own:
            if prop.name in info.replaces:
                out[:] = [p for p in out if p.name != prop.name]
            out.append(prop)

    for name, info in types.items():
        ancestors(name)
        props: list[Prop] = []
        collect(name, set(), props)
        info.props = tuple(props)
        info.props_by_name = {(p.uri, p.name): p for p in props}
        info.has_id = any(t in info.ancestors for t in ID_TYPES)


TYPES: dict[str, TypeInfo] = _parse_model(_MODEL)
_resolve(TYPES)

#: Type name -> all its super types including itself.
ANCESTORS: dict[str, frozenset[str]] = {name: info.ancestors for name, info in TYPES.items()}


def type_for_tag(uri: str, local_name: str) -> str | None:
    """The metamodel type an element with this tag stands for, or None if there is none."""
    package = PACKAGES.get(uri)
    if package is None or not local_name:
        return None
    prefix, lower_alias = package
    name = prefix + (local_name[0].upper() + local_name[1:] if lower_alias else local_name)
    return name if name in TYPES else None
