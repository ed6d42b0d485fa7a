"""The public pages of the integration concept, as every role sees them.

The scene (`public_scene`) has version 1.0 in force and the AG's draft 2.0. The draft, its
measure list, goals, measures, comparison and exports answer 404 to anonymous visitors,
another body's staff, a Beirat member who is not in the AG and a former AG member, and 200
to staff and the AG's members. Non-public papers and resolutions linked to public
measures, and a responsible person without consent, stay hidden from whoever may not see
them. A version's page shows its structure and figures, its measures are listed fifty a
page on their own; every page costs the same number of queries for 5 measures as for 50.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.concept.models import ActionField, ConceptVersion, MeasureStatusChange, Status
from teilhabe.concept.tests import factories as cf
from teilhabe.concept.tests.public_scene import (
    DRAFT_SECRET,
    NONPUBLIC_ITEM,
    NONPUBLIC_PAPER,
    OTHER_BODY_MARK,
    SHY_PERSON,
    build_scene,
)
from teilhabe.council import models as council
from teilhabe.council.tests import factories as f

pytestmark = pytest.mark.django_db

OUTSIDERS = ["anonymous", "other_body_staff", "beirat_member", "former_ag_member"]
DRAFT_READERS = ["staff", "ag_member"]
ROLES = OUTSIDERS + DRAFT_READERS
# Who may not see the Beirat's non-public paper and item, nor the shy person (the Beirat's
# members may: the paper is consulted by the Beirat, the person is a fellow member).
COUNCIL_OUTSIDERS = ["anonymous", "other_body_staff", "former_ag_member", "ag_member"]
COUNCIL_SECRETS = [NONPUBLIC_PAPER, NONPUBLIC_ITEM, SHY_PERSON]


@pytest.fixture
def scene(db):
    return build_scene()


def _client(client, user):
    if user is not None:
        client.force_login(user)
    return client


def _url(name, body, **kwargs):
    return reverse(f"concept:{name}", kwargs={"body": body.slug, **kwargs})


def _text(response):
    """The page's main content as text, whitespace collapsed."""
    content = response.content.decode()
    main = content[content.index("<main") : content.index("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _public_pages(scene):
    body = scene["body"]
    return {
        "index": _url("index", body),
        "version": _url("version_detail", body, pk=scene["v1"].pk),
        "measures": _url("version_measures", body, pk=scene["v1"].pk),
        "compare": _url("version_compare", body, pk=scene["v1"].pk),
        "goal": _url("goal_detail", body, pk=scene["g1"].pk),
        "measure": _url("measure_detail", body, pk=scene["m1"].pk),
        "measure_with_motion": _url("measure_detail", body, pk=scene["m2"].pk),
        "measure_of_shy_person": _url("measure_detail", body, pk=scene["m4"].pk),
    }


def _draft_pages(scene):
    body = scene["body"]
    version = scene["v2"].pk
    return {
        "version": _url("version_detail", body, pk=version),
        "measures": _url("version_measures", body, pk=version),
        "compare": _url("version_compare", body, pk=version),
        "goal": _url("goal_detail", body, pk=scene["g_new"].pk),
        "measure": _url("measure_detail", body, pk=scene["m_new"].pk),
        "carried_measure": _url("measure_detail", body, pk=scene["m1b"].pk),
        "csv": _url("version_export_csv", body, pk=version),
        "xlsx": _url("version_export_xlsx", body, pk=version),
        "json": _url("version_export_json", body, pk=version),
    }


# Every public page, every role ----------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "page",
    [
        "index",
        "version",
        "measures",
        "compare",
        "goal",
        "measure",
        "measure_with_motion",
        "measure_of_shy_person",
    ],
)
def test_public_pages_answer_everyone_with_one_h1_and_a_title(client, scene, page, role):
    response = _client(client, scene["users"][role]).get(_public_pages(scene)[page])
    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1") == 1
    title = re.search(r"<title>(.*?)</title>", content, re.S)
    assert title is not None
    assert scene["body"].name in title.group(1)
    assert title.group(1).strip() != scene["body"].name
    assert OTHER_BODY_MARK not in content


@pytest.mark.parametrize("role", sorted(set(OUTSIDERS + COUNCIL_OUTSIDERS)))
@pytest.mark.parametrize(
    "page",
    [
        "index",
        "version",
        "measures",
        "compare",
        "goal",
        "measure",
        "measure_with_motion",
        "measure_of_shy_person",
    ],
)
def test_public_pages_show_outsiders_nothing_non_public(client, scene, page, role):
    content = _client(client, scene["users"][role]).get(_public_pages(scene)[page]).content.decode()
    secrets = COUNCIL_SECRETS if role in COUNCIL_OUTSIDERS else []
    if role in OUTSIDERS:
        secrets = [*secrets, DRAFT_SECRET]
    for secret in secrets:
        assert secret not in content, (page, role, secret)


@pytest.mark.parametrize("role", ["beirat_member", "staff"])
def test_the_beirat_and_staff_see_the_linked_non_public_paper(client, scene, role):
    content = _client(client, scene["users"][role]).get(_public_pages(scene)["measure"]).content
    assert NONPUBLIC_PAPER.encode() in content


def test_staff_see_the_linked_non_public_paper_and_resolution(client, scene):
    response = _client(client, scene["users"]["staff"]).get(_public_pages(scene)["measure"])
    text = _text(response)
    assert NONPUBLIC_PAPER in text
    assert NONPUBLIC_ITEM in text
    assert "nichtöffentlich" in text


def test_the_navigation_leads_to_the_concept(client, scene):
    content = client.get(reverse("council:body", kwargs={"body": "musterstadt"})).content.decode()
    assert f'href="{_url("index", scene["body"])}"' in content
    assert "Integrationskonzept" in content


# The draft ------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", OUTSIDERS)
@pytest.mark.parametrize(
    "page",
    [
        "version",
        "measures",
        "compare",
        "goal",
        "measure",
        "carried_measure",
        "csv",
        "xlsx",
        "json",
    ],
)
def test_a_draft_and_its_parts_are_not_found_for_outsiders(client, scene, page, role):
    response = _client(client, scene["users"][role]).get(_draft_pages(scene)[page])
    assert response.status_code == 404


@pytest.mark.parametrize("role", DRAFT_READERS)
@pytest.mark.parametrize(
    "page",
    [
        "version",
        "measures",
        "compare",
        "goal",
        "measure",
        "carried_measure",
        "csv",
        "xlsx",
        "json",
    ],
)
def test_a_draft_is_seen_by_staff_and_the_drafting_ag(client, scene, page, role):
    response = _client(client, scene["users"][role]).get(_draft_pages(scene)[page])
    assert response.status_code == 200
    if page in {"version", "measures", "goal", "measure"}:
        assert DRAFT_SECRET in response.content.decode()
        assert "Entwurf: nur für die Geschäftsstelle" in response.content.decode()


@pytest.mark.parametrize("role", OUTSIDERS)
def test_the_draft_is_not_offered_to_outsiders(client, scene, role):
    content = _client(client, scene["users"][role]).get(_public_pages(scene)["index"]).content
    assert _draft_pages(scene)["version"].encode() not in content
    assert b"Integrationskonzept 2.0" not in content


def test_the_drafting_ag_is_offered_the_draft(client, scene):
    response = _client(client, scene["users"]["ag_member"]).get(_public_pages(scene)["index"])
    text = _text(response)
    assert "Weitere Versionen" in text
    assert "Integrationskonzept 2.0" in text
    assert _draft_pages(scene)["version"] in response.content.decode()


def test_another_bodys_concept_is_not_found_here(client, scene):
    body = scene["body"]
    staff = _client(client, scene["users"]["staff"])
    for url in (
        _url("version_detail", body, pk=scene["other_version"].pk),
        _url("version_measures", body, pk=scene["other_version"].pk),
        _url("goal_detail", body, pk=scene["other_goal"].pk),
        _url("measure_detail", body, pk=scene["other_measure"].pk),
        _url("version_export_json", body, pk=scene["other_version"].pk),
        _url("version_detail", body, pk=987654),
        reverse("concept:index", kwargs={"body": "gibt-es-nicht"}),
    ):
        assert staff.get(url).status_code == 404, url


# The version's page ---------------------------------------------------------------------------


def test_the_version_in_force_with_its_structure_progress_money_and_totals(client, scene):
    response = client.get(_public_pages(scene)["index"])
    text = _text(response)
    content = response.content.decode()
    assert "Integrationskonzept 1.0" in text
    assert "in Kraft seit 1. Januar 2024" in text
    # Fields → goals, each goal with its progress, measures by status and money.
    listed = text.split("Handlungsfelder und Ziele")[1]
    assert (
        listed.index("1. Sprache und Bildung")
        < listed.index("Ziel 1: Alle Kinder sprechen")
        < listed.index("Ziel 2: Erwachsene finden")
        < listed.index("2. Arbeit und Ausbildung")
        < listed.index("Ziel 3: Mehr Ausbildungsplätze")
    )
    goal_1 = listed.split("Ziel 1: Alle Kinder sprechen")[1].split("Ziel 2:")[0]
    assert "Priorität 1" in goal_1
    assert "Fortschritt: 55 %" in goal_1
    assert "2 Maßnahmen zu Ziel 1" in goal_1
    assert "1 in Umsetzung, 1 umgesetzt" in goal_1
    assert "6.200,00 € 1.250,50 €" in goal_1
    goal_2 = listed.split("Ziel 2: Erwachsene finden")[1].split("Alle Maßnahmen im Handlungsfeld")[
        0
    ]
    assert "kein Fortschritt zu berechnen" in goal_2
    assert "1 Maßnahme zu Ziel 2 1 entfallen 300,00 € 0,00 €" in goal_2
    field_1 = listed.split("Alle Maßnahmen im Handlungsfeld")[1].split("2. Arbeit")[0]
    assert "3 Maßnahmen im Handlungsfeld Sprache und Bildung" in field_1
    assert "6.500,00 € 1.250,50 €" in field_1
    field_2 = listed.split("2. Arbeit und Ausbildung")[1]
    assert "Ziel 3: Mehr Ausbildungsplätze" in field_2
    assert "Weitere Maßnahmen im Handlungsfeld, zu keinem bestimmten Ziel" in field_2
    # The measures themselves are listed on their own page, linked from each goal.
    for title in ("Sprachcafé", "Vorlesepaten", "Abendkurs", "Ausbildungsmesse"):
        assert title not in text, title
    measures_url = _url("version_measures", scene["body"], pk=scene["v1"].pk)
    assert f'href="{measures_url}"' in content
    assert f'href="{measures_url}?ziel={scene["g1"].pk}"' in content
    assert f'href="{measures_url}?feld={scene["f2"].pk}&amp;ziel=ohne"' in content
    assert f'href="{_url("goal_detail", scene["body"], pk=scene["g1"].pk)}"' in content
    # Headline, planned against spent, German money.
    assert "1 Maßnahme umgesetzt, 1.000 € ausgegeben" in text
    assert "6.500,00 €" in text
    assert "1.250,50 €" in text
    # Accessible progress: a labelled <progress> with the value as text (27.5 → 28 %).
    match = re.search(
        r'<label class="kern-label kern-label--small" for="(progress-version-\d+)">'
        r"Fortschritt: 28 %",
        content,
    )
    assert match is not None
    assert f'<progress id="{match.group(1)}" max="100" value="28">28 %</progress>' in content
    # Progress bars have unique ids.
    ids = re.findall(r'<progress id="([^"]+)"', content)
    # The version, both fields, G1 (G2 and G3 have none) and F2's measures without a goal.
    assert len(ids) == len(set(ids)) == 5
    # Exports are offered.
    assert _url("version_export_csv", scene["body"], pk=scene["v1"].pk) in content


def test_a_version_page_is_the_overview_of_that_version(client, scene):
    staff = _client(client, scene["users"]["staff"])
    index = _text(staff.get(_public_pages(scene)["index"]))
    version = _text(staff.get(_public_pages(scene)["version"]))
    assert index == version
    draft = _text(staff.get(_draft_pages(scene)["version"]))
    assert f"Neues Ziel {DRAFT_SECRET}" in draft
    assert f"Neue Maßnahme {DRAFT_SECRET}" not in draft  # listed on the measure list


def test_the_empty_page_when_there_is_no_version(client):
    body = f.BodyFactory(slug="leerstadt")
    response = client.get(reverse("concept:index", kwargs={"body": body.slug}))
    assert response.status_code == 200
    assert "Noch ist keine Version des Integrationskonzepts veröffentlicht" in _text(response)


def test_only_a_draft_gives_the_empty_page_to_the_public(client, scene):
    ConceptVersion.objects.filter(pk=scene["v1"].pk).update(deleted=True)
    response = client.get(_public_pages(scene)["index"])
    assert response.status_code == 200
    assert "Noch ist keine Version" in _text(response)
    assert DRAFT_SECRET not in response.content.decode()


def test_the_newest_visible_version_when_none_is_in_force(client, scene):
    ConceptVersion.objects.filter(pk=scene["v1"].pk).update(
        state=ConceptVersion.State.SUPERSEDED, in_force_until=dt.date(2025, 12, 31)
    )
    public = client.get(_public_pages(scene)["index"])
    assert "in Kraft bis 31. Dezember 2025" in _text(public)
    staff = _client(client, scene["users"]["staff"]).get(_public_pages(scene)["index"])
    assert DRAFT_SECRET in _text(staff)


# The measure list -----------------------------------------------------------------------------


def _list_section(response):
    """The list's text after its filter form."""
    return _text(response).split("Anzeigen", 1)[1]


def test_the_measure_list_shows_every_measure_by_field(client, scene):
    response = client.get(_public_pages(scene)["measures"])
    content = response.content.decode()
    listed = _list_section(response)
    assert "4 Maßnahmen, nach Handlungsfeld und Nummer" in listed
    assert (
        listed.index("Handlungsfeld 1: Sprache und Bildung")
        < listed.index("1. Sprachcafé")
        < listed.index("2. Vorlesepaten")
        < listed.index("3. Abendkurs Deutsch")
        < listed.index("Handlungsfeld 2: Arbeit und Ausbildung")
        < listed.index("4. Ausbildungsmesse")
    )
    assert "umgesetzt 100 % 1.200,00 € 1.000,00 € Integrationsbüro" in listed
    assert "in Umsetzung 40 % 5.000,00 € 250,50 € Rita Referentin" in listed
    assert "entfallen – zählt beim Fortschritt nicht mit 300,00 € – ohne Zuständigkeit" in listed
    assert "geplant 0 % – – eine Person (Name nicht veröffentlicht)" in listed
    assert f'href="{_url("measure_detail", scene["body"], pk=scene["m1"].pk)}"' in content
    assert "Angezeigt" not in listed
    assert "Gefunden" not in listed
    assert content.count("<h1") == 1


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?status=done", ["Sprachcafé"], ["Vorlesepaten", "Abendkurs", "Ausbildungsmesse"]),
        ("?status=dropped", ["Abendkurs"], ["Sprachcafé", "Ausbildungsmesse"]),
        ("?zustaendig=keine", ["Abendkurs"], ["Sprachcafé", "Vorlesepaten"]),
        ("?zustaendig=nv", ["Ausbildungsmesse"], ["Sprachcafé", "Abendkurs"]),
        ("?ziel=ohne", ["Ausbildungsmesse"], ["Sprachcafé", "Vorlesepaten", "Abendkurs"]),
    ],
)
def test_filters(client, scene, query, shown, hidden):
    section = _list_section(client.get(_public_pages(scene)["measures"] + query))
    assert "Gefunden:" in section
    for title in shown:
        assert title in section, title
    for title in hidden:
        assert title not in section, title


