"""German words for BPMN element types, shared by every part that names elements to people
(process text, comparison, element details). Plain strings: the toolkit has no Django."""

from __future__ import annotations

TYPE_DE = {
    "task": "Aufgabe",
    "userTask": "Benutzeraufgabe",
    "serviceTask": "Serviceaufgabe",
    "sendTask": "Sendeaufgabe",
    "receiveTask": "Empfangsaufgabe",
    "manualTask": "Manuelle Aufgabe",
    "businessRuleTask": "Geschäftsregelaufgabe",
    "scriptTask": "Skriptaufgabe",
    "callActivity": "Aufrufaktivität",
    "subProcess": "Teilprozess",
    "transaction": "Transaktion",
    "adHocSubProcess": "Ad-hoc-Teilprozess",
    "startEvent": "Startereignis",
    "endEvent": "Endereignis",
    "intermediateCatchEvent": "Zwischenereignis",
    "intermediateThrowEvent": "Zwischenereignis",
    "implicitThrowEvent": "Zwischenereignis",
    "boundaryEvent": "Angeheftetes Ereignis",
    "exclusiveGateway": "Exklusives Gateway",
    "parallelGateway": "Paralleles Gateway",
    "inclusiveGateway": "Inklusives Gateway",
    "eventBasedGateway": "Ereignisbasiertes Gateway",
    "complexGateway": "Komplexes Gateway",
}
# Everything else a diagram shows besides flow nodes.
OTHER_TYPE_DE = {
    "sequenceFlow": "Sequenzfluss",
    "messageFlow": "Nachrichtenfluss",
    "association": "Assoziation",
    "dataInputAssociation": "Datenverbindung",
    "dataOutputAssociation": "Datenverbindung",
    "dataObject": "Datenobjekt",
    "dataObjectReference": "Datenobjekt",
    "dataStore": "Datenspeicher",
    "dataStoreReference": "Datenspeicher",
    "dataInput": "Dateneingabe",
    "dataOutput": "Datenausgabe",
    "textAnnotation": "Anmerkung",
    "group": "Gruppe",
    "participant": "Pool",
    "lane": "Lane",
    "process": "Prozess",
    "collaboration": "Kollaboration",
    "message": "Nachricht",
    "conversation": "Konversation",
    "subConversation": "Teilkonversation",
    "callConversation": "Aufrufkonversation",
    "conversationLink": "Konversationsverbindung",
    "choreographyTask": "Choreographie-Aufgabe",
    "subChoreography": "Teilchoreographie",
    "callChoreography": "Aufrufchoreographie",
}
# What triggers an event, by its definition (`timerEventDefinition` -> "timer"):
# "Startereignis (Nachricht)", "Frist (Zwischenereignis, Timer: 2 Wochen)".
TRIGGER_DE = {
    "message": "Nachricht",
    "timer": "Timer",
    "error": "Fehler",
    "escalation": "Eskalation",
    "cancel": "Abbruch",
    "compensate": "Kompensation",
    "conditional": "Bedingung",
    "link": "Link",
    "signal": "Signal",
    "terminate": "Terminierung",
}
THROWING_DE = "auslösend"  # an intermediate event that throws: "(Zwischenereignis, auslösend)"
MULTIPLE_TRIGGERS_DE = "mehrfach"  # an event with more than one trigger
EVENT_SUB_PROCESS_DE = "Ereignis-Teilprozess"  # a sub-process with triggeredByEvent


def type_de(kind: str) -> str:
    """The German word for a BPMN element type (the type itself if it has none)."""
    return TYPE_DE.get(kind) or OTHER_TYPE_DE.get(kind) or kind
