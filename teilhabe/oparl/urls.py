"""The OParl 1.1 API under /oparl/v1.1/: the System, its bodies, their lists and objects.

Addresses hold only types and primary keys, which never change (canonical, stable ids).
Any other address below /oparl/v1.1/ answers with an OParl error object.
"""

from django.urls import URLPattern, path, re_path

from teilhabe.oparl import views
from teilhabe.oparl.publish.queries import KINDS

app_name = "oparl"


def _object_patterns() -> list[URLPattern]:
    patterns = []
    for slug in KINDS:
        patterns.append(path(f"{slug}/<int:pk>/", views.object_detail, {"slug": slug}, name=slug))
        patterns.append(
            path(
                f"body/<int:pk>/{slug}/",
                views.body_object_list,
                {"slug": slug},
                name=f"body_{slug}_list",
            )
        )
    return patterns


urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body_list"),
    path("body/<int:pk>/", views.body_detail, name="body"),
    path(
        "organization/<int:pk>/meeting/",
        views.organization_meeting_list,
        name="organization_meeting_list",
    ),
    *_object_patterns(),
    # Last: every other address ending in a slash (one without is first redirected to
    # its slashed form by CommonMiddleware, as everywhere on the site).
    re_path(r"^.*/$", views.not_found, name="not_found"),
]
