"""The statistics as plain SVG charts: bars (a line over months), axes, labels, a title; no
script. Built with xml.etree, which escapes every label (organisation names, specialties)
as XML text or attribute: no user text is ever pasted into markup.

Each bar (or point) carries `data-label` and `data-value`, so a reader (or a test) can
check the picture against the JSON it was drawn from.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass

MEDIA_TYPE = "image/svg+xml"
SVG = "http://www.w3.org/2000/svg"
ET.register_namespace("", SVG)

WIDTH, HEIGHT = 880, 460
LEFT, RIGHT, TOP, BOTTOM = 70, 30, 60, 130
COLOURS = ("#2b6cb0", "#dd6b20", "#805ad5", "#38a169")
STYLE = (
    "text{font-family:sans-serif;font-size:12px;fill:#1a202c}"
    ".title{font-size:16px;font-weight:bold}"
    ".axis{stroke:#4a5568;stroke-width:1}"
    ".grid{stroke:#e2e8f0;stroke-width:1}"
    ".suppressed{fill:#718096;font-style:italic}"
)


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int | float | None]  # None: suppressed, drawn as no bar


def _tag(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(
        parent, f"{{{SVG}}}{name}", {k.replace("_", "-"): str(v) for k, v in attributes.items()}
    )
    if text is not None:
        element.text = text
    return element


def _nice_top(largest: float) -> float:
    if largest <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(largest))
    for step in (1, 2, 2.5, 5, 10):
        if largest <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return f"{value:g}"


def chart(title: str, labels: list[str], series: list[Series], *, line: bool = False) -> bytes:
    """A bar chart (grouped when there are several series), or a line chart."""
    root = ET.Element(
        f"{{{SVG}}}svg",
        {
            "width": str(WIDTH),
            "height": str(HEIGHT),
            "viewBox": f"0 0 {WIDTH} {HEIGHT}",
            "role": "img",
            "aria-labelledby": "chart-title",
        },
    )
    _tag(root, "title", title, id="chart-title")
    _tag(root, "style", STYLE)
    _tag(root, "text", title, x=LEFT, y=28, **{"class": "title"})
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    values = [v for s in series for v in s.values if v is not None]
    top = _nice_top(max(values, default=0))
    base = TOP + plot_height

    def y_of(value: float) -> float:
        return base - plot_height * value / top

    axes = _tag(root, "g", **{"class": "axes"})
    for tick in range(5):
        value = top * tick / 4
        y = round(y_of(value), 1)
        _tag(axes, "line", x1=LEFT, x2=LEFT + plot_width, y1=y, y2=y, **{"class": "grid"})
        _tag(axes, "text", _number(value), x=LEFT - 8, y=y + 4, text_anchor="end")
    _tag(axes, "line", x1=LEFT, x2=LEFT, y1=TOP, y2=base, **{"class": "axis"})
    _tag(axes, "line", x1=LEFT, x2=LEFT + plot_width, y1=base, y2=base, **{"class": "axis"})

    slot = plot_width / max(len(labels), 1)
    marks = _tag(root, "g", **{"class": "marks"})
    for index, label in enumerate(labels):
        centre = LEFT + slot * (index + 0.5)
        x_label = _tag(
            marks,
            "text",
            label,
            x=round(centre, 1),
            y=base + 14,
            text_anchor="end",
            transform=f"rotate(-35 {round(centre, 1)} {base + 14})",
            **{"class": "x-label"},
        )
        x_label.set("data-index", str(index))
    if line:
        for number, one in enumerate(series):
            colour = COLOURS[number % len(COLOURS)]
            points = [
                (LEFT + slot * (index + 0.5), y_of(value))
                for index, value in enumerate(one.values)
                if value is not None
            ]
            _tag(
                marks,
                "polyline",
                points=" ".join(f"{x:.1f},{y:.1f}" for x, y in points),
                fill="none",
                stroke=colour,
                stroke_width=2,
            )
            for index, value in enumerate(one.values):
                _mark(
                    marks,
                    "circle",
                    labels[index],
                    one.name,
                    value,
                    colour,
                    cx=round(LEFT + slot * (index + 0.5), 1),
                    cy=round(y_of(value or 0), 1),
                    r=4,
                )
    else:
        width = slot * 0.8 / max(len(series), 1)
        for number, one in enumerate(series):
            colour = COLOURS[number % len(COLOURS)]
            for index, value in enumerate(one.values):
                x = LEFT + slot * index + slot * 0.1 + width * number
                height = 0 if value is None else base - y_of(value)
                _mark(
                    marks,
                    "rect",
                    labels[index],
                    one.name,
                    value,
                    colour,
                    x=round(x, 1),
                    y=round(base - height, 1),
                    width=round(width, 1),
                    height=round(height, 1),
                )
                _tag(
                    marks,
                    "text",
                    "suppressed" if value is None else _number(value),
                    x=round(x + width / 2, 1),
                    y=round(base - height - 4, 1),
                    text_anchor="middle",
                    **{"class": "suppressed" if value is None else "value"},
                )
    if len(series) > 1:
        legend = _tag(root, "g", **{"class": "legend"})
        for number, one in enumerate(series):
            x = LEFT + 180 * number
            _tag(
                legend,
                "rect",
                x=x,
                y=HEIGHT - 22,
                width=12,
                height=12,
                fill=COLOURS[number % len(COLOURS)],
            )
            _tag(legend, "text", one.name, x=x + 18, y=HEIGHT - 12)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _mark(parent, shape: str, label: str, series: str, value, colour: str, **geometry) -> None:
    mark = _tag(parent, shape, fill=colour, **geometry, **{"class": "mark"})
    mark.set("data-label", label)
    mark.set("data-series", series)
    mark.set("data-value", "suppressed" if value is None else _number(value))
    _tag(mark, "title", f"{label}: {'suppressed' if value is None else _number(value)}")