def test_filter_by_field_goal_and_unit(client, scene):
    url = _public_pages(scene)["measures"]
    section = _list_section(client.get(f"{url}?feld={scene['f2'].pk}"))
    assert "Gefunden: 1 von 4 Maßnahmen." in section
    assert "Ausbildungsmesse" in section
    assert "Sprachcafé" not in section
    section = _list_section(client.get(f"{url}?ziel={scene['g1'].pk}"))
    assert "Sprachcafé" in section
    assert "Vorlesepaten" in section
    assert "Abendkurs" not in section
    section = _list_section(client.get(f"{url}?zustaendig=o{scene['office'].pk}"))
    assert "Sprachcafé" in section
    assert "Vorlesepaten" not in section
    section = _list_section(client.get(f"{url}?feld={scene['f2'].pk}&status=done"))
    assert "Keine passenden Maßnahmen." in section


def test_the_form_keeps_the_filters_chosen(client, scene):
    url = _public_pages(scene)["measures"]
    content = client.get(
        f"{url}?feld={scene['f1'].pk}&ziel={scene['g2'].pk}&status=dropped"
    ).content
    content = content.decode()
    assert f'<option value="{scene["f1"].pk}" selected>' in content
    assert f'<option value="{scene["g2"].pk}" selected>' in content
    assert '<option value="dropped" selected>' in content


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?feld=999999", "Ein Handlungsfeld „999999“ gibt es in dieser Version nicht."),
        ("?feld=abc", "Ein Handlungsfeld „abc“ gibt es in dieser Version nicht."),
        ("?feld=99999999999999999999", "Ein Handlungsfeld „99999999999999999999“ gibt es"),
        ("?ziel=999999", "Ein Ziel „999999“ gibt es in dieser Version nicht."),
        ("?ziel=x", "Ein Ziel „x“ gibt es in dieser Version nicht."),
        ("?status=fertig", "Einen Status „fertig“ gibt es nicht."),
        ("?zustaendig=o999999", "Eine Zuständigkeit „o999999“ gibt es in dieser Version nicht."),
        ("?zustaendig=%00%3Cscript%3E", "Eine Zuständigkeit „&lt;script&gt;“ gibt es"),
        ("?seite=abc", "Eine Seite „abc“ gibt es hier nicht. Gezeigt wird Seite 1 von 1."),
        ("?seite=7", "Eine Seite „7“ gibt es hier nicht. Gezeigt wird Seite 1 von 1."),
        ("?seite=0", "Eine Seite „0“ gibt es hier nicht. Gezeigt wird Seite 1 von 1."),
        ("?seite=-1", "Eine Seite „-1“ gibt es hier nicht. Gezeigt wird Seite 1 von 1."),
    ],
)
def test_an_unknown_filter_value_or_page_is_named_never_an_error(client, scene, query, message):
    response = client.get(_public_pages(scene)["measures"] + query)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main")[1]
    assert "Sprachcafé" in _list_section(response)  # everything is shown instead


