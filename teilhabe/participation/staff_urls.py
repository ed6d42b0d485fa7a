"""Staff pages of thresholds and needs (under /<body>/verwaltung/handlungsbedarfe/)."""

from django.urls import path

from teilhabe.participation import views

app_name = "participation_staff"

urlpatterns = [
    path("", views.need_list, name="needs"),
    path("vorschlagen/", views.needs_propose, name="needs_propose"),
    path("<int:pk>/bestaetigen/", views.need_change, {"action": "confirm"}, name="need_confirm"),
    path("<int:pk>/verwerfen/", views.need_change, {"action": "dismiss"}, name="need_dismiss"),
    path("<int:pk>/kommentar/", views.need_change, {"action": "comment"}, name="need_comment"),
    path("<int:pk>/ziel/", views.need_change, {"action": "goal"}, name="need_link_goal"),
    path("schwellenwerte/", views.threshold_list, name="thresholds"),
    path("schwellenwerte/neu/", views.threshold_form, name="threshold_create"),
    path("schwellenwerte/<int:pk>/", views.threshold_form, name="threshold_update"),
    path("schwellenwerte/<int:pk>/loeschen/", views.threshold_delete, name="threshold_delete"),
]
