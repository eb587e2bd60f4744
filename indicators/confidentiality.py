"""Secret statistique: no figure shown to a member may let them work out the value of fewer than 3 structures.

A table's cells are aggregates over groups of structures. A cell over fewer than MIN_STRUCTURES is hidden; and
because hiding one cell is useless when it can be recovered by subtraction, more cells are hidden until:
- within one breakdown (the cells partition the shown total), the hidden cells together cover at least
  MIN_STRUCTURES structures and there are at least two of them (total − shown cells = the hidden ones);
- across two breakdowns of the same total (by territory and by type), no group that can be read or derived
  from one contains a group of the other with fewer than MIN_STRUCTURES structures left over (a type whose
  structures all sit in one territory would otherwise give territory − type).
Only counts of structures are needed, so the function is pure and tested on its own.
"""

from dataclasses import dataclass, field

MIN_STRUCTURES = 3


@dataclass
class Cell:
    key: object
    label: str
    count: int  # structures the aggregate is over
    value: object = None
    hidden: bool = False


@dataclass
class Breakdown:
    name: str
    cells: list = field(default_factory=list)


def is_secret(count):
    return count < MIN_STRUCTURES


def _hide_within(cells):
    """Hide small cells, then the smallest others until the hidden ones can't be told apart. True if it changed."""
    changed = False
    for cell in cells:
        if not cell.hidden and is_secret(cell.count):
            cell.hidden = changed = True
    while True:
        hidden = [cell for cell in cells if cell.hidden]
        shown = sorted((cell for cell in cells if not cell.hidden), key=lambda cell: cell.count)
        if not hidden or not shown:
            return changed
        if len(hidden) > 1 and not is_secret(sum(cell.count for cell in hidden)):
            return changed
        shown[0].hidden = changed = True


def _readable_groups(breakdown):
    """The sets of cell keys whose aggregate a reader gets: each shown cell, and all the hidden ones together."""
    groups = [frozenset([cell.key]) for cell in breakdown.cells if not cell.hidden]
    hidden = frozenset(cell.key for cell in breakdown.cells if cell.hidden)
    if hidden:
        groups.append(hidden)
    return groups


def apply_secret(total_count, first, second=None, crossed=None):
    """Mark hidden cells in one or two breakdowns of the same total. `crossed[(first key, second key)]` counts the
    structures in both (needed with two breakdowns). Returns whether the total itself must be hidden."""
    if is_secret(total_count):
        for breakdown in (first, second):
            for cell in breakdown.cells if breakdown else []:
                cell.hidden = True
        return True
    _hide_within(first.cells)
    if second is None:
        return False
    _hide_within(second.cells)
    crossed = crossed or {}
    sizes = {
        0: {cell.key: cell.count for cell in first.cells},
        1: {cell.key: cell.count for cell in second.cells},
    }
    cells = {0: {cell.key: cell for cell in first.cells}, 1: {cell.key: cell for cell in second.cells}}
    while True:
        leak = _find_leak(first, second, crossed, sizes)
        if leak is None:
            return False
        side, key = leak
        cells[side][key].hidden = True
        _hide_within((first, second)[side].cells)


def _find_leak(first, second, crossed, sizes):
    """A shown cell that is nested in a readable group of the other breakdown with < MIN_STRUCTURES left over."""
    first_groups, second_groups = _readable_groups(first), _readable_groups(second)
    for a in first_groups:
        size_a = sum(sizes[0][key] for key in a)
        for b in second_groups:
            size_b = sum(sizes[1][key] for key in b)
            both = sum(crossed.get((x, y), 0) for x in a for y in b)
            for inner, inner_size, outer_size, side in ((b, size_b, size_a, 1), (a, size_a, size_b, 0)):
                if both == inner_size and 0 < outer_size - inner_size < MIN_STRUCTURES:
                    return _cell_to_hide(side, inner, a if side == 1 else b, first, second)
    return None


def _cell_to_hide(side, inner, outer, first, second):
    """Hide the inner group if it is one shown cell, else the outer one; a group of hidden cells stays hidden."""
    breakdowns = (first, second)
    for this_side, group in ((side, inner), (1 - side, outer)):
        if len(group) == 1:
            (key,) = group
            cell = next(cell for cell in breakdowns[this_side].cells if cell.key == key)
            if not cell.hidden:
                return this_side, key
    # Both are unions of hidden cells: hide the smallest shown cell of the inner side's breakdown.
    shown = sorted((c for c in breakdowns[side].cells if not c.hidden), key=lambda c: c.count)
    if shown:
        return side, shown[0].key
    shown = sorted((c for c in breakdowns[1 - side].cells if not c.hidden), key=lambda c: c.count)
    return 1 - side, shown[0].key


COMPLETENESS_COUNTS = ("structures", "submitted", "on_time", "validated", "returned")


def completeness_shown(rows, *, sees_every_territory):
    """The completeness rows (`services.campaigns.completeness_by_territory`) a reader may see. A coordinator sees
    every territory. Anyone else never reads a row over fewer than MIN_STRUCTURES structures — one structure's
    territory would tell whether that structure reported: such territories are added up in one row « Autres
    territoires », with the smallest others until it holds MIN_STRUCTURES, so that no row can be worked out from
    the total either. Fewer structures than that in the whole campaign: the one row is marked `secret`."""
    if sees_every_territory:
        return rows
    kept = [row for row in rows if not is_secret(row["structures"])]
    small = [row for row in rows if is_secret(row["structures"])]
    if not small:
        return rows
    while is_secret(sum(row["structures"] for row in small)) and kept:
        smallest = min(kept, key=lambda row: row["structures"])
        kept.remove(smallest)
        small.append(smallest)
    names = ", ".join(sorted(row["territory__name"] for row in small))
    other = {"territory_id": None, "territory__name": f"Autres territoires ({names})"}
    for name in COMPLETENESS_COUNTS:
        other[name] = sum(row.get(name, 0) for row in small)
    if "share" in small[0]:
        other["share"] = round(100 * other["submitted"] / other["structures"]) if other["structures"] else 0
    other["secret"] = is_secret(other["structures"])
    return [*kept, other]