def test_a_field_or_goal_of_another_version_is_unknown(client, scene):
    url = _public_pages(scene)["measures"]
    response = client.get(f"{url}?feld={scene['f1b'].pk}&ziel={scene['g_new'].pk}")
    text = _text(response)
    assert "Ein Handlungsfeld" in text
    assert "Ein Ziel" in text
    assert DRAFT_SECRET not in response.content.decode()


def test_the_list_of_a_draft_is_the_drafts(client, scene):
    response = _client(client, scene["users"]["ag_member"]).get(_draft_pages(scene)["measures"])
    section = _list_section(response)
    assert f"Neue Maßnahme {DRAFT_SECRET}" in section
    assert "Vorlesepaten" not in section  # of version 1.0 only


def test_the_list_goes_fifty_a_page_and_keeps_the_filters_in_its_links(client):
    body = f.BodyFactory()
    version, _goal, _measure = _bulk_version(body, 120)
    url = _url("version_measures", body, pk=version.pk)
    first = client.get(url)
    content = first.content.decode()
    rows = re.findall(r'<tr class="kern-table__row">\s*<th scope="row"', content)
    assert len(rows) == 50
    assert "Maßnahmen 1 bis 50 von 120, nach Handlungsfeld und Nummer" in _text(first)
    assert 'href="?seite=2" rel="next"' in content
    last = client.get(url + "?seite=3")
    assert (
        len(re.findall(r'<tr class="kern-table__row">\s*<th scope="row"', last.content.decode()))
        == 20
    )
    assert "Maßnahmen 101 bis 120 von 120" in _text(last)
    # Beyond the end: the last page, and a message.
    beyond = client.get(url + "?seite=99")
    assert "Maßnahmen 101 bis 120 von 120" in _text(beyond)
    assert "Eine Seite „99“ gibt es hier nicht. Gezeigt wird Seite 3 von 3." in _text(beyond)
    # The filters are carried into the page links; the title names the page.
    field = ActionField.objects.filter(concept_version=version).order_by("number").first()
    assert field is not None
    filtered = client.get(f"{url}?feld={field.pk}&status=done")
    assert "Keine passenden Maßnahmen." in _text(filtered)
    filtered = client.get(f"{url}?status=in_progress&seite=1")
    content = filtered.content.decode()
    assert 'href="?status=in_progress&amp;seite=2" rel="next"' in content
    assert "Gefunden: 120 von 120 Maßnahmen." in _text(filtered)
    by_field = client.get(f"{url}?feld={field.pk}&seite=2")
    assert "Gefunden: 40 von 120 Maßnahmen." in _text(by_field)
    assert "Eine Seite „2“ gibt es hier nicht. Gezeigt wird Seite 1 von 1." in _text(by_field)
    second = client.get(f"{url}?seite=2").content.decode()
    assert re.search(r"<title>\s*Maßnahmen – [^<]*\(Seite 2\)", second)


