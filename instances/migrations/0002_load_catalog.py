from django.db import migrations


def load(apps, schema_editor):
    from instances.services_catalog import catalog_sync

    catalog_sync(apps.get_model("instances", "Region"), apps.get_model("instances", "Product"))


class Migration(migrations.Migration):
    dependencies = [("instances", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
