"""Demo indicators: adopted indicators with their discussions, one proposal in discussion, and two years of
campaigns with values for the labelled demo structures (a few late and returned reports), so the dashboards show
trends on first start. The discussions go through the services; the values are bulk-created, campaign by campaign.

At scale 1 there are three quarterly indicators (8 closed quarters and the current one). A larger scale adds
monthly indicators (24 closed months and the current one), up to BENCH_INDICATORS in all at BENCH_SCALE: the
bench data set (40 indicators × 24 periods × ~300 structures, a few hundred thousand values).
"""

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.utils import timezone

from members.models import Membership, Mission, Structure
from spro_portal.dates import MONTHS as MONTH_NAMES

from ..models import Campaign, IndicatorProposal, Periodicity, Report, ReportValue
from ..services import proposals as proposal_services
from ..services import summaries

QUARTERS = 8  # two years of closed quarters, plus the current campaign
MONTHS = 24  # the same two years, month by month, for the indicators a larger scale adds
BENCH_INDICATORS = 40
BENCH_SCALE = 7.5  # the scale of `make bench`'s load run: it reaches BENCH_INDICATORS
VALUES_BATCH = 2000

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

# The monthly indicators a larger scale adds: each theme counted for each public, (theme, unit, calculation,
# aggregation, mission, base range of a structure's monthly figure).
THEMES = [
    ("Personnes reçues en premier accueil", "count", "single", "sum", "accueil", (20, 160)),
    ("Entretiens de conseil individuels", "count", "single", "sum", "conseil", (15, 120)),
    ("Ateliers collectifs animés", "count", "single", "sum", "information", (1, 12)),
    ("Heures d'accompagnement individuel", "hours", "single", "sum", "accompagnement", (30, 260)),
    ("Part des personnes orientées vers une formation", "percent", "ratio", "ratio_of_sums", "conseil", (10, 70)),
    ("Délai moyen avant un premier entretien", "days", "single", "mean", "accueil", (3, 20)),
    ("Personnes entrées en formation qualifiante", "count", "single", "sum", "accompagnement", (2, 30)),
    ("Part des rendez-vous honorés", "percent", "ratio", "ratio_of_sums", "accueil", (40, 300)),
    ("Dépenses des actions collectives", "euros", "single", "sum", "information", (150, 2500)),
    ("Participants aux rencontres métiers", "count", "single", "sum", "information", (5, 90)),
]
PUBLICS = ["jeunes de 16 à 25 ans", "adultes en reconversion", "demandeur·ses d'emploi", "salarié·es"]
RATIO_LABELS = {
    "Part des personnes orientées vers une formation": (
        "personnes orientées vers une formation",
        "personnes reçues en entretien de conseil",
    ),
    "Part des rendez-vous honorés": ("rendez-vous honorés", "rendez-vous pris"),
}


def indicator_count(scale):
    """3 at scale 1, BENCH_INDICATORS from BENCH_SCALE up, in proportion between."""
    if scale <= 1:
        return len(ADOPTED)
    share = min(1.0, (scale - 1) / (BENCH_SCALE - 1))
    return len(ADOPTED) + round(share * (BENCH_INDICATORS - len(ADOPTED)))


def monthly_definitions(count):
    """`count` monthly indicators: every theme for the first public, then for the next…"""
    definitions = []
    for public in PUBLICS:
        for theme, unit, calculation, aggregation, mission, base in THEMES:
            numerator, denominator = RATIO_LABELS.get(theme, ("", ""))
            definitions.append(
                {
                    "name": f"{theme} ({public})",
                    "purpose": f"Suivre mois par mois, pour les {public}, un repère du plan d'action du réseau.",
                    "definition": f"{theme}, en ne comptant que les {public}, sur le mois écoulé.",
                    "unit": unit,
                    "calculation": calculation,
                    "numerator_label": numerator,
                    "denominator_label": denominator,
                    "aggregation": aggregation,
                    "periodicity": Periodicity.MONTHLY,
                    "mission": mission,
                    "data_source": "Logiciel de suivi de la structure (export mensuel).",
                    "target": None,
                    "base": base,
                }
            )
    return definitions[:count]


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
    fields.setdefault("periodicity", Periodicity.QUARTERLY)
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
        ctx.indicators.append(_adopt(proposal, coordinator, today))
    for index, data in enumerate(monthly_definitions(indicator_count(ctx.scale) - len(ADOPTED))):
        # The monthly ones had a short discussion: one comment and the support of three structures.
        author, structure = voices[index % len(voices)]
        proposal = proposal_services.proposal_create(
            author=author, structure=structure, data=_definition(data, missions)
        )
        proposal = proposal_services.proposal_open_discussion(
            proposal=proposal, ends_on=today + datetime.timedelta(days=1), by=coordinator
        )
        proposal_services.comment_add(
            proposal=proposal, author=voices[1][0], structure=voices[1][1], body=rng.choice(COMMENTS)
        )
        for user, voice_structure in voices[:3]:
            proposal_services.position_take(proposal=proposal, user=user, structure=voice_structure, kind="support")
        ctx.indicators.append(_adopt(proposal, coordinator, today))
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


