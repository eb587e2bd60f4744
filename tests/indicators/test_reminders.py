"""E-mails of the reporting: deadline reminders (once per campaign, structure and kind), returned and validated."""

import datetime

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from indicators import emails, notifications, tasks
from indicators.models import Campaign, CampaignReopening, ReminderSent, Report
from indicators.services import reminders
from members.models import Membership
from spro_portal.dates import long_date
from tests.factories import MembershipFactory, StructureFactory

from .helpers import adopted_indicator, campaign, report_with


@pytest.fixture
def indicator(network):
    return adopted_indicator(network.adviser, network.regional_coordinator)


def campaign_due_in(indicator, structures, days, **dates):
    item = campaign([indicator], structures)
    Campaign.objects.filter(pk=item.pk).update(deadline=timezone.localdate() + datetime.timedelta(days=days), **dates)
    item.refresh_from_db()
    return item


def reminder_mails():
    return [message for message in mail.outbox if "date limite" in message.subject]


@pytest.mark.parametrize(("days", "kind", "says"), [(7, "7_days", "dans 7 jours"), (1, "1_day", "demain")])
def test_referents_of_structures_that_have_not_submitted_are_reminded(network, indicator, days, kind, says):
    item = campaign_due_in(indicator, [network.structure, network.other_structure], days)
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    sent = reminder_mails()
    assert [message.to for message in sent] == [[network.referent.email], [network.other_referent.email]]
    message = sent[0]
    assert says in message.subject and "CIO de Rennes" in message.subject and item.label in message.subject
    link = django_settings.SITE_URL + reverse("indicators:report_detail", args=[item.pk, network.structure.slug])
    assert link in message.body and link in message.alternatives[0][0]
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {kind}


def test_one_e_mail_per_structure_to_all_its_active_referents_never_to_advisers(network, indicator):
    second = MembershipFactory(structure=network.structure, role=Membership.Role.REFERENT).user
    MembershipFactory(structure=network.structure, role=Membership.Role.REFERENT, is_active=False)
    campaign_due_in(indicator, [network.structure], 7)
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    assert [sorted(message.to) for message in reminder_mails()] == [sorted([network.referent.email, second.email])]


@pytest.mark.parametrize(
    ("status", "reminded"),
    [
        (None, True),
        (Report.Status.DRAFT, True),
        (Report.Status.RETURNED, True),
        (Report.Status.SUBMITTED, False),
        (Report.Status.VALIDATED, False),
    ],
)
def test_only_structures_without_a_submitted_or_validated_report(network, indicator, status, reminded):
    item = campaign_due_in(indicator, [network.structure], 1)
    if status:
        report = report_with(item, network.structure, {indicator: 3}, status=status)
        Report.objects.filter(pk=report.pk).update(return_reason="Valeur à vérifier")
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    assert len(reminder_mails()) == (1 if reminded else 0)
    if status == Report.Status.RETURNED:
        assert "Valeur à vérifier" in reminder_mails()[0].body


@pytest.mark.parametrize("days", [0, 2, 6, 8, -1])
def test_no_reminder_on_other_days(network, indicator, days):
    campaign_due_in(indicator, [network.structure], days)
    assert reminders.reminders_due() == []


def test_no_reminder_for_a_campaign_not_yet_open(network, indicator):
    campaign_due_in(indicator, [network.structure], 7, opens_on=timezone.localdate() + datetime.timedelta(days=1))
    assert reminders.reminders_due() == []


def test_running_the_task_twice_sends_each_reminder_once(network, indicator):
    campaign_due_in(indicator, [network.structure, network.other_structure], 7)
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    tasks.send_deadline_reminders.delay()
    assert len(reminder_mails()) == 2
    assert ReminderSent.objects.count() == 2


def test_a_reminder_claimed_by_a_concurrent_run_is_not_sent_again(network, indicator):
    """Both runs drew up the list before either sent: the unique claim stops the second one."""
    item = campaign_due_in(indicator, [network.structure], 7)
    due = reminders.reminders_due()
    mail.outbox.clear()
    for campaign_id, structure_id, kind in due + due:
        tasks.send_deadline_reminder.delay(campaign_id, structure_id, kind)
    assert len(reminder_mails()) == 1
    assert ReminderSent.objects.get().campaign == item


def test_the_week_and_the_day_reminders_are_separate(network, indicator):
    item = campaign_due_in(indicator, [network.structure], 7)
    tasks.send_deadline_reminders.delay()
    Campaign.objects.filter(pk=item.pk).update(deadline=timezone.localdate() + datetime.timedelta(days=1))
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    assert len(reminder_mails()) == 1
    assert set(ReminderSent.objects.values_list("kind", flat=True)) == {"7_days", "1_day"}


def test_a_failed_sending_releases_the_claim_so_a_retry_sends_it(network, indicator, monkeypatch):
    campaign_due_in(indicator, [network.structure], 7)

    def broken(*args, **kwargs):
        raise ConnectionError("SMTP indisponible")

    monkeypatch.setattr(emails.emails, "send", broken)
    with pytest.raises(ConnectionError):
        tasks.send_deadline_reminders.delay()
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    assert len(reminder_mails()) == 1


