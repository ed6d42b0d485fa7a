from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "teilhabe.monitoring"
    label = "monitoring"
    verbose_name = _("Integrationsmonitoring")

    def ready(self) -> None:
        # Musterstadt's snapshots are loaded with the council's demo. They count the
        # districts' Quartiere, so the districts' part must load before this one and be
        # deleted after it (extensions load in the order registered, delete in reverse).
        # This app is ready before the districts (INSTALLED_APPS order), so it registers
        # the districts' part first; `register` ignores the districts' own, later call.
        from teilhabe.council.demo import extensions
        from teilhabe.districts import demo as districts_demo
        from teilhabe.monitoring import demo

        extensions.register(districts_demo.EXTENSION)
        extensions.register(demo.EXTENSION)
