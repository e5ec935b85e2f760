"""Reading a file that says UTF-8 but is not: the one encoding mistake we forgive.

Some tools (GenMyModel, for one) declare `encoding="UTF-8"` and then write names in Windows-1252
("Rechnung kl\\xe4ren"). libxml2 refuses such a file; bpmn.io, reading it as a browser does,
opens it. So do we: every byte sequence that is valid UTF-8 stays as it is, every byte that is
not is read as Windows-1252 (the superset of Latin-1 that such tools write), and the caller adds
a warning. Nothing else about the file is forgiven: it then goes through the same hardened parse.
"""

from __future__ import annotations

import codecs
import re

_HANDLER = "bpmn-windows-1252"
# bytes Windows-1252 leaves undefined; Latin-1 reads them as the C1 control characters
_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")
_DECLARATION = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?\bencoding\s*=\s*[\"']([^\"']*)[\"']")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _windows_1252(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    text = "".join(chr(b) if b in _UNDEFINED else bytes([b]).decode("cp1252") for b in bad)
    return text, exc.end


codecs.register_error(_HANDLER, _windows_1252)


def declares_utf8(data: bytes) -> bool:
    """The file claims UTF-8: by its XML declaration, or by having none (UTF-8 is the default)."""
    if data.startswith(_UTF16_BOMS):
        return False
    match = _DECLARATION.match(data[:1024])
    if match is None:
        return not data.lstrip().startswith(b"<?xml") or b"encoding" not in data[:1024]
    return match.group(1).strip().lower() in (b"utf-8", b"utf8")


def as_utf8(data: bytes) -> tuple[bytes, int] | None:
    """The file re-encoded as real UTF-8 and the offset of its first non-UTF-8 byte; None when
    it is valid UTF-8 already or does not claim to be UTF-8 (then its error lies elsewhere)."""
    if not declares_utf8(data):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    else:
        return None
    return data.decode("utf-8", errors=_HANDLER).encode("utf-8"), first
