from django.db import migrations


def load(apps, schema_editor):
    """The regions and products of the Tencent Cloud and Huawei Cloud profiles (SPEC 3.14)."""
    from instances.services_catalog import catalog_sync

    catalog_sync(apps.get_model("instances", "Region"), apps.get_model("instances", "Product"))


class Migration(migrations.Migration):
    dependencies = [("instances", "0002_load_catalog")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
