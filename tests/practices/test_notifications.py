"""Watching and mentions: who is told of a new topic or reply, by a notification and an e-mail sent after commit."""

import pytest
from django.conf import settings
from django.core import mail

from practices.mentions import handles_in, render_post
from practices.models import Notification, Subscription
from practices.services import forum as services
from practices.services import notifications

from . import factories

WATCHING = Subscription.Level.WATCHING


def watch(user, **target):
    notifications.subscription_set(user=user, level=WATCHING, **target)


def sent_to(user):
    return [message for message in mail.outbox if user.email in message.to]


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run the after-commit tasks (Celery is eager in tests) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_new_topic_emails_the_category_watchers_but_not_its_author(forum, on_commit):
    network = forum.network
    watch(network.adviser, category=factories.category("accueil"))
    watch(network.referent, category=factories.category("accueil"))
    with on_commit():
        topic = factories.topic(network.referent, title="Un atelier CV pour les 16-18 ans")
    assert len(sent_to(network.adviser)) == 1
    assert not sent_to(network.referent)
    message = sent_to(network.adviser)[0]
    assert "Un atelier CV pour les 16-18 ans" in message.subject
    assert f"{settings.SITE_URL}/communaute/sujets/{topic.pk}/#message-1" in message.body
    assert "http" in message.alternatives[0][0]
    assert Notification.objects.get(recipient=network.adviser).kind == Notification.Kind.NEW_TOPIC


def test_authors_watch_their_topics_and_are_emailed_the_replies(forum, on_commit):
    network = forum.network
    assert notifications.level_of(network.adviser, topic=forum.question) == WATCHING
    with on_commit():
        factories.reply(forum.question, network.referent, body="Nous faisons un entretien de situation.")
    assert len(sent_to(network.adviser)) == 1
    assert "Nouvelle réponse" in sent_to(network.adviser)[0].subject
    assert not sent_to(network.referent)


def test_a_closed_group_topic_reaches_only_the_watchers_who_may_read_it(forum, on_commit):
    network = forum.network
    for person in (network.referent, network.regional_coordinator):
        watch(person, category=factories.category("accueil"))
    with on_commit():
        factories.topic(network.other_adviser, title="Notre point interne", group=forum.closed_group)
    assert not sent_to(network.referent)
    assert len(sent_to(network.regional_coordinator)) == 1
    assert not Notification.objects.filter(recipient=network.referent).exists()


def test_group_watchers_hear_of_the_group_topics(forum, on_commit):
    network = forum.network
    watch(network.referent, working_group=forum.open_group)
    with on_commit():
        factories.topic(network.other_adviser, title="Un outil de positionnement", group=forum.open_group)
    assert len(sent_to(network.referent)) == 1


def test_the_confidential_author_is_never_named_in_a_peers_email(forum, on_commit):
    network = forum.network
    watch(network.adviser, category=factories.category("accompagnement"))
    watch(network.regional_coordinator, category=factories.category("accompagnement"))
    with on_commit():
        factories.topic(
            network.other_adviser,
            title="Nos faiblesses",
            body="Nous peinons.",
            category_slug="accompagnement",
            confidential=True,
        )
    name = network.other_adviser.get_full_name()
    peer_mail = sent_to(network.adviser)[0]
    for text in (peer_mail.subject, peer_mail.body, peer_mail.alternatives[0][0]):
        assert name not in text
    assert "un·e conseiller·e d'une Mission locale" in peer_mail.body
    assert Notification.objects.get(recipient=network.adviser).actor_label == "un·e conseiller·e d'une Mission locale"
    assert name in sent_to(network.regional_coordinator)[0].body  # coordinators see who wrote it


