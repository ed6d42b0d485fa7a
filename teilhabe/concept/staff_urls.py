"""Staff pages of the integration concept (under /<body>/verwaltung/konzept/).

Staff of the body use every page; the members of the AG drafting a version use the pages
of that draft's goals, measures, spreadsheet and interim report (see `views/staff_common`).
"""

from django.urls import path

from teilhabe.concept.views import (
    staff_concepts,
    staff_parts,
    staff_report,
    staff_spreadsheet,
    staff_version,
)

app_name = "concept_staff"

urlpatterns = [
    # Concepts and versions
    path("", staff_concepts.overview, name="overview"),
    path("neu/", staff_concepts.concept_create, name="concept_create"),
    path("versionen/neu/", staff_concepts.version_create, name="version_create"),
    path("versionen/<int:pk>/", staff_version.version_page, name="version"),
    path("versionen/<int:pk>/angaben/", staff_concepts.version_edit, name="version_edit"),
    path("versionen/<int:pk>/vorlegen/", staff_concepts.version_submit, name="version_submit"),
    path("versionen/<int:pk>/beschliessen/", staff_concepts.version_adopt, name="version_adopt"),
    path("versionen/<int:pk>/fortschreiben/", staff_concepts.version_revise, name="version_revise"),
    # The parts of a version
    path(
        "versionen/<int:pk>/handlungsfelder/neu/",
        staff_version.action_field_create,
        name="action_field_create",
    ),
    path("versionen/<int:pk>/ziele/neu/", staff_version.goal_create, name="goal_create"),
    path("versionen/<int:pk>/massnahmen/neu/", staff_version.measure_create, name="measure_create"),
    path("handlungsfelder/<int:pk>/", staff_parts.action_field_edit, name="action_field_edit"),
    path(
        "handlungsfelder/<int:pk>/loeschen/",
        staff_version.action_field_delete,
        name="action_field_delete",
    ),
    path("ziele/<int:pk>/", staff_parts.goal_edit, name="goal_edit"),
    path("ziele/<int:pk>/loeschen/", staff_version.goal_delete, name="goal_delete"),
    path("massnahmen/<int:pk>/", staff_parts.measure_edit, name="measure_edit"),
    path("massnahmen/<int:pk>/loeschen/", staff_version.measure_delete, name="measure_delete"),
    path("massnahmen/<int:pk>/status/", staff_parts.measure_status, name="measure_status"),
    path("massnahmen/<int:pk>/antrag/", staff_parts.measure_motion, name="measure_motion"),
    # The interim report to the Beirat
    path("versionen/<int:pk>/zwischenbericht/", staff_report.report, name="report"),
    # Measures from a spreadsheet
    path(
        "versionen/<int:pk>/vorlage.xlsx",
        staff_spreadsheet.spreadsheet_template,
        name="spreadsheet_template",
    ),
    path("versionen/<int:pk>/import/", staff_spreadsheet.import_measures, name="measures_import"),
]
