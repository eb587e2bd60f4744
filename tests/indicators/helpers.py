"""Builders for the indicators tests: proposals in each state, adopted indicators, campaigns with values."""

import datetime
from decimal import Decimal

from django.utils import timezone

from indicators.models import (
    Campaign,
    CampaignReopening,
    IndicatorProposal,
    Position,
    ReminderSent,
    Report,
    ReportEvent,
    ReportValue,
)
from indicators.services import proposals as proposal_services
from indicators.services import summaries
from members.models import Membership
from tests.factories import MembershipFactory, StructureFactory

TODAY = datetime.date.today


def definition(**overrides):
    data = {
        "name": "Personnes accueillies",
        "purpose": "Mesurer l'accueil.",
        "definition": "Nombre de personnes différentes accueillies sur la période.",
        "unit": "count",
        "calculation": "single",
        "numerator_label": "",
        "denominator_label": "",
        "aggregation": "sum",
        "periodicity": "quarterly",
        "mission": None,
        "data_source": "Logiciel de suivi",
        "target": None,
    }
    data.update(overrides)
    return data


def ratio_definition(**overrides):
    return definition(
        name="Part des projets validés",
        unit="percent",
        calculation="ratio",
        numerator_label="projets validés",
        denominator_label="accompagnements terminés",
        aggregation="ratio_of_sums",
        **overrides,
    )


def draft(author, structure=None, **overrides):
    return proposal_services.proposal_create(author=author, structure=structure, data=definition(**overrides))


def in_discussion(author, coordinator, structure=None, days=10, **overrides):
    proposal = draft(author, structure, **overrides)
    return proposal_services.proposal_open_discussion(
        proposal=proposal, ends_on=timezone.localdate() + datetime.timedelta(days=days), by=coordinator
    )


def people_of_new_structures(count, territory=None):
    """(user, structure) of `count` new structures, each with one adviser."""
    people = []
    for _ in range(count):
        structure = StructureFactory(**({"territory": territory} if territory else {}))
        people.append((MembershipFactory(structure=structure, role=Membership.Role.ADVISER).user, structure))
    return people


def close_discussion(proposal):
    IndicatorProposal.objects.filter(pk=proposal.pk).update(
        discussion_ends_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    proposal.refresh_from_db()
    return proposal


def adopted_indicator(author, coordinator, **overrides):
    """An indicator adopted after supports from three structures."""
    proposal = in_discussion(author, coordinator, **overrides)
    for user, structure in people_of_new_structures(3):
        proposal_services.position_take(proposal=proposal, user=user, structure=structure, kind="support")
    return proposal_services.proposal_adopt(proposal=close_discussion(proposal), by=coordinator)


def campaign(indicators, structures, *, start=datetime.date(2026, 1, 1), label="T1 2026", open_now=True, by=None):
    today = timezone.localdate()
    opens_on = today - datetime.timedelta(days=5) if open_now else start + datetime.timedelta(days=95)
    deadline = today + datetime.timedelta(days=20) if open_now else start + datetime.timedelta(days=130)
    item = Campaign.objects.create(
        label=label,
        periodicity="quarterly",
        period_start=start,
        period_end=start + datetime.timedelta(days=89),
        opens_on=opens_on,
        deadline=deadline,
        opened_by=by,
    )
    item.indicators.set(indicators)
    item.structures.set(structures)
    return item


def report_with(campaign_, structure, values, *, status=Report.Status.VALIDATED):
    """A report with `values` {indicator: Decimal or (numerator, denominator)} in the given status."""
    report = Report.objects.create(
        campaign=campaign_,
        structure=structure,
        status=status,
        revision=1,
        submitted_at=timezone.now() if status in Report.SUBMITTED_STATUSES else None,
    )
    rows = []
    for indicator, value in values.items():
        version = indicator.current_version
        if isinstance(value, tuple):
            numerator, denominator = (Decimal(number) for number in value)
            ratio = numerator / denominator * (100 if version.is_percent else 1)
            rows.append(
                ReportValue(
                    report=report,
                    indicator=indicator,
                    version=version,
                    value=ratio,
                    numerator=numerator,
                    denominator=denominator,
                )
            )
        else:
            rows.append(ReportValue(report=report, indicator=indicator, version=version, value=Decimal(value)))
    ReportValue.objects.bulk_create(rows)
    if status == Report.Status.VALIDATED:
        summaries.refresh_campaign(campaign_)  # what report_validate does
    return report


def one_of_each(network):
    """At least one row of every indicators model (the admin test opens each change page)."""
    indicator = adopted_indicator(network.adviser, network.regional_coordinator)
    proposal = in_discussion(network.adviser, network.regional_coordinator, name="Autre indicateur")
    proposal_services.comment_add(proposal=proposal, author=network.referent, structure=network.structure, body="Oui")
    objection = proposal_services.position_take(
        proposal=proposal, user=network.other_adviser, structure=network.other_structure, kind="objection", reason="Non"
    )
    proposal_services.objection_answer(position=objection, author=network.adviser, body="Voici pourquoi.")
    item = campaign([indicator], [network.structure])
    report = report_with(item, network.structure, {indicator: 12})
    ReportEvent.objects.create(report=report, kind=ReportEvent.Kind.SAVED, by=network.referent)
    CampaignReopening.objects.create(
        campaign=item, structure=network.structure, until=TODAY(), reason="Oubli", by=network.regional_coordinator
    )
    ReminderSent.objects.create(campaign=item, structure=network.structure, kind=ReminderSent.Kind.WEEK_BEFORE)
    assert Position.objects.exists()
    return indicator
