"""Importing OParl 1.0 and 1.1 into Teilhabe (`manage.py oparl_import`).

`client` asks the remote server, `values` reads its objects tolerantly, `mapping` turns
each into a row, `store` upserts rows by original id, `crawl` walks one body's lists,
`contents` fetches file contents, `bodies` ties a run together, `report` counts.
"""

from teilhabe.oparl.importer.bodies import ImportRefused, import_oparl
from teilhabe.oparl.importer.client import Client
from teilhabe.oparl.importer.report import Report

__all__ = ["Client", "ImportRefused", "Report", "import_oparl"]
