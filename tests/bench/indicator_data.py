"""The indicators' share of the load run (see loadkit.py): the data comes from `seed_demo --scale`, which at the
bench scale creates 40 indicators, two years of campaigns (24 months, 8 quarters) and their values for every
labelled structure; this module checks it is there and names the pages.

Pages: one indicator's dashboard (several indicators, monthly and quarterly, sums, means and ratios), a campaign's
completeness page (the coordinator's view, with every structure's status) and a referent's data-entry form.
"""

from indicators.demo.seed import BENCH_INDICATORS, BENCH_SCALE
from indicators.models import Campaign, Indicator, PeriodFigures, Periodicity, Report, ReportValue
from members.demo.network import DEMO_PASSWORD
from tests.bench.dbstats import analyze
from tests.bench.loadkit import LoadPage

REFERENT = "referent@demo.spro.fr"  # referent of the CIO de Brest, a demo account (password DEMO_PASSWORD)
COORDINATOR = "coordination@demo.spro.fr"
DASHBOARDS = 8


def ensure_loaded(log):
    """Nothing to load: seed_demo did it. Says what is there, and warns when it is short of the bench data set."""
    indicators = Indicator.objects.count()
    values = ReportValue.objects.count()
    campaigns = Campaign.objects.count()
    analyze(Campaign, Report, ReportValue, PeriodFigures)
    log(f"Indicateurs : {indicators} indicateurs, {campaigns} campagnes, {values} valeurs (créés par seed_demo)")
    if indicators < BENCH_INDICATORS:
        log(
            f"  attention : moins de {BENCH_INDICATORS} indicateurs ; "
            f"lancer `seed_demo --scale {BENCH_SCALE:g}` sur une base vide pour le jeu de données du banc"
        )


def _indicators():
    """Indicators of each periodicity, calculation and aggregation, in a fixed order."""
    indicators = list(Indicator.objects.select_related("current_version").order_by("pk"))
    picked, seen = [], set()
    for indicator in indicators:
        version = indicator.current_version
        kind = (version.periodicity, version.calculation, version.aggregation, version.unit)
        if kind not in seen:
            seen.add(kind)
            picked.append(indicator)
    picked += [indicator for indicator in indicators if indicator not in picked]
    return picked[:DASHBOARDS]


def load_pages():
    dashboards = tuple(f"/indicateurs/{indicator.slug}/" for indicator in _indicators())
    latest = {
        periodicity: list(Campaign.objects.filter(periodicity=periodicity).order_by("-period_start")[:3])
        for periodicity in (Periodicity.MONTHLY, Periodicity.QUARTERLY)
    }
    campaigns = [campaign for series in latest.values() for campaign in series]
    # The current campaigns (still open: the form) and the one before each (read-only, already validated).
    forms = [campaign for series in latest.values() for campaign in series[:2]]
    return [
        LoadPage("indicator_dashboard", dashboards, REFERENT, DEMO_PASSWORD),
        LoadPage(
            "campaign_completeness",
            tuple(f"/indicateurs/campagnes/{campaign.pk}/" for campaign in campaigns),
            COORDINATOR,
            DEMO_PASSWORD,
        ),
        LoadPage(
            "report_form",
            tuple(f"/indicateurs/campagnes/{campaign.pk}/structures/cio-de-brest/" for campaign in forms),
            REFERENT,
            DEMO_PASSWORD,
        ),
    ]