def _adopt(proposal, coordinator, today):
    """The discussion period is moved into the past, then the coordinator adopts."""
    IndicatorProposal.objects.filter(pk=proposal.pk).update(discussion_ends_on=today - datetime.timedelta(days=1))
    proposal.refresh_from_db()
    return proposal_services.proposal_adopt(proposal=proposal, by=coordinator)


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
    return [(f"T{quarter} {year}", *_quarter(year, quarter)) for year, quarter in reversed(quarters)]


def _months(today, count):
    """The `count` + 1 months before today's, oldest first, as (label, start, end)."""
    first = today.replace(day=1)
    months = []
    for _ in range(count + 1):
        end = first - datetime.timedelta(days=1)
        first = end.replace(day=1)
        months.append((f"{MONTH_NAMES[first.month - 1].capitalize()} {first.year}", first, end))
    return list(reversed(months))


BASES = {data["name"]: data["base"] for data in [*ADOPTED, *monthly_definitions(BENCH_INDICATORS)]}


def _value(indicator, base, growth, rng):
    version = indicator.current_version
    low, high = BASES[version.name]
    size = low + (high - low) * base
    if version.is_ratio:
        denominator = Decimal(max(1, round(size * (1 + growth))))
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
    structures = list(Structure.objects.labelled().order_by("slug"))
    today = timezone.localdate()
    base = {structure.pk: rng.random() for structure in structures}
    series = [
        (Periodicity.QUARTERLY, _quarters(today, QUARTERS), 45),
        (Periodicity.MONTHLY, _months(today, MONTHS), 20),
    ]
    plans = []
    for periodicity, periods, days_to_answer in series:
        indicators = [i for i in ctx.indicators if i.current_version.periodicity == periodicity]
        if indicators:
            plans += [
                CampaignPlan(periodicity, *period, days_to_answer, indicators, index, len(periods))
                for index, period in enumerate(periods)
            ]
    demo_cio = ctx.structures.get("cio-de-brest")
    expected = sum(len(plan.indicators) * len(_reporting(structures, plan.is_current, demo_cio)) for plan in plans)
    totals = {"campaigns": 0, "reports": 0, "values": 0}
    for plan in plans:
        _seed_campaign(ctx, rng, structures, base, plan, totals)
        ctx.progress("valeurs", totals["values"], expected)
    periods = summaries.refresh_all()
    ctx.log(f"Campagnes : {totals['campaigns']} ; rapports : {totals['reports']} ; valeurs : {totals['values']}")
    ctx.log(f"Chiffres du réseau par période : {periods} lignes")


def _reporting(structures, is_current, demo_cio):
    """(position, structure) of those who reported: in the current campaign, most have yet to submit."""
    return [
        (position, structure)
        for position, structure in enumerate(structures)
        if not (is_current and (structure == demo_cio or position % 3))
    ]


class CampaignPlan(NamedTuple):
    """One campaign of a series (quarterly or monthly): its period, and its place in the series."""

    periodicity: str
    label: str
    start: datetime.date
    end: datetime.date
    days_to_answer: int
    indicators: list
    index: int
    count: int

    @property
    def is_current(self):
        return self.index == self.count - 1


def _seed_campaign(ctx, rng, structures, base, plan, totals):
    periodicity, label, start, end, days_to_answer, indicators, index, count = plan
    is_current = plan.is_current
    coordinator = ctx.demo_users["coordination"]
    demo_cio = ctx.structures.get("cio-de-brest")
    today = timezone.localdate()
    opens_on = end + datetime.timedelta(days=1)
    deadline = opens_on + datetime.timedelta(days=days_to_answer)
    if is_current:
        deadline = max(deadline, today + datetime.timedelta(days=14))
    campaign = Campaign.objects.create(
        label=label,
        periodicity=periodicity,
        period_start=start,
        period_end=end,
        opens_on=opens_on,
        deadline=deadline,
        opened_by=coordinator,
    )
    campaign.indicators.set(indicators)
    campaign.structures.set(structures)
    growth = (0.03 if periodicity == Periodicity.QUARTERLY else 0.01) * index  # about 3 % a quarter
    deadline_at = timezone.make_aware(datetime.datetime.combine(deadline, datetime.time(12)))
    reports, pending_values = [], []
    for position, structure in _reporting(structures, is_current, demo_cio):
        late = rng.random() < 0.1
        submitted_at = deadline_at + datetime.timedelta(days=rng.randint(1, 6) if late else -rng.randint(1, 30))
        status = Report.Status.SUBMITTED if is_current else Report.Status.VALIDATED
        if index == count - 2 and position % 11 == 5:  # the last closed campaign has a few returned reports
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
        for indicator in indicators:
            pending_values.append((report, indicator, _value(indicator, base[structure.pk], growth, rng)))
    Report.objects.bulk_create(reports, batch_size=500)
    ReportValue.objects.bulk_create(
        (
            ReportValue(report=report, indicator=indicator, version_id=indicator.current_version_id, **fields)
            for report, indicator, fields in pending_values
        ),
        batch_size=VALUES_BATCH,
    )
    totals["campaigns"] += 1
    totals["reports"] += len(reports)
    totals["values"] += len(pending_values)
