"""A small forum on the `network` personas: a question answered from another structure, a confidential question,
a closed working group with its own topic, an open group."""

from types import SimpleNamespace

import pytest

from members.models import Mission
from practices.models import Category
from practices.reference_data import ensure_categories

from . import factories


@pytest.fixture(autouse=True)
def _forum_categories(request, _reference_data):
    """The categories of migration 0002, back after a transactional test (browser, seed) flushed them."""
    names = set(request.fixturenames)
    if not (names & {"db", "transactional_db", "live_server"} or request.node.get_closest_marker("django_db")):
        return
    if Category.objects.count() < 8:
        ensure_categories(Category, Mission)


@pytest.fixture
def forum(network):
    question = factories.topic(
        network.adviser,
        title="Accueillir un jeune sorti sans diplôme en cours d'année",
        body="Un jeune de 17 ans se présente sans rendez-vous. **Par où commencer ?**",
        tags="décrochage, accueil",
    )
    answer = factories.reply(question, network.other_adviser, body="Nous l'orientons vers la PSAD du secteur.")
    confidential = factories.topic(
        network.other_adviser,
        title="Nos délais de premier rendez-vous dépassent trois semaines",
        body="Nous n'arrivons plus à tenir nos délais : comment faites-vous ?",
        category_slug="accompagnement",
        confidential=True,
    )
    closed_group = factories.group(
        "Conseillers du Pays de Brest", closed=True, members=[network.other_adviser], created_by=network.other_adviser
    )
    open_group = factories.group("Outils numériques d'orientation", created_by=network.referent)
    group_topic = factories.topic(
        network.other_adviser,
        title="Préparer la réunion du groupe de Brest",
        body="Ordre du jour interne au groupe.",
        group=closed_group,
    )
    return SimpleNamespace(
        network=network,
        question=question,
        first_post=question.posts.get(number=1),
        answer=answer,
        confidential=confidential,
        closed_group=closed_group,
        open_group=open_group,
        group_topic=group_topic,
        group_post=group_topic.posts.get(number=1),
    )
