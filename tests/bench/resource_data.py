"""The library's share of the load run (see loadkit.py): up to BENCH_RESOURCES resources (5,000) in all, created in
bulk on top of the demo network, and the library pages that join the run.

The mix is that of a library a few years old: mostly links, some small real files (one-page PDFs, CSVs) stored
through the storage API with one to three versions each, every kind and licence, missions, audiences and tags,
authors drawn from the seeded people and their structures, a few co-authored or adapted resources, reuse stories
concentrated on a few favourites (as in life), downloads on the files, some public and some shared with a working
group, a few withdrawn. Run once, it is reused afterwards: ensure_loaded adds only what is missing.
"""

import datetime
import os
import random

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from members.demo.network import DEMO_PASSWORD
from members.models import Audience, Membership, Mission, Structure, Territory
from practices.demo.resources import tiny_csv, tiny_pdf
from practices.models import Kind, Licence, Resource, ResourceVersion, ReuseStory, Visibility, WorkingGroup
from practices.models.resources import version_upload_to
from spro_portal.markdown import render_markdown
from tests.bench.dbstats import analyze
from tests.bench.loadkit import LoadPage

BENCH_RESOURCES = int(os.environ.get("BENCH_RESOURCES", "5000"))
BATCH = 500
READER = "conseiller@demo.spro.fr"  # a demo adviser (password DEMO_PASSWORD)

TOPICS = [
    "le premier accueil sans rendez-vous",
    "l'entretien de conseil en évolution professionnelle",
    "les ateliers collectifs de découverte des métiers",
    "l'accompagnement des jeunes décrocheurs",
    "la reconversion des salarié·es de l'industrie",
    "la validation des acquis de l'expérience",
    "l'orientation des personnes en situation de handicap",
    "les forums des métiers en lycée",
    "la mobilité géographique des demandeur·ses d'emploi",
    "le bilan de compétences",
    "l'accueil des parents d'élèves",
    "la création d'entreprise",
    "les métiers du soin et du lien",
    "l'apprentissage après 26 ans",
    "la lutte contre l'illettrisme",
    "les outils numériques d'aide à l'orientation",
    "le travail en binôme entre structures",
    "la formation des nouveaux conseiller·es",
    "la prise en compte des freins périphériques",
    "les immersions en entreprise",
]
OPENINGS = {
    Kind.TOOL: "Outil",
    Kind.TEMPLATE: "Trame",
    Kind.EXPERIENCE: "Retour d'expérience",
    Kind.PRACTICE: "Bonne pratique",
    Kind.WATCH: "Veille",
    Kind.TRAINING: "Support de formation",
}
KINDS = [Kind.TOOL] * 5 + [Kind.TEMPLATE] * 4 + [Kind.EXPERIENCE] * 3 + [Kind.PRACTICE] * 3 + [Kind.WATCH] * 2
KINDS += [Kind.TRAINING] * 3
LICENCES = [Licence.CC_BY] * 6 + [Licence.CC_BY_SA] * 2 + [Licence.CC_BY_NC] * 2 + [Licence.ALL_RIGHTS]
TAGS = ["entretien", "atelier", "jeunes", "adultes", "numérique", "handicap", "vae", "apprentissage", "métiers",
        "mobilité", "partenariat", "formation", "lycée", "insertion", "emploi", "création"]  # fmt: skip
LINKS = [
    "https://www.onisep.fr/",
    "https://www.francetravail.fr/",
    "https://www.monparcourshandicap.gouv.fr/",
    "https://www.vae.gouv.fr/",
    "https://www.orientation-pour-tous.fr/",
    "https://www.moncompteformation.gouv.fr/",
]
SUMMARY = (
    "Ce que nous avons construit autour de **{topic}**, à {place}.\n\n"
    "- pour qui : {audience} ;\n- en combien de temps : {weeks} semaines ;\n"
    "- ce qu'il faut pour le reprendre : une personne référente et une salle.\n\n"
    "Les retours des personnes accompagnées sont dans la dernière partie."
)
STORY = [
    ("Dans notre structure, avec un petit groupe.", "Nous avons raccourci les séances.", "Plus de participants."),
    ("Pour des permanences en zone rurale.", "Les exemples ont été changés pour le territoire.", ""),
    ("En binôme avec un partenaire.", "Une partie sur les droits a été ajoutée.", "Un outil commun aux deux."),
]


