"""Journeys 1 and 2 of the design, clicked through in Chromium: a referent joins, completes the structure profile,
signs the charter and submits the commitments; a coordinator reviews them beside the previous cycle's, asks for
changes, then approves; two referents editing the same draft do not overwrite each other."""

import re
from pathlib import Path

from django.core import mail
from playwright.sync_api import expect

from members.demo.data import DEMO_CIO_SLUG
from members.demo.governance import ITEMS
from members.models import CommitmentSet, Coordinator, Membership, ReviewCycle, Structure, User
from members.services import commitments as commitment_services
from members.services.reviews import previous_cycle_submission
from tests.browser.helpers import DEMO_PASSWORD, log_in, log_out
from tests.factories import MembershipFactory

CODES = [code for code, *_ in ITEMS]
TEXT_LABEL = re.compile("^Comment votre structure tient cet engagement")
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def main_nav(page, name):
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name=name).click()


def commitment(page, code):
    """A commitment's card on the commitments page (an <article> named by its code and title)."""
    return page.get_by_role("article", name=re.compile(rf"^{code}\b"))


def review_item(page, code):
    """An item's section on the review page."""
    return page.get_by_role("region", name=re.compile(rf"^{code} — "))


def success(page, text):
    expect(page.locator(".messages").get_by_text(text)).to_be_visible()


def save_draft(page):
    """The commitments form has a save button at its top and one at its bottom: press the bottom one."""
    page.get_by_role("button", name="Enregistrer le brouillon").last.click()


def tick_every_item(page, opinion="Conforme", *, but=()):
    for code in CODES:
        if code not in but:
            review_item(page, code).get_by_label(opinion, exact=True).check()


# -- Journey 1: a referent is invited, joins, completes the profile, signs, writes and submits ------------------------


def test_demo_referent_sees_the_charter_banner_before_signing(page, live_server, demo_network):
    log_in(page, live_server, "referent@demo.spro.fr")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Bonjour")
    banner = page.locator(".banner")
    expect(banner).to_contain_text("Votre structure n'a pas encore signé la charte du SPRO en vigueur.")
    expect(banner.get_by_role("link", name="Lire et signer la charte")).to_be_visible()


