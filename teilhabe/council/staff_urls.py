"""Pages of the integration office (Geschäftsstelle): create and edit everything."""

from django.urls import path

from teilhabe.council.views import staff

app_name = "council_staff"

urlpatterns = [
    path("", staff.dashboard, name="dashboard"),
]
