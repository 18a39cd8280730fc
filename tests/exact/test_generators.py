"""Generated values (SPEC 4.8): seeded, a function of the count kept in the database; unseeded, a
collision with a value already held is drawn again, never a 500."""

import pytest

from icpconsole.accounts import models as account_models
from icpconsole.accounts.models import User
from icpconsole.core import generators
from icpconsole.core.models import GeneratorCounter

pytestmark = pytest.mark.django_db


def test_an_account_uid_that_collides_is_drawn_again(settings, monkeypatch):
    settings.SIMULATOR_SEED = None
    first = User.objects.create_user(username="first", password="Passw0rd-first")
    drawn = iter([first.uid, first.uid, "1234567890123456"])
    monkeypatch.setattr(account_models, "generate_uid", lambda: next(drawn))

    second = User.objects.create_user(username="second", password="Passw0rd-second")

    assert second.uid == "1234567890123456"


def test_seeded_values_continue_from_the_database_count_not_the_process(settings):
    settings.SIMULATOR_SEED = "continue"
    generators.reseed()
    sequence = [generators.digits("sms_code", 6) for _ in range(3)]
    generators.reseed()
    generators.digits("sms_code", 6)
    # Another process (or a restart) sees the count in the database: it draws the second value.
    GeneratorCounter.objects.filter(kind="sms_code").update(value=1)
    assert generators.digits("sms_code", 6) == sequence[1]
    assert generators.position("sms_code") == 2


def test_the_salt_is_shared_through_the_database(settings):
    settings.SIMULATOR_SEED = "salted"
    generators.reseed("world-a")
    a = generators.digits("icp_number", 8)
    generators.reseed("world-b")
    b = generators.digits("icp_number", 8)
    generators.reseed("world-a")
    assert GeneratorCounter.objects.get(kind="").salt == "world-a"
    assert generators.digits("icp_number", 8) == a != b


def test_an_account_gets_its_uid_when_saved_not_when_built(settings):
    settings.SIMULATOR_SEED = "built"
    generators.reseed()
    unsaved = User(username="draft")
    assert unsaved.uid == "" and generators.position("uid") == 0
    unsaved.set_password("Passw0rd-draft")
    unsaved.save()
    assert len(unsaved.uid) == 16 and generators.position("uid") == 1
