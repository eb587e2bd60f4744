"""Demo library: resources of every kind and licence, files and links, a public one and a closed group's, new
versions with their notes, adaptations of one another, reuse stories, downloads.

The files are small real ones made here (one-page PDFs, CSVs), written through the services so that they are
checked, stored under random names and downloadable in the demo. Runs after the forum's steps (it reads their
authors and groups); creates only what is missing.
"""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from ..models import Kind, Licence, Resource, ResourceVersion, ReuseStory, Visibility
from ..services import resources as services

# key, title, kind, licence, visibility, author, file name (or link), days ago, summary
RESOURCES = [
    (
        "grille",
        "Grille d'entretien de premier accueil",
        Kind.TOOL,
        Licence.CC_BY,
        Visibility.NETWORK,
        "conseiller",
        "grille-premier-accueil.pdf",
        60,
        "Une grille d'une page pour **le premier entretien** : la situation, la demande, les urgences, la suite.\n\n"
        "- à remplir avec la personne, pas à sa place ;\n- une case « ce que la personne retient ».",
    ),
    (
        "trame-atelier",
        "Trame d'atelier « Mon projet en trois séances »",
        Kind.TEMPLATE,
        Licence.CC_BY_SA,
        Visibility.NETWORK,
        "conseiller.autre",
        "trame-atelier-projet.pdf",
        45,
        "Trois séances de deux heures pour des groupes de 8 à 12 personnes : explorer, choisir, agir.",
    ),
    (
        "retour-psad",
        "Retour d'expérience : six mois de plateforme de suivi des décrocheurs",
        Kind.EXPERIENCE,
        Licence.CC_BY_NC,
        Visibility.NETWORK,
        "referent",
        "retour-psad.pdf",
        30,
        "Ce qui a marché (le binôme CIO – Mission locale), ce qui n'a pas marché (les relances par courrier).",
    ),
    (
        "accueil-sans-rdv",
        "Bonne pratique : un accueil sans rendez-vous le mercredi",
        Kind.PRACTICE,
        Licence.CC_BY,
        Visibility.PUBLIC,
        "@mission_locale",
        "https://www.onisep.fr/",
        20,
        "Une demi-journée sans rendez-vous, tenue à deux conseiller·es, qui a divisé par deux les délais.",
    ),
    (
        "veille-reformes",
        "Veille : les réformes de la formation professionnelle en 2026",
        Kind.WATCH,
        Licence.ALL_RIGHTS,
        Visibility.NETWORK,
        "coordination",
        "veille-reformes-2026.pdf",
        12,
        "Une synthèse mensuelle des textes et des dispositifs qui changent, préparée par la coordination.",
    ),
    (
        "formation-entretien",
        "Support de formation : conduire un entretien de conseil",
        Kind.TRAINING,
        Licence.CC_BY,
        Visibility.NETWORK,
        "@cio",
        "formation-entretien-conseil.pdf",
        8,
        "Les diapositives et les exercices d'une journée de formation des nouveaux conseiller·es.",
    ),
    (
        "chiffres-accueil",
        "Tableau des accueils par public (modèle)",
        Kind.TEMPLATE,
        Licence.CC_BY,
        Visibility.GROUP,
        "referent",
        "accueils-par-public.csv",
        5,
        "Le modèle de tableau que le groupe du Pays de Brest remplit chaque trimestre.",
    ),
    (
        "grille-jeunes",
        "Grille de premier accueil adaptée aux 16-18 ans",
        Kind.TOOL,
        Licence.CC_BY,
        Visibility.NETWORK,
        "conseiller.autre",
        "grille-16-18.pdf",
        3,
        "La grille du CIO, reprise pour les mineur·es : une rubrique « qui t'accompagne ? » et moins d'écrit.",
    ),
]
DERIVATIONS = [("grille-jeunes", "grille"), ("formation-entretien", "trame-atelier")]
VERSIONS = [
    ("grille", "grille-premier-accueil-v2.pdf", "Ajout d'une rubrique « mobilité » demandée par les collègues."),
    ("trame-atelier", "trame-atelier-projet-v2.pdf", "Séance 2 raccourcie ; fiches à imprimer en annexe."),
    ("trame-atelier", "trame-atelier-projet-v3.pdf", "Une variante pour les groupes d'adultes en reconversion."),
]
STORIES = [
    (
        "grille",
        "conseiller.autre",
        "À la Mission locale, pour les jeunes reçus sans rendez-vous.",
        "Nous avons ajouté « qui t'accompagne ? » et retiré les questions sur le diplôme.",
        "Les entretiens durent dix minutes de moins ; la grille adaptée est partagée à son tour.",
    ),
    (
        "grille",
        "@france_travail",
        "En agence, pour les demandeur·ses d'emploi qui envisagent une reconversion.",
        "Une rubrique sur les droits à la formation.",
        "",
    ),
    (
        "trame-atelier",
        "conseiller",
        "Au CIO, avec une classe de première.",
        "Deux séances au lieu de trois, dans le temps scolaire.",
        "Les élèves arrivent au conseil avec une question précise.",
    ),
    (
        "accueil-sans-rdv",
        "@cap_emploi",
        "Un accueil le jeudi matin à Cap emploi.",
        "Un temps plus court et une conseillère formée à la langue des signes.",
        "Plus de premiers contacts, surtout des personnes jamais venues.",
    ),
]
DOWNLOADS = {"grille": 34, "trame-atelier": 21, "retour-psad": 9, "veille-reformes": 15, "formation-entretien": 6}
DEMO_GROUP = "conseillers-du-pays-de-brest"


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_pdf(title, lines=()):
    """A valid one-page PDF with a title and a few lines (Helvetica, WinAnsi: accents come out right)."""
    text_lines = [title, "", *lines, "", "Portail du SPRO - document de démonstration"]
    stream = ["BT", "/F1 16 Tf", "56 780 Td"]
    for index, line in enumerate(text_lines):
        if index == 1:
            stream.append("/F1 11 Tf")
        stream.append(f"({_pdf_escape(line)}) Tj 0 -20 Td")
    stream.append("ET")
    content = "\n".join(stream).encode("cp1252", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def tiny_csv():
    rows = ["trimestre;jeunes;adultes;salariés", "T1;120;85;40", "T2;132;90;38", "T3;98;77;45"]
    return ("\n".join(rows) + "\n").encode()


def demo_file(name, title, note=""):
    content = tiny_csv() if name.endswith(".csv") else tiny_pdf(title, [note] if note else [])
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def seed_resources(ctx):
    authors = ctx.forum_authors
    group = ctx.working_groups.get(DEMO_GROUP)
    made = {}
    created = 0
    for key, title, kind, licence, visibility, author_key, target, days, summary in RESOURCES:
        existing = Resource.objects.filter(title=title).first()
        if existing:
            made[key] = existing
            continue
        author, structure = authors.get(author_key)
        is_link = target.startswith("https://")
        resource = services.resource_create(
            author=author,
            structure=structure,
            title=title,
            summary=summary,
            kind=kind,
            licence=licence,
            url=target if is_link else "",
            upload=None if is_link else demo_file(target, title),
            note="Première version.",
            missions=list(structure.missions.all()[:2]) if structure else [],
            audiences=list(structure.audiences.all()[:2]) if structure else [],
            visibility=visibility if group or visibility != Visibility.GROUP else Visibility.NETWORK,
            working_group=group if visibility == Visibility.GROUP else None,
        )
        moment = ctx.now - timedelta(days=days)
        if 10 <= days <= 31:  # a few of the newer ones in last month, for its digest, whatever the day of the seed
            moment = ctx.in_last_month(days % 20 + 1)
        Resource.objects.filter(pk=resource.pk).update(created_at=moment, updated_at=moment)
        ResourceVersion.objects.filter(resource=resource).update(added_at=moment)
        made[key] = resource
        created += 1
    if created:
        _seed_family(ctx, made)
    ctx.log(f"Ressources : {len(made)} ({created} nouvelles)")


def _seed_family(ctx, made):
    """Derivations, later versions, reuse stories and downloads, once, with the resources just made."""
    for key, origin in DERIVATIONS:
        Resource.objects.filter(pk=made[key].pk).update(derived_from=made[origin])
    for step, (key, name, note) in enumerate(VERSIONS, start=1):
        resource = made[key]
        services.resource_add_version(
            resource=resource, upload=demo_file(name, resource.title, note), note=note, added_by=resource.author
        )
        ResourceVersion.objects.filter(resource=resource, original_name=name).update(
            added_at=ctx.now - timedelta(days=10 - step)
        )
    authors = ctx.forum_authors
    for step, (key, teller_key, context, adaptations, outcome) in enumerate(STORIES):
        teller, structure = authors.get(teller_key)
        # Written here rather than through the service: the demo does not e-mail its authors.
        ReuseStory.objects.create(
            resource=made[key],
            author=teller,
            structure=structure,
            context=context,
            adaptations=adaptations,
            outcome=outcome,
            created_at=ctx.in_last_month(10 + step),  # « votre travail a été réutilisé » in last month's digest
        )
        Resource.objects.filter(pk=made[key].pk).update(reuse_count=F("reuse_count") + 1)
    for key, count in DOWNLOADS.items():
        Resource.objects.filter(pk=made[key].pk).update(download_count=F("download_count") + count)
