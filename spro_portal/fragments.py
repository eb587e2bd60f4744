"""Pieces of pages kept in the cache and shared by every reader who would see exactly the same HTML.

A fragment's key names everything its HTML depends on: the object's own columns (a digest of them, read by the
page's light query), what this reader may see of it (a byline's kind, the actions allowed: decided by the app's
permissions module, never here), and *generations*: stamps renewed when something the key cannot see changes (a
person's name, a structure's, a category's). A fragment is never invalidated by hand: a change makes a new key, and
the old entry ages out of the cache.

What differs from one reader to the next and has no place in a shared key (the CSRF token, read markers) is left as a
slot, `<!--slot:name-->`, and filled on the way out (`fill`). Everything a person typed is escaped before it reaches
a fragment, so user content can never contain a slot.

Only with a cache every process shares (Redis, `FRAGMENT_CACHE_SECONDS` > 0): with a local memory cache, a renewal
made by one process would not be seen by the others. Without it, every fragment is built on each request.
"""

import functools
import hashlib
import os
import re
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.safestring import mark_safe

_PREFIX = "fragment:"
_MISSING = object()
_GENERATION = "fragment-generation:"


def enabled():
    return settings.FRAGMENT_CACHE_SECONDS > 0


def slot(name):
    return mark_safe(f"<!--slot:{name}-->")


def fill(html, **values):
    """`html` with each `<!--slot:name-->` replaced by `values[name]` (already safe HTML or escaped text)."""
    for name, value in values.items():
        html = html.replace(f"<!--slot:{name}-->", str(value))
    return mark_safe(html)


_SLOT = re.compile(r"<!--slot:([^>]*?)-->")


def slots_in(html, prefix):
    """The names of the slots of `html` that start with `prefix:` (without it), split on « : »."""
    return [name[len(prefix) + 1 :].split(":") for name in _SLOT.findall(html) if name.startswith(f"{prefix}:")]


def fill_all(html, values):
    """`fill` in one pass over `html`, for many slots at once; a slot not in `values` stays."""
    return mark_safe(_SLOT.sub(lambda found: str(values.get(found.group(1), found.group(0))), html))


def renew(*names):
    """Every fragment keyed by these generations is rebuilt on its next request. Called after the change is
    committed (a reader between the write and the commit would cache the old state under the new stamp)."""
    if enabled():
        stamp = time.time_ns()
        cache.set_many({generation_key(name): stamp for name in names}, timeout=None)


def renew_on_commit(*names):
    """`renew` once the current transaction is committed (at once outside one): for the services whose writes go by
    `update()` or `bulk_create()`, which send no signal."""
    transaction.on_commit(lambda: renew(*names))


def renew_on_change(model, *names, fields=None):
    """Renew these generations after each committed save or delete of `model`; with `fields`, only for a save that
    may touch one of them (a whole save, or `update_fields` naming one: not a login's `last_login`)."""
    shown = set(fields or ())

    def saved(sender, update_fields=None, **kwargs):
        if not shown or update_fields is None or set(update_fields) & shown:
            renew_on_commit(*names)

    def deleted(sender, **kwargs):
        renew_on_commit(*names)

    uid = f"fragments:{model._meta.label}:{','.join(names)}:{','.join(sorted(shown))}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def renew_on_m2m_change(through, *names):
    """Renew these generations after each committed change to a many-to-many relation (`Model.field.through`)."""
    m2m_changed.connect(
        lambda sender, **kwargs: renew_on_commit(*names),
        sender=through,
        weak=False,
        dispatch_uid=f"fragments:{through._meta.label}:{','.join(names)}",
    )


def generation_key(name):
    return f"{_GENERATION}{name}"