def ensure_loaded(log):
    existing = Resource.objects.count()
    if existing >= BENCH_RESOURCES:
        log(f"Ressources : {existing} déjà présentes (réutilisées)")
        return
    started = timezone.now()
    with transaction.atomic():
        created = _create(BENCH_RESOURCES - existing, random.Random(f"bench-resources:{existing}"), log)
    analyze(Resource, Resource.missions.through, Resource.audiences.through, ResourceVersion, ReuseStory)
    seconds = (timezone.now() - started).total_seconds()
    log(f"Ressources : {created} créées en {seconds:.0f} s ({Resource.objects.count()} en tout)")


def _authors():
    """(user id, structure) of the active members, in a fixed order."""
    memberships = Membership.objects.active().select_related("structure__territory").order_by("pk")
    return [(membership.user_id, membership.structure) for membership in memberships]


def _create(count, rng, log):
    now = timezone.now()
    authors = _authors()
    structures = list(Structure.objects.order_by("pk"))
    missions = list(Mission.objects.order_by("pk"))
    audiences = list(Audience.objects.order_by("pk"))
    groups = list(WorkingGroup.objects.order_by("pk"))
    earlier = list(Resource.objects.order_by("pk").values_list("pk", flat=True)[:500])
    resources = []
    for index in range(count):
        author_id, structure = rng.choice(authors)
        kind = rng.choice(KINDS)
        topic = rng.choice(TOPICS)
        audience = rng.choice(audiences)
        visibility = rng.choices([Visibility.NETWORK, Visibility.PUBLIC, Visibility.GROUP], [80, 15, 5])[0]
        if visibility == Visibility.GROUP and not groups:
            visibility = Visibility.NETWORK
        is_file = rng.random() < 0.12
        created_at = now - datetime.timedelta(days=rng.uniform(0, 3 * 365))
        summary = SUMMARY.format(
            topic=topic, place=structure.territory.name, audience=audience.name.lower(), weeks=rng.randint(2, 12)
        )
        resources.append(
            Resource(
                title=f"{OPENINGS[kind]} : {topic} ({structure.territory.name}, n° {index + 1})"[:150],
                summary=summary,
                summary_html=render_markdown(summary),
                kind=kind,
                tags=",".join(sorted(set(rng.sample(TAGS, rng.randint(0, 3))))),
                url="" if is_file else rng.choice(LINKS),
                has_file=is_file,
                author_id=author_id,
                author_structure=structure,
                licence=rng.choice(LICENCES),
                derived_from_id=rng.choice(earlier) if earlier and rng.random() < 0.05 else None,
                visibility=visibility,
                working_group=rng.choice(groups) if visibility == Visibility.GROUP else None,
                download_count=int(rng.paretovariate(1.2) * 3) if is_file else 0,
                created_at=created_at,
                updated_at=created_at,
                withdrawn_at=created_at + datetime.timedelta(days=30) if rng.random() < 0.01 else None,
            )
        )
    for done in range(0, len(resources), BATCH):
        Resource.objects.bulk_create(resources[done : done + BATCH])
        log(f"  … ressources : {min(done + BATCH, len(resources))}/{len(resources)}")
    _link(rng, resources, missions, audiences, structures)
    _versions(rng, [resource for resource in resources if resource.has_file], log)
    _stories(rng, resources, authors, log)
    return len(resources)


def _link(rng, resources, missions, audiences, structures):
    """Missions, audiences and co-author structures, through the many-to-many tables in bulk."""
    mission_rows, audience_rows, co_author_rows = [], [], []
    for resource in resources:
        for mission in rng.sample(missions, rng.randint(1, 2)):
            mission_rows.append(Resource.missions.through(resource_id=resource.pk, mission_id=mission.pk))
        for audience in rng.sample(audiences, rng.randint(1, 3)):
            audience_rows.append(Resource.audiences.through(resource_id=resource.pk, audience_id=audience.pk))
        if rng.random() < 0.1:
            for structure in rng.sample(structures, rng.randint(1, 2)):
                if structure.pk != resource.author_structure_id:
                    co_author_rows.append(
                        Resource.co_authors.through(resource_id=resource.pk, structure_id=structure.pk)
                    )
    Resource.missions.through.objects.bulk_create(mission_rows, batch_size=2000)
    Resource.audiences.through.objects.bulk_create(audience_rows, batch_size=2000)
    Resource.co_authors.through.objects.bulk_create(co_author_rows, batch_size=2000)


