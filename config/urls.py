from django.contrib import admin
from django.urls import include, path

from teilhabe.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("sprache/", include("django.conf.urls.i18n")),
    path("konto/", include("teilhabe.accounts.urls")),
    path("admin/", admin.site.urls),
    path("oparl/v1.1/", include("teilhabe.oparl.urls")),
    path("<slug:body>/verwaltung/konzept/", include("teilhabe.concept.staff_urls")),
    path("<slug:body>/verwaltung/monitoring/", include("teilhabe.monitoring.staff_urls")),
    path("<slug:body>/verwaltung/handlungsbedarfe/", include("teilhabe.participation.staff_urls")),
    path("<slug:body>/verwaltung/", include("teilhabe.council.staff_urls")),
    path("<slug:body>/mein-bereich/", include("teilhabe.council.member_urls")),
    path("<slug:body>/integrationskonzept/", include("teilhabe.concept.urls")),
    path("<slug:body>/monitoring/", include("teilhabe.monitoring.urls")),
    path("<slug:body>/", include("teilhabe.council.urls")),
]

handler404 = "teilhabe.core.views.page_not_found"
handler500 = "teilhabe.core.views.server_error"
