from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "teilhabe.council"
    label = "council"
    verbose_name = _("Gremien und Sitzungen")

    def ready(self) -> None:
        # Registers the app's permission vocabulary with `rules` (it autodiscovers only
        # modules named rules.py).
        from teilhabe.council import permissions  # noqa: F401
