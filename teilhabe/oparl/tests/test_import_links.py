"""A Beirat's links to imported Stadtrat records, made through the services, survive
re-imports (incremental and full) and show on the public paper page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from teilhabe.core.models import Body
from teilhabe.council import services
from teilhabe.council.models import AgendaItem, Paper
from teilhabe.council.tests import factories as f
from teilhabe.oparl.tests.import_support import WorldServer
from teilhabe.oparl.tests.test_import_world import LATER, make_world, run


@pytest.fixture
def server():
    with WorldServer(make_world()) as running:
        yield running


def _page(paper: Paper) -> str:
    return reverse("council:paper_detail", kwargs={"body": paper.body.slug, "pk": paper.pk})


def test_links_made_through_the_services_survive_re_imports(db, client, server):
    run(server)
    stadtrat = Body.objects.get(oparl_source__gt="")
    imported = Paper.objects.get(oparl_id=server.url("paper/2"))
    resolution = AgendaItem.objects.get(oparl_id=server.url("ai/1"))

    body = f.BodyFactory(name="Beirat für Migration und Integration")
    beirat = f.OrganizationFactory(body=body)
    member = f.UserFactory()
    f.MembershipFactory(organization=beirat, person=f.PersonFactory(body=body, user=member))
    own = services.paper_create(
        body=body,
        reference="BMI/2025/001",
        name="Stellungnahme zum Radwegebericht",
        date=dt.date(2025, 2, 1),
        paper_type=Paper.Type.MOTION,
        public=True,
        related_papers=[imported],
    )
    motion = services.motion_submit(
        body=body,
        by=member,
        meeting=f.MeetingFactory(organization=beirat, start=timezone.now() + dt.timedelta(days=9)),
        name="Radwege nach dem Beschluss des Rats",
        proposed_resolution="Der Beirat begleitet die Umsetzung.",
        justification="Der Rat hat beschlossen.",
        cited_papers=[imported],
        cited_agenda_items=[resolution],
    )

    server.world["Paper"]["paper/2"].update(name="Bericht Radwege, 2. Fassung", modified=LATER)
    run(server)
    Body.objects.filter(pk=stadtrat.pk).update(oparl_imported_at=None)  # a full crawl, too
    run(server)

    again = Paper.objects.get(oparl_id=server.url("paper/2"))
    assert again.pk == imported.pk
    assert list(own.related_papers.all()) == [again]
    assert list(motion.related_papers.all()) == [again]
    assert list(motion.cited_agenda_items.all()) == [resolution]
    content = client.get(_page(own)).content.decode()
    assert f'href="{_page(again)}"' in content
    assert _page(again).startswith(f"/{stadtrat.slug}/")
    assert f"{stadtrat.name}:" in content
    assert "Bericht Radwege, 2. Fassung" in content
    assert client.get(_page(again)).status_code == 200
