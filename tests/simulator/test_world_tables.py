"""A snapshot holds every table the domain owns (SPEC 4.6): a new model in a domain app fails this
test until it is added to ``simulator.world.format.TABLES`` or named here as not part of a world."""

from django.apps import apps

from icpconsole.core.models import ClockState, GeneratorCounter
from instances.models import Product, Region
from openapi.models import UsedNonce
from simulator.models import FaultRule, InjectedFault, SimulatorSettings
from simulator.world.format import TABLES

# Not rows of a world, each for its reason.
NOT_IN_A_WORLD = {
    Region: "the catalogue: data loaded by migrations, named by id",
    Product: "the catalogue: data loaded by migrations, named by id",
    ClockState: "written as the document's clock",
    GeneratorCounter: "seeded generators' counts: started again (under the document's salt) on every write",
    SimulatorSettings: "written as the document's settings",
    FaultRule: "written in the document's settings",
    InjectedFault: "the sandbox's own log, emptied by a reset",
    UsedNonce: "transport security (replay protection), not simulated state",
}
NOT_DOMAIN_APPS = {
    "admin",
    "auth",
    "contenttypes",
    "sessions",
    "messages",
    "staticfiles",
    "axes",
    "authtoken",
}


def test_every_domain_model_is_in_the_world_or_named_as_not():
    in_world = {table.model for table in TABLES}
    missing = [
        f"{model._meta.label}"
        for model in apps.get_models()
        if model._meta.app_label not in NOT_DOMAIN_APPS
        and model not in in_world
        and model not in NOT_IN_A_WORLD
    ]
    assert missing == []
