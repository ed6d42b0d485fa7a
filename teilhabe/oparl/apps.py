from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OparlConfig(AppConfig):
    """OParl 1.1: the read-only API and the importer (an edge: nothing imports it)."""

    name = "teilhabe.oparl"
    label = "oparl"
    verbose_name = _("OParl")
