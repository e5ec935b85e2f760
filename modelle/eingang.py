"""The synchronous checks an upload passes before anything is stored.

One file: size ≤ 10 MiB, not empty, parses (hardened) as BPMN `definitions`. A ZIP archive, as
modelling platforms export it: bounded in entries, unpacked size and compression ratio; no entry
may point outside the archive and archives inside archives are not opened. Every refusal names the
file and says in German what is wrong; it never passes on the XML library's English text.

Nothing here touches the database or the storage.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from .bpmn import BpmnError, parse
from .bpmn.ns import BPMN

MAX_DATEI = 10 * 1024 * 1024
MAX_DATEIEN = 50  # files in one upload request
MAX_ZIP = 50 * 1024 * 1024  # the archive itself
MAX_ZIP_EINTRAEGE = 500  # entries in the archive's directory, folders included
MAX_ZIP_MODELLE = 200  # BPMN files taken from one archive
MAX_ZIP_ENTPACKT = 200 * 1024 * 1024  # all BPMN entries together, unpacked
# XML compresses well (10–30×); far beyond that it is a zip bomb, not a model.
MAX_ZIP_VERHAELTNIS = 200
ENDUNGEN = (".bpmn", ".xml", ".bpmn2")
_ARCHIV_ENDUNGEN = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".jar")
_ARCHIV_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!", b"BZh", b"\xfd7zXZ")


class Abgelehnt(Exception):
    """A file (or a whole archive) that is not taken, with a German message naming it."""

    def __init__(self, dateiname: str, meldung: str, *, code: str) -> None:
        super().__init__(f"{dateiname}: {meldung}")
        self.dateiname = dateiname
        self.meldung = meldung
        self.code = code


@dataclass(frozen=True)
class Datei:
    """A file that passed the checks: its bytes and a title suggestion from inside the model."""

    name: str
    daten: bytes
    titel: str


def anzeigename(name: str) -> str:
    """The file's own name without any folder, control characters or excessive length."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return _sichtbar(name) or _("(ohne Namen)")


def _sichtbar(text: str) -> str:
    """A name from a file, safe to show: no control characters, bounded length."""
    return "".join(c for c in text if unicodedata.category(c)[0] != "C").strip()[:200]


def _titel_aus(doc, dateiname: str) -> str:
    """A title suggestion: the name of the process or pool, else the file name without suffix."""
    for tag in ("process", "participant", "collaboration"):
        for el in doc.root.iter(f"{{{BPMN}}}{tag}"):
            name = " ".join((el.get("name") or "").split())
            if name:
                return name[:200]
    name = " ".join((doc.root.get("name") or "").split())
    if name:
        return name[:200]
    stamm = dateiname.rsplit(".", 1)[0] if "." in dateiname else dateiname
    stamm = re.sub(r"[_\-]+", " ", stamm).strip()
    return (stamm[:1].upper() + stamm[1:])[:200] or _("Unbenanntes Modell")


def _zu_gross(name: str, groesse: int | None = None) -> Abgelehnt:
    """`groesse` when the whole size is known; a bounded read only knows "more than allowed"."""
    if groesse is None:
        meldung = _("Die Datei ist größer als 10 MiB; erlaubt sind höchstens 10 MiB je Modell.")
    else:
        mib = number_format(groesse / 1024 / 1024, decimal_pos=1)  # "11,0" in German
        meldung = _("Die Datei ist %(mib)s MiB groß; erlaubt sind höchstens 10 MiB je Modell.") % {
            "mib": mib
        }
    return Abgelehnt(name, meldung, code="too_large")


def hochgeladene_datei(hochgeladen) -> Datei:
    """One file from a form or API upload (Django's UploadedFile): its size is known up front,
    so a file past the limit is refused with its size and without being read."""
    if hochgeladen.size > MAX_DATEI:
        raise _zu_gross(anzeigename(hochgeladen.name), hochgeladen.size)
    return datei_pruefen(hochgeladen.name, _lesen_begrenzt(hochgeladen, MAX_DATEI))


