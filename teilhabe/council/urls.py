"""Public pages of one body (and what members see on them when logged in)."""

from django.urls import path

from teilhabe.council.views import files, public, public_minutes

app_name = "council"

urlpatterns = [
    path("", public.body_start, name="body"),
    path("gremien/", public.organization_list, name="organization_list"),
    path("gremien/<int:pk>/", public.organization_detail, name="organization_detail"),
    path("gremien/<int:pk>/sitzungen.ics", public.organization_ical, name="organization_ical"),
    path("sitzungen/", public.meeting_list, name="meeting_list"),
    path("sitzungen/<int:pk>/", public.meeting_detail, name="meeting_detail"),
    path(
        "sitzungen/<int:pk>/niederschrift/",
        public_minutes.minutes_detail,
        name="minutes_detail",
    ),
    path("drucksachen/", public.paper_list, name="paper_list"),
    path("drucksachen/<int:pk>/", public.paper_detail, name="paper_detail"),
    path("personen/", public.person_list, name="person_list"),
    path("personen/<int:pk>/", public.person_detail, name="person_detail"),
    path("dateien/<int:pk>/<str:file_name>", files.file_download, name="file_download"),
]