def test_a_report_submitted_after_the_list_was_drawn_up_is_not_reminded(network, indicator):
    item = campaign_due_in(indicator, [network.structure], 7)
    due = reminders.reminders_due()
    report_with(item, network.structure, {indicator: 3}, status=Report.Status.SUBMITTED)
    mail.outbox.clear()
    for args in due:
        tasks.send_deadline_reminder.delay(*args)
    assert reminder_mails() == []


def test_a_structure_without_referent_gets_no_e_mail_and_nothing_fails(network, indicator):
    campaign_due_in(indicator, [StructureFactory()], 7)
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    assert reminder_mails() == []


def test_people_who_do_not_want_the_e_mail_now_are_left_out(network, indicator, monkeypatch):
    campaign_due_in(indicator, [network.structure], 7)
    asked = []
    monkeypatch.setattr(notifications, "wants_email", lambda user, kind: asked.append(kind) and False)
    mail.outbox.clear()
    tasks.send_deadline_reminders.delay()
    assert reminder_mails() == [] and asked == [notifications.DEADLINE_REMINDER]


def test_the_beat_schedule_runs_the_reminders_daily_at_7_30(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["indicators-deadline-reminders"]
    assert entry["task"] == tasks.send_deadline_reminders.name
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {30}


def test_a_kind_turned_off_on_the_preferences_page_is_not_sent(network):
    from spro_portal.digest.preferences import preference_save

    assert notifications.wants_email(network.referent, notifications.DEADLINE_REMINDER)
    preference_save(user=network.referent, notify_deadlines=False)
    assert not notifications.wants_email(network.referent, notifications.DEADLINE_REMINDER)


# Returned and validated


@pytest.fixture
def submitted(network, indicator):
    item = campaign([indicator], [network.structure, network.other_structure])
    return report_with(item, network.structure, {indicator: 3}, status=Report.Status.SUBMITTED)


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def decide(client_for, report, data, on_commit):
    url = reverse("indicators:report_decide", args=[report.campaign_id, report.structure.slug])
    mail.outbox.clear()
    with on_commit(execute=True):
        response = client_for("territorial_coordinator").post(url, data)
    assert response.status_code == 302
    return mail.outbox


def test_the_referents_read_why_their_report_was_returned(client_for, network, submitted, on_commit):
    sent = decide(client_for, submitted, {"decision": "return", "reason": "Le total ne tient pas."}, on_commit)
    assert len(sent) == 1
    message = sent[0]
    assert message.to == [network.referent.email]
    assert "renvoyé" in message.subject and "T1 2026" in message.subject
    assert "Le total ne tient pas." in message.body and "Le total ne tient pas." in message.alternatives[0][0]
    assert django_settings.SITE_URL + submitted.get_absolute_url() in message.body


def test_the_referents_learn_their_report_is_validated(client_for, network, submitted, on_commit):
    sent = decide(client_for, submitted, {"decision": "validate"}, on_commit)
    assert [message.to for message in sent] == [[network.referent.email]]
    assert "validé" in sent[0].subject


def test_a_return_without_reason_sends_nothing(client_for, network, submitted, on_commit):
    assert decide(client_for, submitted, {"decision": "return", "reason": " "}, on_commit) == []


def test_the_e_mails_say_e_mail_in_french_and_nothing_else(network, indicator, submitted):
    item = campaign_due_in(indicator, [network.other_structure], 1)
    Report.objects.filter(pk=submitted.pk).update(return_reason="Motif")
    submitted.refresh_from_db()
    mail.outbox.clear()
    emails.send_report_returned(submitted)
    emails.send_report_validated(submitted)
    emails.send_deadline_reminder(
        ReminderSent(campaign=item, structure=network.other_structure, kind=ReminderSent.Kind.DAY_BEFORE)
    )
    emails.send_campaign_reopened(
        CampaignReopening(campaign=item, structure=network.structure, until=timezone.localdate(), reason="Oubli")
    )
    assert len(mail.outbox) == 4
    for message in mail.outbox:
        for part in (message.subject, message.body, message.alternatives[0][0]):
            lowered = part.lower()
            assert "courriel" not in lowered and " email" not in lowered and " mail " not in lowered
            assert "{{" not in part and "None" not in part


def test_the_referents_learn_the_campaign_is_reopened_for_them(client_for, network, indicator, on_commit):
    item = campaign_due_in(indicator, [network.structure], -2, opens_on=timezone.localdate() - datetime.timedelta(30))
    until = timezone.localdate() + datetime.timedelta(days=4)
    mail.outbox.clear()
    with on_commit(execute=True):
        response = client_for("territorial_coordinator").post(
            reverse("indicators:report_reopen", args=[item.pk, network.structure.slug]),
            {"until": until.isoformat(), "reason": "Logiciel en panne en fin de mois."},
        )
    assert response.status_code == 302
    assert [message.to for message in mail.outbox] == [[network.referent.email]]
    message = mail.outbox[0]
    assert "rouverte" in message.subject
    assert "Logiciel en panne en fin de mois." in message.body and long_date(until) in message.body
    link = django_settings.SITE_URL + reverse("indicators:report_detail", args=[item.pk, network.structure.slug])
    assert link in message.body and link in message.alternatives[0][0]
