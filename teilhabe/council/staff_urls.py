"""Pages of the integration office (Geschäftsstelle): create and edit everything."""

from django.urls import path

from teilhabe.council.views import (
    staff,
    staff_history,
    staff_invitations,
    staff_meetings,
    staff_minutes,
    staff_motions,
    staff_papers,
    staff_registry,
    staff_rules,
    staff_session,
)

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
    path("geschaeftsordnung/", staff_rules.session_rules_list, name="session_rules_list"),
    path("geschaeftsordnung/neu/", staff_rules.session_rules_create, name="session_rules_create"),
    path("geschaeftsordnung/<int:pk>/", staff_rules.session_rules_edit, name="session_rules_edit"),
    path("orte/", staff_registry.location_list, name="location_list"),
    path("orte/neu/", staff_registry.location_create, name="location_create"),
    path("orte/<int:pk>/", staff_registry.location_edit, name="location_edit"),
    # Sitzungen and their agendas
    path("sitzungen/", staff_meetings.meeting_list, name="meeting_list"),
    path("sitzungen/neu/", staff_meetings.meeting_create, name="meeting_create"),
    path("sitzungen/<int:pk>/", staff_meetings.meeting_edit, name="meeting_edit"),
    path("sitzungen/<int:pk>/absagen/", staff_meetings.meeting_cancel, name="meeting_cancel"),
    # Sitzungsverlauf: attendance, quorum, votes and outcomes
    path("sitzungen/<int:pk>/sitzung/", staff_session.session_desk, name="session_desk"),
    path(
        "sitzungen/<int:pk>/sitzung/anwesenheit/vorbelegen/",
        staff_session.session_attendance_prefill,
        name="session_attendance_prefill",
    ),
    path(
        "sitzungen/<int:pk>/sitzung/anwesenheit/<int:attendance_pk>/",
        staff_session.session_attendance_set,
        name="session_attendance_set",
    ),
    path(
        "sitzungen/<int:pk>/sitzung/top/<int:item_pk>/abstimmung/",
        staff_session.session_vote,
        name="session_vote",
    ),
    path(
        "sitzungen/<int:pk>/sitzung/top/<int:item_pk>/ergebnis/",
        staff_session.session_outcome,
        name="session_outcome",
    ),
    path("sitzungen/<int:pk>/einladung/", staff_invitations.invitation, name="invitation"),
    path(
        "sitzungen/<int:pk>/einladung/versenden/",
        staff_invitations.invitation_send,
        name="invitation_send",
    ),
    path(
        "sitzungen/<int:pk>/einladung/vorschau.pdf",
        staff_invitations.invitation_preview_pdf,
        name="invitation_preview_pdf",
    ),
    path(
        "sitzungen/<int:pk>/einladung/versand/<int:dispatch_pk>/wiederholen/",
        staff_invitations.dispatch_retry,
        name="dispatch_retry",
    ),
    path("sitzungen/<int:pk>/niederschrift/", staff_minutes.minutes, name="minutes"),
    path("sitzungen/<int:pk>/verlauf/", staff_history.meeting_history, name="meeting_history"),
    path(
        "sitzungen/<int:pk>/tagesordnung/",
        staff_meetings.agenda_item_create,
        name="agenda_item_create",
    ),
    path(
        "sitzungen/<int:pk>/tagesordnung/reihenfolge/",
        staff_meetings.agenda_item_reorder,
        name="agenda_item_reorder",
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
    path("drucksachen/<int:pk>/verlauf/", staff_history.paper_history, name="paper_history"),
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
    path(
        "drucksachen/<int:pk>/auf-die-tagesordnung/",
        staff_motions.motion_put_on_agenda,
        name="motion_put_on_agenda",
    ),
    path("dateien/", staff_papers.file_list, name="file_list"),
    path("dateien/hochladen/", staff_papers.file_upload, name="file_upload"),
]
