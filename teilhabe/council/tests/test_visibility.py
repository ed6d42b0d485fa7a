"""Truth tables: who sees the non-public part of a body's council work."""

from __future__ import annotations

import pytest

from teilhabe.council import models
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db


SEES_NONPUBLIC = {
    "anonymous": False,
    "staff": True,
    "other_body_staff": False,
    "member": True,
    "member_of_other_org": False,
    "former_member": False,
}


@pytest.mark.parametrize(("role", "expected"), SEES_NONPUBLIC.items())
def test_nonpublic_agenda_item_truth_table(world, role, expected):
    """Non-public items: staff of the body and current members of the organization only."""
    user = world["users"][role]
    visible = models.AgendaItem.objects.visible_to(user)
    assert visible.filter(pk=world["public_item"].pk).exists()
    assert visible.filter(pk=world["secret_item"].pk).exists() is expected


@pytest.mark.parametrize(("role", "expected"), SEES_NONPUBLIC.items())
def test_nonpublic_paper_truth_table(world, role, expected):
    user = world["users"][role]
    assert (
        models.Paper.objects.visible_to(user).filter(pk=world["secret_paper"].pk).exists()
        is expected
    )


@pytest.mark.parametrize(("role", "expected"), SEES_NONPUBLIC.items())
def test_consultation_on_nonpublic_item_truth_table(world, role, expected):
    user = world["users"][role]
    assert models.Consultation.objects.visible_to(user).exists() is expected


def test_deleted_rows_are_never_visible(world):
    item = world["public_item"]
    item.deleted = True
    item.save()
    staff = world["users"]["staff"]
    assert not models.AgendaItem.objects.visible_to(staff).filter(pk=item.pk).exists()


def test_person_without_consent_is_hidden_from_the_public(world):
    body = world["body"]
    shy = f.PersonFactory(body=body, public_consent=False)
    assert not models.Person.objects.visible_to(None).filter(pk=shy.pk).exists()
    assert models.Person.objects.visible_to(world["users"]["staff"]).filter(pk=shy.pk).exists()
