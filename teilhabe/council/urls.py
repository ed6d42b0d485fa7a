"""Public pages of one body (and what members see on them when logged in)."""

from django.urls import path

from teilhabe.council.views import public

app_name = "council"

urlpatterns = [
    path("", public.body_start, name="body"),
    path("gremien/", public.organization_list, name="organization_list"),
    path("sitzungen/", public.meeting_list, name="meeting_list"),
    path("drucksachen/", public.paper_list, name="paper_list"),
    path("personen/", public.person_list, name="person_list"),
]
