from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Legt Demo-Kommunen, Demo-Benutzer und Demo-Schulungen an (nur mit DEBUG=1)."

    # Each app that has demo data provides `<app>.demo.demo_erzeugen(log)`.
    APPS = ("kommunen", "schulungen", "modelle")

    def add_arguments(self, parser):
        parser.add_argument(
            "--auch-ohne-debug",
            action="store_true",
            help="auch ohne DEBUG (nie in Produktion: bekannte Passwörter)",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["auch_ohne_debug"]:
            raise CommandError("Demo-Daten nur mit DEBUG=1 – sie enthalten bekannte Passwörter.")
        for app in self.APPS:
            try:
                modul = import_module(f"{app}.demo")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app}.demo":
                    raise
                continue
            modul.demo_erzeugen(log=self.stdout.write)
