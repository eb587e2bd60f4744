"""Shared fragments through the real Redis cache (spro_portal.cache.RedisCache), as production runs them: HTML kept
safe across the round trip, many-at-once reads and writes, a stored None, generations renewed; and a topic page
served from Redis to a second reader with its own CSRF token. Needs REDIS_URL (CI sets it); on CI its absence is a
failure, as for the real Celery broker."""

import re
import uuid

import pytest
from django.core.cache import cache
from django.utils.safestring import SafeString

from spro_portal import fragments
from tests.utils import redis_url_or_skip

from . import factories

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def redis_fragments(settings):
    url = redis_url_or_skip("le vrai cache Redis")
    # Keys of this test's own (never FLUSHDB: the Celery broker test may share this Redis database).
    prefix = f"test-fragments-{uuid.uuid4().hex}"
    settings.CACHES = {"default": {"BACKEND": "spro_portal.cache.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    settings.FRAGMENT_CACHE_SECONDS = 3600
    yield prefix
    client = cache._cache.get_client()
    for key in client.keys(f"{prefix}:*"):
        client.delete(key)


def test_fragments_round_trip_through_redis(redis_fragments):
    built = []

    def build(missing):
        built.extend(missing)
        return {pk: SafeString(f"<li>{pk} {fragments.slot('csrf')}</li>") for pk in missing}

    keys = {pk: fragments.key_of("test-row", pk) for pk in (1, 2, 3)}
    first = fragments.many(keys, build)
    again = fragments.many(keys, build)
    assert built == [1, 2, 3]  # the second read built nothing
    assert again == first and all(isinstance(html, SafeString) for html in again.values())
    assert fragments.fill(again[2], csrf="jeton") == "<li>2 jeton</li>"
    assert fragments.value(fragments.key_of("test-none"), lambda: None) is None
    assert fragments.value(fragments.key_of("test-none"), lambda: "rebuilt") is None  # a kept None is kept


def test_a_renewed_generation_makes_new_keys_for_every_process(redis_fragments):
    before = fragments.generations("names", "forum-labels")
    assert fragments.generations("names", "forum-labels") == before  # read back from Redis, not started again
    fragments.renew("names")
    after = fragments.generations("names", "forum-labels")
    assert after[0] != before[0] and after[1] == before[1]


def test_a_topic_page_from_redis_carries_each_readers_own_token(redis_fragments, client_for, forum):
    factories.reply(forum.question, forum.network.referent, body="Une réponse gardée dans Redis.")
    url = forum.question.get_absolute_url()
    first = client_for("adviser").get(url).content.decode()
    second_client = client_for("other_adviser")
    second = second_client.get(url).content.decode()
    assert "Une réponse gardée dans Redis." in first and "Une réponse gardée dans Redis." in second
    tokens_first, tokens_second = set(CSRF_INPUT.findall(first)), set(CSRF_INPUT.findall(second))
    assert tokens_first and tokens_second and not tokens_first & tokens_second
    assert "<!--slot:" not in first and "<!--slot:" not in second
    assert cache._cache.get_client().keys(f"{redis_fragments}:1:fragment:post:*")  # the posts were kept in Redis


def test_a_search_is_kept_a_minute_not_a_day(redis_fragments, client_for, forum):
    """Search entries are keyed by a one-minute window: kept longer, every search ever made would pile up in Redis."""
    response = client_for("adviser").get("/recherche/?q=jeune")
    assert response.status_code == 200
    client = cache._cache.get_client()
    kept = [
        *client.keys(f"{redis_fragments}:1:fragment:search:*"),
        *client.keys(f"{redis_fragments}:1:fragment:search-page:*"),
        *client.keys(f"{redis_fragments}:1:fragment:template:search-results:*"),
    ]
    assert len(kept) >= 3  # the ranked rows, the page's results, their HTML
    assert all(0 < client.ttl(key) <= 60 for key in kept)
    client_for("adviser").get(forum.question.get_absolute_url())
    posts = client.keys(f"{redis_fragments}:1:fragment:post:*")
    assert posts and all(client.ttl(key) > 60 for key in posts)  # what is not keyed by time keeps the long lifetime