def datei_pruefen(name: str, daten: bytes) -> Datei:
    """Check one uploaded file. Raises `Abgelehnt` with a German message naming the file."""
    name = anzeigename(name)
    if not daten:
        raise Abgelehnt(name, _("Die Datei ist leer."), code="empty")
    if len(daten) > MAX_DATEI:
        raise _zu_gross(name)  # callers read at most one byte past the limit
    try:
        doc = parse(daten)
    except BpmnError as exc:
        zeile = _(" (Zeile %(z)s)") % {"z": exc.line} if exc.line else ""
        raise Abgelehnt(name, f"{exc.message_de}{zeile}", code=exc.code) from None
    return Datei(name=name, daten=daten, titel=_titel_aus(doc, name))


def _lesen_begrenzt(datei: BinaryIO, grenze: int) -> bytes:
    """Read at most `grenze` + 1 bytes, so the caller can tell 'too large' without reading all."""
    return datei.read(grenze + 1)


def ist_zip(name: str, anfang: bytes) -> bool:
    return anfang.startswith(b"PK\x03\x04") or name.lower().endswith(".zip")


def _unsicherer_pfad(pfad: str) -> bool:
    if pfad.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", pfad) or "\x00" in pfad:
        return True
    teile = pfad.replace("\\", "/").split("/")
    return ".." in teile


def _uebergehen(pfad: str) -> bool:
    """Folders and what operating systems add to archives (__MACOSX, .DS_Store, Thumbs.db)."""
    teile = pfad.replace("\\", "/").split("/")
    return (
        pfad.endswith("/")
        or "__MACOSX" in teile
        or any(t.startswith(".") for t in teile if t)
        or teile[-1].lower() in {"thumbs.db", "desktop.ini"}
    )


@dataclass
class ZipErgebnis:
    dateien: list[Datei]
    abgelehnt: list[Abgelehnt]
    uebergangen: list[str]  # names of entries that are no BPMN files (e.g. PDFs, pictures)


