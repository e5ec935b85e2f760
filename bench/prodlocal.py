"""The production shape on this machine: gunicorn + Celery worker + beat on PostgreSQL and Redis.

The native twin of `docker-compose.yml` (no container engine runs here): the same processes with
the same commands and PRODUCTION settings — DEBUG off, a generated SECRET_KEY, ALLOWED_HOSTS
127.0.0.1, static files collected and served by whitenoise — except that plain HTTP on localhost
needs the HTTPS redirect, secure cookies and HSTS off (`SECURE_SSL_REDIRECT=0`,
`SECURE_COOKIES=0`, `SECURE_HSTS_SECONDS=0`). Its own port, database, Redis db and directory
(`var/prodlocal/`: media, static, logs, pid files, the secret).

    python bench/prodlocal.py start [--neu]   # `make prod-local`; --neu: empty database first
    python bench/prodlocal.py stop            # `make prod-local-stop`
    python bench/prodlocal.py status
    python bench/prodlocal.py manage pruefe_bestand   # a manage.py command with its settings

The load and chaos runs use it as a context manager, so the deployed shape is what they test:

    with ProdLocal("trust", neu=True, umgebung={"CELERY_VISIBILITY_TIMEOUT": "20"}) as stack:
        stack.url("/")  ...  stack.worker_beenden()  ...  stack.worker_starten()

Two profiles, so a trust run never empties the stack someone is looking at: `prodlocal` (what
`make prod-local` starts) and `trust` (what the chaos and load runs start, emptied each time).
Where, from the environment with the profile's prefix:

    PRODLOCAL_PORT  8100   PRODLOCAL_DATABASE_URL  postgres://postgres@127.0.0.1:5432/pb_prodlocal
    TRUST_PORT      8101   TRUST_DATABASE_URL      postgres://postgres@127.0.0.1:5432/pb_trust
    PRODLOCAL_REDIS_URL  redis://127.0.0.1:6379/2    PRODLOCAL_DIR  var/prodlocal
    TRUST_REDIS_URL      redis://127.0.0.1:6379/3    TRUST_DIR      var/trust-stack
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DIENSTE = ("web", "worker", "beat")


PROFILE = {
    # profile: port, database, Redis db
    "prodlocal": (8100, "pb_prodlocal", 2),
    "trust": (8101, "pb_trust", 3),
}


def _standard(name: str, wert: str) -> str:
    return os.environ.get(name) or wert


class ProdLocal:
    def __init__(
        self,
        profil: str = "prodlocal",
        *,
        port: int | None = None,
        database_url: str | None = None,
        redis_url: str | None = None,
        verzeichnis: Path | None = None,
        neu: bool = False,
        demo: bool = True,
        umgebung: dict[str, str] | None = None,
        worker_prozesse: int = 2,
    ) -> None:
        standard_port, standard_db, standard_redis = PROFILE[profil]
        p = profil.upper()
        self.port = port or int(_standard(f"{p}_PORT", str(standard_port)))
        self.database_url = database_url or _standard(
            f"{p}_DATABASE_URL", f"postgres://postgres@127.0.0.1:5432/{standard_db}"
        )
        self.redis_url = redis_url or _standard(
            f"{p}_REDIS_URL", f"redis://127.0.0.1:6379/{standard_redis}"
        )
        verzeichnis = verzeichnis or {"prodlocal": "prodlocal", "trust": "trust-stack"}[profil]
        self.dir = Path(_standard(f"{p}_DIR", str(ROOT / "var" / verzeichnis)))
        self.neu = neu
        self.demo = demo
        self.zusatz = dict(umgebung or {})
        self.worker_prozesse = worker_prozesse
        self.media = self.dir / "media"
        # Started here: polled so a process that ended is reaped, not left as a zombie.
        self._prozesse: dict[int, subprocess.Popen] = {}

    # --- environment ------------------------------------------------------------------------
    def _secret(self) -> str:
        datei = self.dir / "secret_key"
        if not datei.exists():
            datei.parent.mkdir(parents=True, exist_ok=True)
            datei.write_text(secrets.token_urlsafe(64))
            datei.chmod(0o600)
        return datei.read_text().strip()

    def umgebung(self) -> dict[str, str]:
        """What every process of the stack gets: production settings, local addresses."""
        env = {
            k: v
            for k, v in os.environ.items()
            # Nothing of a developer's or test run's settings leaks into "production".
            if not k.startswith(("DJANGO_", "CELERY_", "PYTEST", "SECURE_", "GUNICORN_"))
            and k not in {"DEBUG", "TESTING", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL",
                          "REDIS_URL", "MEDIA_ROOT", "STATIC_ROOT", "EMAIL_BACKEND",
                          "EMAIL_FILE_PATH", "SITE_URL", "CSRF_TRUSTED_ORIGINS"}
        }  # fmt: skip
        env.update(
            DJANGO_SETTINGS_MODULE="prozessbibliothek.settings",
            DEBUG="0",
            TESTING="0",
            SECRET_KEY=self._secret(),
            ALLOWED_HOSTS="127.0.0.1",
            SITE_URL=f"http://127.0.0.1:{self.port}",
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            MEDIA_ROOT=str(self.media),
            STATIC_ROOT=str(self.dir / "static"),
            EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            EMAIL_FILE_PATH=str(self.dir / "mails"),
            # Plain HTTP on localhost: no redirect to HTTPS, cookies that HTTP may carry.
            SECURE_SSL_REDIRECT="0",
            SECURE_COOKIES="0",
            SECURE_HSTS_SECONDS="0",
            LOG_LEVEL="WARNING",
        )
        env.update(self.zusatz)
        return env

    def url(self, pfad: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{pfad}"

    # --- preparing --------------------------------------------------------------------------
    def manage(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return self.python(str(ROOT / "manage.py"), *args, **kwargs)

    def python(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run Python with the stack's settings (e.g. a seed script); output captured."""
        ergebnis = subprocess.run(
            [sys.executable, *args],
            cwd=ROOT,
            env=self.umgebung(),
            capture_output=True,
            text=True,
        )
        if check and ergebnis.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} scheiterte:\n{ergebnis.stdout}\n{ergebnis.stderr}"
            )
        return ergebnis

    def _datenbank(self, *, neu: bool) -> None:
        import psycopg

        teile = urlsplit(self.database_url)
        name = teile.path.lstrip("/")
        verwaltung = urlunsplit((teile.scheme, teile.netloc, "/postgres", "", ""))
        with psycopg.connect(verwaltung.replace("postgres://", "postgresql://", 1)) as conn:
            conn.autocommit = True
            if neu:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            vorhanden = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if vorhanden.fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"')

    def _redis_leeren(self) -> None:
        import redis

        redis.Redis.from_url(self.redis_url).flushdb()

    def vorbereiten(self) -> None:
        """Database (emptied first with `neu`), migrations, static files, demo data."""
        if self.neu:
            for unterordner in ("media", "mails"):
                _leeren(self.dir / unterordner)
            self._redis_leeren()
            for datei in self.dir.glob("celerybeat-schedule*"):  # shelve: .dat, .dir, .bak
                datei.unlink()
        self.dir.mkdir(parents=True, exist_ok=True)
        (self.dir / "logs").mkdir(exist_ok=True)
        self._datenbank(neu=self.neu)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")
        if self.demo:
            # Known passwords, local only: the stack listens on 127.0.0.1.
            self.manage("demo_daten", "--auch-ohne-debug")

    # --- processes --------------------------------------------------------------------------
    def _befehl(self, dienst: str) -> list[str]:
        # The same commands as docker-compose.yml, with local addresses.
        if dienst == "web":
            return [str(BIN / "gunicorn"), "prozessbibliothek.wsgi",
                    "-c", "python:prozessbibliothek.gunicorn_conf",
                    "--bind", f"127.0.0.1:{self.port}"]  # fmt: skip
        if dienst == "worker":
            return [str(BIN / "celery"), "-A", "prozessbibliothek", "worker", "--loglevel=INFO",
                    f"--concurrency={self.worker_prozesse}", "--without-gossip", "--without-mingle",
                    "--hostname", f"prodlocal-{self.port}@%h"]  # fmt: skip
        return [str(BIN / "celery"), "-A", "prozessbibliothek", "beat", "--loglevel=INFO",
                "--schedule", str(self.dir / "celerybeat-schedule")]  # fmt: skip

    def _pidfile(self, dienst: str) -> Path:
        return self.dir / f"{dienst}.pid"

    def _gruppe(self, dienst: str) -> int | None:
        """The service's process group (its main process's pid: each starts a session)."""
        try:
            return int(self._pidfile(dienst).read_text())
        except (FileNotFoundError, ValueError):
            return None

    def pid(self, dienst: str) -> int | None:
        """The service's main process, if it is alive."""
        pid = self._gruppe(dienst)
        if pid in self._prozesse:
            self._prozesse[pid].poll()
        return pid if pid is not None and _lebt(pid) and _von_uns(pid) else None

    def dienst_starten(self, dienst: str) -> int:
        if (pid := self.pid(dienst)) is not None:
            return pid
        self.dienst_beenden(dienst)  # what a killed main process left behind
        log = open(self.dir / "logs" / f"{dienst}.log", "ab")  # noqa: SIM115 - the child owns it
        prozess = subprocess.Popen(
            self._befehl(dienst),
            cwd=ROOT,
            env=self.umgebung(),
            stdout=log,
            stderr=subprocess.STDOUT,
            # Its own session: survives `make prod-local` returning, and a whole service (main
            # process and children) can be ended at once, as a container is.
            start_new_session=True,
        )
        log.close()
        self._prozesse[prozess.pid] = prozess
        self._pidfile(dienst).write_text(str(prozess.pid))
        return prozess.pid

    def dienst_beenden(self, dienst: str, sig: int = signal.SIGTERM, warten: float = 30) -> None:
        """End a service with all its processes (its process group, like a container): also
        the pool processes a killed main process left behind."""
        pid = self._gruppe(dienst)
        if pid is None:
            return
        if not any(_von_uns(p) for p in _gruppe(pid)):
            # Gone, or a stale pid file whose number now belongs to someone else: leave it.
            self._pidfile(dienst).unlink(missing_ok=True)
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        ende = time.monotonic() + warten
        while time.monotonic() < ende and _gruppe_lebt(pid):
            if pid in self._prozesse:
                self._prozesse[pid].poll()
            time.sleep(0.1)
        if _gruppe_lebt(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            while _gruppe_lebt(pid):
                time.sleep(0.05)
        if pid in self._prozesse:
            self._prozesse.pop(pid).wait()
        self._pidfile(dienst).unlink(missing_ok=True)

    def worker_starten(self) -> int:
        return self.dienst_starten("worker")

    def worker_kinder(self) -> list[int]:
        pid = self.pid("worker")
        return _kinder(pid) if pid else []

    def worker_bereit(self, sekunden: float = 60) -> None:
        """Wait until the worker's pool processes are up (it then fetches messages)."""
        ende = time.monotonic() + sekunden
        while time.monotonic() < ende:
            if len(self.worker_kinder()) >= self.worker_prozesse:
                return
            time.sleep(0.1)
        raise RuntimeError("Der Celery-Worker startet nicht; siehe " + str(self.dir / "logs"))

    def bereit(self, sekunden: float = 60) -> None:
        ende = time.monotonic() + sekunden
        letzter = ""
        while time.monotonic() < ende:
            try:
                with urllib.request.urlopen(self.url("/"), timeout=5) as antwort:  # noqa: S310
                    if antwort.status == 200:
                        self.worker_bereit(max(1.0, ende - time.monotonic()))
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError) as exc:
                letzter = str(exc)
            time.sleep(0.2)
        raise RuntimeError(f"prod-local antwortet nicht auf {self.url('/')}: {letzter}")

    def starten(self) -> ProdLocal:
        if self.neu:
            self.stoppen()  # nothing may run on a database that is about to be dropped
        self.vorbereiten()
        for dienst in DIENSTE:
            self.dienst_starten(dienst)
        self.bereit()
        return self

    def stoppen(self) -> None:
        for dienst in reversed(DIENSTE):
            self.dienst_beenden(dienst)

    def status(self) -> dict:
        return {
            "url": self.url("/"),
            "database_url": self.database_url,
            "redis_url": self.redis_url,
            "verzeichnis": str(self.dir),
            "dienste": {d: self.pid(d) for d in DIENSTE},
        }

    def __enter__(self) -> ProdLocal:
        try:
            return self.starten()
        except BaseException:
            self.stoppen()
            raise

    def __exit__(self, *exc) -> None:
        self.stoppen()


