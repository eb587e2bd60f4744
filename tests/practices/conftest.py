"""A small forum on the `network` personas: a question answered from another structure, a confidential question,
a closed working group with its own topic, an open group."""

from types import SimpleNamespace

import pytest

from . import factories


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
