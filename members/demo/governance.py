"""Demo content for the network's governance: structure profiles, expertise, label history, the charter,
signatures, and commitments in every state of their review, so each page shows something real on `make run`.

`seed_demo` steps offered by members/portal.py. Rows are written directly (not through the services) so
that seeding sends no mail; the shapes written here (statuses, snapshots) are the ones the services write.
Each step creates only what is missing, so a re-run changes nothing.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from ..models import (
    Audience,
    CharterSignature,
    CharterVersion,
    Commitment,
    CommitmentItem,
    CommitmentItemReview,
    CommitmentReview,
    CommitmentSet,
    CommitmentSubmission,
    Evidence,
    ExpertiseArea,
    LabelStatusChange,
    Membership,
    Mission,
    ReviewCycle,
    Structure,
    User,
)
from ..models.commitments import snapshot_entry
from ..reference_data import ensure_reference_data
from . import data as demo_data

EXPERTISE = [
    "Validation des acquis de l'expérience (VAE)",
    "Bilan de compétences",
    "Conseil en évolution professionnelle (CEP)",
    "Apprentissage et alternance",
    "Handicap et emploi (RQTH)",
    "Création et reprise d'entreprise",
    "Orientation scolaire et Parcoursup",
    "Décrochage scolaire",
    "Reconversion professionnelle",
    "Financement de la formation (CPF, Transitions Pro)",
    "Mobilité européenne et internationale",
    "Inclusion numérique",
    "Contrat d'engagement jeune",
    "Métiers et emploi local",
    "Publics allophones",
    "Illettrisme et savoirs de base",
]

# What each kind of structure offers and to whom (codes of the Mission and Audience rows).
OFFER = {
    Structure.Type.CIO: (["accueil", "information", "conseil"], ["scolaires", "jeunes", "parents"]),
    Structure.Type.MISSION_LOCALE: (
        ["accueil", "information", "conseil", "accompagnement"],
        ["jeunes", "demandeurs-emploi"],
    ),
    Structure.Type.FRANCE_TRAVAIL: (
        ["accueil", "information", "conseil", "accompagnement"],
        ["demandeurs-emploi", "salaries", "cadres"],
    ),
    Structure.Type.CAP_EMPLOI: (["accueil", "conseil", "accompagnement"], ["handicap", "salaries"]),
    Structure.Type.APEC: (["information", "conseil", "accompagnement"], ["cadres", "salaries"]),
    Structure.Type.CCI: (["accueil", "information", "conseil"], ["independants", "jeunes"]),
    Structure.Type.CMA: (["accueil", "information", "conseil"], ["independants", "jeunes"]),
    Structure.Type.CHAMBRE_AGRICULTURE: (["information", "conseil"], ["independants", "jeunes"]),
    Structure.Type.INFORMATION_JEUNESSE: (["accueil", "information"], ["jeunes", "scolaires"]),
    Structure.Type.TRANSITIONS_PRO: (["information", "conseil"], ["salaries"]),
    Structure.Type.ORGANISME_FORMATION: (["information", "accompagnement"], ["demandeurs-emploi", "salaries"]),
    Structure.Type.AUTRE: (["accueil", "information"], ["demandeurs-emploi", "jeunes"]),
}

HOURS = [
    "Du lundi au vendredi, 9 h – 12 h 30 et 13 h 30 – 17 h.",
    "Lundi, mardi, jeudi : 9 h – 17 h 30 ; mercredi : 9 h – 12 h ; vendredi : 9 h – 16 h.",
    "Du lundi au vendredi, 8 h 45 – 17 h ; sur rendez-vous le samedi matin.",
    "Du mardi au samedi, 10 h – 18 h (fermé le lundi).",
]
# Postcodes of the main towns; other communes keep an empty postcode rather than a wrong one.
POSTCODES = {
    "Brest": "29200",
    "Quimper": "29000",
    "Rennes": "35000",
    "Saint-Brieuc": "22000",
    "Lorient": "56100",
    "Vannes": "56000",
}
STREETS = ["rue de Siam", "place de la Mairie", "rue Jean Jaurès", "boulevard de la Liberté", "rue de la Gare"]

CHARTER_TITLE = "Charte du service public régional de l'orientation"
CHARTER_BODY = """\
## Préambule

