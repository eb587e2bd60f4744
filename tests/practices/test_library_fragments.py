"""Shared fragments (spro_portal.fragments) turned on for the library: the count of a list, its rows, its filter
form, and a resource page's blank reuse-story form. Each test proves the cached path was taken (no COUNT query on
the second request, or a marker written into the cached entry and read back), then that a change shows at once:
a new resource, a withdrawal, a download, a group joined; and that what a reader typed is never replaced by the
shared blank.

Renewals of the « library » generation run on commit: the test transaction never commits, so every change that
must renew it runs inside `django_capture_on_commit_callbacks(execute=True)`."""

import re

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from practices.models import Kind, Licence, Visibility
from practices.services import groups as group_services
from practices.services import resources as services
from spro_portal import fragments
from tests.utils import forget_shared_pages, text

from . import factories
from . import resource_factories as rf

pytestmark = pytest.mark.usefixtures("media_root", "fragments_on")

LIBRARY = "/ressources/"
MARKER = '<p id="cached-marker">servi depuis le cache</p>'


def fragment_keys(kind):
    """The keys (as given to the cache) of the fragments of this kind stored in the test's cache."""
    return [key.split(":", 2)[2] for key in caches["default"]._cache if f":{fragments._PREFIX}{kind}:" in key]


def mark_cached(kind):
    """Replace every stored fragment of this kind by a marker: a page that shows it read the cache."""
    keys = fragment_keys(kind)
    assert keys
    for key in keys:
        cache.set(key, MARKER, timeout=3600)
    forget_shared_pages()  # the pages built before would not show it


def count_heading(page):
    return re.search(r'<h2 id="results-title"[^>]*>([^<]*)</h2>', page).group(1).strip()


def resource_counts(queries):
    return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"] and "practices_resource" in q["sql"]]


def row_of(page, title):
    rows = [row for row in page.split('<li class="topic-row">')[1:] if f">{title}</a>" in row]
    assert len(rows) == 1, f"{title!r} is in {len(rows)} rows"
    return rows[0].split("</li>")[0]


def downloads_of(row):
    return re.search(r"<dt>Téléchargements</dt><dd>(\d+)</dd>", row).group(1)


