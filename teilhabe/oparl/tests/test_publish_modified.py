"""A record that embeds another changes with it: `Last-Modified` and `modified` move when
an embedded record is changed, made non-public or deleted through the services, so a
client asking `If-Modified-Since` never gets a stale 304 (OParl 1.1: embedded objects)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from teilhabe.council import services
from teilhabe.council.models import AgendaItem, Meeting, Membership, Paper, Person
from teilhabe.council.tests import factories as f
from teilhabe.council.tests.test_uploads import make_pdf, upload
from teilhabe.oparl.tests.conftest import API

# The records that embed a changed one are touched once its transaction has committed.
pytestmark = pytest.mark.django_db(transaction=True)

AN_HOUR_AGO = dt.timedelta(hours=1)


def _age(*rows) -> None:
    """Date every row back an hour, as if the last change were long ago."""
    then = timezone.now() - AN_HOUR_AGO
    for row in rows:
        type(row).objects.filter(pk=row.pk).update(modified=then)


def _still_current(client, url: str) -> bool:
    first = client.get(url)
    assert first.status_code == 200
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})
    return again.status_code == 304


def _changed_since(client, url: str, change) -> bool:
    last_modified = client.get(url)["Last-Modified"]
    change()
    return client.get(url, headers={"if-modified-since": last_modified}).status_code == 200


@pytest.fixture
def item():
    item = f.AgendaItemFactory(public=True)
    _age(item, item.meeting)
    return AgendaItem.objects.get(pk=item.pk)


def test_deleting_an_agenda_item_changes_its_meeting(client, item):
    url = f"{API}meeting/{item.meeting_id}/"
    assert _still_current(client, url)
    assert _changed_since(
        client,
        url,
        lambda: services.agenda_item_delete(agenda_item=item, expected_version=item.version),
    )


def test_making_an_agenda_item_non_public_changes_its_meeting(client, item):
    url = f"{API}meeting/{item.meeting_id}/"
    assert _changed_since(
        client,
        url,
        lambda: services.agenda_item_update(
            agenda_item=item, expected_version=item.version, public=False
        ),
    )
    assert Meeting.objects.get(pk=item.meeting_id).version == 1  # not an edit of the meeting


def test_deleting_a_consultation_changes_its_paper(client):
    consultation = f.ConsultationFactory()
    paper = consultation.paper
    _age(consultation, paper)
    url = f"{API}paper/{paper.pk}/"
    assert _changed_since(
        client,
        url,
        lambda: services.consultation_delete(
            consultation=consultation, expected_version=consultation.version
        ),
    )
    assert Paper.objects.get(pk=paper.pk).modified > timezone.now() - AN_HOUR_AGO


def test_ending_a_membership_changes_its_person(client):
    membership = f.MembershipFactory()
    person = membership.person
    _age(membership, person)
    url = f"{API}person/{person.pk}/"
    assert _changed_since(
        client,
        url,
        lambda: services.membership_end(
            membership=Membership.objects.get(pk=membership.pk),
            end_date=timezone.localdate(),
            expected_version=membership.version,
        ),
    )
    assert Person.objects.get(pk=person.pk).version == person.version


def test_uploading_a_file_changes_the_paper_it_is_attached_to(client):
    """The paper itself counts as modified (its list under `modified_since` names it)."""
    paper = f.PaperFactory(public=True)
    staff = f.StaffRoleFactory(body=paper.body).user
    _age(paper)
    aged = Paper.objects.get(pk=paper.pk).modified
    services.file_upload(
        body=paper.body, by=staff, uploaded_file=upload("anlage.pdf", make_pdf()), paper=paper
    )
    assert Paper.objects.get(pk=paper.pk).modified > aged
    since = (aged + dt.timedelta(minutes=1)).isoformat().replace("+", "%2B")
    listed = client.get(f"{API}body/{paper.body_id}/paper/?modified_since={since}")
    assert f"paper/{paper.pk}/" in listed.content.decode()


def test_a_rolled_back_change_touches_nothing(item):
    before = Meeting.objects.get(pk=item.meeting_id).modified
    with pytest.raises(RuntimeError):
        _fail_after(
            lambda: services.agenda_item_update(
                agenda_item=item, expected_version=item.version, name="Verworfen"
            )
        )
    assert Meeting.objects.get(pk=item.meeting_id).modified == before


def _fail_after(change) -> None:
    from django.db import transaction

    with transaction.atomic():
        change()
        raise RuntimeError
