"""One word for e-mail in everything a person reads: « e-mail », never « courriel », « email » or « mail »."""

import ast
import re
from pathlib import Path

import pytest
from django.utils import translation

from tests.utils import text

BASE_DIR = Path(__file__).resolve().parent.parent
OTHER_WORDS = re.compile(r"(?i)(?<![\w@./-])(courriels?|e?mails?)(?![\w@-])")


def visible_text(template_source):
    """What a template shows: text and the attributes people read, without tags, variables and comments."""
    source = re.sub(
        r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}|{{.*?}}|{%.*?%}", " ", template_source, flags=re.S
    )
    attributes = re.findall(r'(?:aria-label|title|placeholder|alt)="([^"]*)"', source)
    return re.sub(r"<[^>]*>", " ", source) + "\n" + "\n".join(attributes)


def test_templates_write_e_mail():
    offenders = []
    for path in (BASE_DIR / "templates").rglob("*"):
        if path.suffix in {".html", ".txt"}:
            offenders += [
                f"{path.relative_to(BASE_DIR)}: {m.group(0)}"
                for m in OTHER_WORDS.finditer(visible_text(path.read_text(encoding="utf-8")))
            ]
    assert not offenders


@pytest.mark.parametrize("app", ["spro_portal", "members", "practices", "indicators"])
def test_french_strings_of_every_app_write_e_mail(app):
    offenders = []
    for path in (BASE_DIR / app).rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.search("[éèàçê]", node.value):
                if OTHER_WORDS.search(node.value) or "adresse électronique" in node.value.lower():
                    offenders.append(f"{path.relative_to(BASE_DIR)}:{node.lineno}")
    assert not offenders


@pytest.mark.parametrize(
    "english, french",
    [
        ("Email", "E-mail"),  # django.contrib.auth says « Courriel », and wins over allauth
        ("Enter a valid email address.", "Saisissez une adresse e-mail valide."),
        ("Email address", "Adresse e-mail"),
    ],
)
def test_django_and_allauth_wording_is_the_portals(english, french):
    with translation.override("fr"):
        assert translation.gettext(english) == french


@pytest.mark.django_db
def test_the_login_field_is_labelled_e_mail(client):
    html = text(client.get("/compte/login/"))
    assert re.search(r"<label[^>]*>E-mail", html)
    assert "Courriel" not in html


@pytest.mark.django_db
def test_a_wrong_address_is_refused_in_the_portals_words(client):
    html = text(client.post("/compte/password/reset/", {"email": "pas-une-adresse"}))
    assert "Saisissez une adresse e-mail valide." in html


@pytest.mark.parametrize("known", [True, False])
def test_password_reset_e_mails_write_e_mail(client, network, known):
    from django.core import mail

    address = network.adviser.email if known else "personne@exemple.fr"
    client.post("/compte/password/reset/", {"email": address})
    message = mail.outbox[-1]
    words = message.subject + "\n" + message.body.replace(address, "")
    assert "Bonjour" in words or "bonjour" in words
    assert not OTHER_WORDS.search(re.sub(r"https?://\S+", "", words)), words
