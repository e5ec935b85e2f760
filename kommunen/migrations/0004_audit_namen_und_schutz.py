"""The audit log keeps who and which Kommune by name; the database refuses changes to its rows.

Existing rows get the names of the accounts and Kommunen they refer to, then the guard of
kommunen/auditschutz.py is created (and renewed after every migrate). A later migration that must
rewrite audit rows has to lift the guard first (`auditschutz.aufheben`).
"""

from django.db import migrations, models


def namen_nachtragen(apps, schema_editor):
    AuditEintrag = apps.get_model("kommunen", "AuditEintrag")
    Benutzer = apps.get_model("kommunen", "Benutzer")
    Kommune = apps.get_model("kommunen", "Kommune")
    eintraege = AuditEintrag.objects.all()
    for person in Benutzer.objects.filter(pk__in=eintraege.values("wer_id")):
        name = f"{person.first_name} {person.last_name}".strip()
        eintraege.filter(wer_id=person.pk).update(
            wer_benutzername=person.username, wer_name=name[:300]
        )
    for kommune in Kommune.objects.filter(pk__in=eintraege.values("kommune_id")):
        eintraege.filter(kommune_id=kommune.pk).update(
            kommune_name=kommune.name, kommune_ags=kommune.ags
        )


def schutz_anlegen(apps, schema_editor):
    from kommunen.auditschutz import anlegen

    anlegen(schema_editor.connection)


def schutz_aufheben(apps, schema_editor):
    from kommunen.auditschutz import aufheben

    aufheben(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("kommunen", "0003_kommune_suchtext"),
    ]

    operations = [
        migrations.CreateModel(
            name="Drosselung",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("schluessel", models.CharField(db_index=True, max_length=64)),
                ("ablauf", models.DateTimeField(db_index=True)),
            ],
            options={
                "verbose_name": "Drosselung",
                "verbose_name_plural": "Drosselungen",
            },
        ),
        migrations.AlterModelOptions(
            name="auditeintrag",
            options={
                "ordering": ["-zeitpunkt", "-id"],
                "verbose_name": "Audit-Eintrag",
                "verbose_name_plural": "Audit-Log",
            },
        ),
        migrations.AddField(
            model_name="auditeintrag",
            name="kommune_ags",
            field=models.CharField(blank=True, db_index=True, max_length=8, verbose_name="AGS"),
        ),
        migrations.AddField(
            model_name="auditeintrag",
            name="kommune_name",
            field=models.CharField(blank=True, max_length=120, verbose_name="Kommune"),
        ),
        migrations.AddField(
            model_name="auditeintrag",
            name="wer_benutzername",
            field=models.CharField(blank=True, max_length=150, verbose_name="Benutzername"),
        ),
        migrations.AddField(
            model_name="auditeintrag",
            name="wer_name",
            field=models.CharField(blank=True, max_length=300, verbose_name="Name"),
        ),
        migrations.RunPython(namen_nachtragen, migrations.RunPython.noop),
        migrations.RunPython(schutz_anlegen, schutz_aufheben),
    ]
