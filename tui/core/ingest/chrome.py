"""Rules that mark page furniture: chrome lines, cookie banners, related links, menus, repeats."""

from __future__ import annotations

import re

import tui.core.ingest.furniture as fur
import tui.core.ingest.meta as meta
from tui.core.ingest.lines import Kind, Line, is_prose, word_count


def mark_furniture(lines: list[Line]) -> None:
    for line in lines:
        if line.kind is not Kind.TEXT or not line.vis:
            continue
        vis = line.vis
        why = ""
        if fur.is_furniture_line(vis):
            why = "chrome"
        elif fur.is_breadcrumb(vis):
            why = "breadcrumb"
        elif fur.is_appeal(vis):
            why = "appeal"
        elif fur.is_newsletter_prompt(vis):
            why = "newsletter"
        elif fur.is_disclaimer(vis):
            why = "disclaimer"
        if why:
            line.kind, line.why = Kind.DROP, why


def mark_cookie_banners(lines: list[Line]) -> None:
    """A consent banner: strong cookie lines, and the cookie talk and buttons next to them."""
    strength = [
        fur.cookie_strength(ln.vis) if ln.kind in (Kind.TEXT, Kind.DROP) else 0 for ln in lines
    ]
    for i, ln in enumerate(lines):
        if strength[i] == 2:
            ln.kind, ln.why = Kind.DROP, "cookies"
    changed = True
    while changed:
        changed = False
        for i, ln in enumerate(lines):
            if ln.kind is not Kind.TEXT or not (strength[i] == 1 or fur.is_banner_button(ln.vis)):
                continue
            if _next_to_cookies(lines, i):
                ln.kind, ln.why = Kind.DROP, "cookies"
                changed = True


def _next_to_cookies(lines: list[Line], i: int) -> bool:
    for step in (-1, 1):
        j = i + step
        blanks = 0
        while 0 <= j < len(lines) and lines[j].kind is Kind.BLANK and blanks < 2:
            j += step
            blanks += 1
        # Other furniture (a "Print" link) may sit between the article and the banner.
        if 0 <= j < len(lines) and lines[j].why == "cookies":
            return True
    return False


def mark_related(lines: list[Line]) -> None:
    """`Related Posts` and the list of links under it; at the tail, everything after it."""
    total = sum(word_count(ln.vis) for ln in lines if ln.kind is Kind.TEXT and is_prose(ln.vis))
    for i, ln in enumerate(lines):
        if ln.kind is not Kind.TEXT or not fur.is_related_heading(ln.vis):
            continue
        ln.kind, ln.why = Kind.DROP, "related"
        after = sum(
            word_count(x.vis) for x in lines[i + 1 :] if x.kind is Kind.TEXT and is_prose(x.vis)
        )
        at_tail = not re.match(r"^\W*read\b", ln.vis, re.I) and after <= 0.15 * total
        for x in lines[i + 1 :]:
            if x.kind is Kind.CODE:
                break
            if x.kind is not Kind.TEXT:
                continue
            if not at_tail and is_prose(x.vis):
                break
            x.kind, x.why = Kind.DROP, "related"


def mark_menus(lines: list[Line], header_end: int) -> None:
    """Menus: `A | B | C` lines anywhere, and runs of one-word entries above the article."""
    for ln in lines:
        if (
            ln.kind is Kind.TEXT
            and fur.is_menu_line(ln.vis)
            and not meta.byline(ln.vis, header=True)  # `By X · 2 October 2023 · 5 min read`
            and not meta.date_line(ln.vis)
        ):
            ln.kind, ln.why = Kind.DROP, "menu"
    run: list[int] = []  # menu entries still standing
    size = 0  # entries in the run, counting chrome already dropped ("Home", "Contact")

    def flush(after: int) -> None:
        # Three short lines in a row are a menu only with a sign of one: chrome already
        # dropped ("Home", "Skip to content") or a section name; a match sheet's "Ewood Park /
        # Tuesday, 1 March" is not.
        if size < 3 or not run:
            return
        if size == len(run) and not any(_is_nav(lines[j].vis) for j in run):
            return
        # The last short line right above the byline, the article or a picture is the title.
        nxt = next((x for x in lines[after:] if x.kind is not Kind.BLANK), None)
        if nxt is None or nxt.kind is Kind.META or is_prose(nxt.vis) or fur.is_credit(nxt.vis):
            run.pop()
        for j in run:
            lines[j].kind, lines[j].why = Kind.DROP, "menu"

    for i, ln in enumerate(lines[:header_end]):
        if ln.kind is Kind.BLANK:
            continue
        if ln.kind is Kind.DROP and ln.why in ("chrome", "menu", "breadcrumb"):
            size += 1
            continue
        if ln.kind is Kind.TEXT and fur.is_menu_item(ln.vis) and not ln.raw.startswith("#"):
            run.append(i)
            size += 1
            continue
        flush(i)
        run, size = [], 0
    flush(header_end)


_NAV_WORDS = re.compile(
    r"^(?:home|news|about|about us|contact|contact us|analys[ie]s|opinion|opinions|commentary|"
    r"regions?|topics?|publications?|research|reports?|experts?|events?|podcasts?|videos?|"
    r"multimedia|blog|blogs|projects?|programmes?|programs?|subscribe|donate|search|menu|login|"
    r"log in|sign in|shop|careers|jobs|team|our team|who we are|what we do|media|press|archive|"
    r"newsletters?|magazine|books|policy|politics|economy|security|world|europe|asia|africa|"
    r"americas|middle east|eurasia|russia|caucasus|central asia|energy|defence|defense|"
    r"society|culture|sport|business|technology|science|health|environment|latest|more)$",
    re.I,
)


def _is_nav(text: str) -> bool:
    return bool(_NAV_WORDS.match(text.strip()))


def collapse_repeats(lines: list[Line]) -> None:
    """A line that repeats the line before it (a title printed twice) is dropped."""
    previous: Line | None = None
    for ln in lines:
        if ln.kind is not Kind.TEXT:
            continue
        if previous is not None and fur.normalise(ln.vis) == fur.normalise(previous.vis) and ln.vis:
            ln.kind, ln.why = Kind.DROP, "repeat"
            continue
        previous = ln
