from django.db import migrations


def create(apps, schema_editor):
    apps.get_model("core", "ClockState").objects.get_or_create(pk=1, defaults={"offset_seconds": 0})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
