from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "teilhabe.core"
    label = "core"
    verbose_name = _("Grundlagen")

    def ready(self) -> None:
        # Every database connection reports its writes to the public pages' cache.
        from django.db.backends.signals import connection_created

        from teilhabe.core import pagecache

        connection_created.connect(pagecache.watch_connection)
        pagecache.watch_open_connections()