def generations(*names):
    """The current stamps of these generations (a missing one is started now: never an old number again)."""
    if not enabled() or not names:
        return ()
    keys = [generation_key(name) for name in names]
    found = cache.get_many(keys)
    missing = {key: time.time_ns() for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return tuple(found[key] for key in keys)


# Where the code and templates that build fragments live: a change to any of them is a new release.
_SOURCES = ("spro_portal", "members", "practices", "indicators", "templates")


@functools.cache
def release():
    """What code built a fragment: `RELEASE` from the environment when the deployment sets it, otherwise a digest
    of the project's Python files and templates (names, sizes, modification times). In every key, so that HTML
    built by older code is never served by newer code, even within the fragments' lifetime."""
    if os.environ.get("RELEASE"):
        return os.environ["RELEASE"]
    digest = hashlib.blake2b(digest_size=8)
    for folder in _SOURCES:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in (".py", ".html"):
                stat = path.stat()
                digest.update(f"{path}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    return digest.hexdigest()


def key_of(kind, *parts):
    digest = hashlib.blake2b(repr((release(), parts)).encode(), digest_size=16).hexdigest()
    return f"{_PREFIX}{kind}:{digest}"


def many(keys, build, *, timeout=None):
    """`{id: html}` for `keys` (`{id: fragment key}`): from the cache, and `build(missing ids) -> {id: html}` for the
    rest, which are stored. One round trip to read, one to write what was missing."""
    if not enabled():
        return build(list(keys))
    found = cache.get_many(list(keys.values()))
    html = {pk: mark_safe(found[key]) for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in html]
    if missing:
        built = build(missing)
        timeout = timeout or settings.FRAGMENT_CACHE_SECONDS
        cache.set_many({keys[pk]: str(built[pk]) for pk in missing}, timeout=timeout)
        html.update(built)
    return html


def value(key, build, *, timeout=None):
    """A small computed value (a count) kept like a fragment: `build()`'s result, stored under `key` for `timeout`
    seconds (FRAGMENT_CACHE_SECONDS by default; shorter for what is keyed by a time window, which nobody asks for
    again once the window has passed)."""
    if not enabled():
        return build()
    found = cache.get(key, _MISSING)
    if found is _MISSING:
        found = build()
        cache.set(key, found, timeout=timeout or settings.FRAGMENT_CACHE_SECONDS)
    return found


def stamped(key, names):
    """`(entry, stamps)`: what is stored at `key` if it was built under the current stamps of the generations
    `names` (else None), and those stamps; read in one round trip (the entry holds the stamps it was built under)."""
    stamp_keys = [generation_key(name) for name in names]
    found = cache.get_many([key, *stamp_keys])
    stamps = tuple(found.get(name) for name in stamp_keys)
    if None in stamps:
        return None, generations(*names)
    entry = found.get(key)
    return (entry[1] if entry is not None and entry[0] == stamps else None), stamps


def store_stamped(key, stamps, value, *, timeout=None):
    cache.set(key, (stamps, value), timeout=timeout or settings.FRAGMENT_CACHE_SECONDS)


def current(key, names, build, *, timeout=None):
    """`build()`'s value kept at `key` while the generations `names` keep the stamps it was built under (`stamped`):
    one round trip when it is there. `build` must not return None."""
    return current_many({None: (key, build)}, names, timeout=timeout)[None]


def current_many(entries, names, *, timeout=None):
    """`current` for several values under the same generations (`entries`: `{name: (key, build)}`), read together
    in one round trip; `{name: value}`."""
    if not enabled():
        return {name: build() for name, (key, build) in entries.items()}
    stamp_keys = [generation_key(name) for name in names]
    found = cache.get_many([key for key, _ in entries.values()] + stamp_keys)
    stamps = tuple(found.get(name) for name in stamp_keys)
    if None in stamps:
        stamps, found = generations(*names), {}
    values, built = {}, {}
    for name, (key, build) in entries.items():
        entry = found.get(key)
        if entry is not None and entry[0] == stamps:
            values[name] = entry[1]
        else:
            values[name] = build()
            built[key] = (stamps, values[name])
    if built:
        cache.set_many(built, timeout=timeout or settings.FRAGMENT_CACHE_SECONDS)
    return values


def one(key, build, *, timeout=None):
    """The fragment at `key`, or `build()`'s, stored."""
    return many({None: key}, lambda missing: {None: build()}, timeout=timeout)[None]
