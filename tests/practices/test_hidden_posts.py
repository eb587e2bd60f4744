"""A post hidden by the moderation (the queue comes later; the flag is there) is kept: peers read that it was
hidden, its author reads it with the reason, moderators read it; it can be neither the solution nor « utile »."""

import pytest
from django.utils import timezone

from practices.models import Post
from practices.services import ServiceError
from practices.services import forum as services
from tests.utils import text


@pytest.fixture
def hidden(forum):
    Post.objects.filter(pk=forum.answer.pk).update(
        is_hidden=True,
        hidden_reason="Propos hors charte.",
        hidden_by=forum.network.regional_coordinator,
        hidden_at=timezone.now(),
    )
    return Post.objects.get(pk=forum.answer.pk)


def test_peers_read_only_that_the_post_was_hidden(client_for, forum, hidden):
    html = text(client_for("referent").get(forum.question.get_absolute_url()))
    assert "Ce message a été masqué par la modération." in html
    assert "PSAD" not in html and "Propos hors charte" not in html


@pytest.mark.parametrize("persona", ["other_adviser", "regional_coordinator"])
def test_the_author_and_moderators_read_it_with_the_reason(client_for, forum, hidden, persona):
    html = text(client_for(persona).get(forum.question.get_absolute_url()))
    assert "Propos hors charte." in html and "PSAD" in html


def test_a_hidden_post_is_neither_solution_nor_useful(client_for, forum, hidden):
    with pytest.raises(ServiceError, match="masqué"):
        services.solution_mark(topic=forum.question, post=hidden, marked_by=forum.network.adviser)
    assert client_for("referent").post(f"/communaute/messages/{hidden.pk}/utile/", {"useful": "1"}).status_code == 403
    assert client_for("other_adviser").get(f"/communaute/messages/{hidden.pk}/modifier/").status_code == 403