def _versions(rng, resources, log):
    """One to three versions per file resource, each a small real file saved through the storage API."""
    versions = []
    for resource in resources:
        is_csv = rng.random() < 0.25
        for number in range(1, rng.choice([1, 1, 2, 3]) + 1):
            name = f"ressource-{resource.pk}-v{number}.{'csv' if is_csv else 'pdf'}"
            content = tiny_csv() if is_csv else tiny_pdf(resource.title, [f"Version {number}"])
            stored = default_storage.save(version_upload_to(None, name), ContentFile(content))
            versions.append(
                ResourceVersion(
                    resource=resource,
                    number=number,
                    file=stored,
                    original_name=name,
                    size=len(content),
                    content_type="text/csv" if is_csv else "application/pdf",
                    note="Première version." if number == 1 else "Mise à jour après les retours des collègues.",
                    added_by_id=resource.author_id,
                    added_at=resource.created_at + datetime.timedelta(days=20 * (number - 1)),
                )
            )
    ResourceVersion.objects.bulk_create(versions, batch_size=BATCH)
    latest = {}
    for version in versions:
        latest[version.resource_id] = version  # numbers grow: the last one of a resource is its current version
    for resource in resources:
        resource.current_version = latest[resource.pk]
    Resource.objects.bulk_update(resources, ["current_version"], batch_size=BATCH)
    log(f"  … versions de fichiers : {len(versions)} ({len(resources)} ressources avec fichier)")


def _stories(rng, resources, authors, log):
    """Reuse stories on a minority of resources, a few favourites with many, and the matching reuse counts."""
    stories = []
    for resource in resources:
        if resource.withdrawn_at or rng.random() < 0.7:
            continue
        count = min(40, int(rng.paretovariate(1.3)))
        for step in range(count):
            author_id, structure = rng.choice(authors)
            context, adaptations, outcome = rng.choice(STORY)
            stories.append(
                ReuseStory(
                    resource=resource,
                    author_id=author_id,
                    structure=structure,
                    context=context,
                    adaptations=adaptations,
                    outcome=outcome,
                    created_at=resource.created_at + datetime.timedelta(days=5 + 7 * step),
                )
            )
        resource.reuse_count = count
    ReuseStory.objects.bulk_create(stories, batch_size=BATCH)
    Resource.objects.bulk_update([r for r in resources if r.reuse_count], ["reuse_count"], batch_size=BATCH)
    log(f"  … récits de réutilisation : {len(stories)}")


def load_pages():
    territory = Territory.objects.order_by("slug").values_list("slug", flat=True).first()
    kept = Resource.objects.kept().exclude(visibility=Visibility.GROUP)
    pages = (kept.count() // 20) or 1
    lists = (
        "/ressources/",
        "/ressources/?tri=reutilisees",
        "/ressources/?tri=telechargees&sorte=outil",
        "/ressources/?mission=conseil&public=jeunes&tri=reutilisees",
        "/ressources/?licence=cc-by&reutilisee=oui",
        f"/ressources/?territoire={territory}&type=cio",
        "/ressources/?sorte=formation&tri=recentes",
        f"/ressources/?page={pages * 4 // 5}",
        f"/ressources/?tri=reutilisees&page={pages // 2}",
    )
    favourites = list(kept.order_by("-reuse_count", "-pk").values_list("pk", flat=True)[:3])
    with_files = list(kept.filter(has_file=True).order_by("-download_count", "pk").values_list("pk", flat=True)[:3])
    derived = list(kept.filter(derived_from__isnull=False).order_by("pk").values_list("pk", flat=True)[:2])
    links = list(kept.filter(has_file=False, reuse_count=0).order_by("pk").values_list("pk", flat=True)[:2])
    resources = tuple(f"/ressources/{pk}/" for pk in [*favourites, *with_files, *derived, *links])
    return [
        LoadPage("resource_list", lists, READER, DEMO_PASSWORD),
        LoadPage("resource_detail", resources, READER, DEMO_PASSWORD),
    ]
