"""The importer against a small OParl 1.1 server on 127.0.0.1 that tests can change."""

from __future__ import annotations

import copy
import io

import pytest
from django.core.management import CommandError, call_command

from teilhabe.core.models import Body
from teilhabe.council.models import AgendaItem, Consultation, File, Meeting, Membership, Paper
from teilhabe.council.tests.factories import PaperFactory
from teilhabe.council.tests.test_uploads import make_pdf
from teilhabe.oparl.importer import Client, Report, import_oparl
from teilhabe.oparl.tests.import_support import WorldServer

T = "2024-01-01T10:00:00+01:00"
LATER = "2030-01-01T10:00:00+01:00"


def oparl(kind: str, **fields):
    return {"type": f"https://schema.oparl.org/1.1/{kind}", "created": T, "modified": T, **fields}


def make_world() -> dict:
    file_1 = {
        "id": "@file/1",
        **oparl(
            "File",
            name="Einladung",
            accessUrl="@content/1.pdf",
            mimeType="application/pdf",
            fileName="einladung.pdf",
        ),
    }
    file_2 = {
        "id": "@file/2",
        **oparl("File", name="Vorlage", accessUrl="@content/2", mimeType="application/pdf"),
    }
    return {
        "Organization": {
            "org/1": oparl(
                "Organization",
                name="Stadtrat",
                organizationType="Gremium",
                classification="Hauptorgan",
            ),
            "org/2": oparl("Organization", name="Fraktion A", organizationType="Fraktion"),
        },
        "Person": {
            "person/1": oparl(
                "Person",
                familyName="Yılmaz",
                givenName="Ayşe",
                membership=[
                    {
                        "id": "@membership/1",
                        **oparl(
                            "Membership",
                            organization="@org/1",
                            role="Vorsitzende",
                            startDate="2020-01-01",
                        ),
                    }
                ],
            ),
            "person/2": oparl(
                "Person",
                name="Herr Jan de Vries",
                formOfAddress="Herr",
                membership=[
                    {
                        "id": "@membership/2",
                        **oparl(
                            "Membership",
                            organization="@org/1",
                            role="Mitglied",
                            onBehalfOf="@org/2",
                            votingRight=False,
                        ),
                    }
                ],
            ),
        },
        "Meeting": {
            "meeting/1": oparl(
                "Meeting",
                name="1. Sitzung",
                organization=["@org/1"],
                start="2024-02-01T18:00:00+01:00",
                end="2024-02-01T20:00:00+01:00",
                location={"id": "@location/1", **oparl("Location", description="Rathaus, Saal 1")},
                invitation=file_1,
                agendaItem=[
                    {
                        "id": "@ai/1",
                        **oparl(
                            "AgendaItem",
                            number="1",
                            order=1,
                            name="Radwege",
                            public=True,
                            result="einstimmig beschlossen",
                        ),
                    },
                    {
                        "id": "@ai/2",
                        **oparl(
                            "AgendaItem", number="2", order=2, name="Grundstücke", public=False
                        ),
                    },
                ],
            ),
            "meeting/2": oparl(
                "Meeting",
                name="2. Sitzung",
                organization=["@org/1"],
                start="2024-03-01T18:00:00+01:00",
            ),
        },
        "Paper": {
            "paper/1": oparl(
                "Paper",
                name="Radwege ausbauen",
                reference="A/1",
                date="2024-01-15",
                paperType="Antrag",
                originatorOrganization=["@org/2"],
                relatedPaper=["@paper/2"],
                mainFile=file_2,
                consultation=[
                    {
                        "id": "@cons/1",
                        **oparl(
                            "Consultation",
                            paper="@paper/1",
                            meeting="@meeting/1",
                            agendaItem="@ai/1",
                            organization=["@org/1"],
                            authoritative=True,
                        ),
                    }
                ],
            ),
            "paper/2": oparl(
                "Paper",
                name="Bericht Radwege",
                reference="M/2",
                date="2024-01-20",
                paperType="Mitteilungsvorlage",
            ),
            "paper/3": oparl(
                "Paper",
                name="Anfrage Bänke",
                reference="F/3",
                date="2024-01-21",
                paperType="Anfrage",
                originatorPerson=["@person/404"],
                consultation=[
                    {
                        "id": "@cons/2",
                        **oparl("Consultation", meeting="@meeting/9", organization=["@org/1"]),
                    }
                ],
            ),
        },
        # Served under its id only: a consultation links to it, no list has it.
        "Hidden": {
            "meeting/9": oparl(
                "Meeting",
                name="Sondersitzung",
                organization=["@org/1"],
                start="2024-04-01T18:00:00+01:00",
            )
        },
    }


