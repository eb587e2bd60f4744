"""Demo network of the SPRO (territories, structures, people, demo accounts, join requests, invitations).

`seed_demo` steps offered by members/portal.py. The network is planned in memory first, deterministically, and
only then written, creating what is missing. Writes are batched (bulk_create) so `--scale 10` stays fast on SQLite.
The first step puts on the SeedContext what the later steps, of every app, build on: `territories`,
`structure_plans`, `structures`, `people`, `demo_users`, and the `names` pool.
"""

from dataclasses import dataclass
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from spro_portal.seeding import BATCH_SIZE, chunks

from ..models import Coordinator, Invitation, JoinRequest, Membership, Structure, Territory, User
from . import data as demo_data

DEMO_PASSWORD = "spro-demo-2026"
JOIN_REQUESTS_AT_SCALE_1 = 6
INVITATIONS_AT_SCALE_1 = 5
# A mailbox domain label may not exceed 63 characters; keep ours well below with room for a suffix.
DOMAIN_LABEL_LENGTH = 40
GENERATED_NAME_ATTEMPTS = 10


@dataclass
class StructurePlan:
    name: str
    slug: str
    type: str
    territory_slug: str
    commune: str
    label_status: str
    domain: str


@dataclass
class PersonPlan:
    email: str
    first_name: str
    last_name: str
    job_title: str
    structure_slug: str | None = None
    role: str | None = None
    is_staff: bool = False


class NamePool:
    """Hands out French names and mailboxes, so no two seeded people share a full name or an address.

    Full names are unique while the lists last; past that (very large scales) a name may repeat, but the
    address then gets a numeric suffix, as a real mail administrator would do.
    """

    ATTEMPTS = 30

    def __init__(self):
        self.full_names = set()
        self.emails = set()

    def reserve(self, first_name, last_name, email):
        self.full_names.add((first_name, last_name))
        self.emails.add(email)

    def draw(self, rng):
        """Return (first name, last name, feminine) for a new person."""
        for _ in range(self.ATTEMPTS):
            feminine = rng.random() < demo_data.FEMININE_SHARE
            first_names = demo_data.FIRST_NAMES_FEMININE if feminine else demo_data.FIRST_NAMES_MASCULINE
            first_name, last_name = rng.choice(first_names), rng.choice(demo_data.LAST_NAMES)
            if (first_name, last_name) not in self.full_names:
                break
        self.full_names.add((first_name, last_name))
        return first_name, last_name, feminine

    def email(self, first_name, last_name, domain):
        """`prenom.nom@domain`, ASCII only, with a number when the address is already taken."""
        local = f"{slugify(first_name)}.{slugify(last_name)}"
        email, number = f"{local}@{domain}", 1
        while email in self.emails:
            number += 1
            email = f"{local}{number}@{domain}"
        self.emails.add(email)
        return email


# --- territories ---------------------------------------------------------------------------------------------


def seed_start(ctx):
    """What the members steps (and those of other apps) share: the name pool and what each step builds."""
    ctx.password_hash = make_password(DEMO_PASSWORD)
    ctx.names = NamePool()
    # Nobody generated may share a demo account's name: "Claire Le Gall" must be unambiguous in a demo.
    for account in demo_data.DEMO_ACCOUNTS:
        ctx.names.reserve(account["first_name"], account["last_name"], account["email"])
    ctx.territories = {}  # slug -> Territory
    ctx.structure_plans = []  # StructurePlan, in plan order
    ctx.structures = {}  # slug -> Structure, in plan order
    ctx.people = []  # PersonPlan of the structures' staff
    ctx.demo_users = {}  # demo account key ("referent", ...) -> User
    ctx.charter = None  # the CharterVersion in force
    ctx.previous_cycle = None  # ReviewCycle of last year
    ctx.current_cycle = None  # ReviewCycle of this year


def seed_territories(ctx):
    """The region's bassins; every structure and territorial coordinator hangs on one."""
    for data in demo_data.TERRITORIES:
        territory, _ = Territory.objects.get_or_create(slug=data["slug"], defaults={"name": data["name"]})
        ctx.territories[territory.slug] = territory
    ctx.log(f"Territoires : {len(ctx.territories)}")


# --- structures ----------------------------------------------------------------------------------------------


