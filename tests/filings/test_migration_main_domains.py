"""The data migration ``filings 0004_main_domains``: websites, registry records and open orders
move to their main domain, unless another live row already holds it."""

import importlib

import pytest

from filings.models import RegistryRecord, Website

from .factories import RegistryRecordFactory, WebsiteFactory

migration = importlib.import_module("filings.migrations.0004_main_domains")


class _Apps:
    """The historical-models registry ``forwards`` asks for, answered with today's models."""

    def get_model(self, app_label, name):
        from django.apps import apps

        return apps.get_model(app_label, name)


@pytest.mark.django_db
def test_rows_move_to_their_main_domain_unless_it_is_taken():
    moved = WebsiteFactory(domain="www.example.cn")
    kept = WebsiteFactory(domain="blog.other.cn")
    WebsiteFactory(domain="other.cn")  # holds the main domain already
    cancelled = WebsiteFactory(domain="shop.other.cn", status="cancelled")
    record = RegistryRecordFactory(domain="www.elsewhere.com.cn")

    migration.forwards(_Apps(), None)

    assert Website.objects.get(pk=moved.pk).domain == "example.cn"
    assert Website.objects.get(pk=kept.pk).domain == "blog.other.cn"
    assert Website.objects.get(pk=cancelled.pk).domain == "other.cn"  # not live: no conflict
    assert RegistryRecord.objects.get(pk=record.pk).domain == "elsewhere.com.cn"
