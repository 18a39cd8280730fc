# The list pages' indexes (issue 26): the instances page's status counts and filters.

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('instances', '0003_provider_catalog'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='instance',
            index=models.Index(fields=['owner', 'status', 'charge_type', 'expired_time'], name='instance_owner_status'),
        ),
    ]
