"""The CSV rows of a dashboard: built from the page itself, so an export never shows more than the page."""

from .formatting import SECRET, csv_number


def dashboard_rows(page):
    unit = page.version.get_unit_display()
    rows = []
    for period in page.periods:
        value = SECRET if period.hidden else csv_number(period.value)
        rows.append(["Réseau", period.label, "Tout le réseau", period.count, value, unit])
    if page.selected:
        for breakdown, part in ((page.by_territory, "Par territoire"), (page.by_type, "Par type de structure")):
            for cell in breakdown.cells:
                count = "" if cell.hidden else cell.count
                rows.append(
                    [
                        part,
                        page.selected.label,
                        cell.label,
                        count,
                        SECRET if cell.hidden else csv_number(cell.value),
                        unit,
                    ]
                )
    if page.own_structure is not None:
        for period in page.periods:
            if period.own is not None:
                rows.append(["Ma structure", period.label, page.own_structure.name, 1, csv_number(period.own), unit])
    for value in page.structure_rows:
        structure = value.report.structure
        rows.append(["Par structure", page.selected.label, structure.name, 1, csv_number(value.value), unit])
    return rows
