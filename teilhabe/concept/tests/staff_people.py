"""People and addresses for the tests of the concept's staff pages (`test_staff_*`).

Built on the `scene` fixture of `conftest.py`: a body with its AG (drafting version 2.0),
another AG, the Beirat and the Stadtrat. Every role that may or may not get in has a user.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from teilhabe.council.tests import factories as f


def member_of(scene: Any, organization: Any) -> Any:
    user = f.UserFactory()
    person = f.PersonFactory(body=scene.body, user=user)
    f.MembershipFactory(organization=organization, person=person)
    return user


def build_people(scene: Any) -> dict[str, Any]:
    return {
        "anonymous": None,
        "beirat_member": member_of(scene, scene.beirat),
        "other_ag_member": member_of(scene, scene.other_ag),
        "ag_member": member_of(scene, scene.ag),
        "other_body_staff": f.StaffRoleFactory().user,
        "staff": f.StaffRoleFactory(body=scene.body).user,
        "superuser": f.UserFactory(is_superuser=True, is_staff=True),
    }


def url(scene: Any, name: str, **kwargs: Any) -> str:
    return reverse(f"concept_staff:{name}", kwargs={"body": scene.body.slug, **kwargs})


def logged_in(client: Any, user: Any) -> Any:
    if user is not None:
        client.force_login(user)
    return client


def text_of(response: Any) -> str:
    """The page's text with its markup and repeated white space removed."""
    import html
    import re

    content = response.content.decode()
    content = re.sub(r"<[^>]+>", " ", content)
    return " ".join(html.unescape(content).split())