def of_place(place):
    """French "de" before a place name, with elision and contraction: d'Auray, du Conquet, de Brest."""
    if place.startswith("Le "):
        return f"du {place[3:]}"
    if place.startswith("Les "):
        return f"des {place[4:]}"
    if place[0].lower() in "aeiouyéèêâîh":
        return f"d'{place}"
    return f"de {place}"


class UniqueNames:
    """Unique structure names, slugs and mail domains; a name met again gets a numeric suffix."""

    def __init__(self):
        self.names, self.slugs, self.domains = set(), set(), set()

    def name(self, name):
        candidate, number = name, 1
        while candidate in self.names:
            number += 1
            candidate = f"{name} {number}"
        self.names.add(candidate)
        return candidate

    @staticmethod
    def _unique(base, taken, max_length):
        base = base[:max_length].strip("-")
        candidate, number = base, 1
        while candidate in taken:
            number += 1
            candidate = f"{base}-{number}"
        taken.add(candidate)
        return candidate

    def slug(self, name):
        return self._unique(slugify(name), self.slugs, 200)

    def domain(self, slug):
        return f"{self._unique(slug, self.domains, DOMAIN_LABEL_LENGTH)}.{demo_data.DEMO_DOMAIN}"


def plan_structure(unique, name, type_, territory_slug, commune, label_status):
    name = unique.name(name)
    slug = unique.slug(name)
    return StructurePlan(name, slug, type_, territory_slug, commune, label_status, unique.domain(slug))


def generated_structures(rng, unique):
    """Endless supply of further structures, for scales above 1, named after the communes of each bassin."""
    types = list(demo_data.GENERATED_TYPE_WEIGHTS)
    type_weights = list(demo_data.GENERATED_TYPE_WEIGHTS.values())
    statuses = [status for status, _ in demo_data.GENERATED_LABEL_WEIGHTS]
    status_weights = [weight for _, weight in demo_data.GENERATED_LABEL_WEIGHTS]
    while True:
        # A few draws to find a name not used yet; only then does UniqueNames number it ("… 2").
        for _ in range(GENERATED_NAME_ATTEMPTS):
            type_ = rng.choices(types, type_weights)[0]
            territory = rng.choice(demo_data.TERRITORIES)
            department = demo_data.DEPARTMENTS[territory["department"]]
            commune = rng.choice(territory["communes"])
            template = rng.choice(demo_data.GENERATED_STRUCTURE_NAMES[type_])
            name = template.format(
                commune=commune,
                of_commune=of_place(commune),
                of_territory=f"du {territory['name']}",
                department=department["name"],
                of_department=department["of"],
            )
            if name not in unique.names:
                break
        status = rng.choices(statuses, status_weights)[0]
        yield plan_structure(unique, name, type_, territory["slug"], commune, status)


def plan_structures(ctx):
    """The curated structures first (all types in the first twelve), then generated ones."""
    count = ctx.scaled(len(demo_data.STRUCTURES), minimum=len(Structure.Type))
    unique = UniqueNames()
    plans = [plan_structure(unique, *data) for data in demo_data.STRUCTURES[:count]]
    extra = generated_structures(ctx.rng("structures"), unique)
    while len(plans) < count:
        plans.append(next(extra))
    return plans


def seed_structures(ctx):
    """Member structures, mostly labelled, with a few candidates, one suspended and one withdrawn."""
    plans = plan_structures(ctx)
    ctx.structure_plans = plans
    created = 0
    for done, batch in enumerate(chunks(plans), start=1):
        existing = set(Structure.objects.filter(slug__in=[plan.slug for plan in batch]).values_list("slug", flat=True))
        new = [
            Structure(
                name=plan.name,
                slug=plan.slug,
                type=plan.type,
                territory=ctx.territories[plan.territory_slug],
                commune=plan.commune,
                label_status=plan.label_status,
            )
            for plan in batch
            if plan.slug not in existing
        ]
        Structure.objects.bulk_create(new)
        created += len(new)
        ctx.progress("structures", min(done * BATCH_SIZE, len(plans)), len(plans))
    for batch in chunks(plans):
        by_slug = Structure.objects.in_bulk([plan.slug for plan in batch], field_name="slug")
        ctx.structures.update((plan.slug, by_slug[plan.slug]) for plan in batch)
    ctx.log(f"Structures : {len(ctx.structures)}/{len(plans)} ({created} créées)")


# --- people --------------------------------------------------------------------------------------------------


