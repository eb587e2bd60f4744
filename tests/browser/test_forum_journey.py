"""Journey 3 in a real browser: an adviser asks (preview, similar topics), a colleague of another structure
answers, the author marks the solution, someone finds it « utile » (with htmx, then without JavaScript)."""

import re

from playwright.sync_api import expect

from practices.models import Reaction, Topic
from tests.browser.helpers import log_in, log_out

TITLE = "Jeune sans diplôme en décembre : quelle première étape ?"


def test_ask_answer_mark_the_solution_and_react(page, live_server, demo_network, look, browser):
    log_in(page, live_server, "conseiller@demo.spro.fr")
    expect(page.get_by_text(re.compile(r"réponses? à vos questions non lues?"))).to_be_visible()
    page.get_by_role("navigation", name="Navigation principale").get_by_role("link", name="Communauté").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Communauté de pratique")
    look("forum-accueil")

    page.locator(".category-card").get_by_role("link", name="Accueil", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Accueil")
    look("forum-categorie")

    page.get_by_role("link", name="Poser une question").click()
    page.get_by_label("Titre de votre question").press_sequentially("Jeune sans diplôme", delay=20)
    # htmx: similar topics appear while the title is typed, solved ones first.
    suggestions = page.locator("#suggestions")
    expect(suggestions.get_by_role("link", name=re.compile("Accueillir un jeune sorti sans diplôme"))).to_be_visible()
    page.get_by_label("Titre de votre question").fill(TITLE)
    page.get_by_label("Détaillez la situation").fill(
        "Un jeune de 16 ans arrive **sans rendez-vous** : il a quitté le lycée la semaine dernière.\n\n"
        "- faut-il prévenir la PSAD tout de suite ?\n- quel rendez-vous lui proposer ?"
    )
    page.get_by_label("Mots-clés (facultatif)").fill("décrochage, 16-18 ans")
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page.get_by_role("heading", name="Aperçu")).to_be_visible()
    expect(page.locator(".preview strong")).to_have_text("sans rendez-vous")
    look("forum-question-apercu")
    page.get_by_role("button", name="Publier la question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Votre question est publiée")).to_be_visible()
    topic_url = page.url
    log_out(page)

    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(topic_url)
    page.get_by_role("textbox", name="Votre réponse").fill(
        "Chez nous, premier rendez-vous **dans la semaine** et la PSAD prévenue le jour même."
    )
    page.get_by_role("button", name="Publier la réponse").click()
    expect(page.get_by_text("Votre réponse est publiée")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "conseiller@demo.spro.fr")
    page.goto(topic_url)
    expect(page.get_by_role("link", name="Aller au premier message non lu")).to_be_visible()
    page.get_by_role("button", name="C'est la solution").click()
    expect(page.get_by_text("la question est résolue")).to_be_visible()
    expect(page.locator(".topic-head__labels").get_by_text("Résolu")).to_be_visible()
    look("forum-sujet-resolu")
    log_out(page)

    # « Utile » with htmx: the button changes in place, no page load.
    log_in(page, live_server, "referent@demo.spro.fr")
    page.goto(topic_url)
    answer = page.locator("#message-2")
    answer.get_by_role("button", name=re.compile("^Utile")).click()
    expect(answer.get_by_role("button", name="Utile · 1")).to_have_attribute("aria-pressed", "true")
    look("forum-sujet-utile")
    topic = Topic.objects.get(title=TITLE)
    assert Reaction.objects.filter(post__topic=topic).count() == 1

    # The same without JavaScript: a plain form, back on the post.
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    no_js = context.new_page()
    log_in(no_js, live_server, "coordination@demo.spro.fr")
    no_js.goto(topic_url)
    no_js.locator("#message-2").get_by_role("button", name=re.compile("^Utile")).click()
    expect(no_js.locator("#message-2").get_by_role("button", name="Utile · 2")).to_be_visible()
    context.close()
    assert topic.posts.get(number=2).reactions.count() == 2


def test_preview_works_without_javascript(browser, live_server, demo_network):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(f"{live_server.url}/communaute/nouveau/")
    page.get_by_label("Catégorie").select_option(label="Accompagnement")
    page.get_by_label("Titre de votre question").fill("VAE aide-soignante : quelles passerelles ?")
    page.get_by_label("Détaillez la situation").fill("Une *salariée* me demande.")
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page.locator(".preview em")).to_have_text("salariée")
    # Without htmx, the preview step lists the similar topics.
    expect(page.locator("#suggestions").get_by_role("link", name=re.compile("VAE : accompagner"))).to_be_visible()
    context.close()


def test_a_closed_working_group_is_joined_on_request(page, live_server, demo_network, look):
    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(f"{live_server.url}/communaute/groupes/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Groupes de travail")
    look("forum-groupes")
    page.get_by_role("link", name="Conseillers du Pays de Brest").click()
    # Her request from the demo data is still waiting: she sees neither topics nor members.
    expect(page.get_by_text("Votre demande est en attente de réponse.")).to_be_visible()
    expect(page.get_by_text("Préparer la rencontre territoriale")).to_have_count(0)
    look("forum-groupe-ferme-exterieur")
    log_out(page)

    log_in(page, live_server, "referent@demo.spro.fr")
    page.goto(f"{live_server.url}/communaute/groupes/conseillers-du-pays-de-brest/")
    requests = page.get_by_role("region", name="Demandes pour rejoindre le groupe")
    expect(requests.get_by_text("Camille Le Bihan")).to_be_visible()
    look("forum-groupe-ferme-membre")
    requests.get_by_role("button", name="Accepter").click()
    expect(page.get_by_text("Camille Le Bihan fait maintenant partie du groupe.")).to_be_visible()
    log_out(page)

    log_in(page, live_server, "conseiller.autre@demo.spro.fr")
    page.goto(f"{live_server.url}/communaute/groupes/conseillers-du-pays-de-brest/")
    expect(page.get_by_role("link", name="Préparer la rencontre territoriale de janvier")).to_be_visible()
