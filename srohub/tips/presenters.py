"""What the tip pages show beyond records: the measures' plots."""

from django.utils.translation import gettext as _

from srohub.core.plots import BLUE, ORANGE, RED, Chart, Series, bar_chart


def measure_charts(months: list[dict]) -> list[Chart]:
    """Per month (the months of ``selectors.tip_measures_with_months``): tips received, life-safety ones stacked on the
    others, and the minutes to acknowledge (median and 90th percentile). None without tips."""
    if not months:
        return []
    labels = [row["month"] for row in months]
    received = bar_chart(
        title=_("Tips received per month"),
        categories=labels,
        series=[
            Series(_("Other tips"), [row["received"] - row["life_safety"] for row in months], BLUE),
            Series(_("Life safety"), [row["life_safety"] for row in months], RED),
        ],
        stacked=True,
    )
    waits = bar_chart(
        title=_("Minutes to acknowledge per month"),
        categories=labels,
        series=[
            Series(_("Median"), [row["acknowledge_minutes_median"] for row in months], BLUE),
            Series(_("90th percentile"), [row["acknowledge_minutes_p90"] for row in months], ORANGE),
        ],
    )
    return [received, waits]