Le service public régional de l'orientation (SPRO) réunit les structures qui accueillent, informent, conseillent
et accompagnent toute personne, à tout âge, dans ses choix d'orientation et de formation.

En signant cette charte, une structure s'engage **au nom de son équipe** à tenir les engagements ci-dessous et à
en rendre compte chaque année, par écrit, aux coordinateur·rices du réseau.

## Nos principes

- un accueil **gratuit, neutre et sans condition** d'âge ou de statut ;
- le respect de la confidentialité des personnes accueillies ;
- la coopération entre structures plutôt que la concurrence ;
- la reconnaissance du travail de chacun : ce que l'on réutilise, on le cite.

## Suivi

Les engagements sont revus chaque année. Un engagement qui n'est pas tenu fait l'objet d'un échange écrit et
motivé, jamais d'une décision silencieuse.
"""

ITEMS = [
    ("M1", "Accueillir toute personne, sans condition d'âge ni de statut", "missions",
     "Un accueil physique et à distance, avec des horaires connus du public et un premier entretien sous 15 jours."),
    ("M2", "Informer sur les métiers, les formations et l'emploi", "missions",
     "Une information à jour, neutre et complète, y compris sur la VAE et les financements."),
    ("M3", "Conseiller chaque personne dans la construction de son projet", "missions",
     "Des entretiens de conseil menés par des professionnel·les formé·es."),
    ("M4", "Accompagner dans la durée ou orienter vers la structure la plus adaptée", "missions",
     "Quand la structure n'est pas la mieux placée, elle oriente et s'assure que la personne a été reçue."),
    ("C1", "Orienter vers les partenaires du réseau et suivre ces orientations", "cooperation",
     "Les orientations vers un autre membre du réseau sont tracées et font l'objet d'un retour."),
    ("C2", "Partager ses outils et ses pratiques avec le réseau", "cooperation",
     "La structure publie au moins une ressource ou un retour d'expérience par an dans la communauté."),
    ("D1", "Participer aux instances territoriales du SPRO", "development",
     "Au moins une personne de la structure participe aux réunions de son territoire."),
    ("D2", "Contribuer au plan d'actions régional", "development",
     "La structure prend part à au moins une action collective du plan régional."),
    ("I1", "Participer à la construction des indicateurs communs", "indicators",
     "La structure donne son avis sur les propositions d'indicateurs du réseau."),
    ("I2", "Renseigner les indicateurs à chaque campagne", "indicators",
     "Les valeurs de la structure sont saisies et vérifiées avant la date de clôture."),
]  # fmt: skip

# How structures describe the way they keep each commitment: {code: [variants]}; {name} and {commune} filled in.
TEXTS = {
    "M1": [
        "{name} accueille sans rendez-vous le matin et sur rendez-vous l'après-midi. Un premier entretien est proposé "
        "sous 10 jours en moyenne ; l'accueil téléphonique est assuré toute la semaine.",
        "Accueil ouvert à tous les publics à {commune}, avec une permanence mensuelle dans les communes voisines. "
        "Le délai moyen avant premier entretien est de 12 jours.",
    ],
    "M2": [
        "Nous tenons un espace documentaire mis à jour chaque trimestre et animons des ateliers « découverte des "
        "métiers » avec les entreprises du territoire.",
        "Information collective deux fois par mois (formations, VAE, financements) et fiches métiers à jour.",
    ],
    "M3": [
        "Chaque personne bénéficie d'entretiens individuels avec un·e conseiller·ère formé·e ; "
        "l'équipe a suivi en 2025 une formation commune à l'entretien d'orientation.",
        "Les entretiens de conseil s'appuient sur des outils partagés (questionnaires d'intérêts, portefeuille de "
        "compétences) ; une supervision d'équipe a lieu chaque mois.",
    ],
    "M4": [
        "Nous accompagnons dans la durée les personnes qui le souhaitent et orientons vers le partenaire adapté "
        "sinon, avec un appel de suivi à un mois.",
        "Accompagnement renforcé pour les personnes les plus éloignées ; les orientations externes sont suivies "
        "dans notre outil de gestion.",
    ],
    "C1": [
        "En 2026, 84 orientations vers d'autres membres du réseau, dont 70 % avec un retour du partenaire.",
        "Les orientations vers la Mission locale et France Travail passent par une fiche de liaison commune.",
    ],
    "C2": [
        "Nous avons partagé notre guide d'entretien et participé à l'atelier régional sur l'accueil des publics "
        "allophones.",
        "Deux fiches pratiques publiées dans la communauté du SPRO et une intervention au séminaire d'automne.",
    ],
    "D1": [
        "La directrice et une conseillère participent à chaque réunion territoriale.",
        "Présence à 4 réunions territoriales sur 5 cette année.",
    ],
    "D2": [
        "Participation à l'action régionale « Semaine de l'orientation » avec deux forums organisés à {commune}.",
        "Contribution au groupe de travail régional sur la mobilité des jeunes.",
    ],
    "I1": [
        "Nous avons donné notre avis sur les trois propositions d'indicateurs de l'année.",
        "Participation au groupe de travail sur l'indicateur « délai avant premier entretien ».",
    ],
    "I2": [
        "Toutes les campagnes de l'année ont été renseignées avant la date de clôture.",
        "Saisie faite par la référente, vérifiée par la direction avant envoi.",
    ],
}
CHANGE_REASONS = {
    "M1": "Merci de préciser le délai avant premier entretien et la manière dont il est mesuré.",
    "C1": "Le nombre d'orientations est utile ; pouvez-vous indiquer comment le retour des partenaires est suivi ?",
    "C2": "Pouvez-vous joindre un lien vers les ressources partagées ?",
}

REWORKED = "Précision apportée après la relecture : le point demandé est désormais suivi chaque trimestre."

# Commitment states of the current cycle, in rotation over the labelled structures.
STATES = ["approved", "submitted", "changes_requested", "draft", "submitted", "approved", "none", "resubmitted"]


def seed_expertise(ctx):
    """Areas of expertise, and two or three of them for each person, so the member directory can be filtered."""
    areas = []
    for name in EXPERTISE:
        area, _ = ExpertiseArea.objects.get_or_create(slug=slugify(name)[:50], defaults={"name": name})
        areas.append(area)
    rng = ctx.rng("expertise")
    through = User.expertise.through
    already = set(through.objects.values_list("user_id", flat=True))
    users = User.objects.filter(memberships__is_active=True).exclude(pk__in=already).order_by("pk")
    links = [
        through(user_id=user_id, expertisearea_id=area.pk)
        for user_id in users.values_list("pk", flat=True)
        for area in rng.sample(areas, k=rng.randint(1, 3))
    ]
    through.objects.bulk_create(links, batch_size=500)
    ctx.log(f"Domaines d'expertise : {len(areas)} ({len(links)} liens créés)")


def seed_profiles(ctx):
    """Public profiles: address, hours, contact, missions and audiences by kind of structure."""
    rng = ctx.rng("profiles")
    ensure_reference_data(Mission, Audience)
    missions = {mission.code: mission for mission in Mission.objects.all()}
    audiences = {audience.code: audience for audience in Audience.objects.all()}
    completed = 0
    for structure in ctx.structures.values():
        if structure.profile_updated_at:
            continue
        mission_codes, audience_codes = OFFER[structure.type]
        structure.description = (
            f"{structure.name} reçoit gratuitement toute personne qui se pose des questions sur son orientation, "
            f"sa formation ou son emploi, à {structure.commune} et dans les communes alentour."
        )
        structure.address = f"{rng.randint(1, 60)} {rng.choice(STREETS)}"
        structure.postcode = POSTCODES.get(structure.commune, "")
        structure.opening_hours = rng.choice(HOURS)
        structure.contact_email = f"contact@{structure.slug[:40]}.{demo_data.DEMO_DOMAIN}"
        structure.contact_phone = f"02 {rng.randint(90, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} 00"
        structure.profile_updated_at = ctx.now - timedelta(days=rng.randint(5, 200))
        structure.save()
        structure.missions.set([missions[code] for code in mission_codes])
        structure.audiences.set([audiences[code] for code in audience_codes])
        completed += 1
    ctx.log(f"Profils de structures complétés : {completed}")


def seed_label_history(ctx):
    """Why each structure has its label status, as coordinators wrote it."""
    coordinator = ctx.demo_users["coordination"]
    reasons = {
        Structure.LabelStatus.LABELLED: "Dossier de labellisation complet, présenté en comité régional.",
        Structure.LabelStatus.CANDIDATE: "Candidature reçue ; visite de la structure prévue ce trimestre.",
        Structure.LabelStatus.SUSPENDED: "Accueil du public interrompu depuis plus de six mois ; label suspendu "
        "jusqu'à la réouverture.",
        Structure.LabelStatus.WITHDRAWN: "La structure a cessé son activité d'orientation.",
    }
    done = set(LabelStatusChange.objects.values_list("structure_id", flat=True))
    rows = []
    for structure in ctx.structures.values():
        if structure.pk in done:
            continue
        if structure.label_status in (Structure.LabelStatus.SUSPENDED, Structure.LabelStatus.WITHDRAWN):
            rows.append(LabelStatusChange(structure=structure, from_status="candidate", to_status="labelled",
                                          reason=reasons["labelled"], changed_by=coordinator))  # fmt: skip
            rows.append(LabelStatusChange(structure=structure, from_status="labelled",
                                          to_status=structure.label_status,
                                          reason=reasons[structure.label_status], changed_by=coordinator))  # fmt: skip
        else:
            rows.append(LabelStatusChange(structure=structure, from_status="", to_status=structure.label_status,
                                          reason=reasons[structure.label_status], changed_by=coordinator))  # fmt: skip
    LabelStatusChange.objects.bulk_create(rows, batch_size=500)
    ctx.log(f"Historique de labellisation : {len(rows)} décisions")


def seed_charter(ctx):
    """The charter in force (published at the start of last year) with its ten commitments."""
    coordinator = ctx.demo_users["coordination"]
    today = timezone.localdate()
    version, created = CharterVersion.objects.get_or_create(
        title=CHARTER_TITLE,
        defaults={
            "effective_date": today.replace(year=today.year - 1, month=1, day=1),
            "body": CHARTER_BODY,
            "status": CharterVersion.Status.PUBLISHED,
            "created_by": coordinator,
            "published_by": coordinator,
            "published_at": ctx.now - timedelta(days=400),
        },
    )
    if created:
        CommitmentItem.objects.bulk_create(
            CommitmentItem(
                version=version, code=code, title=title, category=category, description=description, position=position
            )  # fmt: skip
            for position, (code, title, category, description) in enumerate(ITEMS)
        )
    ctx.charter = version
    ctx.log(f"Charte en vigueur : {version.title} ({version.items.count()} engagements)")


def seed_cycles(ctx):
    """Last year's cycle, closed, and this year's, open with a deadline three weeks ahead."""
    today = timezone.localdate()
    ctx.previous_cycle, _ = ReviewCycle.objects.get_or_create(
        year=today.year - 1,
        defaults={"opens_on": today - timedelta(days=485), "due_on": today - timedelta(days=340)},
    )
    ReviewCycle.objects.get_or_create(
        year=today.year, defaults={"opens_on": today - timedelta(days=120), "due_on": today + timedelta(days=21)}
    )
    ctx.current_cycle = ReviewCycle.objects.current()  # the one the pages show, as they find it
    ctx.log(f"Cycles de revue : {ctx.previous_cycle.year} (clos) et {ctx.current_cycle.year} (en cours)")


def seed_signatures(ctx):
    """Most labelled structures signed the charter; the demo CIO has not yet, so its referent sees the banner."""
    signed = set(CharterSignature.objects.filter(version=ctx.charter).values_list("structure_id", flat=True))
    rows = [
        CharterSignature(structure=structure, version=ctx.charter, signed_by=_referent(structure))
        for index, structure in enumerate(_labelled(ctx))
        if structure.pk not in signed and structure.slug != demo_data.DEMO_CIO_SLUG and index % 9 != 4
    ]
    CharterSignature.objects.bulk_create(rows)
    ctx.log(f"Signatures de la charte : {len(rows)} créées")


def seed_commitments(ctx):
    """Last year's commitments approved; this year's in every state, so the review queue has work in it."""
    items = list(ctx.charter.items.order_by("position"))
    reviewer = ctx.demo_users["coordination"]
    created = 0
    for index, structure in enumerate(_labelled(ctx)):
        if CommitmentSet.objects.filter(structure=structure).exists():
            continue
        referent = _referent(structure)
        _commitment_set(ctx, structure, ctx.previous_cycle, items, referent, reviewer, ["approved"], variant=1,
                        days_ago=380)  # fmt: skip
        state = "draft" if structure.slug == demo_data.DEMO_CIO_SLUG else STATES[index % len(STATES)]
        if state == "none":
            continue
        rounds = {"resubmitted": ["changes_requested", "submitted"]}.get(state, [state])
        _commitment_set(ctx, structure, ctx.current_cycle, items, referent, reviewer, rounds, variant=0,
                        days_ago=3 + index % 25)  # fmt: skip
        created += 1
    ctx.log(f"Engagements du cycle {ctx.current_cycle.year} : {created} structures")


def _commitment_set(ctx, structure, cycle, items, referent, reviewer, rounds, variant, days_ago):
    """One structure's commitments for a cycle, going through the given review rounds."""
    status = rounds[-1]
    commitment_set = CommitmentSet.objects.create(
        structure=structure, cycle=cycle, charter_version=ctx.charter, updated_by=referent
    )
    commitments = Commitment.objects.bulk_create(
        Commitment(commitment_set=commitment_set, item=item, text=_text(item, structure, variant, status))
        for item in items
    )
    Evidence.objects.create(
        commitment=commitments[0],
        label="Affiche des horaires d'accueil",
        url=f"https://{structure.slug[:40]}.{demo_data.DEMO_DOMAIN}/horaires",
        added_by=referent,
    )
    if status == "draft":
        return commitment_set
    for number, outcome in enumerate(rounds, start=1):
        submitted_at = ctx.now - timedelta(days=days_ago + 10 * (len(rounds) - number))
        if number > 1:  # the referent reworked what the coordination asked for: a re-review shows what changed
            for commitment in commitments:
                if commitment.item.code in CHANGE_REASONS:
                    commitment.text += f" {REWORKED}"
            Commitment.objects.bulk_update(commitments, ["text"])
        submission = CommitmentSubmission.objects.create(
            commitment_set=commitment_set,
            number=number,
            submitted_by=referent,
            snapshot=[snapshot_entry(c.item, c.text, c.evidence.kept()) for c in commitments],
        )
        CommitmentSubmission.objects.filter(pk=submission.pk).update(submitted_at=submitted_at)
        if outcome in ("approved", "changes_requested"):
            _review(submission, commitments, outcome, reviewer, submitted_at + timedelta(days=4))
    last = commitment_set.submissions.order_by("-number").first()
    commitment_set.status = status
    commitment_set.submitted_at = ctx.now - timedelta(days=days_ago)
    commitment_set.submitted_by = referent
    commitment_set.save()
    Commitment.objects.filter(commitment_set=commitment_set).update(
        review_status={"approved": "approved", "changes_requested": "pending", "submitted": "pending"}[status]
    )
    if status == "changes_requested":
        Commitment.objects.filter(commitment_set=commitment_set, item__code__in=CHANGE_REASONS).update(
            review_status="changes_requested"
        )
        Commitment.objects.filter(commitment_set=commitment_set).exclude(item__code__in=CHANGE_REASONS).update(
            review_status="approved"
        )
    return last