def get(client, url=LIBRARY):
    """The page and whether it counted the resources (rather than reading the count from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return text(response), bool(resource_counts(queries))


@pytest.fixture
def library(network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        grid = rf.resource(network.other_adviser)
    return grid


def test_a_new_resource_raises_a_cached_count(client_for, network, library, django_capture_on_commit_callbacks):
    reader = client_for("adviser")
    page, counted = get(reader)
    assert count_heading(page) == "1 ressource" and counted
    page, counted = get(reader)
    assert count_heading(page) == "1 ressource" and not counted  # from the cache

    with django_capture_on_commit_callbacks(execute=True):
        rf.resource(network.referent, title="Trame de bilan d'orientation", kind=Kind.TEMPLATE)
    page, counted = get(reader)
    assert counted
    assert count_heading(page) == "2 ressources"
    assert "Trame de bilan d'orientation" in row_of(page, "Trame de bilan d'orientation")


def test_a_withdrawn_resource_lowers_a_cached_count(client_for, network, library, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        other = rf.resource(network.referent, title="Trame de bilan d'orientation")
    reader = client_for("other_referent")
    assert count_heading(get(reader)[0]) == "2 ressources"
    page, counted = get(reader)
    assert count_heading(page) == "2 ressources" and not counted

    with django_capture_on_commit_callbacks(execute=True):
        services.resource_withdraw(resource=other, withdrawn_by=network.referent)
    page, counted = get(reader)
    assert counted
    assert count_heading(page) == "1 ressource"
    assert "Trame de bilan d'orientation" not in page


def test_a_download_changes_the_rows_figure_on_the_next_list(
    client_for, network, library, django_capture_on_commit_callbacks
):
    reader = client_for("adviser")
    assert downloads_of(row_of(get(reader)[0], library.title)) == "0"
    assert len(fragment_keys("template:library-rows")) == 1

    with django_capture_on_commit_callbacks(execute=True):
        download = reader.get(f"/ressources/fichiers/{library.current_version.pk}/")
        assert download.status_code == 200
        b"".join(download.streaming_content)  # read to the end: the file is closed
    page, counted = get(reader)
    assert not counted  # a download goes by update(): the count stays, the row's key moves
    assert downloads_of(row_of(page, library.title)) == "1"
    assert len(fragment_keys("template:library-rows")) == 2


def test_the_rows_are_shared_until_something_they_show_changes(
    client_for, network, library, django_capture_on_commit_callbacks
):
    client_for("adviser").get(LIBRARY)
    mark_cached("template:library-rows")
    assert MARKER in get(client_for("other_referent"))[0]  # the rows came from the cache
    with django_capture_on_commit_callbacks(execute=True):
        services.download_record(version=library.current_version)
    page = get(client_for("other_referent"))[0]
    assert MARKER not in page and downloads_of(row_of(page, library.title)) == "1"


def test_joining_a_group_shows_its_resources_to_the_new_member(
    client_for, network, library, django_capture_on_commit_callbacks
):
    closed = factories.group(
        "Conseillers du Pays de Brest", closed=True, members=[network.other_adviser], created_by=network.other_adviser
    )
    with django_capture_on_commit_callbacks(execute=True):
        rf.resource(
            network.other_adviser,
            title="Ordre du jour du groupe de Brest",
            url="https://exemple.fr/odj",
            visibility=Visibility.GROUP,
            group=closed,
        )
    reader = client_for("adviser")
    page = get(reader)[0]
    assert count_heading(page) == "1 ressource" and "Ordre du jour du groupe de Brest" not in page
    page, counted = get(reader)
    assert not counted and count_heading(page) == "1 ressource"

    join_request = group_services.group_request_create(group=closed, user=network.adviser)
    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_request_accept(join_request=join_request, decided_by=network.other_adviser)
    page, counted = get(reader)
    assert count_heading(page) == "2 ressources"
    assert "· groupe Conseillers du Pays de Brest" in row_of(page, "Ordre du jour du groupe de Brest")
    # A non-member reading the same list still has neither.
    page = get(client_for("referent"))[0]
    assert count_heading(page) == "1 ressource" and "Ordre du jour du groupe de Brest" not in page

    with django_capture_on_commit_callbacks(execute=True):
        group_services.group_leave(group=closed, user=network.adviser)
    page = get(reader)[0]
    assert count_heading(page) == "1 ressource" and "Ordre du jour du groupe de Brest" not in page


def filter_form(page):
    return page.split('<section class="directory__results"')[0].split('<div class="directory">')[1]


def test_the_filter_form_shows_the_submitted_values_and_a_bad_values_french_error(client_for, network, library):
    chosen = f"{LIBRARY}?sorte={Kind.TOOL.value}&licence={Licence.CC_BY.value}"
    form = filter_form(get(client_for("adviser"), chosen)[0])
    assert re.search(rf'<option value="{Kind.TOOL.value}" selected>', form)
    assert re.search(rf'<option value="{Licence.CC_BY.value}" selected>', form)
    assert "n'existe pas" not in form

    bad = f"{LIBRARY}?sorte=grimoire"
    bad_form = filter_form(get(client_for("adviser"), bad)[0])
    assert "Cette sorte de ressource n'existe pas : choisissez dans la liste." in bad_form
    assert f'<option value="{Kind.TOOL.value}" selected>' not in bad_form

    # Both forms are shared: another reader with the same parameters reads the stored HTML...
    assert len(fragment_keys("template:library-filter")) == 2
    mark_cached("template:library-filter")
    assert MARKER in get(client_for("referent"), chosen)[0]
    assert MARKER in get(client_for("referent"), bad)[0]
    # ...and other parameters get their own form, built for them.
    page = filter_form(get(client_for("referent"), f"{LIBRARY}?sorte={Kind.TEMPLATE.value}")[0])
    assert MARKER not in page and f'<option value="{Kind.TEMPLATE.value}" selected>' in page
    assert "n'existe pas" not in page


def test_the_blank_story_form_is_shared_but_a_refused_one_keeps_what_was_typed(client_for, network, library):
    url = f"/ressources/{library.pk}/"
    blank = text(client_for("adviser").get(url))
    assert 'name="context"' in blank and "Raconter une réutilisation" in blank
    mark_cached("template:story-form")
    assert MARKER in text(client_for("referent").get(url))  # the blank form came from the cache

    response = client_for("adviser").post(
        f"/ressources/{library.pk}/reutilisations/",
        {"context": "Ateliers collectifs au CIO de Rennes.", "adaptations": "", "outcome": "Une idée"},
    )
    assert response.status_code == 200
    page = text(response)
    assert MARKER not in page
    assert "Ateliers collectifs au CIO de Rennes." in page
    assert "Une idée" in page
    assert 'class="errorlist' in page.split("Raconter une réutilisation")[1]
    assert len(fragment_keys("template:story-form")) == 1  # the refused form was not stored
