"""factory_boy factories for the council model; every object belongs to one body."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from teilhabe.accounts.tests.factories import StaffRoleFactory, UserFactory
from teilhabe.core.tests.factories import BodyFactory
from teilhabe.council import models

__all__ = ["BodyFactory", "StaffRoleFactory", "UserFactory"]  # re-exported for the tests


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Location

    body = factory.SubFactory(BodyFactory)
    description = "Rathaus, Sitzungssaal"
    street_address = "Marktplatz 1"
    postal_code = "12345"
    locality = "Musterstadt"


class LegislativeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.LegislativeTerm

    body = factory.SubFactory(BodyFactory)
    name = "Wahlperiode 2024–2029"
    start_date = dt.date(2024, 11, 10)


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Organization

    body = factory.SubFactory(BodyFactory)
    name = factory.Sequence(lambda n: f"Beirat für Migration und Integration {n}")
    organization_type = models.Organization.Type.BEIRAT
    legal_member_count = 15


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    body = factory.SubFactory(BodyFactory)
    given_name = factory.Sequence(lambda n: f"Vorname{n}")
    family_name = factory.Sequence(lambda n: f"Nachname{n}")
    public_consent = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Membership

    organization = factory.SubFactory(OrganizationFactory)
    body = factory.SelfAttribute("organization.body")
    person = factory.SubFactory(PersonFactory, body=factory.SelfAttribute("..body"))
    role = models.Membership.Role.MEMBER


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    organization = factory.SubFactory(OrganizationFactory)
    body = factory.SelfAttribute("organization.body")
    number = factory.Sequence(lambda n: n + 1)
    start = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    body = factory.SelfAttribute("meeting.body")
    number = factory.Sequence(lambda n: str(n + 1))
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    public = True


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Paper

    body = factory.SubFactory(BodyFactory)
    reference = factory.Sequence(lambda n: f"BMI/{n:04d}")
    name = factory.Sequence(lambda n: f"Antrag {n}")
    date = factory.LazyFunction(timezone.localdate)
    paper_type = models.Paper.Type.MOTION


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Consultation

    paper = factory.SubFactory(PaperFactory)
    body = factory.SelfAttribute("paper.body")
    organization = factory.SubFactory(OrganizationFactory, body=factory.SelfAttribute("..body"))
