"""The cross-app composition: what each domain app offers to the pages and commands that join them all.

Each app declares, in its own `portal.py`, a subclass of `AppOffer` registered with `@register`; the modules are
imported at start-up by `SproPortalConfig.ready()` (autodiscovered like `admin.py`). The home page's « À traiter »
list, the banners above every page, the main navigation, the coordination menu and `seed_demo`'s steps are then
assembled here, in the apps' `order`, without any app importing another. The digest e-mail (spro_portal.digest)
is assembled the same way from each app's `digest_sections`, a chunk of people at a time, and so are the
personal-data duties (spro_portal.privacy): the site map, what is purged after how long, a person's export, and
closing an account.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings


@dataclass(frozen=True)
class Todo:
    """One line of a person's « À traiter »: a sentence and a link, or a fragment template of the app's own."""

    text: str = ""
    url: str = ""
    link_text: str = ""
    warning: bool = False
    template: str = ""  # rendered with `todo` in its context; `text`/`url` are then ignored
    context: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Banner:
    """A reminder shown above every page's content (e.g. the charter to sign)."""

    text: str
    url: str
    link_text: str


@dataclass(frozen=True)
class Link:
    """An entry of the main navigation or of the coordination menu."""

    label: str
    url: str
    prefix: str = ""  # the page is "current" when its path starts with it (aria-current)
    exact: bool = False  # …or only when its path is the prefix itself
    description: str = ""
    count: int | None = None  # shown beside the label when not None (e.g. items waiting)
    weight: int = 50  # position in the main navigation, smallest first

    def is_current(self, path):
        if not self.prefix:
            return False
        return path == self.prefix if self.exact else path.startswith(self.prefix)


@dataclass(frozen=True)
class Figure:
    """A number on the public landing page (« 42 structures labellisées »)."""

    value: int
    label: str


@dataclass(frozen=True)
class SeedStep:
    """One step of `seed_demo`; steps of all apps run in `order`, each given the shared SeedContext."""

    order: int
    run: Callable


@dataclass(frozen=True)
class DigestItem:
    """One line of a digest section: a sentence and, if any, where to read more."""

    text: str
    url: str = ""  # a portal path ("/coordination/") or an absolute URL; made absolute with SITE_URL when rendered
    link_text: str = ""


@dataclass(frozen=True)
class DigestCount:
    """A figure at the top of a section (« 3 dossiers à relire »)."""

    value: int
    label: str


@dataclass(frozen=True)
class DigestSection:
    """What one app says to one person in their digest for a period; an empty section is left out."""

    title: str
    items: tuple = ()  # DigestItem
    counts: tuple = ()  # DigestCount
    intro: str = ""

    @property
    def is_empty(self):
        return not self.items and not self.counts


class DigestBatch:
    """One chunk of people whose digests are built together, the period, and a cache the apps share for the
    chunk (e.g. the people's actors, read once: `batch.memo("actors", lambda: build_actors(batch.people))`)."""

    def __init__(self, people, period):
        self.people = list(people)
        self.period = period
        self._memo = {}

    def memo(self, key, compute):
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


@dataclass(frozen=True)
class SiteMapSection:
    """A section of the « Plan du site »: a title, who may open its pages, and the pages (`Link`s)."""

    title: str
    links: tuple = ()
    audience: str = ""  # « réservé aux membres », « coordination »…; empty when anyone may open them


@dataclass(frozen=True)
class RetentionRule:
    """One kind of personal data that is deleted once past its limit: `settings.RETENTION_DAYS[kind]` days.

    `expired(cutoff)` returns the queryset of rows older than `cutoff` (an aware datetime), ready to delete."""

    kind: str
    label: str  # what the « Données personnelles » page and the command call it
    expired: Callable

    @property
    def days(self):
        return settings.RETENTION_DAYS[self.kind]


@dataclass(frozen=True)
class PersonalDataTable:
    """One table of a person's « Mes données » export: a CSV file in the ZIP and a key of the JSON file.

    `rows` are dicts of plain values (text, numbers, booleans, dates), all with the keys of `columns`."""

    name: str  # file name without extension: « forum_messages »
    title: str  # « Messages du forum »
    columns: tuple
    rows: tuple = ()


