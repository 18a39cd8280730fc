from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SimulatorConfig(AppConfig):
    """The floor above the domain apps: what spans them (the console overview, the demo world) and
    the sandbox controls of SPEC 4.6. It may import every domain app; none imports it. The domain
    reaches it only through core's fault hook, which it fills in here."""

    name = "simulator"
    verbose_name = _("Simulator")

    def ready(self) -> None:
        from icpconsole.core import provider

        from . import faults, signals, timeline  # noqa: F401 - signals connect on import
        from .services import stored_provider

        faults.register()
        timeline.register()
        provider.register(stored_provider)
