"""Demo indicators: adopted indicators with their discussions, one proposal in discussion, and two years of
quarterly campaigns with values for the labelled demo structures (a few late and returned reports), so the
dashboards show trends on first start. The discussions go through the services; the values are bulk-created.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from members.models import Membership, Mission, Structure

from ..models import Campaign, IndicatorProposal, Periodicity, Report, ReportValue
from ..services import proposals as proposal_services

QUARTERS = 8  # two years of closed quarters, plus the current campaign

ADOPTED = [
    {
        "name": "Personnes accueillies",
        "purpose": "Mesurer l'activité d'accueil du réseau, toutes structures confondues.",
        "definition": "Nombre de personnes différentes accueillies sur la période (physiquement, par téléphone ou "
        "en visioconférence), qu'elles reviennent ou non.",
        "unit": "count",
        "calculation": "single",
        "aggregation": "sum",
        "mission": "accueil",
        "data_source": "Logiciel de suivi de la structure (export trimestriel).",
        "target": None,
        "base": (150, 900),
    },
    {
        "name": "Part des personnes accompagnées ayant un projet validé",
        "purpose": "Savoir si l'accompagnement débouche sur un projet d'orientation ou professionnel construit.",
        "definition": "Parmi les personnes dont l'accompagnement s'est terminé sur la période, celles qui en "
        "sortent avec un projet validé par écrit avec leur conseiller·ère.",
        "unit": "percent",
        "calculation": "ratio",
        "numerator_label": "personnes sorties avec un projet validé",
        "denominator_label": "personnes dont l'accompagnement s'est terminé",
        "aggregation": "ratio_of_sums",
        "mission": "accompagnement",
        "data_source": "Dossiers d'accompagnement clos sur la période.",
        "target": Decimal(65),
        "base": (40, 160),
    },
    {
        "name": "Délai du premier rendez-vous de conseil",
        "purpose": "Suivre le temps qu'attend une personne entre sa demande et son premier entretien de conseil.",
        "definition": "Délai moyen, en jours calendaires, entre la demande et le premier entretien de conseil.",
        "unit": "days",
        "calculation": "single",
        "aggregation": "mean",
        "mission": "conseil",
        "data_source": "Agenda partagé de la structure.",
        "target": Decimal(10),
        "base": (6, 22),
    },
]

IN_DISCUSSION = {
    "name": "Heures de professionnalisation des conseillers",
    "purpose": "Rendre visible l'effort de formation continue des équipes, condition d'une culture commune.",
    "definition": "Total des heures de formation, d'analyse de pratique et d'échanges entre pairs suivies par "
    "les conseiller·ères de la structure sur la période.",
    "unit": "hours",
    "calculation": "single",
    "aggregation": "sum",
    "mission": None,
    "data_source": "Plan de formation et feuilles d'émargement.",
    "target": None,
}

COMMENTS = [
    "Utile, à condition de bien **définir la période** : date de la demande ou date du rendez-vous ?",
    "Chez nous les données existent déjà dans le logiciel de suivi ; l'export prend dix minutes.",
    "Attention aux doubles comptes entre structures d'un même territoire.",
]


def _definition(data, missions):
    fields = {key: value for key, value in data.items() if key not in ("base", "mission")}
    fields.setdefault("numerator_label", "")
    fields.setdefault("denominator_label", "")
    fields["periodicity"] = Periodicity.QUARTERLY
    fields["mission"] = missions.get(data["mission"])
    return fields


def _voices(ctx):
    """One person of each of several structures (the demo accounts first), to comment and take positions."""
    voices = [ctx.demo_users[key] for key in ("referent", "conseiller.autre") if key in ctx.demo_users]
    others = (
        Membership.objects.active()
        .filter(structure__label_status=Structure.LabelStatus.LABELLED)
        .exclude(user__in=voices)
        .exclude(structure__memberships__user__in=voices)
        .select_related("user", "structure")
        .order_by("structure__slug", "pk")
    )
    seen, extra = set(), []
    for membership in others[:200]:
        if membership.structure_id not in seen:
            seen.add(membership.structure_id)
            extra.append(membership.user)
        if len(extra) == 4:
            break
    memberships = {
        m.user_id: m.structure for m in Membership.objects.active().filter(user__in=[*voices, *extra]).select_related()
    }
    return [(user, memberships[user.pk]) for user in [*voices, *extra] if user.pk in memberships]


def seed_proposals(ctx):
    if IndicatorProposal.objects.exists():
        ctx.log("Propositions d'indicateurs : déjà présentes")
        return
    rng = ctx.rng("indicators:proposals")
    missions = {mission.code: mission for mission in Mission.objects.all()}
    coordinator = ctx.demo_users["coordination"]
    voices = _voices(ctx)
    today = timezone.localdate()
    ctx.indicators = []
    for index, data in enumerate(ADOPTED):
        author, structure = voices[index % len(voices)]
        proposal = proposal_services.proposal_create(
            author=author, structure=structure, data=_definition(data, missions)
        )
        proposal = proposal_services.proposal_open_discussion(
            proposal=proposal, ends_on=today + datetime.timedelta(days=1), by=coordinator
        )
        for comment_author, comment_structure in voices[:3]:
            proposal_services.comment_add(
                proposal=proposal, author=comment_author, structure=comment_structure, body=rng.choice(COMMENTS)
            )
        for position_index, (user, structure) in enumerate(voices):
            kind = "objection" if position_index == 2 else ("reservation" if position_index == 3 else "support")
            reason = (
                "La définition ne dit pas comment compter les personnes reçues deux fois." if kind != "support" else ""
            )
            position = proposal_services.position_take(
                proposal=proposal, user=user, structure=structure, kind=kind, reason=reason
            )
            if kind == "objection":
                proposal_services.objection_answer(
                    position=position,
                    author=author,
                    body="Une personne reçue plusieurs fois sur la période est comptée une fois : c'est précisé.",
                )
        IndicatorProposal.objects.filter(pk=proposal.pk).update(discussion_ends_on=today - datetime.timedelta(days=1))
        proposal.refresh_from_db()
        ctx.indicators.append(proposal_services.proposal_adopt(proposal=proposal, by=coordinator))
    author, structure = voices[-1]
    proposal = proposal_services.proposal_create(
        author=author, structure=structure, data=_definition(IN_DISCUSSION, missions)
    )
    proposal = proposal_services.proposal_open_discussion(
        proposal=proposal, ends_on=today + datetime.timedelta(days=12), by=coordinator
    )
    for user, structure in voices[1:3]:
        proposal_services.position_take(proposal=proposal, user=user, structure=structure, kind="support")
    proposal_services.comment_add(
        proposal=proposal,
        author=voices[1][0],
        structure=voices[1][1],
        body="Bonne idée, à condition de compter aussi les **échanges entre pairs** organisés par le réseau.",
    )
    ctx.log(f"Indicateurs adoptés : {len(ctx.indicators)} ; une proposition en discussion")


def _quarter(year, quarter):
    start = datetime.date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = (datetime.date(year + end_month // 12, end_month % 12 + 1, 1)) - datetime.timedelta(days=1)
    return start, end


def _quarters(today, count):
    """The `count` + 1 quarters before today's, oldest first: the last one's campaign is still open."""
    year, quarter = today.year, (today.month - 1) // 3 + 1
    quarters = []
    for _ in range(count + 1):
        quarter -= 1
        if quarter == 0:
            year, quarter = year - 1, 4
        quarters.append((year, quarter))
    return list(reversed(quarters))


def _value(indicator, base, growth, rng):
    version = indicator.current_version
    low, high = dict((data["name"], data["base"]) for data in ADOPTED)[version.name]
    size = low + (high - low) * base
    if version.is_ratio:
        denominator = Decimal(round(size * (1 + growth)))
        share = Decimal(str(min(0.95, 0.45 + 0.25 * base + growth + rng.uniform(-0.05, 0.05))))
        numerator = (denominator * share).quantize(Decimal(1))
        value = (numerator / denominator * 100).quantize(Decimal("0.0001"))
        return {"value": value, "numerator": numerator, "denominator": denominator}
    if version.unit == "days":
        return {"value": Decimal(str(round(size * (1 - growth) * rng.uniform(0.9, 1.1), 1)))}
    return {"value": Decimal(round(size * (1 + growth) * rng.uniform(0.92, 1.08)))}


def seed_campaigns(ctx):
    if Campaign.objects.exists() or not getattr(ctx, "indicators", None):
        return
    rng = ctx.rng("indicators:campaigns")
    coordinator = ctx.demo_users["coordination"]
    structures = list(Structure.objects.labelled().order_by("slug"))
    today = timezone.localdate()
    quarters = _quarters(today, QUARTERS)
    base = {structure.pk: rng.random() for structure in structures}
    demo_cio = ctx.structures.get("cio-de-brest")
    reports, pending_values = [], []
    campaigns = []
    for index, (year, quarter) in enumerate(quarters):
        start, end = _quarter(year, quarter)
        is_current = index == len(quarters) - 1
        opens_on = end + datetime.timedelta(days=1)
        deadline = (
            max(opens_on + datetime.timedelta(days=45), today + datetime.timedelta(days=14))
            if is_current
            else (opens_on + datetime.timedelta(days=45))
        )
        campaign = Campaign.objects.create(
            label=f"T{quarter} {year}",
            periodicity=Periodicity.QUARTERLY,
            period_start=start,
            period_end=end,
            opens_on=opens_on,
            deadline=deadline,
            opened_by=coordinator,
        )
        campaign.indicators.set(ctx.indicators)
        campaign.structures.set(structures)
        campaigns.append(campaign)
        growth = 0.03 * index
        deadline_at = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(12)))
        for position, structure in enumerate(structures):
            if is_current and (structure == demo_cio or position % 3):
                continue  # most structures have yet to submit; the demo CIO's draft is filled below
            late = rng.random() < 0.1
            submitted_at = deadline_at + datetime.timedelta(days=rng.randint(1, 6) if late else -rng.randint(1, 30))
            status = Report.Status.SUBMITTED if is_current else Report.Status.VALIDATED
            if index == len(quarters) - 2 and position % 11 == 5:
                status = Report.Status.RETURNED
            report = Report(
                campaign=campaign,
                structure=structure,
                status=status,
                revision=2,
                submitted_at=submitted_at,
                updated_at=submitted_at,
                validated_at=submitted_at + datetime.timedelta(days=3) if status == Report.Status.VALIDATED else None,
                validated_by=coordinator if status == Report.Status.VALIDATED else None,
                return_reason="Le dénominateur semble inclure des accompagnements encore en cours."
                if status == Report.Status.RETURNED
                else "",
            )
            reports.append(report)
            for indicator in ctx.indicators:
                pending_values.append((report, indicator, _value(indicator, base[structure.pk], growth, rng)))
    Report.objects.bulk_create(reports, batch_size=500)
    ReportValue.objects.bulk_create(
        (
            ReportValue(report=report, indicator=indicator, version_id=indicator.current_version_id, **fields)
            for report, indicator, fields in pending_values
        ),
        batch_size=1000,
    )
    ctx.log(f"Campagnes : {len(campaigns)} ; rapports : {len(reports)} ; valeurs : {len(pending_values)}")