def test_the_overview_counts_every_measure_whatever_the_list_shows(client):
    body = f.BodyFactory()
    version, _goal, _measure = _bulk_version(body, 120)
    text = _text(client.get(_url("version_detail", body, pk=version.pk)))
    assert "Alle 120 Maßnahmen als Liste" in text
    assert "120 Maßnahmen zu Ziel" in text  # the first goal: every measure serves it
    assert "12.000,00 €" in text  # 120 × 100 € planned
    assert "6.000,00 €" in text  # 120 × 50 € spent


def test_the_page_in_english_formats_money_in_english(client, scene):
    response = client.get(_public_pages(scene)["index"], headers={"accept-language": "en"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "6,500.00 €" in content
    assert "6.500,00 €" not in content


# Comparison, goal, measure --------------------------------------------------------------------


def test_the_comparison_shows_added_changed_dropped_and_carried_over(client, scene):
    response = _client(client, scene["users"]["ag_member"]).get(_draft_pages(scene)["compare"])
    text = _text(response)
    assert "Was sich von Version 1.0 zu Version 2.0 geändert hat" in text
    assert "neu: 1 · geändert: 1 · entfallen: 3 · unverändert übernommen: 0" in text
    assert "Sprache und Bildung Sprache, Bildung und Medien" in text  # before → after
    assert "umgesetzt in Umsetzung" in text
    assert "1.200,00 € 1.500,00 €" in text
    assert "Unverändert übernommen" in text
    assert f"Neue Maßnahme {DRAFT_SECRET}" in text


def test_a_version_without_predecessor_says_so(client, scene):
    text = _text(client.get(_public_pages(scene)["compare"]))
    assert "keine Vorgängerversion" in text


def test_the_goal_page_shows_its_whole_chain(client, scene):
    response = client.get(_public_pages(scene)["goal"])
    text = _text(response)
    content = response.content.decode()
    assert "Alle Kinder sprechen bei der Einschulung Deutsch" in text
    assert "Fortschritt: 55 %" in text
    assert "Sprache und Bildung" in text
    assert "Priorität 1" in text
    assert "Workshop – AG Integrationskonzept 2.0" in text
    assert "Bericht der AG Integrationskonzept" in text
    paper_url = reverse(
        "council:paper_detail", kwargs={"body": scene["body"].slug, "pk": scene["report"].pk}
    )
    assert f'href="{paper_url}"' in content
    meeting_url = reverse(
        "council:meeting_detail", kwargs={"body": scene["body"].slug, "pk": scene["meeting"].pk}
    )
    assert f'href="{meeting_url}#top-{scene["public_item"].pk}"' in content
    assert "Sprachcafé in der Stadtbibliothek" in text
    assert "Vorlesepaten in Kitas" in text


def test_the_carried_goal_names_its_predecessor(client, scene):
    response = _client(client, scene["users"]["staff"]).get(
        _url("goal_detail", scene["body"], pk=scene["g1b"].pk)
    )
    assert "Übernommen aus Version 1.0, Ziel 1" in _text(response)
    original = _client(client, scene["users"]["staff"]).get(_public_pages(scene)["goal"])
    assert "Fortgeschrieben in Version 2.0, Ziel 1" in _text(original)


def test_the_measure_page(client, scene):
    text = _text(client.get(_public_pages(scene)["measure"]))
    for expected in (
        "Sprachcafé in der Stadtbibliothek",
        "umgesetzt",
        "Fortschritt: 100 %",
        "Integrationsbüro",
        "N.N.",
        "1. März 2024 bis 31. Dezember 2024",
        "1.200,00 €",
        "1.000,00 €",
        "Landesprogramm",
        "Statusverlauf",
        "15.01.2024",
        "Bericht der AG Integrationskonzept",
    ):
        assert expected in text, expected


def test_the_measure_page_shows_the_motion_and_its_path(client, scene):
    text = _text(client.get(_public_pages(scene)["measure_with_motion"]))
    assert "Antrag an den Stadtrat" in text
    assert "BMI/2026/3: Antrag: Sprachcafé finanzieren" in text
    assert "Stand: beraten" in text
    assert "Stadtrat: noch nicht terminiert" in text


def test_the_carried_measure_shows_the_history_of_its_predecessor(client, scene):
    text = _text(
        _client(client, scene["users"]["ag_member"]).get(_draft_pages(scene)["carried_measure"])
    )
    assert "Übernommen aus Version 1.0, Maßnahme 1" in text
    assert "15.01.2024 geplant" in text
    assert "Version 1.0 (früher)" in text
    assert "01.02.2026 in Umsetzung 10 %" in text
    # The AG member is no member of the Beirat: its non-public resolution stays hidden.
    assert NONPUBLIC_ITEM not in text


def test_a_non_public_motion_is_not_shown(client, scene):
    council.Paper.objects.filter(pk=scene["motion"].pk).update(public=False)
    text = _text(client.get(_public_pages(scene)["measure_with_motion"]))
    assert "Antrag an den Stadtrat" not in text
    assert "Sprachcafé finanzieren" not in text


# Query counts: the same for 5 measures as for 50 ----------------------------------------------


def _bulk_version(body, count):
    """A version in force with `count` measures, each linked to everything a page reads."""
    beirat = f.OrganizationFactory(body=body)
    meeting = f.MeetingFactory(organization=beirat, start=timezone.now() - dt.timedelta(days=3))
    item = f.AgendaItemFactory(meeting=meeting, result=council.AgendaItem.Result.ADOPTED)
    paper = f.PaperFactory(body=body)
    f.ConsultationFactory(paper=paper, organization=beirat, meeting=meeting, agenda_item=item)
    person = f.PersonFactory(body=body)
    previous = cf.ConceptVersionFactory(
        concept__body=body, number="0.9", state=ConceptVersion.State.SUPERSEDED
    )
    version = cf.ConceptVersionFactory(concept=previous.concept, number="1.0", predecessor=previous)
    old_field = cf.ActionFieldFactory(concept_version=previous)
    old_goal = cf.GoalFactory(action_field=old_field)
    fields = [cf.ActionFieldFactory(concept_version=version, number=i + 1) for i in range(3)]
    goals = [
        cf.GoalFactory(
            action_field=fields[i % 3],
            report=paper,
            adopted_by=item,
            origin_organization=beirat,
            carried_from=old_goal,
        )
        for i in range(6)
    ]
    measures = []
    for i in range(count):
        old = cf.MeasureFactory(action_field=old_field, title=f"Alt {i}", status=Status.PLANNED)
        MeasureStatusChange.objects.create(
            body=body, measure=old, status=Status.PLANNED, date=dt.date(2024, 1, 1), resolution=item
        )
        measure = cf.MeasureFactory(
            action_field=fields[i % 3],
            goals=[goals[0], goals[1 + i % 5]],
            status=Status.IN_PROGRESS,
            progress=i % 100,
            planned_cost=Decimal("100.00"),
            actual_cost=Decimal("50.00"),
            responsible_person=person,
            responsible_organization=beirat,
            start_date=dt.date(2024 + i % 3, 1, 1),
            report=paper,
            adopted_by=item,
            motion=paper,
            lineage=old.lineage,
            carried_from=old,
        )
        measure.papers.add(paper)
        measure.resolutions.add(item)
        MeasureStatusChange.objects.create(
            body=body,
            measure=measure,
            status=Status.IN_PROGRESS,
            date=dt.date(2025, 1, 1),
            resolution=item,
        )
        measures.append(measure)
    return version, goals[0], measures[0]


# Per page: anonymous, and staff (who also pays for the session, the user and the viewer).
EXPECTED_QUERIES = {
    "index": 8,
    "version_detail": 8,
    "version_measures": 8,
    "version_compare": 8,
    "goal_detail": 11,
    "measure_detail": 15,
    "version_export_csv": 9,
    "version_export_xlsx": 9,
    "version_export_json": 9,
}
STAFF_OVERHEAD = 4


def _page_url(name, body, version, goal, measure):
    if name == "index":
        return _url("index", body)
    if name == "goal_detail":
        return _url(name, body, pk=goal.pk)
    if name == "measure_detail":
        return _url(name, body, pk=measure.pk)
    return _url(name, body, pk=version.pk)


@pytest.mark.parametrize("role", ["anonymous", "staff"])
@pytest.mark.parametrize("page", sorted(EXPECTED_QUERIES))
def test_query_count_does_not_grow_with_the_measures(client, django_assert_num_queries, page, role):
    expected = EXPECTED_QUERIES[page] + (STAFF_OVERHEAD if role == "staff" else 0)
    # 60: more than a page of the list.
    for count in (5, 60):
        body = f.BodyFactory()
        version, goal, measure = _bulk_version(body, count)
        test_client = client
        if role == "staff":
            test_client.force_login(f.StaffRoleFactory(body=body).user)
        url = _page_url(page, body, version, goal, measure)
        with django_assert_num_queries(expected):
            response = test_client.get(url)
        assert response.status_code == 200, (page, count)
