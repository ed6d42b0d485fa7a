"""factory_boy factories for core."""

from __future__ import annotations

import factory

from teilhabe.core.models import Body


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    name = factory.Sequence(lambda n: f"Stadt Beispiel {n}")
    slug = factory.Sequence(lambda n: f"beispiel-{n}")