@pytest.fixture
def server():
    with WorldServer(make_world()) as running:
        yield running


def run(server, timeout=2.0, **options) -> Report:
    report = Report()
    client = Client(timeout=timeout, backoff=0.01)
    import_oparl(server.url("system"), client=client, report=report, **options)
    return report


def stamps(body):
    return {
        model.__name__: sorted(
            model.objects.filter(body=body).values_list(
                "oparl_id", "pk", "modified", "version", "deleted"
            )
        )
        for model in (Meeting, AgendaItem, Paper, Consultation, File, Membership)
    }


def test_world_imports_with_references_and_twice_changes_nothing(db, server):
    """Everything arrives under its original id, references point to the imported rows
    (a meeting only linked, never listed, is fetched by its id), a link to a person never
    served is one warning with its URL, and a second run changes nothing."""
    first = run(server)
    body = Body.objects.get(oparl_source=server.url("body/1"))
    assert body.slug == "teststadt"
    consultation = Consultation.objects.get(oparl_id=server.url("cons/1"))
    assert consultation.meeting.oparl_id == server.url("meeting/1")
    assert consultation.agenda_item.oparl_id == server.url("ai/1")
    assert consultation.role == Consultation.Role.DECIDE
    assert Consultation.objects.get(oparl_id=server.url("cons/2")).meeting.name == "Sondersitzung"
    paper = Paper.objects.get(oparl_id=server.url("paper/1"))
    assert paper.paper_type == Paper.Type.MOTION
    assert [o.name for o in paper.originator_organizations.all()] == ["Fraktion A"]
    assert [p.reference for p in paper.related_papers.all()] == ["M/2"]
    assert paper.files.get().name == "Vorlage"
    meeting = Meeting.objects.get(oparl_id=server.url("meeting/1"))
    assert meeting.location.description == "Rathaus, Saal 1"
    assert meeting.files.get().file_name == "einladung.pdf"
    items = list(meeting.agenda_items.order_by("order").values_list("public", "result"))
    assert items == [(True, AgendaItem.Result.ADOPTED), (False, "")]
    chair = Membership.objects.get(oparl_id=server.url("membership/1"))
    assert chair.role == Membership.Role.CHAIR
    member = Membership.objects.get(oparl_id=server.url("membership/2"))
    assert (member.person.given_name, member.person.family_name) == ("Jan de", "Vries")
    assert member.on_behalf_of.name == "Fraktion A"
    assert member.voting_right is False
    assert [(w.kind, w.url) for w in first.warnings] == [("not_found", server.url("person/404"))]
    before = stamps(body)

    second = run(server)

    assert second.total("created") == second.total("updated") == second.total("deleted") == 0
    assert stamps(body) == before


def test_a_rerun_asks_only_for_what_changed(db, server):
    """The second run passes `modified_since` (from the start of the first complete run)
    on every list, and updates only the changed paper; its pk stays."""
    run(server)
    body = Body.objects.get()
    paper = Paper.objects.get(oparl_id=server.url("paper/2"))
    server.world["Paper"]["paper/2"].update(name="Bericht Radwege (neu)", modified=LATER)
    server.requests.clear()

    report = run(server)

    lists = [p for p in server.requests if p.startswith("/body/1/") and "/" not in p[8:]]
    assert lists
    assert all("modified_since=" in p for p in lists), lists
    assert report.counts["Paper"] == {"updated": 1}
    assert "Meeting" not in report.counts
    changed = Paper.objects.get(pk=paper.pk)
    assert changed.name == "Bericht Radwege (neu)"
    assert changed.version == paper.version + 1
    assert Body.objects.get().oparl_imported_at > body.oparl_imported_at