class AppOffer:
    """What an app contributes; override what applies. Every method gets the request's `actor`."""

    order = 100  # members first, then practices, then indicators

    def navigation(self, actor):
        return []

    def todos(self, actor):
        return []

    def banners(self, actor):
        return []

    def coordination_menu(self, actor):
        return []

    def site_search(self, actor):
        """A `Link` to the app's search page for the header's search box, or None (the first app's wins)."""
        return None

    def landing_figures(self):
        """`Figure`s shown to visitors on the public landing page."""
        return []

    def digest_section(self, person, period):
        """The app's `DigestSection` for `person` (a User) and `period` (spro_portal.digest.periods.Period), built
        only from what the person may see, or None."""
        return None

    def digest_sections(self, batch):
        """`{person.pk: DigestSection, a list of them, or None}` for every person of the `DigestBatch` (missing
        people have nothing). Override it to read the
        whole chunk in a fixed number of queries, whatever its size (the default asks `digest_section` for each
        person in turn)."""
        return {person.pk: self.digest_section(person, batch.period) for person in batch.people}

    def site_map(self):
        """`SiteMapSection`s of the « Plan du site »: every page a member can reach from this app."""
        return []

    def retention_rules(self):
        """`RetentionRule`s: the app's personal data that is purged once past its limit."""
        return []

    def personal_data(self, person):
        """`PersonalDataTable`s of everything the app holds about `person` (a User), for their export only.
        Keep its number of queries fixed, whatever the data size."""
        return []

    def account_closed(self, person):
        """Blank or remove what identifies `person` in the app's own rows, keeping what they wrote for the network.
        Called inside the closing transaction (members.services.accounts.account_close)."""

    seed_steps = ()

    def demo_data_exists(self):
        """Whether the app's demo content is already in the database (`seed_demo --if-empty`)."""
        return False

    def seed_summary(self, ctx):
        """Lines printed at the end of `seed_demo` (e.g. the demo accounts)."""
        return []


_offers = []


def register(offer_class):
    """Class decorator: `@register class MembersOffer(AppOffer): ...` in the app's portal.py."""
    if not any(type(offer) is offer_class for offer in _offers):
        _offers.append(offer_class())
        _offers.sort(key=lambda offer: offer.order)
    return offer_class


def offers():
    return list(_offers)


def _gather(method, *args):
    return [entry for offer in _offers for entry in getattr(offer, method)(*args)]


def navigation(actor):
    return sorted(_gather("navigation", actor), key=lambda link: link.weight)


def todos(actor):
    return _gather("todos", actor)


def banners(actor):
    return _gather("banners", actor)


def coordination_menu(actor):
    return _gather("coordination_menu", actor)


def site_search(actor):
    """Where the header's search box sends this person, or None (no box)."""
    return next((link for offer in _offers if (link := offer.site_search(actor)) is not None), None)


def landing_figures():
    return _gather("landing_figures")


def digest_sections_of(people, period):
    """`{person.pk: [section, …]}`: every app's non-empty sections of each person's digest, in the apps' order,
    each app reading the whole chunk at once."""
    batch = DigestBatch(people, period)
    found = {person.pk: [] for person in batch.people}
    for offer in _offers:
        sections = offer.digest_sections(batch)
        for person in batch.people:
            section = sections.get(person.pk)
            for one in [section] if isinstance(section, DigestSection) else section or ():
                if not one.is_empty:
                    found[person.pk].append(one)
    return found


def digest_sections(person, period):
    """Every app's non-empty section of `person`'s digest for `period`, in the apps' order."""
    return digest_sections_of([person], period)[person.pk]


def one_digest_section(offer, person, period):
    """`digest_section` for an offer that builds its sections by chunk: a chunk of one."""
    return offer.digest_sections(DigestBatch([person], period)).get(person.pk)


def site_map():
    """The sections of every app, those of the same title merged (each app adds its pages to « Coordination »)."""
    merged = {}
    for section in _gather("site_map"):
        known = merged.get(section.title)
        merged[section.title] = (
            section if known is None else SiteMapSection(known.title, known.links + section.links, known.audience)
        )
    return list(merged.values())


def retention_rules():
    return _gather("retention_rules")


def personal_data(person):
    return _gather("personal_data", person)


def account_closed(person):
    for offer in _offers:
        offer.account_closed(person)


def seed_steps():
    return sorted((step for offer in _offers for step in offer.seed_steps), key=lambda step: step.order)


def demo_data_exists():
    return any(offer.demo_data_exists() for offer in _offers)


def seed_summary(ctx):
    return _gather("seed_summary", ctx)