def test_replies_in_a_row_send_one_email_until_the_topic_is_opened(forum, on_commit, client_for):
    network = forum.network
    mail.outbox.clear()
    with on_commit():
        factories.reply(forum.question, network.referent, body="Première idée.")
    with on_commit():
        factories.reply(forum.question, network.other_adviser, body="Deuxième idée.")
    assert len(sent_to(network.adviser)) == 1
    assert Notification.objects.filter(recipient=network.adviser, kind="reply").count() == 2
    client_for("adviser").get(f"/communaute/sujets/{forum.question.pk}/")
    with on_commit():
        factories.reply(forum.question, network.referent, body="Troisième idée.")
    assert len(sent_to(network.adviser)) == 2


def test_a_muted_topic_sends_nothing(forum, on_commit):
    network = forum.network
    notifications.subscription_set(user=network.adviser, topic=forum.question, level=Subscription.Level.MUTED)
    with on_commit():
        factories.reply(forum.question, network.referent)
    assert not sent_to(network.adviser)
    assert not Notification.objects.filter(recipient=network.adviser).exists()


def test_a_mention_notifies_and_links_the_person(forum, on_commit):
    network = forum.network
    with on_commit():
        post = factories.reply(forum.question, network.referent, body="Qu'en pense @conseillere ?")
    assert 'href="/annuaire/?q=' in post.body_html
    assert ">@conseillere</a>" in post.body_html
    mention = Notification.objects.get(recipient=network.other_adviser)
    assert mention.kind == Notification.Kind.MENTION
    assert "mentionne" in sent_to(network.other_adviser)[0].subject


def test_a_watcher_who_is_mentioned_gets_one_email(forum, on_commit):
    network = forum.network
    mail.outbox.clear()
    with on_commit():
        factories.reply(forum.question, network.referent, body="@conseiller voici notre méthode.")
    assert len(sent_to(network.adviser)) == 1
    assert Notification.objects.get(recipient=network.adviser).kind == Notification.Kind.MENTION


def test_a_mention_in_a_closed_group_does_not_reach_an_outsider(forum, on_commit):
    with on_commit():
        factories.reply(forum.group_topic, forum.network.other_adviser, body="On en parle avec @conseiller ?")
    assert not Notification.objects.filter(recipient=forum.network.adviser).exists()
    assert not sent_to(forum.network.adviser)


def test_mention_syntax():
    assert handles_in("Merci @claire.martin, et @Paul-Henri ! Écrivez à jean@exemple.fr") == [
        "claire.martin",
        "paul-henri",
    ]
    assert handles_in("@a. fin") == ["a"]
    assert handles_in("Le code `@admin` et\n```\n@racine\n```\nsans @personne") == ["personne"]


def test_a_handle_in_code_is_not_linked(forum):
    html = render_post("Tapez `@conseillere` pour la prévenir, comme @conseillere.")
    assert html.count("<a") == 1
    assert "<code>@conseillere</code>" in html


def test_an_unknown_or_shared_handle_stays_plain_text(forum, django_user_model):
    django_user_model.objects.create_user(email="conseiller@autre-domaine.fr", password="x")
    html = render_post("Bonjour @conseiller et @personne")
    assert "<a" not in html
    assert "@conseiller" in html


