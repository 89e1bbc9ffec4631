"""The timing chart: a log-log SVG drawn on the server from the report's timing dict (no chart library)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

from app.wording import ratio as format_ratio

WIDTH, HEIGHT = 600, 300
LEFT, RIGHT, TOP, BOTTOM = 64, 150, 16, 44
SERIES = (  # key in the timing dict, legend label, CSS class
    ("candidate_seconds", "your code", "series-candidate"),
    ("reference_seconds", "reference", "series-reference"),
    ("naive_seconds", "naive loop", "series-naive"),
)


def _numbers(values: Any, count: int) -> list[float | None]:
    if not isinstance(values, Sequence) or isinstance(values, str):
        return [None] * count
    out: list[float | None] = []
    for value in list(values)[:count]:
        out.append(float(value) if isinstance(value, (int, float)) and value > 0 and math.isfinite(value) else None)
    return out + [None] * (count - len(out))


def format_seconds(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.3g} ms"
    return f"{seconds * 1e6:.3g} µs"


def _decades(low: float, high: float) -> list[int]:
    return list(range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1))


def _size_label(exponent: int) -> str:
    return f"10{''.join('⁰¹²³⁴⁵⁶⁷⁸⁹'[int(d)] if d.isdigit() else '⁻' for d in str(exponent))}"


def timing_chart(timing: dict[str, Any] | None) -> Markup | None:
    """An accessible SVG of seconds against input size, both on log scales; None without data."""
    if not timing:
        return None
    sizes = [s for s in _numbers(timing.get("sizes"), len(timing.get("sizes") or [])) if s is not None]
    if len(sizes) < 2:
        return None
    series = [(label, css, _numbers(timing.get(key), len(sizes))) for key, label, css in SERIES]
    values = [v for _, _, points in series for v in points if v is not None]
    if not values:
        return None
    x_decades = _decades(min(sizes), max(sizes))
    y_decades = _decades(min(values), max(values))
    x_low, x_high = 10.0 ** x_decades[0], 10.0 ** x_decades[-1]
    y_low, y_high = 10.0 ** y_decades[0], 10.0 ** y_decades[-1]
    if x_high == x_low:
        x_high *= 10
    if y_high == y_low:
        y_high *= 10
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(value: float) -> float:
        return LEFT + plot_w * (math.log10(value) - math.log10(x_low)) / (math.log10(x_high) - math.log10(x_low))

    def y(value: float) -> float:
        return TOP + plot_h * (1 - (math.log10(value) - math.log10(y_low)) / (math.log10(y_high) - math.log10(y_low)))

    parts = [
        f'<svg class="timing-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="timing-title timing-desc" xmlns="http://www.w3.org/2000/svg">',
        '<title id="timing-title">Run time against input size, log-log</title>',
        f'<desc id="timing-desc">{escape(" ".join(timing_sentences(timing)))}</desc>',
        f'<rect class="plot-bg" x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}"/>',
    ]
    for exponent in x_decades:
        px = x(10.0 ** exponent)
        parts.append(f'<line class="grid" x1="{px:.1f}" y1="{TOP}" x2="{px:.1f}" y2="{TOP + plot_h}"/>')
        parts.append(f'<text class="tick" x="{px:.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">'
                     f'{_size_label(exponent)}</text>')
    for exponent in y_decades:
        py = y(10.0 ** exponent)
        parts.append(f'<line class="grid" x1="{LEFT}" y1="{py:.1f}" x2="{LEFT + plot_w}" y2="{py:.1f}"/>')
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{py + 4:.1f}" text-anchor="end">'
                     f'{escape(format_seconds(10.0 ** exponent))}</text>')
    parts.append(f'<text class="axis-label" x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 6}" text-anchor="middle">'
                 'input size n (log scale)</text>')
    parts.append(f'<text class="axis-label" transform="translate(14 {TOP + plot_h / 2:.1f}) rotate(-90)" '
                 'text-anchor="middle">seconds (log)</text>')
    for index, (label, css, points) in enumerate(series):
        coords = [(x(size), y(value)) for size, value in zip(sizes, points, strict=True) if value is not None]
        if not coords:
            continue
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
        parts.append(f'<g class="series {css}"><polyline points="{path}"/>')
        for (px, py), size, value in zip(coords, [s for s, v in zip(sizes, points, strict=True) if v is not None],
                                         [v for v in points if v is not None], strict=True):
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5"><title>{escape(label)}: n = {size:,.0f}, '
                         f'{escape(format_seconds(value))}</title></circle>')
        legend_y = TOP + 14 + index * 20
        legend_x = LEFT + plot_w + 14
        parts.append(f'<line x1="{legend_x}" y1="{legend_y - 4}" x2="{legend_x + 22}" y2="{legend_y - 4}"/>'
                     f'<circle cx="{legend_x + 11}" cy="{legend_y - 4}" r="3.5"/>'
                     f'<text class="legend" x="{legend_x + 28}" y="{legend_y}">{escape(label)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))  # every interpolated text is escaped above


def timing_sentences(timing: dict[str, Any] | None) -> list[str]:
    """The chart in words: time at the largest size, ratio to the reference, speedup over the loop."""
    if not timing:
        return []
    sizes = _numbers(timing.get("sizes"), len(timing.get("sizes") or []))
    count = len(sizes)
    candidate = _numbers(timing.get("candidate_seconds"), count)
    ratio = _numbers(timing.get("ratio_to_reference"), count)
    speedup = _numbers(timing.get("speedup_vs_naive"), count)
    sentences = []
    for index in range(count - 1, -1, -1):
        size, seconds = sizes[index], candidate[index]
        if size is None or seconds is None:
            continue
        words = f"At n = {size:,.0f} your code took {format_seconds(seconds)}"
        if (times := ratio[index]) is not None:
            words += f", {format_ratio(times)} the reference's time"
        sentences.append(words + ".")
        break
    for index in range(count - 1, -1, -1):
        size, factor = sizes[index], speedup[index]
        if size is None or factor is None:
            continue
        if factor >= 1:
            sentences.append(f"At n = {size:,.0f} it is {format_ratio(factor)} faster than the naive Python loop.")
        else:
            sentences.append(f"At n = {size:,.0f} it is {format_ratio(1 / factor)} slower than the naive Python loop.")
        break
    growth = timing.get("growth_exponent")
    if isinstance(growth, (int, float)) and math.isfinite(growth):
        sentences.append(f"Its time grows like n^{growth:.2f} over these sizes.")
    return sentences
