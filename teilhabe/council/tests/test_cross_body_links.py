"""Links from a body's papers and motions to a body imported from OParl (the Stadtrat's).

A paper's related papers and a motion's cited papers and resolutions may be of the own
body or public records of an imported body; never of another body made in Teilhabe, never
a record the user may not see, and nothing is written on a refusal. The forms offer the
imported records labelled with their body, and the public paper page links an imported
paper under its own body's address.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from teilhabe.council import errors, services
from teilhabe.council.forms import PaperForm
from teilhabe.council.forms.motions import MotionForm
from teilhabe.council.models import AgendaItem, Paper
from teilhabe.council.selectors.citations import related_paper_choices
from teilhabe.council.services._common import ensure_citable
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

SOURCE = "https://ris.example.org/oparl/v1/body/1"
TEXTS: dict[str, Any] = {
    "name": "Radwege für alle",
    "proposed_resolution": "Der Beirat empfiehlt dem Stadtrat den Ausbau.",
    "justification": "Weil der Stadtrat es beraten hat.",
}


@pytest.fixture
def w() -> dict[str, Any]:
    """A Beirat body with a member and staff, an imported Stadtrat with public and
    non-public records, and another body made in Teilhabe."""
    body = f.BodyFactory(name="Beirat Musterstadt")
    beirat = f.OrganizationFactory(body=body)
    member = f.UserFactory()
    f.MembershipFactory(organization=beirat, person=f.PersonFactory(body=body, user=member))
    stadtrat_body = f.BodyFactory(name="Stadtrat Musterstadt", oparl_source=SOURCE)
    stadtrat = f.OrganizationFactory(body=stadtrat_body, name="Rat")
    held = f.MeetingFactory(organization=stadtrat, start=timezone.now() - dt.timedelta(days=9))
    other_body = f.BodyFactory(name="Nachbargemeinde")
    return {
        "body": body,
        "beirat": beirat,
        "member": member,
        "staff": f.StaffRoleFactory(body=body).user,
        "meeting": f.MeetingFactory(organization=beirat),
        "own_paper": f.PaperFactory(body=body, reference="BMI/2025/001"),
        "stadtrat_body": stadtrat_body,
        "imported": f.PaperFactory(
            body=stadtrat_body, reference="V/2025/017", name="Bericht Radwege"
        ),
        "imported_secret": f.PaperFactory(
            body=stadtrat_body, reference="V/2025/018", name="Grundstücksgeschäft", public=False
        ),
        "resolution": f.AgendaItemFactory(
            meeting=held, name="Radwegeplan", result=AgendaItem.Result.ADOPTED
        ),
        "secret_resolution": f.AgendaItemFactory(
            meeting=held, name="Vergabe", public=False, result=AgendaItem.Result.ADOPTED
        ),
        "foreign": f.PaperFactory(body=other_body, reference="NG/2025/001"),
        "foreign_resolution": f.AgendaItemFactory(
            meeting=f.MeetingFactory(
                organization=f.OrganizationFactory(body=other_body),
                start=timezone.now() - dt.timedelta(days=3),
            ),
            result=AgendaItem.Result.ADOPTED,
        ),
    }


def _submit(w: dict[str, Any], **kwargs: Any) -> Paper:
    return services.motion_submit(
        body=w["body"], by=w["member"], meeting=w["meeting"], **TEXTS, **kwargs
    )


# Services ----------------------------------------------------------------------------------


def test_a_paper_relates_to_own_and_imported_papers(w):
    paper = services.paper_create(
        body=w["body"],
        reference="BMI/2025/002",
        name="Stellungnahme",
        date=dt.date(2025, 3, 1),
        paper_type=Paper.Type.MOTION,
        related_papers=[w["own_paper"], w["imported"]],
    )
    assert set(paper.related_papers.all()) == {w["own_paper"], w["imported"]}
    updated = services.paper_update(paper=paper, expected_version=1, related_papers=[w["imported"]])
    assert list(updated.related_papers.all()) == [w["imported"]]
    w["imported"].refresh_from_db()
    assert w["imported"].version == 1  # the imported paper itself is not written


@pytest.mark.parametrize(
    ("ref", "error", "field"),
    [
        ("foreign", errors.CrossBodyReference, "related_papers"),
        ("imported_secret", errors.CitationNotVisible, "related_papers"),
    ],
)
def test_a_paper_refuses_other_bodies_and_non_public_imported_papers(w, ref, error, field):
    with pytest.raises(error) as caught:
        services.paper_create(
            body=w["body"], name="Stellungnahme", related_papers=[w["own_paper"], w[ref]]
        )
    assert caught.value.field == field
    assert not Paper.objects.filter(name="Stellungnahme").exists()
    with pytest.raises(error):
        services.paper_update(paper=w["own_paper"], expected_version=1, related_papers=[w[ref]])
    w["own_paper"].refresh_from_db()
    assert w["own_paper"].version == 1
    assert not w["own_paper"].related_papers.exists()


def test_a_deleted_imported_paper_is_not_linked(w):
    Paper.objects.filter(pk=w["imported"].pk).update(deleted=True)
    with pytest.raises(errors.CitationNotVisible):
        services.paper_update(
            paper=w["own_paper"], expected_version=1, related_papers=[w["imported"]]
        )


def test_nothing_is_written_into_the_imported_body(w):
    """Linking is allowed from the own body only; the imported body stays read-only."""
    with pytest.raises(errors.ImportedBodyReadOnly):
        services.paper_create(
            body=w["stadtrat_body"], name="Eingeschmuggelt", related_papers=[w["imported"]]
        )
    with pytest.raises(errors.ImportedBodyReadOnly):
        services.paper_update(
            paper=w["imported"], expected_version=1, related_papers=[w["own_paper"]]
        )
    assert not Paper.objects.filter(name="Eingeschmuggelt").exists()
    assert not w["imported"].related_papers.exists()


def test_citing_only_own_records_costs_no_query(w, django_assert_num_queries):
    with django_assert_num_queries(0):
        ensure_citable(w["body"], [w["own_paper"]], w["own_paper"])


def test_a_motion_cites_imported_papers_and_resolutions(w):
    motion = _submit(
        w,
        cited_papers=[w["own_paper"], w["imported"]],
        cited_agenda_items=[w["resolution"]],
    )
    assert set(motion.related_papers.all()) == {w["own_paper"], w["imported"]}
    assert list(motion.cited_agenda_items.all()) == [w["resolution"]]


@pytest.mark.parametrize(
    ("kwargs", "error", "field"),
    [
        ({"cited_papers": ["foreign"]}, errors.CrossBodyReference, "cited_papers"),
        ({"cited_agenda_items": ["foreign_resolution"]}, errors.CrossBodyReference, None),
        ({"cited_papers": ["imported_secret"]}, errors.CitationNotVisible, "cited_papers"),
        (
            {"cited_agenda_items": ["secret_resolution"]},
            errors.CitationNotVisible,
            "cited_agenda_items",
        ),
    ],
)
def test_a_motion_refuses_other_bodies_and_hidden_records(w, kwargs, error, field):
    values = {name: [w[key] for key in keys] for name, keys in kwargs.items()}
    with pytest.raises(error) as caught:
        _submit(w, **values)
    if field is not None:
        assert caught.value.field == field
    assert not Paper.objects.filter(name=TEXTS["name"]).exists()


def test_an_imported_item_without_result_is_no_resolution(w):
    item = f.AgendaItemFactory(meeting=w["resolution"].meeting, name="Ohne Ergebnis")
    with pytest.raises(errors.CitationNotVisible):
        _submit(w, cited_agenda_items=[item])


# Forms -------------------------------------------------------------------------------------


def test_the_staff_paper_form_offers_public_imported_papers_labelled(w):
    form = PaperForm(instance=Paper(body=w["body"]), body=w["body"], user=w["staff"])
    field: Any = form.fields["related_papers"]
    labels = {
        paper.pk: label
        for paper, label in ((p, field.label_from_instance(p)) for p in field.queryset)
    }
    assert w["own_paper"].pk in labels
    assert labels[w["imported"].pk] == "Stadtrat Musterstadt: V/2025/017 Bericht Radwege"
    assert labels[w["own_paper"].pk] == str(w["own_paper"])
    assert w["imported_secret"].pk not in labels
    assert w["foreign"].pk not in labels
    # The own body's papers come first.
    assert next(iter(labels)) == w["own_paper"].pk


def test_the_staff_page_saves_a_link_to_an_imported_paper(client, w):
    client.force_login(w["staff"])
    url = reverse("council_staff:paper_create", kwargs={"body": w["body"].slug})
    page = client.get(url).content.decode()
    assert "Stadtrat Musterstadt: V/2025/017 Bericht Radwege" in page
    assert "Grundstücksgeschäft" not in page
    response = client.post(
        url,
        {
            "name": "Stellungnahme zum Radwegebericht",
            "date": "2025-03-01",
            "paper_type": "antrag",
            "public": "on",
            "related_papers": [w["imported"].pk],
        },
    )
    assert response.status_code == 302
    paper = Paper.objects.get(name="Stellungnahme zum Radwegebericht")
    assert list(paper.related_papers.all()) == [w["imported"]]
    forged = client.post(
        url,
        {
            "name": "Gefälscht",
            "date": "2025-03-01",
            "paper_type": "antrag",
            "related_papers": [w["foreign"].pk],
        },
    )
    assert forged.status_code == 200
    assert not Paper.objects.filter(name="Gefälscht").exists()


def test_related_choices_keep_the_newest_per_imported_body_and_the_linked(w):
    """Of an imported body, the `limit` newest public papers are offered, and an older one
    the paper already relates to; other imported papers are not."""
    old = f.PaperFactory(body=w["stadtrat_body"], date=dt.date(2001, 1, 1), reference="V/1")
    older = f.PaperFactory(body=w["stadtrat_body"], date=dt.date(2000, 1, 1), reference="V/0")
    newest = [f.PaperFactory(body=w["stadtrat_body"], date=dt.date(2030, 1, n)) for n in (1, 2)]
    w["own_paper"].related_papers.add(older)
    choices = set(
        related_paper_choices(body=w["body"], user=w["staff"], paper=w["own_paper"], limit=2)
    )
    assert set(newest) <= choices
    assert older in choices
    assert old not in choices
    assert w["imported"] not in choices
    assert w["own_paper"] not in choices  # not related to itself


@pytest.mark.parametrize("n", [1, 8])
def test_the_related_choices_cost_the_same_queries_for_any_number(w, n, django_assert_num_queries):
    for _ in range(n):
        f.PaperFactory(body=w["stadtrat_body"])
        f.PaperFactory(body=w["body"])
    form = PaperForm(instance=w["own_paper"], body=w["body"], user=w["staff"])
    with django_assert_num_queries(1):
        choices = [choice for choice in form.fields["related_papers"].choices]  # noqa: C416
    assert len(choices) == 2 * n + 1  # not the paper itself


def test_the_motion_form_resolves_imported_references_and_offers_imported_resolutions(w):
    data = {
        "meeting": w["meeting"].pk,
        "on_behalf_of": "",
        **TEXTS,
        "cited_references": "V/2025/017, BMI/2025/001",
        "cited_agenda_items": [w["resolution"].pk],
        "public": "on",
    }
    form = MotionForm(data, body=w["body"], user=w["member"], deadlines={})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["cited_references"] == [w["imported"], w["own_paper"]]
    field: Any = form.fields["cited_agenda_items"]
    labels = [field.label_from_instance(item) for item in field.queryset]
    assert len(labels) == 1
    assert labels[0].startswith("Stadtrat Musterstadt: Rat, ")
    assert "Radwegeplan" in labels[0]
    hidden = MotionForm(
        {**data, "cited_references": "V/2025/018, NG/2025/001", "cited_agenda_items": []},
        body=w["body"],
        user=w["member"],
        deadlines={},
    )
    assert not hidden.is_valid()
    assert "V/2025/018, NG/2025/001" in " ".join(hidden.errors["cited_references"])
    secret = MotionForm(
        {**data, "cited_agenda_items": [w["secret_resolution"].pk]},
        body=w["body"],
        user=w["member"],
        deadlines={},
    )
    assert not secret.is_valid()
    assert "cited_agenda_items" in secret.errors


def test_a_reference_of_the_own_body_wins_and_ambiguous_ones_are_named(w):
    f.PaperFactory(body=w["stadtrat_body"], reference="BMI/2025/001")
    second = f.BodyFactory(name="Kreistag", oparl_source=SOURCE + "2")
    f.PaperFactory(body=second, reference="V/2025/017")
    data = {"meeting": w["meeting"].pk, "on_behalf_of": "", **TEXTS, "public": "on"}
    own = MotionForm(
        {**data, "cited_references": "BMI/2025/001"}, body=w["body"], user=w["member"], deadlines={}
    )
    assert own.is_valid(), own.errors
    assert own.cleaned_data["cited_references"] == [w["own_paper"]]
    twice = MotionForm(
        {**data, "cited_references": "V/2025/017"}, body=w["body"], user=w["member"], deadlines={}
    )
    assert not twice.is_valid()
    assert "nicht eindeutig" in " ".join(twice.errors["cited_references"])


def test_the_member_files_a_motion_citing_the_stadtrat(client, w):
    client.force_login(w["member"])
    url = reverse("council_member:motion_create", kwargs={"body": w["body"].slug})
    assert "Stadtrat Musterstadt: Rat" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "meeting": w["meeting"].pk,
            "on_behalf_of": "",
            **TEXTS,
            "cited_references": "V/2025/017",
            "cited_agenda_items": [w["resolution"].pk],
            "public": "on",
        },
    )
    assert response.status_code == 302
    motion = Paper.objects.get(submitted_by=w["member"])
    assert list(motion.related_papers.all()) == [w["imported"]]
    assert list(motion.cited_agenda_items.all()) == [w["resolution"]]


# Public pages ------------------------------------------------------------------------------


def _paper_url(paper: Paper) -> str:
    return reverse("council:paper_detail", kwargs={"body": paper.body.slug, "pk": paper.pk})


def test_the_paper_page_links_the_imported_paper_under_its_body(client, w):
    own = w["own_paper"]
    own.related_papers.add(w["imported"], w["imported_secret"], w["foreign"])
    content = client.get(_paper_url(own)).content.decode()
    link = _paper_url(w["imported"])
    assert link.startswith(f"/{w['stadtrat_body'].slug}/")
    assert f'href="{link}"' in content
    assert "Stadtrat Musterstadt:" in content
    assert "Bericht Radwege" in content
    assert "Grundstücksgeschäft" not in content  # non-public, whatever body
    assert w["foreign"].reference not in content  # another body made in Teilhabe
    assert client.get(link).status_code == 200
    staff_content = _logged_in(client, w["staff"]).get(_paper_url(own)).content.decode()
    assert "Grundstücksgeschäft" not in staff_content  # the Beirat's staff are not the Rat's


def _logged_in(client: Any, user: Any) -> Any:
    client.force_login(user)
    return client


def test_the_paper_page_costs_the_same_queries_for_any_number_of_links(client, w):
    """One imported paper and one own, or six of each (from six imported bodies): the
    paper page asks the same number of queries."""
    counts = []
    for n in (1, 6):
        paper = f.PaperFactory(body=w["body"])
        for i in range(n):
            imported_body = f.BodyFactory(oparl_source=f"{SOURCE}/{n}/{i}")
            paper.related_papers.add(
                f.PaperFactory(body=imported_body, name=f"Ratsvorlage {n}-{i}"),
                f.PaperFactory(body=w["body"]),
            )
        client.get(_paper_url(paper))  # warm the caches (body, site settings)
        with CaptureQueriesContext(connection) as queries:
            content = client.get(_paper_url(paper)).content.decode()
        assert content.count("Ratsvorlage") == n
        counts.append(len(queries))
    assert counts[0] == counts[1]
