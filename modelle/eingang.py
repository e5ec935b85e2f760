"""The synchronous checks an upload passes before anything is stored.

One file: size ≤ 10 MiB, not empty, parses (hardened) as BPMN `definitions`. A ZIP archive, as
modelling platforms export it: bounded in entries and compression ratio; no entry may point outside
the archive and archives inside archives are not opened. One upload as a whole — all its files and
archives together — is bounded in models and their unpacked bytes (`Kontingent`). Every refusal
names the file and says in German what is wrong; it never passes on the XML library's English
text.

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
# One upload (a request, an import), all files and archives together: the bytes are what the web
# process holds in memory at once, so they are counted over the whole batch, not per archive.
MAX_MODELLE = 200  # models (single files and BPMN entries of archives)
MAX_ENTPACKT = 200 * 1024 * 1024  # their bytes together, unpacked
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
class Kontingent:
    """What the rest of one upload may still take: a number of models and their unpacked bytes.

    Every model checked (single file or archive entry) uses it up. The file that goes over is
    refused as a whole — an archive with all its entries — and the files after it are not read.
    """

    modelle: int
    bytes: int
    ueberschritten_bei: str = ""  # the file that went over

    @classmethod
    def neu(cls) -> Kontingent:
        return cls(modelle=MAX_MODELLE, bytes=MAX_ENTPACKT)

    def nehmen(self, dateiname: str, groesse: int) -> None:
        """Take one model of `groesse` bytes for the file `dateiname`, or refuse that file."""
        if self.modelle < 1:
            meldung = _(
                "Mit dieser Datei wären es mehr als %(max)s Modelle auf einmal; sie und die "
                "folgenden Dateien wurden nicht übernommen. Bitte laden Sie sie in einem weiteren "
                "Schritt hoch."
            ) % {"max": MAX_MODELLE}
        elif groesse > self.bytes:
            meldung = _(
                "Mit dieser Datei wären die Modelle zusammen entpackt größer als %(mib)s MiB; sie "
                "und die folgenden Dateien wurden nicht übernommen. Bitte laden Sie sie in einem "
                "weiteren Schritt hoch."
            ) % {"mib": MAX_ENTPACKT // 1024 // 1024}
        else:
            self.modelle -= 1
            self.bytes -= groesse
            return
        self.ueberschritten_bei = dateiname
        raise Abgelehnt(dateiname, meldung, code="upload_too_large")

    def nicht_gelesen(self, dateiname: str) -> Abgelehnt:
        """The refusal of a file after the one that went over."""
        return Abgelehnt(
            dateiname,
            _(
                "Nicht übernommen: Die Grenze für ein Hochladen wurde schon mit „%(datei)s“ "
                "erreicht. Bitte laden Sie diese Datei in einem weiteren Schritt hoch."
            )
            % {"datei": self.ueberschritten_bei},
            code="upload_too_large",
        )


@dataclass
class ZipErgebnis:
    dateien: list[Datei]
    abgelehnt: list[Abgelehnt]
    uebergangen: list[str]  # names of entries that are no BPMN files (e.g. PDFs, pictures)


def zip_entpacken(name: str, datei: BinaryIO, kontingent: Kontingent | None = None) -> ZipErgebnis:
    """Unpack a ZIP archive of models, bounded by its own limits and by what is left of the
    upload's `kontingent`. Raises `Abgelehnt` for the whole archive when it is no usable ZIP or
    breaks a limit; single bad entries are refused, the others go on."""
    archiv = anzeigename(name)
    if kontingent is None:
        kontingent = Kontingent.neu()
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
        kontingent.nehmen(archiv, len(inhalt))
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
    the others. All of them together share one `Kontingent`; past it, the rest is refused.
    """
    gut: list[Datei] = []
    abgelehnt: list[Abgelehnt] = []
    uebergangen: list[str] = []
    kontingent = Kontingent.neu()
    for name, fobj, groesse in dateien:
        if kontingent.ueberschritten_bei:
            abgelehnt.append(kontingent.nicht_gelesen(anzeigename(name)))
            continue
        anfang = fobj.read(4)
        fobj.seek(0)
        if ist_zip(name, anfang):
            try:
                ergebnis = zip_entpacken(name, fobj, kontingent)
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
            daten = _lesen_begrenzt(fobj, MAX_DATEI)
            kontingent.nehmen(anzeigename(name), len(daten))
            gut.append(datei_pruefen(name, daten))
        except Abgelehnt as exc:
            abgelehnt.append(exc)
    return gut, abgelehnt, uebergangen
