"""The member area of one body (/<body>/mein-bereich/): sessions, motions, calendar."""

from django.urls import path

from teilhabe.council.views import member

app_name = "council_member"

urlpatterns = [
    path("", member.meetings, name="meetings"),
    path("antraege/", member.motion_list, name="motion_list"),
    path("antraege/neu/", member.motion_create, name="motion_create"),
    path("antraege/<int:pk>/eingegangen/", member.motion_submitted, name="motion_submitted"),
    path("sitzungen/<int:pk>/niederschrift/", member.minutes, name="minutes"),
    path("kalender/neu/", member.calendar_reset, name="calendar_reset"),
    path("kalender/<str:token>.ics", member.calendar_feed, name="calendar_feed"),
]