def zip_entpacken(name: str, datei: BinaryIO) -> ZipErgebnis:
    """Unpack a ZIP archive of models, bounded. Raises `Abgelehnt` for the whole archive when it
    is no usable ZIP or breaks a limit; single bad entries are refused, the others go on."""
    archiv = anzeigename(name)
    daten = _lesen_begrenzt(datei, MAX_ZIP)
    if len(daten) > MAX_ZIP:
        raise Abgelehnt(archiv, _("Das ZIP-Archiv ist größer als 50 MiB."), code="zip_too_large")
    import io

    try:
        zf = zipfile.ZipFile(io.BytesIO(daten))
        eintraege = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise Abgelehnt(
            archiv, _("Die Datei ist kein lesbares ZIP-Archiv."), code="zip_invalid"
        ) from None
    if len(eintraege) > MAX_ZIP_EINTRAEGE:
        raise Abgelehnt(
            archiv,
            _("Das ZIP-Archiv enthält %(n)s Einträge; erlaubt sind höchstens %(max)s.")
            % {"n": len(eintraege), "max": MAX_ZIP_EINTRAEGE},
            code="zip_too_many",
        )
    for info in eintraege:
        if _unsicherer_pfad(info.filename):
            raise Abgelehnt(
                archiv,
                _(
                    "Das ZIP-Archiv enthält einen Pfad, der aus dem Archiv hinauszeigt "
                    "(„%(pfad)s“); es wird nicht entpackt."
                )
                # The whole entry name: its folder part is what is wrong with it.
                % {"pfad": _sichtbar(info.filename)},
                code="zip_path",
            )
    ergebnis = ZipErgebnis([], [], [])
    gesamt = 0
    modelle = 0
    for info in eintraege:
        pfad = info.filename
        if _uebergehen(pfad):
            continue
        eintrag = f"{archiv} › {anzeigename(pfad)}"
        klein = pfad.lower()
        if klein.endswith(_ARCHIV_ENDUNGEN):
            ergebnis.abgelehnt.append(
                Abgelehnt(
                    eintrag,
                    _("Archive in Archiven werden nicht entpackt."),
                    code="zip_nested",
                )
            )
            continue
        if not klein.endswith(ENDUNGEN):
            ergebnis.uebergangen.append(eintrag)
            continue
        modelle += 1
        if modelle > MAX_ZIP_MODELLE:
            raise Abgelehnt(
                archiv,
                _("Das ZIP-Archiv enthält mehr als %(max)s Modelle; bitte teilen Sie es auf.")
                % {"max": MAX_ZIP_MODELLE},
                code="zip_too_many",
            )
        if info.flag_bits & 0x1:
            ergebnis.abgelehnt.append(
                Abgelehnt(eintrag, _("Der Eintrag ist verschlüsselt."), code="zip_encrypted")
            )
            continue
        try:
            inhalt = _eintrag_lesen(zf, info)
        except Abgelehnt as exc:
            exc.dateiname = eintrag
            ergebnis.abgelehnt.append(exc)
            continue
        gesamt += len(inhalt)
        if gesamt > MAX_ZIP_ENTPACKT:
            raise Abgelehnt(
                archiv,
                _("Das ZIP-Archiv ist entpackt größer als %(mib)s MiB.")
                % {"mib": MAX_ZIP_ENTPACKT // 1024 // 1024},
                code="zip_bomb",
            )
        if inhalt.startswith(_ARCHIV_MAGIC):
            ergebnis.abgelehnt.append(
                Abgelehnt(
                    eintrag, _("Archive in Archiven werden nicht entpackt."), code="zip_nested"
                )
            )
            continue
        try:
            ergebnis.dateien.append(datei_pruefen(posixpath.basename(pfad), inhalt))
        except Abgelehnt as exc:
            exc.dateiname = eintrag
            ergebnis.abgelehnt.append(exc)
    return ergebnis


def _eintrag_lesen(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one entry in chunks, trusting none of the sizes the archive claims."""
    stuecke: list[bytes] = []
    gelesen = 0
    komprimiert = max(info.compress_size, 1)
    try:
        with zf.open(info) as f:
            while True:
                stueck = f.read(256 * 1024)
                if not stueck:
                    break
                gelesen += len(stueck)
                if gelesen > MAX_DATEI:
                    raise Abgelehnt(
                        info.filename,
                        _("Die Datei ist entpackt größer als 10 MiB."),
                        code="too_large",
                    )
                if gelesen > 1024 * 1024 and gelesen / komprimiert > MAX_ZIP_VERHAELTNIS:
                    raise Abgelehnt(
                        info.filename,
                        _(
                            "Der Eintrag ist ungewöhnlich stark komprimiert (über %(v)s:1) und "
                            "wird zum Schutz des Servers nicht entpackt."
                        )
                        % {"v": MAX_ZIP_VERHAELTNIS},
                        code="zip_bomb",
                    )
                stuecke.append(stueck)
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, RuntimeError):
        raise Abgelehnt(
            info.filename,
            _("Der Eintrag ist beschädigt oder nutzt ein nicht unterstütztes Verfahren."),
            code="zip_entry_invalid",
        ) from None
    return b"".join(stuecke)


def hochgeladene_pruefen(
    dateien: Iterable[tuple[str, BinaryIO, int]],
) -> tuple[list[Datei], list[Abgelehnt], list[str]]:
    """Check a batch of uploaded files (name, file object, size): single models and ZIP archives.

    Returns the good files, the refusals and the skipped ZIP entries; one bad file never stops
    the others.
    """
    gut: list[Datei] = []
    abgelehnt: list[Abgelehnt] = []
    uebergangen: list[str] = []
    for name, fobj, groesse in dateien:
        anfang = fobj.read(4)
        fobj.seek(0)
        if ist_zip(name, anfang):
            try:
                ergebnis = zip_entpacken(name, fobj)
            except Abgelehnt as exc:
                abgelehnt.append(exc)
                continue
            gut.extend(ergebnis.dateien)
            abgelehnt.extend(ergebnis.abgelehnt)
            uebergangen.extend(ergebnis.uebergangen)
            continue
        if groesse > MAX_DATEI:
            abgelehnt.append(_zu_gross(anzeigename(name), groesse))
            continue
        try:
            gut.append(datei_pruefen(name, _lesen_begrenzt(fobj, MAX_DATEI)))
        except Abgelehnt as exc:
            abgelehnt.append(exc)
    return gut, abgelehnt, uebergangen
