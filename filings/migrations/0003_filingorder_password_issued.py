from django.db import migrations, models
from django.db.models import Q


def mark_orders_that_issued_a_password(apps, schema_editor):
    """Before this field, an approved first filing, and an approved claim that created its subject,
    issued a filing password (a claim joining the account's subject, and a transfer-in, did not).
    The rule is copied here, as it stood, so that later changes to it do not rewrite history."""
    FilingOrder = apps.get_model("filings", "FilingOrder")
    FilingOrder.objects.filter(
        Q(type="first_filing") | Q(type="claim", creates_subject=True), status="approved"
    ).update(password_issued=True)


class Migration(migrations.Migration):
    dependencies = [
        ("filings", "0002_phonemessage_params"),
    ]

    operations = [
        migrations.AddField(
            model_name="filingorder",
            name="password_issued",
            field=models.BooleanField(
                default=False,
                help_text="Approving the order sent a new filing password to the phone.",
                verbose_name="filing password issued",
            ),
        ),
        migrations.RunPython(mark_orders_that_issued_a_password, migrations.RunPython.noop),
    ]
