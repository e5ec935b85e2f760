"""The OpenAPI schema the fuzzing (tests/fuzz) and clients rely on: valid, every refusal
documented, links between the operations, uploads as files."""

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema


@pytest.fixture(scope="module")
def schema():
    ergebnis = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(ergebnis)  # raises on an invalid OpenAPI document
    return ergebnis


def _operationen(schema):
    for pfad, eintrag in schema["paths"].items():
        for methode, operation in eintrag.items():
            yield f"{methode.upper()} {pfad}", operation


def test_jede_operation_dokumentiert_ungueltige_anfrage_und_ungueltigen_token(schema):
    ohne = [name for name, op in _operationen(schema) if not {"400", "403"} <= set(op["responses"])]
    assert ohne == []


def test_schreibende_operationen_dokumentieren_404_und_409(schema):
    ohne = [
        name
        for name, op in _operationen(schema)
        if name.startswith(("POST", "PATCH")) and not {"404", "409"} <= set(op["responses"])
    ]
    assert ohne == []


def test_kohorten_filter_ist_eine_uuid(schema):
    parameter = schema["paths"]["/api/v1/veranstaltungen/"]["get"]["parameters"]
    kohorte = next(p for p in parameter if p["name"] == "kohorte")
    assert kohorte["schema"] == {"type": "string", "format": "uuid"}


def test_upload_ist_eine_datei(schema):
    anfrage = schema["paths"]["/api/v1/modelle/"]["post"]["requestBody"]["content"]
    komponente = anfrage["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    datei = schema["components"]["schemas"][komponente]["properties"]["datei"]
    assert datei["format"] == "binary"


def test_neues_modell_verlinkt_seine_naechsten_schritte(schema):
    links = schema["paths"]["/api/v1/modelle/"]["post"]["responses"]["201"]["links"]
    assert links["Modell"] == {
        "operationId": "v1_modelle_retrieve",
        "parameters": {"uuid": "$response.body#/uuid"},
    }


def test_jeder_link_fuehrt_zu_einer_operation(schema):
    operationen = {op["operationId"] for _name, op in _operationen(schema)}
    ziele = {
        link["operationId"]
        for _name, op in _operationen(schema)
        for antwort in op["responses"].values()
        for link in antwort.get("links", {}).values()
    }
    assert ziele == {
        "v1_einschreibungen_create", "v1_einschreibungen_retrieve",
        "v1_einschreibungen_zurueckziehen_create", "v1_kommunen_retrieve",
        "v1_modelle_partial_update", "v1_modelle_retrieve", "v1_modelle_vergleich_retrieve",
        "v1_modelle_versionen_create", "v1_modelle_versionen_retrieve", "v1_veranstaltungen_list",
    }  # fmt: skip
    assert ziele <= operationen