def test_invited_referent_completes_the_profile_signs_and_submits(
    page, live_server, demo_network, look, browser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    structure = Structure.objects.get(slug=DEMO_CIO_SLUG)
    cycle = ReviewCycle.objects.current()
    CommitmentSet.objects.filter(structure=structure, cycle=cycle).delete()  # the cycle is yet to start for this CIO

    # The territorial coordinator finds the structure in the directory and invites a new referent.
    log_in(page, live_server, "territoire@demo.spro.fr")
    main_nav(page, "Structures")
    page.get_by_label(re.compile(r"^Nom ou commune\W*$")).fill("Brest")
    page.get_by_label(re.compile(r"^Type de structure\W*$")).select_option(label=structure.get_type_display())
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("correspond"))).to_be_visible()
    look("structures-filtrees")
    page.get_by_role("link", name=structure.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(structure.name)
    page.get_by_role("link", name="Inviter une personne").click()
    page.get_by_label("Adresse e-mail de la personne invitée").fill("nolwenn.le-gall@exemple.fr")
    page.get_by_label(re.compile(r"^Rôle\W*$")).select_option(label="Référent·e SPRO")
    page.get_by_role("button", name="Envoyer l'invitation").click()
    success(page, "Invitation envoyée à nolwenn.le-gall@exemple.fr")
    invitation_mail = mail.outbox[-1]
    assert invitation_mail.to == ["nolwenn.le-gall@exemple.fr"]

    # The invited person opens the link from the email and creates an account.
    link = re.search(r"http://\S+/invitation/\S+/", invitation_mail.body).group(0)
    link = re.sub(r"^http://[^/]+", live_server.url, link)
    referent_context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    me = referent_context.new_page()
    me.goto(link)
    expect(me.get_by_role("heading", level=1)).to_have_text(f"Rejoindre {structure.name}")
    expect(me.get_by_text("en tant que référent·e spro")).to_be_visible()
    me.get_by_label("Prénom").fill("Nolwenn")
    me.get_by_label(re.compile(r"^Nom\W*$")).fill("Le Gall")
    me.get_by_label(re.compile(r"^Mot de passe\W*$")).fill("une-phrase-de-passe-solide")
    me.get_by_label("Confirmez le mot de passe").fill("une-phrase-de-passe-solide")
    me.get_by_role("button", name=re.compile("Créer mon compte")).click()
    expect(me.get_by_text(f"Bienvenue dans le réseau ! Vous êtes membre de {structure.name}.")).to_be_visible()
    expect(me.locator(".banner")).to_be_visible()
    me.close()
    referent_context.close()

    # From here on the new referent uses the main page (so that `look` sees their pages).
    log_out(page)
    log_in(page, live_server, "nolwenn.le-gall@exemple.fr", "une-phrase-de-passe-solide")

    # The structure profile: presentation, hours, missions and audiences.
    page.get_by_role("region", name="Ma place dans le réseau").get_by_role("link", name=structure.name).click()
    page.get_by_role("link", name="Modifier le profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Modifier le profil de {structure.name}")
    page.get_by_label(re.compile(r"^Texte de présentation\W*$")).fill(
        "Le CIO de Brest accueille élèves, étudiant·es, parents et adultes, avec ou sans rendez-vous."
    )
    page.get_by_label(re.compile(r"^Horaires d'ouverture\W*$")).fill(
        "Du lundi au vendredi, 9 h – 17 h ; le mercredi jusqu'à 18 h."
    )
    missions = page.get_by_role("group", name=re.compile("^Missions exercées"))
    missions.get_by_label("Accompagnement").check()
    audiences = page.get_by_role("group", name=re.compile("^Publics accueillis"))
    audiences.get_by_label("Personnes en situation de handicap").check()
    look("structure-profil-modifier")
    page.get_by_role("button", name="Enregistrer le profil").click()
    success(page, "Le profil de la structure est enregistré.")
    expect(page.get_by_text("avec ou sans rendez-vous")).to_be_visible()
    expect(page.get_by_text("le mercredi jusqu'à 18 h")).to_be_visible()
    presentation = page.get_by_role("region", name="Présentation")
    expect(presentation.get_by_role("listitem").filter(has_text="Accompagnement")).to_be_visible()
    expect(presentation.get_by_role("listitem").filter(has_text="Personnes en situation de handicap")).to_be_visible()

    # The charter: read it, then sign it; the banner goes away.
    page.locator(".banner").get_by_role("link", name="Lire et signer la charte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Charte du SPRO")
    expect(page.get_by_role("heading", name="Les engagements")).to_be_visible()
    look("charte")
    page.get_by_label("J'ai lu la charte et je m'engage au nom de ma structure").check()
    page.get_by_role("button", name="Signer la charte").click()
    success(page, f"Merci : {structure.name} a signé")
    expect(page.locator(".banner")).to_have_count(0)
    expect(page.get_by_text("Votre structure a signé cette version le")).to_be_visible()
    look("charte-signee")

    # The commitments: started by a button (opening the page writes nothing), one text per item, saved as a draft.
    page.get_by_role("link", name=f"Engagements de {structure.name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Engagements de {structure.name}")
    assert not CommitmentSet.objects.filter(structure=structure, cycle=cycle).exists()
    look("engagements-a-commencer")
    page.get_by_role("button", name=f"Commencer les engagements du cycle {cycle.year}").click()
    success(page, f"Les engagements du cycle {cycle.year} sont ouverts")
    expect(page.locator(".facts")).to_contain_text("Brouillon")
    for code in CODES:
        commitment(page, code).get_by_label(TEXT_LABEL).fill(
            f"Pour {code}, l'équipe du CIO de Brest a mis en place une organisation suivie en réunion d'équipe."
        )
    look("engagements-brouillon")
    save_draft(page)
    success(page, "Brouillon enregistré.")
    expect(commitment(page, "I2").get_by_label(TEXT_LABEL)).to_have_value(re.compile("Pour I2, l'équipe"))

    # Evidence: a link on M2, a PDF on M3. A text typed meanwhile on I2, not saved, is saved with the link.
    typed = "Pour I2, nous transmettons nos chiffres chaque trimestre à la coordination."
    commitment(page, "I2").get_by_label(TEXT_LABEL).fill(typed)
    m2 = commitment(page, "M2")
    m2.get_by_text("Ajouter un lien").click()
    m2.get_by_label(re.compile(r"^Intitulé du lien\W*$")).fill("Programme des ateliers métiers")
    m2.get_by_label(re.compile(r"^Adresse")).fill("https://www.cio-brest.fr/ateliers")
    m2.get_by_role("button", name=re.compile("^Ajouter le lien")).click()
    success(page, "Preuve ajoutée à l'engagement M2.")
    expect(commitment(page, "M2").get_by_role("link", name="Programme des ateliers métiers")).to_be_visible()
    expect(commitment(page, "I2").get_by_label(TEXT_LABEL)).to_have_value(typed)

    # A program renamed .pdf is refused in French, the form stays open; then the real PDF goes through.
    fake = tmp_path / "compte-rendu.pdf"
    fake.write_bytes(b"MZ\x90\x00" + b"\x00" * 60)
    m3 = commitment(page, "M3")
    m3.get_by_text("Ajouter un fichier").click()
    m3.get_by_label(re.compile(r"^Intitulé du fichier\W*$")).fill("Compte rendu")
    m3.get_by_label(re.compile(r"^Fichier\W*$")).set_input_files(fake)
    m3.get_by_role("button", name=re.compile("^Ajouter le fichier")).click()
    # The page opens on the error summary, which has the focus and links to the field.
    summary = page.get_by_role("alert")
    expect(summary).to_be_in_viewport()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Le formulaire contient 1 erreur")
    summary.get_by_role("link", name=re.compile("^M3, fichier : Le contenu de ce fichier")).click()
    m3 = commitment(page, "M3")
    expect(m3.get_by_label(re.compile(r"^Fichier\W*$"))).to_be_focused()
    expect(m3.get_by_text("Le contenu de ce fichier ne correspond pas à son extension « .pdf ».")).to_be_visible()
    expect(m3.get_by_label(re.compile(r"^Intitulé du fichier\W*$"))).to_have_value("Compte rendu")
    look("engagements-preuve-refusee")

    pdf = tmp_path / "compte-rendu-reunion.pdf"  # outside MEDIA_ROOT
    pdf.write_bytes(PDF)
    m3.get_by_label(re.compile(r"^Intitulé du fichier\W*$")).fill("Compte rendu de la réunion d'équipe")
    m3.get_by_label(re.compile(r"^Fichier\W*$")).set_input_files(pdf)
    m3.get_by_role("button", name=re.compile("^Ajouter le fichier")).click()
    success(page, "Preuve ajoutée à l'engagement M3.")
    m3 = commitment(page, "M3")
    expect(m3.get_by_role("link", name="Compte rendu de la réunion d'équipe")).to_be_visible()
    expect(m3.get_by_text(f"(fichier, {len(PDF)} octets)")).to_be_visible()
    assert list((tmp_path / "media").rglob("*.pdf"))

    # Submit, with the confirmation box.
    mail.outbox.clear()
    deposit = page.get_by_role("region", name="Déposer pour relecture")
    deposit.get_by_label(re.compile("^Je confirme le dépôt de ces engagements")).check()
    deposit.get_by_role("button", name="Déposer les engagements").click()
    success(page, "Engagements déposés (dépôt n° 1). La coordination est prévenue et va les relire.")
    expect(page.locator(".facts")).to_contain_text("Déposés, en attente de revue")
    expect(page.get_by_text("Ces engagements ont été déposés et attendent la relecture")).to_be_visible()
    expect(page.get_by_role("button", name="Enregistrer le brouillon")).to_have_count(0)
    history = page.get_by_role("region", name="Historique des dépôts et des relectures")
    expect(history).to_contain_text("Dépôt n° 1")
    expect(history).to_contain_text("par Nolwenn Le Gall")
    expect(history).to_contain_text("En attente de relecture.")
    look("engagements-deposes")

    to_coordinators = [m for m in mail.outbox if "territoire@demo.spro.fr" in m.to]
    assert to_coordinators, [m.to for m in mail.outbox]
    assert f"déposés par {structure.name}" in to_coordinators[0].subject


# -- Journey 2: a coordinator reviews, asks for changes, the referent reworks, the coordinator approves ---------------


def _demo_referent_submits_their_draft():
    """At --scale 0.25 nothing awaits review in Pays de Brest: the demo CIO's referent completes and submits."""
    commitment_set = CommitmentSet.objects.get(structure__slug=DEMO_CIO_SLUG, status="draft")
    referent = User.objects.get(email="referent@demo.spro.fr")
    texts = {
        commitment.item_id: commitment.text or f"Ce que fait le CIO de Brest pour {commitment.item.code}."
        for commitment in commitment_set.commitments.select_related("item")
    }
    commitment_services.commitment_set_save_draft(
        commitment_set=commitment_set, texts=texts, revision=commitment_set.revision, saved_by=referent
    )
    commitment_services.commitment_set_submit(commitment_set=commitment_set, submitted_by=referent)


def _oldest_submitted_in(coordinator_email):
    territories = Coordinator.objects.get(user__email=coordinator_email).territories.all()
    cycle = ReviewCycle.objects.current()
    return (
        CommitmentSet.objects.filter(status="submitted", cycle=cycle, structure__territory__in=territories)
        .select_related("structure")
        .order_by("submitted_at", "structure__name", "pk")
        .first()
    )


def test_coordinator_asks_for_changes_then_approves_the_reworked_commitments(page, live_server, demo_network, look):
    _demo_referent_submits_their_draft()
    commitment_set = _oldest_submitted_in("territoire@demo.spro.fr")
    structure = commitment_set.structure
    first_round = commitment_set.submissions.count()  # the number of the submission under review
    previous = previous_cycle_submission(commitment_set)
    previous_texts = {entry["code"]: entry["text"] for entry in previous.snapshot}
    referent_email = (
        Membership.objects.referents().filter(structure=structure, is_active=True).select_related("user").first()
    ).user.email

    # The queue, filtered by status.
    log_in(page, live_server, "territoire@demo.spro.fr")
    main_nav(page, "Coordination")
    expect(page.get_by_role("heading", level=1)).to_have_text("File de revue des engagements")
    status = page.get_by_label(re.compile(r"^Statut\W*$"))
    status.select_option(label="Modifications demandées")
    page.get_by_role("button", name="Filtrer").click()
    rows = page.locator(".queue-table tbody tr")
    expect(rows.first).to_be_visible()
    for badge in rows.locator(".badge").all_inner_texts():
        assert badge.lower() == "modifications demandées"
    page.get_by_label(re.compile(r"^Statut\W*$")).select_option(label="Déposés, en attente de revue")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"status=submitted"))
    first_link = page.locator(".queue-table tbody tr").first.get_by_role("link")
    expect(first_link).to_have_text(structure.name)
    look("coordination-file")

    # The review: this cycle's text beside the previous cycle's; no opinion ticked in advance.
    first_link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Engagements de {structure.name}")
    for code in ("M1", "C1", "I2"):
        expect(review_item(page, code).locator(".review-item__previous")).to_contain_text(previous_texts[code][:50])
    expect(page.locator("input[type=radio]:checked")).to_have_count(0)
    look("coordination-revue")

    # "To rework" without a reason: refused in French, the rest of the input kept.
    tick_every_item(page, but=["M2"])
    review_item(page, "M2").get_by_label("À reprendre", exact=True).check()
    page.get_by_label(re.compile("^Commentaire général")).fill("Dossier clair ; un point à préciser.")
    page.get_by_label("Demander des modifications à la structure").check()
    page.get_by_role("button", name="Enregistrer et prévenir la structure").click()
    expect(page.get_by_role("alert")).to_contain_text("Votre avis n'a pas été enregistré")
    expect(page.get_by_role("alert")).to_be_focused()
    expect(page.get_by_role("alert").get_by_role("link", name=re.compile("^M2 — "))).to_have_attribute(
        "href", re.compile(r"#id_item-\d+-reason$")
    )
    m2 = review_item(page, "M2")
    expect(m2.get_by_text("Indiquez ce que la structure doit reprendre pour cet engagement.")).to_be_visible()
    expect(m2.get_by_label("À reprendre", exact=True)).to_be_checked()
    expect(page.get_by_label(re.compile("^Commentaire général"))).to_have_value("Dossier clair ; un point à préciser.")
    expect(page.get_by_label("Demander des modifications à la structure")).to_be_checked()
    look("coordination-revue-erreurs")

    reason = "Précisez le calendrier des ateliers « découverte des métiers » pour cette année."
    m2.get_by_label("Motif, si l'engagement est à reprendre").fill(reason)
    mail.outbox.clear()
    page.get_by_role("button", name="Enregistrer et prévenir la structure").click()
    success(page, f"Votre avis sur les engagements de {structure.name} est enregistré")
    commitment_set.refresh_from_db()
    assert commitment_set.status == "changes_requested"
    to_referents = [m for m in mail.outbox if referent_email in m.to]
    assert to_referents and "modifications demandées" in to_referents[0].subject
    assert reason in to_referents[0].body

    # The referent sees the reason, reworks the item and submits again.
    log_out(page)
    log_in(page, live_server, referent_email)
    page.get_by_role("link", name="Voir les motifs et reprendre").click()
    expect(page.locator(".facts")).to_contain_text("Modifications demandées")
    to_redo = page.get_by_role("region", name="La coordination demande des modifications")
    expect(to_redo).to_contain_text("Dossier clair ; un point à préciser.")
    expect(to_redo.get_by_role("listitem")).to_have_count(1)
    to_redo.get_by_role("link", name=re.compile("^M2 — ")).click()
    expect(page).to_have_url(re.compile(r"#engagement-\d+$"))
    m2 = commitment(page, "M2")
    expect(m2).to_contain_text("Ce que la coordination demande de reprendre")
    expect(m2).to_contain_text(reason)
    look("engagements-a-reprendre")
    m2.get_by_label(TEXT_LABEL).fill(
        "Ateliers « découverte des métiers » : un mardi par mois de septembre à juin, calendrier affiché à l'accueil."
    )
    save_draft(page)
    success(page, "Brouillon enregistré.")
    page.get_by_label(re.compile("^Je confirme le dépôt de ces engagements")).check()
    page.get_by_role("button", name="Déposer les engagements").click()
    success(page, f"Engagements déposés (dépôt n° {first_round + 1})")

    # The coordinator approves the new submission.
    log_out(page)
    log_in(page, live_server, "territoire@demo.spro.fr")
    main_nav(page, "Coordination")
    page.get_by_role("link", name=structure.name, exact=True).click()
    expect(review_item(page, "M2")).to_contain_text(
        f"Au dépôt n° {first_round}, la coordination avait demandé de reprendre cet engagement"
    )
    expect(review_item(page, "M2")).to_contain_text("un mardi par mois")
    # Beside the previous deposit of this cycle: what changed since the request.
    previous_deposit = review_item(page, "M2").locator(".review-item__previous")
    expect(previous_deposit).to_contain_text(f"Dépôt n° {first_round}, avant la demande de modifications")
    expect(previous_deposit).to_contain_text("Modifié depuis")
    expect(review_item(page, "M1").locator(".review-item__previous")).to_contain_text("Inchangé depuis ce dépôt")
    look("coordination-re-revue")
    tick_every_item(page)
    page.get_by_label("Valider l'ensemble des engagements").check()
    mail.outbox.clear()
    page.get_by_role("button", name="Enregistrer et prévenir la structure").click()
    success(page, f"Votre avis sur les engagements de {structure.name} est enregistré")
    assert any(referent_email in m.to and "validés" in m.subject for m in mail.outbox)

    # Both rounds are in the history.
    page.get_by_label(re.compile(r"^Statut\W*$")).select_option(label="Validés")
    page.get_by_role("button", name="Filtrer").click()
    page.get_by_role("link", name=structure.name, exact=True).click()
    expect(page.locator(".facts")).to_contain_text("Validés")
    history = page.get_by_role("region", name="Historique de ce dossier").locator(".history > li")
    expect(history.nth(0)).to_contain_text(f"Dépôt n° {first_round + 1}")
    expect(history.nth(0)).to_contain_text("Engagements validés")
    expect(history.nth(1)).to_contain_text(f"Dépôt n° {first_round}")
    expect(history.nth(1)).to_contain_text("Modifications demandées")
    expect(history.nth(1)).to_contain_text(f"M2 à reprendre : {reason}")
    look("coordination-revue-terminee")


