"""What members offers to the portal's composition: navigation, home to-dos, banners, coordination menu, demo data."""

from django.template.defaultfilters import pluralize

from spro_portal.composition import (
    AppOffer,
    Banner,
    Figure,
    Link,
    SeedStep,
    SiteMapSection,
    Todo,
    one_digest_section,
    register,
)
from spro_portal.dates import long_date
from spro_portal.digest.models import Frequency, Preference
from spro_portal.links import link

from . import digest, permissions, personal_data
from .demo import governance, network
from .demo.data import DEMO_ACCOUNTS, REGION
from .models import CommitmentSet, JoinRequest, Structure, User
from .permissions.accounts import closures_awaiting
from .permissions.reviews import commitment_sets_visible_to
from .services.charter import structure_has_signed_current_charter
from .services.commitments import referent_todo


def seed_digest_preferences(ctx):
    """A few people of the demo network receive the digest weekly, a few never (the demo accounts keep monthly)."""
    demo_emails = {account["email"] for account in DEMO_ACCOUNTS}
    people = list(User.objects.exclude(email__in=demo_emails).order_by("pk").values_list("pk", flat=True))
    rng = ctx.rng("digest-preferences")
    chosen = rng.sample(people, min(len(people), max(2, len(people) // 10)))
    half = len(chosen) // 2
    Preference.objects.bulk_create(
        [Preference(user_id=pk, digest=Frequency.WEEKLY) for pk in chosen[:half]]
        + [Preference(user_id=pk, digest=Frequency.NEVER) for pk in chosen[half:]],
        ignore_conflicts=True,
    )
    ctx.log(f"Résumés par e-mail : {half} personnes en hebdomadaire, {len(chosen) - half} jamais.")


@register
class MembersOffer(AppOffer):
    order = 10

    def navigation(self, actor):
        if not actor.is_member:
            return [Link("Trouver une structure", link("members:structure_directory"), prefix="/structures/")]
        links = [
            Link("Structures", link("members:structure_directory"), prefix="/structures/", weight=40),
            Link("Annuaire", link("members:people_directory"), prefix="/annuaire/", weight=50),
            Link("Charte", link("members:charter"), prefix="/charte/", weight=60),
        ]
        if permissions.can_access_coordination(actor):
            links.append(Link("Coordination", link("members:coordination"), prefix="/coordination/", weight=90))
        return links

    def todos(self, actor):
        return [*_review_todos(actor), *_charter_todos(actor), *_joining_todos(actor), *_closure_todos(actor)]

    def banners(self, actor):
        if not (actor.is_referent and structure_has_signed_current_charter(actor.structure) is False):
            return []
        return [
            Banner(
                "Votre structure n'a pas encore signé la charte du SPRO en vigueur.",
                link("members:charter") + "#signer",
                "Lire et signer la charte",
            )
        ]

    def coordination_menu(self, actor):
        if not permissions.can_access_coordination(actor):
            return []
        return [
            Link("File de revue", link("members:coordination"), prefix=link("members:coordination"), exact=True),
            Link(
                "Vue d'ensemble par territoire",
                link("members:coordination_overview"),
                prefix=link("members:coordination_overview"),
            ),
            Link("Cycles de revue", link("members:review_cycles"), prefix=link("members:review_cycles")),
            Link("Fermetures de compte", link("members:account_closures"), prefix=link("members:account_closures")),
        ]

    def site_map(self):
        return [
            SiteMapSection(
                "Les structures du réseau",
                (
                    Link("Annuaire des structures labellisées", link("members:structure_directory")),
                    Link("Demander à rejoindre une structure", link("account_signup")),
                ),
            ),
            SiteMapSection(
                "Le réseau et la charte",
                (
                    Link("Annuaire des membres", link("members:people_directory")),
                    Link("Charte du SPRO en vigueur", link("members:charter")),
                    Link("Engagements de ma structure (référent·es)", link("members:commitments")),
                ),
                audience="réservé aux membres",
            ),
            SiteMapSection(
                "Coordination",
                (
                    Link("File de revue des engagements", link("members:coordination")),
                    Link("Vue d'ensemble par territoire", link("members:coordination_overview")),
                    Link("Cycles de revue", link("members:review_cycles")),
                    Link("Fermetures de compte à confirmer", link("members:account_closures")),
                ),
                audience="réservé aux coordinateur·rices",
            ),
        ]

    def retention_rules(self):
        return personal_data.RETENTION_RULES

    def personal_data(self, person):
        return personal_data.personal_data(person)

    def landing_figures(self):
        labelled = Structure.objects.labelled()
        return [
            Figure(labelled.count(), "structures labellisées"),
            Figure(labelled.values("territory").distinct().count(), "territoires couverts"),
        ]

    def digest_section(self, person, period):
        return one_digest_section(self, person, period)

    def digest_sections(self, batch):
        """Referents: their commitments' review status and what is due; coordinators: their review queue
        (members.digest: a fixed number of queries per chunk)."""
        return digest.digest_sections(batch)

    seed_steps = (
        SeedStep(10, network.seed_start),
        SeedStep(11, network.seed_territories),
        SeedStep(12, network.seed_structures),
        SeedStep(13, network.seed_people),
        SeedStep(14, network.seed_demo_accounts),
        SeedStep(15, network.seed_join_requests),
        SeedStep(16, network.seed_invitations),
        SeedStep(20, governance.seed_expertise),
        SeedStep(21, governance.seed_profiles),
        SeedStep(22, governance.seed_label_history),
        SeedStep(23, governance.seed_charter),
        SeedStep(24, governance.seed_cycles),
        SeedStep(25, governance.seed_signatures),
        SeedStep(26, governance.seed_commitments),
        SeedStep(27, seed_digest_preferences),
    )

    def demo_data_exists(self):
        return Structure.objects.exists()

    def seed_summary(self, ctx):
        return [
            f"Réseau de démonstration prêt ({REGION}).",
            f"Comptes de démonstration (mot de passe : {network.DEMO_PASSWORD}) :",
            *(f"  {account['email']} — {account['job_title']}" for account in DEMO_ACCOUNTS),
        ]


def _review_todos(actor):
    waiting = commitment_sets_visible_to(actor).awaiting_review()
    count = waiting["count"]
    if not count:
        return []
    plural = "s" if count > 1 else ""
    return [
        Todo(
            f"{count} dossier{plural} d'engagements attend{'ent' if count > 1 else ''} votre revue, "
            f"le plus ancien depuis le {long_date(waiting['oldest'])}.",
            link("members:coordination"),
            "Ouvrir la file de revue",
        )
    ]


def _charter_todos(actor):
    todo = referent_todo(actor)
    todos = []
    if todo.must_sign:
        todos.append(
            Todo(
                "Votre structure n'a pas signé la charte en vigueur.",
                link("members:charter") + "#signer",
                "Lire et signer la charte",
                warning=True,
            )
        )
    if todo.commitments_status == CommitmentSet.Status.DRAFT and not todo.started:
        todos.append(
            Todo(
                f"Engagements du cycle {todo.cycle.year} : à commencer, puis à déposer avant le "
                f"{long_date(todo.cycle.due_on)}.",
                link("members:commitments"),
                "Commencer les engagements",
            )
        )
    elif todo.commitments_status == CommitmentSet.Status.DRAFT:
        todos.append(
            Todo(
                f"Engagements du cycle {todo.cycle.year} : brouillon à compléter avant le "
                f"{long_date(todo.cycle.due_on)}.",
                link("members:commitments"),
                "Compléter les engagements",
            )
        )
    elif todo.commitments_status == CommitmentSet.Status.CHANGES_REQUESTED:
        todos.append(
            Todo(
                f"Engagements du cycle {todo.cycle.year} : modifications demandées par la coordination.",
                link("members:commitments"),
                "Voir les motifs et reprendre",
                warning=True,
            )
        )
    return todos


def _joining_todos(actor):
    todos = []
    to_decide = list(permissions.join_requests_visible_to(actor)[:20])
    if to_decide:
        todos.append(Todo(template="members/_todo_join_requests.html", context={"join_requests": to_decide}))
    if actor.is_authenticated and not actor.is_member:
        pending = list(
            JoinRequest.objects.filter(user=actor.user, status=JoinRequest.Status.PENDING).select_related("structure")
        )
        for join_request in pending:
            todos.append(
                Todo(
                    f"Votre demande pour {join_request.structure.name} attend la réponse de son ou sa référent·e "
                    f"(envoyée le {long_date(join_request.created_at)})."
                )
            )
        if not pending and permissions.can_ask_to_join(actor):
            todos.append(
                Todo(
                    "Pour participer au réseau, demandez à rejoindre votre structure.",
                    link("members:join_request_create"),
                    "Demander à rejoindre une structure",
                )
            )
    return todos


def _closure_todos(actor):
    """Coordinators: the last referents of structures in scope who asked to close their account."""
    if not actor.is_coordinator:
        return []
    count = closures_awaiting(actor).count()
    if not count:
        return []
    return [
        Todo(
            f"{count} demande{pluralize(count)} de fermeture de compte à confirmer (dernier·e référent·e d'une "
            "structure).",
            link("members:account_closures"),
            "Voir les demandes",
        )
    ]