def test_a_mention_cannot_smuggle_markup(forum):
    html = render_post("@conseillere<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in html and "javascript:" not in html


def test_solution_and_utile_notify_the_answers_author_once(forum):
    network = forum.network
    services.solution_mark(topic=forum.question, post=forum.answer, marked_by=network.adviser)
    for useful in (True, False, True):
        services.reaction_toggle(post=forum.answer, user=network.adviser, useful=useful)
    kinds = sorted(Notification.objects.filter(recipient=network.other_adviser).values_list("kind", flat=True))
    assert kinds == ["reaction", "solution"]
    assert not Notification.objects.filter(recipient=network.adviser).exists()


def test_the_confidential_author_choosing_a_solution_stays_unnamed(forum):
    network = forum.network
    answer = factories.reply(forum.confidential, network.adviser, body="Nous aussi.")
    services.solution_mark(topic=forum.confidential, post=answer, marked_by=network.other_adviser)
    services.reaction_toggle(post=answer, user=network.other_adviser, useful=True)
    labels = set(Notification.objects.filter(recipient=network.adviser).values_list("actor_label", flat=True))
    assert labels == {"un·e conseiller·e d'une Mission locale"}


def test_no_email_when_the_person_does_not_want_it(forum, on_commit, monkeypatch):
    monkeypatch.setattr(notifications, "wants_email", lambda user, kind: False)
    mail.outbox.clear()
    with on_commit():
        factories.reply(forum.question, forum.network.referent)
    assert not mail.outbox
    assert Notification.objects.filter(recipient=forum.network.adviser).exists()


def test_nothing_is_sent_before_commit(forum, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.reply(forum.question, forum.network.referent)
    assert len(callbacks) == 2  # the notifications, and the shared pages' « forum-activity » renewed
    assert not mail.outbox


def test_the_demo_seed_notifies_but_emails_no_one(forum, on_commit):
    with on_commit(), notifications.emails_off():
        factories.reply(forum.question, forum.network.referent)
    assert Notification.objects.filter(recipient=forum.network.adviser).exists()
    assert not mail.outbox


def test_e_mail_preferences_of_the_digest_govern_forum_and_library_e_mails(network):
    from practices.models import Notification
    from practices.notifications import wants_email
    from spro_portal.digest.preferences import preference_save

    person = network.adviser
    assert wants_email(person, Notification.Kind.MENTION) and wants_email(person, "reuse")
    preference_save(user=person, notify_mentions=False, notify_reuse=False)
    assert not wants_email(person, Notification.Kind.MENTION)
    assert not wants_email(person, "reuse")
    assert wants_email(person, Notification.Kind.REPLY)


def test_an_edit_that_adds_a_mention_tells_that_person_once(forum, on_commit):
    network = forum.network
    post = factories.reply(forum.question, network.referent, body="Nous faisons un entretien d'accueil.")
    mail.outbox.clear()
    with on_commit():
        services.post_edit(
            post=post, body="Nous faisons un entretien d'accueil, @conseillere le connaît.", edited_by=post.author
        )
    assert Notification.objects.get(recipient=network.other_adviser, post=post).kind == Notification.Kind.MENTION
    assert len(sent_to(network.other_adviser)) == 1
    # Edited again, mention kept or removed then put back: nobody is told twice.
    with on_commit():
        services.post_edit(post=post, body="Entretien d'accueil : @conseillere le connaît bien.", edited_by=post.author)
    with on_commit():
        services.post_edit(post=post, body="Entretien d'accueil.", edited_by=post.author)
    with on_commit():
        services.post_edit(post=post, body="Entretien d'accueil, voir @conseillere.", edited_by=post.author)
    assert Notification.objects.filter(recipient=network.other_adviser, post=post).count() == 1
    assert len(sent_to(network.other_adviser)) == 1


def test_an_edit_does_not_renotify_those_mentioned_before_nor_the_author(forum, on_commit):
    network = forum.network
    with on_commit():
        post = factories.reply(forum.question, network.referent, body="Qu'en pense @conseillere ?")
    mail.outbox.clear()
    with on_commit():
        services.post_edit(post=post, body="Qu'en pensent @conseillere et @referente ?", edited_by=post.author)
    assert Notification.objects.filter(recipient=network.other_adviser, post=post).count() == 1
    assert not Notification.objects.filter(recipient=network.referent, post=post).exists()
    assert not mail.outbox


def test_an_edit_mention_in_a_closed_group_does_not_reach_an_outsider(forum, on_commit):
    post = forum.group_post
    with on_commit():
        services.post_edit(post=post, body=post.body + " Et @conseiller ?", edited_by=post.author)
    assert not Notification.objects.filter(recipient=forum.network.adviser).exists()
