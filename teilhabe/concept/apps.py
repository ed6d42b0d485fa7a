from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConceptConfig(AppConfig):
    name = "teilhabe.concept"
    label = "concept"
    verbose_name = _("Integrationskonzept")

    def ready(self) -> None:
        # Goals and measures follow the resolutions on them: the council announces every
        # result of an agenda item, and the concept listens (see `adoption.py`).
        from teilhabe.concept import adoption

        adoption.connect()
        # The demo municipality's concept is loaded with the council's demo. Its goals
        # name districts as their targets' areas, so the districts' part must load before
        # this one and be deleted after it (extensions load in the order registered, delete
        # in reverse). This app is ready before the districts (INSTALLED_APPS order), so it
        # registers the districts' part first; `register` ignores any later call for it.
        from teilhabe.concept import demo
        from teilhabe.council.demo import extensions
        from teilhabe.districts import demo as districts_demo

        extensions.register(districts_demo.EXTENSION)
        extensions.register(demo.EXTENSION)
        # Registers the app's permission vocabulary with `rules` (it autodiscovers only
        # modules named rules.py).
        from teilhabe.concept import permissions  # noqa: F401