def _review(submission, commitments, outcome, reviewer, decided_at):
    review = CommitmentReview.objects.create(
        submission=submission,
        reviewer=reviewer,
        decision=outcome,
        comment="Merci pour ce dossier clair et complet."
        if outcome == "approved"
        else "Dossier solide ; trois engagements demandent une précision avant validation.",
    )
    CommitmentReview.objects.filter(pk=review.pk).update(decided_at=decided_at)
    CommitmentItemReview.objects.bulk_create(
        CommitmentItemReview(
            review=review,
            item=commitment.item,
            decision="changes_requested"
            if outcome == "changes_requested" and commitment.item.code in CHANGE_REASONS
            else "approved",
            reason=CHANGE_REASONS.get(commitment.item.code, "") if outcome == "changes_requested" else "",
        )
        for commitment in commitments
    )


def _text(item, structure, variant, status):
    if status == "draft" and item.position >= 6:
        return ""  # a draft is unfinished: the last commitments are still to write
    template = TEXTS[item.code][variant % len(TEXTS[item.code])]
    return template.format(name=structure.name, commune=structure.commune)


def _labelled(ctx):
    return [s for s in ctx.structures.values() if s.label_status == Structure.LabelStatus.LABELLED]


def _referent(structure):
    membership = Membership.objects.referents().filter(structure=structure).select_related("user").first()
    return membership.user if membership else None
