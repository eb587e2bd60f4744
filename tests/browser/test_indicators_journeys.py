"""Journeys 5, 6 and 7 of the design, clicked through in Chromium: a member proposes an indicator, members discuss
and take positions, the regional coordinator adopts it; a coordinator opens a campaign, a referent enters and
submits the structure's values, a territorial coordinator validates them; a member reads the dashboard's chart."""

import datetime
import re

from django.utils import timezone
from playwright.sync_api import expect

from indicators.models import Indicator, IndicatorProposal, Report
from indicators.services import proposals as proposal_services
from members.models import Membership, Structure
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from tests.browser.helpers import log_in, log_out


def label(text):
    return re.compile(rf"^{re.escape(text)}\W*$", re.IGNORECASE)


def success(page, text):
    expect(page.locator(".messages").get_by_text(text)).to_be_visible()


def test_a_member_proposes_members_discuss_and_the_region_adopts(page, live_server, demo_network, look):
    page.set_default_timeout(8000)
    log_in(page, live_server, "conseiller@demo.spro.fr")
    page.goto(f"{live_server.url}/indicateurs/propositions/")
    page.get_by_role("link", name="Proposer un indicateur").click()
    page.get_by_label(label("nom")).fill("Ateliers collectifs d'orientation")
    page.get_by_label(label("à quoi il sert")).fill("Suivre l'offre d'ateliers collectifs du réseau.")
    page.get_by_label(label("définition")).fill("Nombre d'ateliers collectifs animés sur la période.")
    page.get_by_label("nombre", exact=True).check()
    page.get_by_label("Une valeur").check()
    page.get_by_label("Somme", exact=True).check()
    page.get_by_label("Trimestrielle").check()
    page.get_by_label(label("source des données")).fill("Agenda des ateliers")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    success(page, "Proposition enregistrée en brouillon")
    proposal = IndicatorProposal.objects.get(name="Ateliers collectifs d'orientation")
    log_out(page)

    log_in(page, live_server, "territoire@demo.spro.fr")
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    page.get_by_label(label("Fin de la discussion")).fill(
        (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    )
    page.get_by_role("button", name="Mettre en discussion").click()
    success(page, "La discussion est ouverte.")
    log_out(page)

    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    page.get_by_label(label("Votre commentaire")).fill("Il faudrait **préciser** la durée minimale d'un atelier.")
    page.get_by_role("button", name="Publier le commentaire").click()
    success(page, "Commentaire publié.")
    expect(page.locator(".comment strong")).to_have_text("préciser")
    page.get_by_label("Objection").check()
    page.get_by_role("button", name="Enregistrer ma position").click()
    expect(page.get_by_text("Une objection s'accompagne toujours d'un motif")).to_be_visible()
    page.get_by_label("Objection").check()
    page.get_by_label(label("Motif")).fill("Sans durée minimale, un échange de dix minutes compterait.")
    page.get_by_role("button", name="Enregistrer ma position").click()
    success(page, "Votre position est enregistrée.")
    log_out(page)

    # Two more structures support it (their people are not demo accounts).
    for membership in (
        Membership.objects.active()
        .exclude(structure__slug__in=["cio-de-brest", "mission-locale-du-pays-de-rennes"])
        .select_related("structure")
        .order_by("structure__slug")[:40]
    ):
        if proposal.positions.values("structure").distinct().count() >= 3:
            break
        if not proposal.positions.filter(structure=membership.structure).exists():
            proposal_services.position_take(
                proposal=proposal, user=membership.user, structure=membership.structure, kind="support"
            )

    log_in(page, live_server, "conseiller@demo.spro.fr")
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    page.get_by_label("Réponse à cette objection").fill("Un atelier dure au moins une heure : c'est ajouté.")
    page.get_by_role("button", name="Répondre").click()
    success(page, "Réponse publiée.")
    page.get_by_role("link", name="Réviser le texte").click()
    page.get_by_label(label("définition")).fill(
        "Nombre d'ateliers collectifs d'au moins une heure animés sur la période."
    )
    page.get_by_label(label("Ce que cette révision change")).fill("Durée minimale d'une heure")
    page.get_by_role("button", name="Enregistrer la révision").click()
    success(page, "Révision 2 enregistrée")
    expect(page.locator(".diff ins").first).to_contain_text("d'au moins une heure")
    look("indicateurs-proposition-en-discussion")
    log_out(page)

    # The discussion period ends.
    IndicatorProposal.objects.filter(pk=proposal.pk).update(
        discussion_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    log_in(page, live_server, "coordination@demo.spro.fr")
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    expect(page.get_by_text("Toutes les conditions d'adoption sont réunies.")).to_be_visible()
    page.get_by_role("button", name="Adopter l'indicateur").click()
    success(page, "Indicateur adopté : sa définition en vigueur est la version 1.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ateliers collectifs d'orientation")
    expect(page.get_by_role("heading", name="Pourquoi cet indicateur, et comment il a été décidé")).to_be_visible()
    assert Indicator.objects.get(proposal=proposal).current_version.number == 1


def test_a_campaign_is_opened_filled_in_submitted_and_validated(page, live_server, demo_network, look):
    page.set_default_timeout(8000)
    log_in(page, live_server, "coordination@demo.spro.fr")
    page.goto(f"{live_server.url}/indicateurs/campagnes/")
    page.get_by_role("link", name="Ouvrir une campagne").click()
    today = timezone.localdate()
    page.get_by_label(label("Période (intitulé)")).fill("Décembre 2026")
    page.get_by_label("Mensuelle").check()
    page.get_by_label(label("Début de la période")).fill("2026-12-01")
    page.get_by_label(label("Fin de la période")).fill("2026-12-31")
    for indicator in Indicator.objects.all():
        page.get_by_label(str(indicator)).check()
    page.get_by_label("Pays de Brest").check()
    page.get_by_label(label("Ouverture de la saisie")).fill(today.isoformat())
    page.get_by_label(label("Date limite")).fill((today + datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Ouvrir la campagne").click()
    success(page, "Campagne ouverte.")
    expect(page.get_by_role("heading", name="Complétude par territoire")).to_be_visible()
    campaign_url = page.url
    log_out(page)

    log_in(page, live_server, "referent@demo.spro.fr")
    page.goto(campaign_url)
    page.get_by_role("link", name="Le rapport de CIO de Brest").click()
    fields = page.locator(".report-value")
    expect(fields).to_have_count(3)
    for index in range(3):
        box = fields.nth(index)
        legend = box.locator("legend").inner_text()
        if "Part des personnes" in legend:
            box.get_by_label(re.compile("^Numérateur")).fill("30")
            box.get_by_label(re.compile("^Dénominateur")).fill("40")
        elif "Délai" in legend:
            box.get_by_label(re.compile("^Valeur")).fill("12,5")
        else:
            box.get_by_label(re.compile("^Valeur")).fill("-5")
        box.get_by_label(label("Commentaire")).fill("Mois de forte affluence.")
    page.get_by_role("button", name="Déposer le rapport").click()
    expect(page.get_by_text("Une valeur ne peut pas être négative.")).to_be_visible()
    look("indicateurs-saisie-avec-erreur")
    page.locator(".report-value--problem").get_by_label(re.compile("^Valeur")).fill("420")
    page.get_by_role("button", name="Déposer le rapport").click()
    success(page, "Rapport déposé : la coordination va le relire.")
    log_out(page)

    log_in(page, live_server, "territoire@demo.spro.fr")
    page.goto(f"{live_server.url}/indicateurs/a-valider/")
    page.get_by_role("row", name=re.compile("Décembre 2026")).get_by_role("link", name="CIO de Brest").click()
    page.get_by_role("button", name="Valider le rapport").click()
    success(page, "Rapport validé.")
    report = Report.objects.get(campaign__label="Décembre 2026", structure__slug="cio-de-brest")
    assert report.status == Report.Status.VALIDATED


def test_a_member_reads_the_dashboard_chart_and_table(page, live_server, demo_network, look):
    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(f"{live_server.url}/indicateurs/")
    look("indicateurs-tableaux-de-bord")
    page.get_by_role("link", name="Personnes accueillies").click()
    chart = page.get_by_role("img", name=re.compile("^Évolution"))
    expect(chart).to_be_visible()
    assert page.locator(".chart__dot").count() >= 8
    expect(page.get_by_role("table", name=re.compile("^Valeur du réseau par période"))).to_be_visible()
    expect(page.get_by_role("columnheader", name="Ma structure")).to_be_visible()
    # No other structure's name on a member's dashboard.
    others = Structure.objects.exclude(slug="mission-locale-du-pays-de-rennes").values_list("name", flat=True)
    body = page.locator("main").inner_text()
    assert not [name for name in others if name in body]
    look("indicateurs-tableau-de-bord-indicateur")
    SCREENSHOTS.mkdir(exist_ok=True)
    for size, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
        page.set_viewport_size(size)
        page.locator(".chart").screenshot(path=SCREENSHOTS / f"indicateurs-graphique-{name}.png")
        page.locator(".trend-table").screenshot(path=SCREENSHOTS / f"indicateurs-tableau-tendance-{name}.png")
    page.set_viewport_size(DESKTOP)
    page.get_by_role("link", name=re.compile("^Lire la discussion")).click()
    expect(page.get_by_role("heading", name="Positions")).to_be_visible()
