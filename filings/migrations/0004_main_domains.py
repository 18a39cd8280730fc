"""Websites, registry records and open orders hold main domains (SPEC 3.9): ``www.example.cn``
becomes ``example.cn``. A row whose main domain another live row already holds keeps its host
name (two filings of one registered domain cannot both move; staff sort those out)."""

from django.db import migrations


def _to_main(rows, *, live):
    from filings.domains import main_domain

    taken = set()
    moves = []
    for row in rows:
        target = main_domain(row.domain) if row.domain else ""
        if live(row):
            taken.add(row.domain)
        if target and target != row.domain:
            moves.append((row, target))
    for row, target in moves:
        if live(row):
            if target in taken:
                continue
            taken.discard(row.domain)
            taken.add(target)
        row.domain = target
        row.save(update_fields=["domain"])


def forwards(apps, schema_editor):
    Website = apps.get_model("filings", "Website")
    RegistryRecord = apps.get_model("filings", "RegistryRecord")
    FilingOrder = apps.get_model("filings", "FilingOrder")
    open_stages = {"draft", "submitted", "pending_sms", "bureau_review"}
    _to_main(Website.objects.order_by("pk"), live=lambda w: w.status != "cancelled")
    _to_main(RegistryRecord.objects.order_by("pk"), live=lambda r: r.status == "valid")
    _to_main(FilingOrder.objects.exclude(domain="").order_by("pk"), live=lambda o: o.status in open_stages)


class Migration(migrations.Migration):
    dependencies = [("filings", "0003_filingorder_password_issued")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