def test_an_interrupted_run_is_completed_by_the_next(db, server):
    """Killed in the middle of a page (that page is rolled back), a re-run stores every
    object exactly once; the interrupted run is not taken as complete."""

    class Killed(Exception):
        pass

    def kill(type_name, objects):
        if type_name == "Meeting":
            raise Killed

    report = Report(on_progress=kill)
    with pytest.raises(Killed):
        import_oparl(server.url("system"), client=Client(timeout=2), report=report)
    body = Body.objects.get()
    assert body.oparl_imported_at is None
    assert not Meeting.objects.exists()  # the page that was being stored is gone

    report = run(server)

    assert report.counts["Meeting"]["created"] == 3
    assert report.counts["Person"] == {"unchanged": 2}
    assert Paper.objects.filter(body=body).count() == 3
    assert AgendaItem.objects.filter(body=body).count() == 2
    assert Consultation.objects.filter(body=body, meeting__isnull=False).count() == 2
    assert Body.objects.get().oparl_imported_at is not None


def test_faults_of_real_servers_are_warnings_and_the_import_goes_on(db, server):
    """Wrong types, missing required fields, duplicates across pages, a list that ends
    early and a page that times out: each is a warning with its URL, the rest imports."""
    world = server.world
    world["Paper"]["paper/2"]["name"] = ["Bericht", "Radwege"]  # list instead of string
    world["Paper"]["paper/3"]["date"] = 20240121  # number instead of date
    del world["Paper"]["paper/3"]["created"], world["Paper"]["paper/3"]["modified"]
    world["Meeting"]["meeting/2"]["start"] = ""  # empty required field
    world["Person"]["person/2"]["membership"] = "kaputt"
    server.duplicate_on_next_page.add("organization")
    for n in range(3, 8):
        world["Organization"][f"org/{n}"] = copy.deepcopy(world["Organization"]["org/2"])
    server.cut_lists.add("organization")
    server.faults["/body/1/location"] = ("delay", 1)

    report = run(server, timeout=0.2)

    kinds = {(w.kind, w.url) for w in report.warnings}
    assert ("duplicate", server.url("org/2")) in kinds
    assert ("list_short", server.url("body/1/organization")) in kinds
    assert ("fetch", server.url("body/1/location")) in kinds
    assert ("type", server.url("paper/3")) in kinds
    assert ("missing", server.url("paper/3")) in kinds  # no date, no created: skipped
    assert ("missing", server.url("meeting/2")) in kinds
    assert ("type", server.url("person/2")) in kinds
    assert Paper.objects.get(oparl_id=server.url("paper/2")).name == "Bericht Radwege"
    assert not Paper.objects.filter(oparl_id=server.url("paper/3")).exists()
    assert Paper.objects.filter(oparl_id=server.url("paper/1")).exists()
    assert Membership.objects.filter(oparl_id=server.url("membership/1")).exists()
    # A list that could not be read to its end: the next run must ask for everything.
    assert Body.objects.get().oparl_imported_at is None