def _leeren(ordner: Path) -> None:
    shutil.rmtree(ordner, ignore_errors=True)


def _lebt(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _von_uns(pid: int) -> bool:
    """A process of this project (gunicorn or celery with our app), not a stranger that got a
    recycled pid."""
    try:
        return b"prozessbibliothek" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def _gruppe(pgid: int) -> list[int]:
    """The living processes of a process group."""
    mitglieder = []
    for eintrag in Path("/proc").iterdir():
        if not eintrag.name.isdigit():
            continue
        try:
            felder = (eintrag / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(felder[2]) == pgid and felder[0] != "Z":
            mitglieder.append(int(eintrag.name))
    return mitglieder


def _gruppe_lebt(pgid: int) -> bool:
    return bool(_gruppe(pgid))


def _kinder(pid: int) -> list[int]:
    kinder = []
    for eintrag in Path("/proc").iterdir():
        if not eintrag.name.isdigit():
            continue
        try:
            felder = (eintrag / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(felder[1]) == pid and felder[0] != "Z":
            kinder.append(int(eintrag.name))
    return kinder


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("aktion", choices=["start", "stop", "status", "manage"])
    parser.add_argument("--neu", action="store_true", help="Datenbank, Dateien und Redis leeren")
    parser.add_argument("--profil", choices=sorted(PROFILE), default="prodlocal")
    args, rest = parser.parse_known_args()
    stack = ProdLocal(args.profil, neu=args.neu)
    if args.aktion == "manage":
        # Output straight through, exit code passed on (pruefe_bestand's 0/1/2).
        return subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *rest], cwd=ROOT, env=stack.umgebung()
        ).returncode
    if rest:
        parser.error(f"unbekannte Argumente: {' '.join(rest)}")
    if args.aktion == "start":
        stack.starten()
        print(f"prod-local läuft auf {stack.url('/')} (Produktionseinstellungen, DEBUG aus).")
        print("Anmelden mit den Demo-Benutzern (Passwort Demo-Passwort-2026); beenden mit")
        print(f"`make prod-local-stop`. Protokolle: {stack.dir / 'logs'}")
    elif args.aktion == "stop":
        stack.stoppen()
        print("prod-local beendet.")
    else:
        print(json.dumps(stack.status(), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
