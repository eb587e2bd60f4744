"""`manage.py send_digests`: the same services without a broker, progress, and the summary line scripts read."""

import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from spro_portal.digest import periods
from spro_portal.digest.models import DigestDelivery, Frequency, Preference

pytestmark = pytest.mark.django_db


def send_digests(*args):
    out = io.StringIO()
    call_command("send_digests", *args, stdout=out)
    return out.getvalue()


def test_a_run_prints_progress_and_the_summary_line(with_content):
    output = send_digests("--period", "2026-11")
    assert "Résumés de la période 2026-11 (novembre 2026)" in output
    assert "… 7/7" in output
    assert output.splitlines()[-1] == "4 sent, 3 empty skipped, 0 already sent"
    assert len(mail.outbox) == 4


def test_a_second_run_sends_nothing_and_says_so(with_content):
    send_digests("--period", "2026-11")
    mail.outbox.clear()
    assert send_digests("--period", "2026-11").splitlines()[-1] == "0 sent, 0 empty skipped, 4 already sent"
    assert mail.outbox == []


def test_a_dry_run_sends_and_records_nothing(with_content):
    output = send_digests("--period", "2026-11", "--dry-run")
    assert output.splitlines()[-1] == "4 sent, 3 empty skipped, 0 already sent"
    assert "Simulation : rien n'a été envoyé ni noté." in output
    assert mail.outbox == [] and not DigestDelivery.objects.exists()


def test_a_dry_run_for_one_person_prints_what_they_would_read(with_content, digest_network):
    output = send_digests("--period", "2026-11", "--dry-run", "--user", digest_network.referent.email)
    assert f"Résumé de {digest_network.referent.email} :" in output
    assert "  == Charte et engagements ==" in output and "  - Engagements de CIO de Rennes, cycle" in output
    assert "Résumé vide." in send_digests("--period", "2026-11", "--dry-run", "--user", digest_network.adviser.email)
    assert mail.outbox == [] and not DigestDelivery.objects.exists()


def test_user_sends_one_persons_digest_only(with_content, digest_network):
    output = send_digests("--period", "2026-11", "--user", digest_network.referent.email.upper())
    assert output.splitlines()[-1] == "1 sent, 0 empty skipped, 0 already sent"
    assert [message.to for message in mail.outbox] == [[digest_network.referent.email]]
    assert DigestDelivery.objects.count() == 1


def test_the_rest_of_the_period_is_sent_later_without_the_one_already_sent(with_content, digest_network):
    send_digests("--period", "2026-11", "--user", digest_network.referent.email)
    mail.outbox.clear()
    assert send_digests("--period", "2026-11").splitlines()[-1] == "3 sent, 3 empty skipped, 1 already sent"
    assert digest_network.referent.email not in [m.to[0] for m in mail.outbox]


def test_a_weekly_period_reaches_the_weekly_readers(with_content, digest_network):
    Preference.objects.create(user=digest_network.referent, digest=Frequency.WEEKLY)
    assert send_digests("--period", "2026-W48").splitlines()[-1] == "1 sent, 0 empty skipped, 0 already sent"


@pytest.mark.parametrize("period", ["2026-13", "11-2026", "novembre"])
def test_a_bad_period_is_a_french_error(network, period):
    with pytest.raises(CommandError, match="Période invalide .* Écrivez un mois AAAA-MM"):
        send_digests("--period", period)


def test_an_unknown_user_is_a_french_error(network):
    with pytest.raises(CommandError, match="Aucun compte n'a l'adresse e-mail « personne@nulle-part.fr »"):
        send_digests("--user", "personne@nulle-part.fr")


def test_a_user_who_does_not_receive_this_period_is_a_french_error(network):
    Preference.objects.create(user=network.adviser, digest=Frequency.NEVER)
    with pytest.raises(CommandError, match="ne reçoit pas le résumé de la période"):
        send_digests("--period", "2026-11", "--user", network.adviser.email)


def test_without_period_it_sends_last_month(with_content):
    expected = periods.previous(Frequency.MONTHLY, timezone.localdate())
    assert f"Résumés de la période {expected.key}" in send_digests()