def test_a_beirat_paper_linked_to_an_imported_paper_keeps_its_link(db, server):
    """A paper of the local Beirat relates to an imported Stadtrat paper; re-imports (one
    of them changing that paper) keep the imported paper's pk and the link."""
    run(server)
    imported = Paper.objects.get(oparl_id=server.url("paper/2"))
    own = PaperFactory()
    own.related_papers.add(imported)
    own.cited_agenda_items.add(AgendaItem.objects.get(oparl_id=server.url("ai/1")))
    server.world["Paper"]["paper/2"].update(name="Bericht Radwege, 2. Fassung", modified=LATER)
    server.world["Paper"]["paper/1"].update(modified=LATER)

    run(server)
    Body.objects.update(oparl_imported_at=None)  # a full crawl, too
    run(server)

    again = Paper.objects.get(oparl_id=server.url("paper/2"))
    assert again.pk == imported.pk
    assert again.name == "Bericht Radwege, 2. Fassung"
    assert list(own.related_papers.all()) == [again]
    assert set(again.related_papers.all()) == {
        own,
        Paper.objects.get(oparl_id=server.url("paper/1")),
    }
    assert own.cited_agenda_items.get().oparl_id == server.url("ai/1")


def test_files_option_stores_contents_and_extracts_text_once(db, server):
    """--files fetches each file's content once, checks it like an upload, stores it under
    its hash and extracts its text; content that is not a document is refused (warned)."""
    server.binary["content/1.pdf"] = make_pdf("Einladung zur Sitzung")
    server.binary["content/2"] = b"<html>not a document</html>"
    report = run(server, files=True)
    invitation = File.objects.get(oparl_id=server.url("file/1"))
    assert invitation.content.name.endswith(invitation.sha256)
    assert "Einladung zur Sitzung" in invitation.text
    assert invitation.size == len(server.binary["content/1.pdf"])
    assert ("file", server.url("content/2")) in {(w.kind, w.url) for w in report.warnings}
    assert not File.objects.get(oparl_id=server.url("file/2")).content
    server.requests.clear()

    second = run(server, files=True)

    assert "/content/1.pdf" not in server.requests
    assert "/content/2" in server.requests  # refused content is asked again next time
    assert "File content" not in second.counts


def test_command_prints_summary_and_refuses_a_body_made_here(db, server):
    """The command reports counts and warnings, and never writes into a local body."""
    out = io.StringIO()
    PaperFactory(body__slug="beirat")
    with pytest.raises(CommandError, match="nicht als Import"):
        call_command("oparl_import", server.url("body/1"), "--body", "beirat", stdout=out)
    call_command(
        "oparl_import", server.url("system"), "--body", "stadtrat", "--rate", "1000", stdout=out
    )
    text = out.getvalue()
    assert "Paper" in text
    assert "Summe" in text
    assert "1 Warnungen" in text
    assert server.url("person/404") in text
    assert Body.objects.get(slug="stadtrat").oparl_source == server.url("body/1")
    with pytest.raises(CommandError, match="schon in die Körperschaft"):
        call_command("oparl_import", server.url("body/1"), "--body", "andere", stdout=out)
    with pytest.raises(CommandError, match="nicht lesbar"):
        call_command("oparl_import", server.url("nowhere"), stdout=out)


def test_deleted_objects_and_dropped_embedded_ones_are_soft_deleted(db, server):
    """A paper the server marks `deleted` and an agenda item its meeting no longer lists
    are soft-deleted (kept, pk unchanged); an object that comes back is alive again."""
    run(server)
    world = server.world
    world["Paper"]["paper/2"] = {
        "type": "https://schema.oparl.org/1.1/Paper",
        "deleted": True,
        "modified": LATER,
    }
    world["Meeting"]["meeting/1"]["agendaItem"].pop()
    world["Meeting"]["meeting/1"]["modified"] = LATER

    report = run(server)

    assert report.counts["Paper"]["deleted"] == 1
    assert report.counts["AgendaItem"]["deleted"] == 1
    assert Paper.objects.get(oparl_id=server.url("paper/2")).deleted
    assert AgendaItem.objects.get(oparl_id=server.url("ai/2")).deleted
    assert not AgendaItem.objects.get(oparl_id=server.url("ai/1")).deleted

    server.world["Paper"]["paper/2"] = make_world()["Paper"]["paper/2"] | {"modified": LATER}
    Body.objects.update(oparl_imported_at=None)
    run(server)
    assert not Paper.objects.get(oparl_id=server.url("paper/2")).deleted
