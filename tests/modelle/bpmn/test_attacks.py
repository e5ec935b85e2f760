"""GIVEN hostile uploads WHEN parsed THEN each is refused with its own code, and nothing outside the
bytes is ever read: no local file, no network connection.

Proof of "nothing opened" works at three levels: a sentinel file whose secret must not surface, a
named pipe (FIFO) that would block the parser if libxml2 opened it, and a listening TCP socket that
would see a connection attempt. A Python audit hook also counts `open`/`socket.connect` events.
"""

import contextlib
import gzip
import os
import socket
import sys
import threading

import pytest

from modelle.bpmn import BpmnError, parse
from modelle.bpmn.parse import MAX_BYTES

BPMN_NS = b"http://www.omg.org/spec/BPMN/20100524/MODEL"
SECRET = "STRENG-GEHEIM-4711"

_events: list[str] | None = None


def _audit(event: str, args: tuple) -> None:
    if _events is not None and event in ("open", "socket.connect", "urllib.Request"):
        _events.append(event)


sys.addaudithook(_audit)


def _definitions(body: bytes = b"", prolog: bytes = b"") -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        + prolog
        + b'<bpmn:definitions xmlns:bpmn="'
        + BPMN_NS
        + b'" id="d" targetNamespace="t">'
        + body
        + b"</bpmn:definitions>"
    )


def _refuse(data: bytes) -> BpmnError:
    """Parse and return the refusal; fail if parsing opened anything from Python."""
    global _events
    _events = []
    try:
        with pytest.raises(BpmnError) as info:
            parse(data)
    finally:
        seen, _events = _events, None
    assert seen == [], f"parse() hat Dateien oder Sockets geöffnet: {seen}"
    assert info.value.message_de
    assert SECRET not in str(info.value)
    return info.value


@pytest.fixture
def sentinel(tmp_path):
    path = tmp_path / "geheim.txt"
    path.write_text(SECRET)
    return path.as_uri().encode()


@pytest.fixture
def fifo(tmp_path):
    """A named pipe: opening it for reading blocks until a writer comes, so a parser that opens
    it hangs. The fixture yields its URI and a check that fails if the pipe was opened."""
    path = tmp_path / "falle.fifo"
    os.mkfifo(path)
    return path