def test_regional_coordinator_reads_the_overview_and_downloads_the_csv(page, live_server, demo_network, look):
    log_in(page, live_server, "coordination@demo.spro.fr")
    main_nav(page, "Coordination")
    page.get_by_role("navigation", name="Coordination").get_by_role(
        "link", name="Vue d'ensemble par territoire"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vue d'ensemble par territoire")
    table = page.get_by_role("table")
    expect(table.get_by_role("rowheader", name="Total")).to_be_visible()
    expect(table.get_by_role("columnheader", name="Signataires de la charte")).to_be_visible()
    look("coordination-vue-ensemble")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ces chiffres par territoire").click()
    download = download_info.value
    assert download.suggested_filename.startswith("spro-vue-d-ensemble-")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Territoire;Structures;Structures labellisées;")
    assert lines[-1].startswith("Total;")
    assert all(line.count(";") == 6 for line in lines)


def test_regional_coordinator_opens_next_years_cycle(page, live_server, demo_network, look):
    year = ReviewCycle.objects.order_by("-year").first().year + 1
    log_in(page, live_server, "coordination@demo.spro.fr")
    main_nav(page, "Coordination")
    page.get_by_role("navigation", name="Coordination").get_by_role("link", name="Cycles de revue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cycles de revue des engagements")
    expect(page.get_by_role("table")).to_contain_text("en cours")
    page.get_by_label(re.compile(r"^Année\W*$")).fill(str(year))
    page.get_by_label(re.compile(r"^Date d'ouverture\W*$")).fill(f"{year}-01-15")
    page.get_by_label(re.compile(r"^Date limite de dépôt\W*$")).fill(f"{year}-01-10")
    page.get_by_role("button", name="Ouvrir le cycle").click()
    expect(page.get_by_role("alert")).to_contain_text("La date limite de dépôt doit être postérieure")
    expect(page.get_by_role("alert")).to_be_focused()
    look("coordination-cycles-erreur")
    page.get_by_label(re.compile(r"^Date limite de dépôt\W*$")).fill(f"{year}-06-30")
    page.get_by_role("button", name="Ouvrir le cycle").click()
    success(page, f"Le Cycle {year} est ouvert")
    expect(page.get_by_role("rowheader", name=f"Cycle {year}")).to_be_visible()
    look("coordination-cycles")


# -- Two referents on the same draft ---------------------------------------------------------------------------------


def test_two_referents_saving_the_same_draft_merge_item_by_item_and_choose_on_a_conflict(
    page, live_server, demo_network, browser, look
):
    structure = Structure.objects.get(slug=DEMO_CIO_SLUG)
    other = MembershipFactory(
        structure=structure,
        role=Membership.Role.REFERENT,
        user__email="yann.kerouac@exemple.fr",
        user__first_name="Yann",
        user__last_name="Kerouac",
        user__password=DEMO_PASSWORD,
    ).user

    first_context = browser.new_context(locale="fr-FR", timezone_id="Europe/Paris")
    first = first_context.new_page()
    for who, tab in ((other.email, first), ("referent@demo.spro.fr", page)):
        log_in(tab, live_server, who)
        main_nav(tab, "Charte")
        tab.get_by_role("link", name=f"Engagements de {structure.name}").click()
        expect(commitment(tab, "D1").get_by_label(TEXT_LABEL)).to_be_visible()

    first_text = "Yann participe à chaque réunion territoriale du Pays de Brest."
    yann_m1 = "Yann a revu l'accueil : un premier entretien sous huit jours."
    commitment(first, "D1").get_by_label(TEXT_LABEL).fill(first_text)
    commitment(first, "M1").get_by_label(TEXT_LABEL).fill(yann_m1)
    save_draft(first)
    success(first, "Brouillon enregistré.")

    # I change D1 (as Yann did) and D2 (which he did not touch): D2 is saved, M1 keeps his text, D1 is my choice.
    mine = "La directrice et la référente se partagent les réunions territoriales."
    my_d2 = "Nous contribuons au projet de développement par un atelier annuel."
    commitment(page, "D1").get_by_label(TEXT_LABEL).fill(mine)
    commitment(page, "D2").get_by_label(TEXT_LABEL).fill(my_d2)
    save_draft(page)
    expect(page.get_by_role("alert")).to_contain_text("Yann Kerouac a enregistré ces engagements pendant que vous")
    expect(page.get_by_role("alert")).to_contain_text("1 engagement modifié des deux côtés n'a pas été enregistré")
    expect(commitment(page, "D2").get_by_label(TEXT_LABEL)).to_have_value(my_d2)
    expect(commitment(page, "M1").get_by_label(TEXT_LABEL)).to_have_value(yann_m1)
    d1 = commitment(page, "D1")
    expect(d1.get_by_label(TEXT_LABEL)).to_have_value(mine)
    expect(d1.locator(".commitment__theirs")).to_contain_text(first_text)
    expect(d1.locator(".commitment__theirs")).to_contain_text("par Yann Kerouac")
    look("engagements-conflit")

    # Saving again, having seen their text, keeps my choice for D1 and nothing else changes.
    save_draft(page)
    success(page, "Brouillon enregistré.")
    expect(commitment(page, "D1").get_by_label(TEXT_LABEL)).to_have_value(mine)
    expect(commitment(page, "M1").get_by_label(TEXT_LABEL)).to_have_value(yann_m1)
    first_context.close()


# -- The other governance pages: people directory, my profile, membership management ---------------------------------


def test_member_pages_of_the_network(page, live_server, demo_network, look):
    log_in(page, live_server, "referent@demo.spro.fr")

    page.get_by_role("link", name="Mon profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    page.get_by_label(re.compile(r"^Fonction\W*$")).fill("Psychologue de l'Éducation nationale")
    page.get_by_label("Bilan de compétences").check()
    look("mon-profil")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    success(page, "Votre profil est enregistré.")

    main_nav(page, "Annuaire")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des membres")
    page.get_by_label(re.compile(r"^Domaine d'expertise\W*$")).select_option(label="Bilan de compétences")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", level=2, name=re.compile("correspond"))).to_be_visible()
    me = page.locator(".person").filter(has_text="Psychologue de l'Éducation nationale")
    expect(me.first).to_be_visible()
    look("annuaire-membres")

    main_nav(page, "Accueil")
    page.get_by_role("link", name="Gérer les membres").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Membres de")
    expect(page.get_by_role("heading", name=re.compile(r"^Membres actifs"))).to_be_visible()
    look("membres-structure")
