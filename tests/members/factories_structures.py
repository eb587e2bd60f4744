"""Factories for the structures-and-people tests: expertise areas and label changes."""

import factory
from django.utils.text import slugify

from members.models import ExpertiseArea, LabelStatusChange
from tests.factories import StructureFactory


class ExpertiseAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertiseArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Domaine {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class LabelStatusChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LabelStatusChange

    structure = factory.SubFactory(StructureFactory)
    from_status = "candidate"
    to_status = "labelled"
    reason = "Engagements de la charte validés en commission."