def _parse_must_not_block(data: bytes, fifo_path) -> BpmnError | None:
    result: dict = {}

    def run():
        try:
            parse(data)
        except BpmnError as exc:
            result["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():
        # The parser is stuck opening the FIFO: release it, then fail.
        with contextlib.suppress(OSError):
            fd = os.open(fifo_path, os.O_WRONLY | os.O_NONBLOCK)
            os.close(fd)
        worker.join(timeout=5)
        pytest.fail("parse() hat die FIFO-Datei geöffnet")
    return result.get("error")


@pytest.fixture
def listener():
    """A TCP server nobody should ever connect to."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.setblocking(False)
    yield server
    server.close()


def _assert_no_connection(server: socket.socket) -> None:
    with pytest.raises(BlockingIOError):
        connection, _ = server.accept()
        connection.close()


def test_external_entity_to_local_file_is_refused_without_reading_it(sentinel):
    data = _definitions(
        b"<bpmn:documentation>&xxe;</bpmn:documentation>",
        b'<!DOCTYPE bpmn:definitions [<!ENTITY xxe SYSTEM "' + sentinel + b'">]>\n',
    )
    error = _refuse(data)
    assert error.code == "external_entity"
    assert "externe Entitäten" in error.message_de
    assert error.line == 2


def test_external_entity_in_attribute_is_refused(sentinel):
    data = _definitions(
        b'<bpmn:process id="p" name="&xxe;"/>',
        b'<!DOCTYPE bpmn:definitions [<!ENTITY xxe SYSTEM "' + sentinel + b'">]>\n',
    )
    assert _refuse(data).code == "external_entity"


def test_external_entity_to_network_opens_no_connection(listener):
    port = str(listener.getsockname()[1]).encode()
    data = _definitions(
        b'<bpmn:process id="p">&xxe;</bpmn:process>',
        b'<!DOCTYPE bpmn:definitions [<!ENTITY xxe SYSTEM "http://127.0.0.1:' + port + b'/x">]>',
    )
    assert _refuse(data).code == "external_entity"
    _assert_no_connection(listener)


def test_external_dtd_is_refused_and_not_fetched(listener):
    port = str(listener.getsockname()[1]).encode()
    data = _definitions(
        prolog=b'<!DOCTYPE bpmn:definitions SYSTEM "http://127.0.0.1:' + port + b'/bpmn.dtd">'
    )
    error = _refuse(data)
    assert error.code == "external_dtd"
    assert "externe DTD" in error.message_de
    _assert_no_connection(listener)


def test_parameter_entity_is_refused_and_not_loaded(sentinel, listener):
    port = str(listener.getsockname()[1]).encode()
    data = _definitions(
        prolog=b'<!DOCTYPE bpmn:definitions [<!ENTITY % ext SYSTEM "http://127.0.0.1:'
        + port
        + b'/evil.dtd"> %ext; <!ENTITY % file SYSTEM "'
        + sentinel
        + b'">]>'
    )
    assert _refuse(data).code == "external_entity"
    _assert_no_connection(listener)


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!DOCTYPE bpmn:definitions [<!ENTITY x SYSTEM "{uri}">]>',
        b'<!DOCTYPE bpmn:definitions SYSTEM "{uri}">',
        b'<!DOCTYPE bpmn:definitions [<!ENTITY % x SYSTEM "{uri}"> %x;]>',
    ],
    ids=["entity", "dtd", "parameter-entity"],
)
def test_libxml2_never_opens_a_referenced_local_file(fifo, prolog):
    data = _definitions(
        b"<bpmn:process id='p'>&x;</bpmn:process>", prolog.replace(b"{uri}", fifo.as_uri().encode())
    )
    error = _parse_must_not_block(data, fifo)
    assert error is not None and error.code in {"external_entity", "external_dtd"}


def test_xinclude_is_refused_and_never_resolved(fifo):
    data = _definitions(
        b'<bpmn:process id="p"><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="'
        + fifo.as_uri().encode()
        + b'" parse="text"/></bpmn:process>'
    )
    error = _parse_must_not_block(data, fifo)
    assert error is not None and error.code == "xinclude"
    assert "XInclude" in error.message_de


def test_billion_laughs_is_refused_quickly():
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10) for i in range(1, 10)
    )
    data = _definitions(
        b"<bpmn:documentation>&lol9;</bpmn:documentation>",
        b"<!DOCTYPE bpmn:definitions [" + entities + b"]>",
    )
    error = _refuse(data)
    assert error.code == "entity_expansion"
    assert "Billion Laughs" in error.message_de


def test_billion_laughs_without_reference_is_still_refused():
    entities = b'<!ENTITY a "aaaa">' + b'<!ENTITY b "&a;&a;&a;&a;">'
    data = _definitions(prolog=b"<!DOCTYPE bpmn:definitions [" + entities + b"]>")
    assert _refuse(data).code == "entity_expansion"


def test_quadratic_blowup_is_refused():
    big = b"x" * 100_000
    data = _definitions(
        b'<bpmn:process id="p" name="' + b"&big;" * 50_000 + b'"/>',
        b'<!DOCTYPE bpmn:definitions [<!ENTITY big "' + big + b'">]>',
    )
    assert _refuse(data).code == "entity_expansion"


def test_harmless_internal_doctype_is_refused_too():
    data = _definitions(prolog=b"<!DOCTYPE bpmn:definitions>")
    error = _refuse(data)
    assert error.code == "doctype"
    assert "DOCTYPE" in error.message_de


def test_doctype_in_utf16_file_is_refused():
    text = _definitions(prolog=b"<!DOCTYPE bpmn:definitions>").decode().replace("UTF-8", "UTF-16")
    assert _refuse(text.encode("utf-16")).code == "doctype"


def test_deep_nesting_is_refused():
    body = b"<bpmn:extensionElements>" * 1000 + b"</bpmn:extensionElements>" * 1000
    error = _refuse(_definitions(body))
    assert error.code == "too_deep"
    assert "verschachtelt" in error.message_de


def test_gzip_compressed_model_is_refused_not_decompressed(antrag_bytes):
    error = _refuse(gzip.compress(antrag_bytes))
    assert error.code == "compressed"
    assert "komprimiert" in error.message_de


def test_processing_instructions_are_removed_not_executed():
    # Decision: PIs carry no meaning in BPMN; they are dropped, the model itself is accepted.
    data = _definitions(
        b'<?php system("rm -rf /"); ?><bpmn:process id="p"/>',
        b'<?xml-stylesheet type="text/xsl" href="http://127.0.0.1:9/x.xsl"?>\n',
    )
    doc = parse(data)
    assert b"<?" not in __import__("lxml.etree").etree.tostring(doc.tree)
    assert doc.by_id["p"] is not None


def test_wrong_root_is_refused():
    error = _refuse(b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>')
    assert error.code == "not_bpmn"
    assert "„svg“" in error.message_de


def test_eleven_mib_file_is_refused_before_parsing():
    data = _definitions(b"<!--" + b"x" * (11 * 1024 * 1024) + b"-->")
    assert len(data) > MAX_BYTES
    error = _refuse(data)
    assert error.code == "too_large"
