"""Pages of the integration office (Geschäftsstelle): create and edit everything."""

from django.urls import path

from teilhabe.council.views import staff, staff_meetings, staff_papers, staff_registry

app_name = "council_staff"

urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
    # Gremien, Wahlperioden, Personen, Mitgliedschaften, Orte
    path("gremien/", staff_registry.organization_list, name="organization_list"),
    path("gremien/neu/", staff_registry.organization_create, name="organization_create"),
    path("gremien/<int:pk>/", staff_registry.organization_edit, name="organization_edit"),
    path("wahlperioden/", staff_registry.legislative_term_list, name="legislative_term_list"),
    path(
        "wahlperioden/neu/",
        staff_registry.legislative_term_create,
        name="legislative_term_create",
    ),
    path(
        "wahlperioden/<int:pk>/",
        staff_registry.legislative_term_edit,
        name="legislative_term_edit",
    ),
    path("personen/", staff_registry.person_list, name="person_list"),
    path("personen/neu/", staff_registry.person_create, name="person_create"),
    path("personen/<int:pk>/", staff_registry.person_edit, name="person_edit"),
    path("mitgliedschaften/", staff_registry.membership_list, name="membership_list"),
    path("mitgliedschaften/neu/", staff_registry.membership_create, name="membership_create"),
    path("mitgliedschaften/<int:pk>/", staff_registry.membership_edit, name="membership_edit"),
    path(
        "mitgliedschaften/<int:pk>/beenden/",
        staff_registry.membership_end,
        name="membership_end",
    ),
    path("orte/", staff_registry.location_list, name="location_list"),
    path("orte/neu/", staff_registry.location_create, name="location_create"),
    path("orte/<int:pk>/", staff_registry.location_edit, name="location_edit"),
    # Sitzungen and their agendas
    path("sitzungen/", staff_meetings.meeting_list, name="meeting_list"),
    path("sitzungen/neu/", staff_meetings.meeting_create, name="meeting_create"),
    path("sitzungen/<int:pk>/", staff_meetings.meeting_edit, name="meeting_edit"),
    path("sitzungen/<int:pk>/absagen/", staff_meetings.meeting_cancel, name="meeting_cancel"),
    path(
        "sitzungen/<int:pk>/tagesordnung/",
        staff_meetings.agenda_item_create,
        name="agenda_item_create",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/",
        staff_meetings.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/verschieben/",
        staff_meetings.agenda_item_move,
        name="agenda_item_move",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/<int:item_pk>/loeschen/",
        staff_meetings.agenda_item_delete,
        name="agenda_item_delete",
    ),
    # Drucksachen, Beratungsfolge, Dateien
    path("drucksachen/", staff_papers.paper_list, name="paper_list"),
    path("drucksachen/neu/", staff_papers.paper_create, name="paper_create"),
    path("drucksachen/<int:pk>/", staff_papers.paper_edit, name="paper_edit"),
    path(
        "drucksachen/<int:pk>/beratungen/",
        staff_papers.consultation_create,
        name="consultation_create",
    ),
    path(
        "drucksachen/<int:pk>/beratungen/<int:consultation_pk>/entfernen/",
        staff_papers.consultation_delete,
        name="consultation_delete",
    ),
    path("dateien/", staff_papers.file_list, name="file_list"),
    path("dateien/hochladen/", staff_papers.file_upload, name="file_upload"),
]
