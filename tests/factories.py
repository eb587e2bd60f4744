"""factory-boy factories for the portal's models, used by every test module."""

from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.text import slugify

from members.models import (
    Coordinator,
    Invitation,
    JoinRequest,
    Membership,
    Structure,
    Territory,
    User,
)

PASSWORD = "mot-de-passe-de-test-2026"


class TerritoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Territory
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Territoire {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"CIO numéro {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    type = Structure.Type.CIO
    territory = factory.SubFactory(TerritoryFactory)
    commune = "Rennes"
    label_status = Structure.LabelStatus.LABELLED


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.fr")
    first_name = "Camille"
    last_name = factory.Sequence(lambda n: f"Martin{n}")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    role = Membership.Role.ADVISER


class CoordinatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coordinator
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    is_regional = False

    @factory.post_generation
    def territories(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.territories.set(extracted)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invite{n}@exemple.fr")
    structure = factory.SubFactory(StructureFactory)
    role = Membership.Role.ADVISER
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))


class JoinRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JoinRequest

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    message = "Je travaille dans cette structure depuis septembre."
