"""The geometry of the dashboard's charts, worked out on the server so that the page draws them
as plain SVG: no script, nothing fetched from elsewhere, the same picture in every browser.

Every coordinate is a whole number of pixels, so that the template writes it as it is (a
float could be localised with a decimal comma).
"""

from dataclasses import dataclass

WIDTH = 640

# Bar charts: one row a bar, its label on the left, its count after the bar.
LABEL_WIDTH = 230
COUNT_WIDTH = 60
ROW_HEIGHT = 26
BAR_HEIGHT = 18
LABEL_CHARACTERS = 34

# The line chart: the plot inside margins that hold the axes' labels.
LINE_HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 48, 16, 16, 40


@dataclass(frozen=True)
class Bar:
    label: str
    full_label: str
    count: int
    y: int
    text_y: int
    width: int
    count_x: int


@dataclass(frozen=True)
class BarChart:
    bars: list
    width: int
    height: int
    label_x: int
    bar_x: int
    bar_height: int


@dataclass(frozen=True)
class Point:
    day: object
    count: int
    x: int
    y: int


@dataclass(frozen=True)
class Tick:
    text: str
    x: int
    y: int
    anchor: str = "end"


@dataclass(frozen=True)
class LineChart:
    points: list
    polyline: str
    y_ticks: list
    x_ticks: list
    width: int
    height: int
    plot_left: int
    plot_right: int
    plot_bottom: int


def bar_chart(rows, *, label):
    """Horizontal bars for ranked rows (`{label: ..., "count": n}`), the longest for the
    largest count."""
    largest = max((row["count"] for row in rows), default=0)
    span = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    bars = []
    for index, row in enumerate(rows):
        width = max(1, round(row["count"] * span / largest))
        y = index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) // 2
        bars.append(
            Bar(
                label=_shortened(row[label]),
                full_label=row[label],
                count=row["count"],
                y=y,
                text_y=y + BAR_HEIGHT - 5,
                width=width,
                count_x=LABEL_WIDTH + width + 6,
            )
        )
    return BarChart(
        bars=bars,
        width=WIDTH,
        height=max(len(rows), 1) * ROW_HEIGHT,
        label_x=LABEL_WIDTH - 8,
        bar_x=LABEL_WIDTH,
        bar_height=BAR_HEIGHT,
    )


def line_chart(rows):
    """A line through the counts of consecutive days (`{"day": date, "count": n}`), from 0 at
    the bottom to the largest count at the top, with its first, middle and last day named."""
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = LINE_HEIGHT - TOP - BOTTOM
    bottom = TOP + plot_height
    largest = max((row["count"] for row in rows), default=0)
    scale = max(largest, 1)

    points = []
    for index, row in enumerate(rows):
        if len(rows) > 1:
            x = LEFT + round(index * plot_width / (len(rows) - 1))
        else:
            x = LEFT + plot_width // 2
        y = bottom - round(row["count"] * plot_height / scale)
        points.append(Point(day=row["day"], count=row["count"], x=x, y=y))

    y_values = sorted({0, largest // 2, largest})
    y_ticks = [
        Tick(str(value), LEFT - 6, bottom - round(value * plot_height / scale))
        for value in y_values
    ]
    named = sorted({0, len(points) // 2, len(points) - 1}) if points else []
    x_ticks = [
        Tick(points[i].day.isoformat(), points[i].x, bottom + 20, _anchor(i, len(points)))
        for i in named
    ]
    return LineChart(
        points=points,
        polyline=" ".join(f"{point.x},{point.y}" for point in points),
        y_ticks=y_ticks,
        x_ticks=x_ticks,
        width=WIDTH,
        height=LINE_HEIGHT,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=bottom,
    )


def _anchor(index, count):
    """Day labels stay inside the chart: the first starts at its point, the last ends there."""
    if count == 1 or 0 < index < count - 1:
        return "middle"
    return "start" if index == 0 else "end"


def _shortened(text):
    if len(text) <= LABEL_CHARACTERS:
        return text
    return text[: LABEL_CHARACTERS - 1] + "\u2026"
