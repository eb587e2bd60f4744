import io

import pytest
from django.core.management import call_command

from members.demo.data import DEMO_ACCOUNTS
from spro_portal.digest.models import Frequency, Preference

pytestmark = pytest.mark.slow


def test_the_demo_sets_a_few_people_to_weekly_or_never_and_last_month_has_digests(seeded):
    weekly = Preference.objects.filter(digest=Frequency.WEEKLY)
    never = Preference.objects.filter(digest=Frequency.NEVER)
    assert weekly.exists() and never.exists()
    demo_emails = {account["email"] for account in DEMO_ACCOUNTS}
    assert not Preference.objects.filter(user__email__in=demo_emails).exists()
    assert "Résumés par e-mail :" in seeded
    out = io.StringIO()
    call_command("send_digests", "--dry-run", stdout=out)
    sent = int(out.getvalue().splitlines()[-1].split()[0])
    assert sent > 0
    # Every demo persona has something in last month's digest (the admin account is in no structure: nothing).
    shown = {}
    for account in DEMO_ACCOUNTS:
        out = io.StringIO()
        call_command("send_digests", "--dry-run", "--user", account["email"], stdout=out)
        shown[account["key"]] = out.getvalue()
    for key, printed in shown.items():
        expected = "0 sent, 1 empty skipped" if key == "admin" else "1 sent, 0 empty skipped"
        assert printed.splitlines()[-1] == f"{expected}, 0 already sent", key
    assert "== Communauté ==" in shown["conseiller"] and "== Ressources ==" in shown["conseiller"]
    assert "Votre travail a été réutilisé" in shown["conseiller"]
    assert "== Indicateurs ==" in shown["conseiller.autre"] and "rapports à valider" in shown["coordination"]
