"""A line chart drawn on the server as plain SVG geometry: no script and no style attribute (strict CSP)."""

from dataclasses import dataclass
from decimal import Decimal

from .formatting import french_number

WIDTH, HEIGHT = 520, 250
LEFT, RIGHT, TOP, BOTTOM = 84, 44, 16, 44
TICKS = 4


def svg(number):
    """A coordinate as SVG reads it: a dot, never the French decimal comma templates would write."""
    return f"{number:.1f}"


@dataclass(frozen=True)
class Dot:
    x: str
    y: str
    label: str
    text: str


@dataclass(frozen=True)
class Tick:
    position: str
    text: str
    minor: bool = False  # hidden on a phone, where every other label would overlap


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    line: str  # the polyline's points, "x,y x,y …"
    dots: list
    y_ticks: list
    x_ticks: list
    target_y: str | None
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom: int = HEIGHT - BOTTOM


def _nice_max(value):
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1) if value >= 1 else Decimal("0.1")
    for step in (1, 2, 2.5, 5, 10):
        candidate = magnitude * Decimal(str(step))
        if candidate >= value:
            return candidate
    return magnitude * 10


def line_chart(points, *, target=None, text=french_number):
    """`points`: (label, value or None) in time order; a hidden or missing value leaves a gap in the dots."""
    known = [value for _, value in points if value is not None]
    top_value = max([*known, target or 0, Decimal(0)])
    scale_max = _nice_max(Decimal(top_value) * Decimal("1.05") if top_value else Decimal(0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)

    def y_of(value):
        return svg(TOP + plot_h - float(Decimal(value) / scale_max) * plot_h)

    dots, x_positions = [], []
    label_every = max(1, len(points) // 8)  # at most about eight labels under the axis
    for index, (label, value) in enumerate(points):
        x = svg(LEFT + index * step if len(points) > 1 else LEFT + plot_w / 2)
        if index % label_every == 0 or index == len(points) - 1:
            x_positions.append((x, label))
        if value is not None:
            dots.append(Dot(x, y_of(value), label, text(value)))
    # Counted from the latest period, which is always labelled: on a phone every other label is hidden.
    x_ticks = [
        Tick(x, label, minor=(len(x_positions) - 1 - index) % 2 == 1) for index, (x, label) in enumerate(x_positions)
    ]
    y_ticks = [Tick(y_of(scale_max * i / TICKS), text(scale_max * i / TICKS)) for i in range(TICKS + 1)]
    return LineChart(
        width=WIDTH,
        height=HEIGHT,
        line=" ".join(f"{dot.x},{dot.y}" for dot in dots),
        dots=dots,
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        target_y=y_of(target) if target is not None else None,
    )