def title_for(rng, structure_type, feminine, referent=False):
    titles = demo_data.JOB_TITLES[structure_type]
    if referent and rng.random() < 0.6:
        titles = demo_data.LEAD_TITLES
    feminine_title, masculine_title = rng.choice(titles)
    return feminine_title if feminine else masculine_title


def plan_staff(ctx):
    """Each structure's team: one or two referents and a few advisers, sized by the kind of structure."""
    rng = ctx.rng("staff")
    people = []
    for plan in ctx.structure_plans:
        second_referent, min_advisers, max_advisers = demo_data.STAFF_PROFILES[plan.type]
        referents = 2 if rng.random() < second_referent else 1
        advisers = rng.randint(min_advisers, max_advisers)
        roles = [Membership.Role.REFERENT] * referents + [Membership.Role.ADVISER] * advisers
        for role in roles:
            first_name, last_name, feminine = ctx.names.draw(rng)
            people.append(
                PersonPlan(
                    email=ctx.names.email(first_name, last_name, plan.domain),
                    first_name=first_name,
                    last_name=last_name,
                    job_title=title_for(rng, plan.type, feminine, referent=role == Membership.Role.REFERENT),
                    structure_slug=plan.slug,
                    role=role,
                )
            )
    return people


def ensure_verified_emails(user_ids):
    """A verified primary address for each user: login requires a verified email and nobody reads demo mail."""
    emails = list(user_ids)
    taken = set(EmailAddress.objects.filter(email__in=emails).values_list("email", flat=True))
    with_primary = set(
        EmailAddress.objects.filter(user_id__in=user_ids.values(), primary=True).values_list("user_id", flat=True)
    )
    EmailAddress.objects.bulk_create(
        EmailAddress(user_id=user_id, email=email, verified=True, primary=user_id not in with_primary)
        for email, user_id in user_ids.items()
        if email not in taken
    )


def ensure_memberships(plans, user_ids, structure_ids):
    """Create the planned memberships, never a second active one for a person who moved on during a demo."""
    ids = list(user_ids.values())
    pairs = set(Membership.objects.filter(user_id__in=ids).values_list("user_id", "structure_id"))
    active = set(Membership.objects.active().filter(user_id__in=ids).values_list("user_id", flat=True))
    new = []
    for plan in plans:
        if not plan.structure_slug:
            continue
        user_id, structure_id = user_ids[plan.email], structure_ids[plan.structure_slug]
        if (user_id, structure_id) in pairs or user_id in active:
            continue
        # Arrivals spread over the last six years, so "membre depuis" reads like a real team.
        joined_at = timezone.now() - timedelta(days=(user_id * 97) % 2190)
        new.append(Membership(user_id=user_id, structure_id=structure_id, role=plan.role, joined_at=joined_at))
        active.add(user_id)
    Membership.objects.bulk_create(new)


def create_people(ctx, plans, label="personnes"):
    """Create the missing users of `plans` with their verified address and membership; return how many were new.

    The password is hashed once for everyone: hashing it per user would take most of the run.
    """
    structure_ids = {slug: structure.pk for slug, structure in ctx.structures.items()}
    created = 0
    for done, batch in enumerate(chunks(plans), start=1):
        emails = [plan.email for plan in batch]
        existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        new = [
            User(
                email=plan.email,
                first_name=plan.first_name,
                last_name=plan.last_name,
                job_title=plan.job_title,
                password=ctx.password_hash,
                is_staff=plan.is_staff,
                is_superuser=plan.is_staff,
            )
            for plan in batch
            if plan.email not in existing
        ]
        User.objects.bulk_create(new)
        created += len(new)
        user_ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
        ensure_verified_emails(user_ids)
        ensure_memberships(batch, user_ids, structure_ids)
        ctx.progress(label, min(done * BATCH_SIZE, len(plans)), len(plans))
    return created


def seed_people(ctx):
    """The advisers and referents of every structure."""
    ctx.people = plan_staff(ctx)
    created = create_people(ctx, ctx.people)
    ctx.log(f"Personnes : {len(ctx.people)} ({created} créées)")


# --- demo accounts -------------------------------------------------------------------------------------------


