"""Seeded generators under concurrency, on PostgreSQL (SPEC 4.8): threads drawing at once, each on
its own connection, each take the next number of the kind from the database (one row lock), so no
two draw the same value, the count ends at the number of draws, and the set of values is the
one a single thread draws for the same seed."""

import pytest

from icpconsole.accounts.models import User
from icpconsole.core import generators
from icpconsole.core.models import GeneratorCounter
from tests.races import errors, repeated

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 6
DRAWS = 10


def _draw_in_threads(kind: str) -> list[str]:
    drawn = repeated(lambda _n: [str(generators.uuid4(kind)) for _ in range(DRAWS)], THREADS)
    assert errors(drawn) == []
    return [value for values in drawn for value in values]


def test_concurrent_draws_never_repeat_and_match_a_single_thread(settings):
    settings.SIMULATOR_SEED = "race"
    generators.reseed()
    concurrent = _draw_in_threads("race_kind")

    assert len(concurrent) == THREADS * DRAWS
    assert len(set(concurrent)) == THREADS * DRAWS
    assert GeneratorCounter.objects.get(kind="race_kind").value == THREADS * DRAWS

    generators.reseed()
    alone = [str(generators.uuid4("race_kind")) for _ in range(THREADS * DRAWS)]
    assert set(alone) == set(concurrent)


def test_accounts_created_at_once_get_distinct_seeded_uids(settings):
    settings.SIMULATOR_SEED = "race"
    generators.reseed()
    results = repeated(
        lambda n: User.objects.create_user(username=f"racer{n}", password="Passw0rd-racer"), THREADS
    )

    assert errors(results) == []
    uids = set(User.objects.filter(username__startswith="racer").values_list("uid", flat=True))
    assert len(uids) == THREADS
    assert GeneratorCounter.objects.get(kind="uid").value == THREADS
