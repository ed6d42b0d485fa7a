from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "teilhabe.districts"
    label = "districts"
    verbose_name = _("Quartiere und Stadtteile")

    def ready(self) -> None:
        # Musterstadt's districts are loaded with the council's demo.
        from teilhabe.council.demo import extensions
        from teilhabe.districts import demo

        extensions.register(demo.EXTENSION)