def seed_demo_accounts(ctx):
    """The accounts a demonstrator logs in with, one per kind of person, all with the same known password."""
    plans = []
    for account in demo_data.DEMO_ACCOUNTS:
        plans.append(
            PersonPlan(
                email=account["email"],
                first_name=account["first_name"],
                last_name=account["last_name"],
                job_title=account["job_title"],
                structure_slug=account.get("structure"),
                role=account.get("role"),
                is_staff=account.get("staff", False),
            )
        )
    create_people(ctx, plans, label="comptes")
    users = User.objects.in_bulk([plan.email for plan in plans], field_name="email")
    for account in demo_data.DEMO_ACCOUNTS:
        user = users[account["email"]]
        ctx.demo_users[account["key"]] = user
        if account.get("coordinator"):
            ensure_coordinator(ctx, user, regional=account["coordinator"] == "region")
    ctx.log(f"Comptes de démonstration : {len(ctx.demo_users)}")


def ensure_coordinator(ctx, user, regional):
    coordinator, created = Coordinator.objects.get_or_create(user=user, defaults={"is_regional": regional})
    if created and not regional:
        coordinator.territories.set([ctx.territories[demo_data.DEMO_COORDINATOR_TERRITORY_SLUG]])


# --- pending join requests and invitations -------------------------------------------------------------------


def pending_targets(ctx, rng, count):
    """The demo CIO first, so the demo referent always has something to handle; then open structures at random."""
    open_plans = [
        plan
        for plan in ctx.structure_plans
        if plan.label_status in (Structure.LabelStatus.LABELLED, Structure.LabelStatus.CANDIDATE)
    ]
    demo_cio = next(plan for plan in ctx.structure_plans if plan.slug == demo_data.DEMO_CIO_SLUG)
    return [demo_cio] + rng.choices(open_plans, k=count - 1)


def seed_join_requests(ctx):
    """People who signed up and wait for a referent to accept them (they have an account but no structure yet)."""
    rng = ctx.rng("join-requests")
    targets = pending_targets(ctx, rng, ctx.scaled(JOIN_REQUESTS_AT_SCALE_1))
    requesters = []
    for target in targets:
        first_name, last_name, feminine = ctx.names.draw(rng)
        requesters.append(
            PersonPlan(
                email=ctx.names.email(first_name, last_name, target.domain),
                first_name=first_name,
                last_name=last_name,
                job_title=title_for(rng, target.type, feminine),
            )
        )
    messages = [rng.choice(demo_data.JOIN_REQUEST_MESSAGES) for _ in targets]
    create_people(ctx, requesters, label="demandes")
    users = User.objects.in_bulk([plan.email for plan in requesters], field_name="email")
    created = 0
    for plan, target, message in zip(requesters, targets, messages, strict=True):
        user, structure = users[plan.email], ctx.structures[target.slug]
        # Any earlier request counts, even accepted or refused during a demo: a re-run must not undo a decision.
        if not JoinRequest.objects.filter(user=user, structure=structure).exists():
            created_at = ctx.now - timedelta(days=rng.randint(0, 12))
            # Demo people have verified addresses: their requests were announced to the referents.
            JoinRequest.objects.create(
                user=user, structure=structure, message=message, created_at=created_at, referents_notified_at=created_at
            )
            created += 1
    ctx.log(f"Demandes d'adhésion en attente : {len(targets)} ({created} créées)")


def seed_invitations(ctx):
    """Invitations sent by referents and not yet accepted; no mail is sent for them."""
    rng = ctx.rng("invitations")
    targets = pending_targets(ctx, rng, ctx.scaled(INVITATIONS_AT_SCALE_1))
    expires_at = ctx.now + timedelta(days=settings.INVITATION_VALIDITY_DAYS)
    created = 0
    for target in targets:
        first_name, last_name, _ = ctx.names.draw(rng)
        email = ctx.names.email(first_name, last_name, target.domain)
        role = Membership.Role.REFERENT if rng.random() < 0.15 else Membership.Role.ADVISER
        structure = ctx.structures[target.slug]
        if Invitation.objects.filter(structure=structure, email=email).exists():
            continue
        if User.objects.filter(email=email).exists():
            continue
        Invitation.objects.create(
            structure=structure,
            email=email,
            role=role,
            invited_by=inviter_of(ctx, structure),
            expires_at=expires_at,
        )
        created += 1
    ctx.log(f"Invitations en attente : {len(targets)} ({created} créées)")


def inviter_of(ctx, structure):
    if structure.slug == demo_data.DEMO_CIO_SLUG:
        return ctx.demo_users["referent"]
    membership = Membership.objects.referents().filter(structure=structure).order_by("pk").first()
    return membership.user if membership else None
