"""Counts, ratios and durations as the pages write them: the one place for plurals and number formats.

The templates use these as Jinja filters (`plural`, `ratio`, `duration`); the browser's scripts have
the same rules in `static/dom.js` (`plural`, `formatRatio`, `formatDuration`).
"""

from __future__ import annotations

import math

TIMES = "\N{MULTIPLICATION SIGN}"


def plural(count: int | float, noun: str, plural_noun: str | None = None) -> str:
    """'1 draft', '2 drafts', '0 drafts'; `plural_noun` for irregular nouns ('1 match', '2 matches')."""
    number = f"{count:,}" if isinstance(count, int) or float(count).is_integer() else f"{count:g}"
    if isinstance(count, float) and count.is_integer():
        number = f"{int(count):,}"
    return f"{number} {noun if count == 1 else plural_noun or noun + 's'}"


def ratio(value: float) -> str:
    """A speed ratio for people: 1.4, 12, 140 or 1,200 times (never '1.4e+02x')."""
    if not math.isfinite(value):
        return "—"
    if value >= 10:
        return f"{round(value):,}{TIMES}"
    text = f"{value:.2g}" if value < 1 else f"{value:.1f}".removesuffix(".0")
    return f"{text}{TIMES}"


def duration(seconds: float) -> str:
    """'45 s', '1 minute', '30 minutes', '1 h 30 min': whole units, singular when one."""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return plural(round(seconds), "second") if seconds >= 1 else f"{seconds:.2g} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return plural(minutes, "minute")
    hours, rest = divmod(minutes, 60)
    return plural(hours, "hour") if rest == 0 else f"{hours} h {rest} min"
