"""From a capture's text to a clean brief body: furniture out, metadata lifted, paragraphs shaped.

The text is cut into lines and each line gets a kind; rules then look at a line and its
neighbours (a cookie banner is a run of lines, a caption is a label over a credit line, a menu is a
run of one-word lines above the title). Only what is left as article text reaches the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

from tui.core import furniture as fur
from tui.core import ingest_meta as meta


class Kind(Enum):
    TEXT = "text"
    BLANK = "blank"
    DROP = "drop"  # page furniture
    META = "meta"  # lifted into the front matter
    TITLE = "title"
    CAPTION = "caption"
    CODE = "code"  # inside a fenced code block of a Markdown capture: never touched


@dataclass
class Line:
    raw: str  # the text that goes to the body
    vis: str  # the visible words, for judging (Markdown links and emphasis stripped)
    block: int  # lines of one block are not separated by a blank line
    kind: Kind = Kind.TEXT
    why: str = ""  # what rule decided the kind; shown by tests and debugging
    label: str | None = None  # a caption's label line, merged into it


@dataclass
class Cleaned:
    body: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    removed: list[str] = field(default_factory=list)  # one entry per dropped line: "why: text"


_HEADING_WORDS = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:introduction|background|summary|executive\s+summary|key\s+(?:points|findings|"
    r"takeaways)|conclusions?|analysis|overview|context|outlook|recommendations|abstract|"
    r"assessment|scenarios?|implications|forecast|what\s+next|notes?|references|sources|highlights|"
    r"key\s+messages|main\s+points|in\s+brief|at\s+a\s+glance|situation\s+overview|methodology)\b",
    re.I,
)
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "as", "of", "to", "in", "on", "at", "by", "for", "with",
     "from", "that", "which", "who", "is", "are", "was", "were", "be", "has", "have", "had", "its",
     "their", "his", "her", "this", "these", "than", "into", "if", "while", "after", "before"}
)  # fmt: skip
_BULLET = re.compile(r"^(?:[•●▪◦·‣∙]|[-–—*+])\s+")
_NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
_SETEXT = re.compile(r"^\s{0,3}(?:(=+)|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|(?:>\s?)+|[-*+]\s+|\d{1,3}[.)]\s+)")
# No opening delimiter inside a match: otherwise a line of 20,000 '[' (or '<http://') is scanned
# to its end from every position, which took seconds (quadratic).
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MD_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|`+")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SENTENCE_END = (".", "!", "?", "…", '."', ".”", "?”", "!”", ".’", ")", '".', "”.", ":", ";")


def visible(line: str) -> str:
    """The words of a Markdown line as a reader sees them."""
    text = _MD_PREFIX.sub("", line)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    return " ".join(text.split())


def word_count(text: str) -> int:
    return fur.count_words(text)


def is_prose(text: str) -> bool:
    """A sentence-bearing paragraph, as opposed to a label, a title or a menu entry."""
    count = word_count(text)
    return count >= 20 or (count >= 8 and text.rstrip().endswith(_SENTENCE_END))


def is_title_like(text: str) -> bool:
    count = word_count(text)
    if count == 0 or count > 30 or len(text) > 250 or fur.is_credit(text):
        return False
    return not (text.rstrip().endswith(".") and count > 15)


def is_heading_like(text: str) -> bool:
    """A short standalone line that names a section: no sentence punctuation, capitalised."""
    stripped = text.strip()
    count = word_count(stripped)
    if not 1 <= count <= 12 or len(stripped) > 100 or fur.is_credit(stripped):
        return False
    bare = stripped.rstrip("\"”’')]")
    if bare.endswith((".", ",", ";", ":", "!", "…")) and not _NUMBERED.fullmatch(bare + " "):
        return False
    last = fur.words(stripped.lower())[-1:]
    if last and last[0] in _FUNCTION_WORDS:
        return False  # a line broken mid-sentence ("... went to form in Sheffield as")
    if stripped.endswith("?") and count > 10:
        return False
    if meta.date_line(stripped):
        return False
    if _BULLET.match(stripped) or stripped.startswith(("http://", "https://", "#", ">", "|")):
        return False
    first = stripped.lstrip("“\"'‘(0123456789.) ")
    return bool(first) and (first[0].isupper() or not first[0].isalpha())


# --- the pipeline --------------------------------------------------------------------------


def clean_text(text: str, *, markdown: bool, title: str | None = None) -> Cleaned:
    """Clean the text of a capture (already decoded and scrubbed).

    With `markdown`, the text keeps its own structure (headings, lists, code); otherwise each line
    of a web capture is a paragraph, short standalone lines become `##` headings, hard-wrapped
    text is reflowed, and bullets become Markdown lists. `title`, when the caller knows it (front
    matter, HTML metadata), is used instead of a title line, whose repeat is then removed.
    """
    lines = _split(text, markdown=markdown)
    if not markdown:
        lines = _reflow(lines)
    out = Cleaned(body="", title=title)
    _mark_furniture(lines)
    _mark_cookie_banners(lines)
    _mark_related(lines)
    header_end, trailer_start, meta_end = _regions(lines)
    _mark_menus(lines, header_end)
    _mark_labelled_fields(lines, meta_end)
    _mark_metadata(lines, out, meta_end, trailer_start)
    _collapse_repeats(lines)
    _mark_title(lines, out, header_end, markdown=markdown)
    _mark_captions(lines)
    out.removed = [f"{ln.why}: {ln.raw}" for ln in lines if ln.kind is Kind.DROP]
    out.body = _assemble_markdown(lines) if markdown else _assemble_text(lines)
    return out


def _split(text: str, *, markdown: bool) -> list[Line]:
    lines: list[Line] = []
    block = 0
    fence: str | None = None
    for raw in text.split("\n"):
        if markdown and (fence or _FENCE.match(raw)):
            match = _FENCE.match(raw)
            if match and fence is None:
                fence = match.group(1)
            elif match and raw.strip().startswith(fence or "```"):
                fence = None
            lines.append(Line(raw.rstrip(), "", block, Kind.CODE))
            continue
        if not raw.strip():
            if lines and lines[-1].kind is not Kind.BLANK:
                block += 1
            lines.append(Line("", "", block, Kind.BLANK))
            continue
        if markdown:
            stripped = raw.rstrip()
            prev = lines[-1] if lines else None
            underline = _SETEXT.match(stripped)
            if underline and prev is not None and prev.kind is Kind.TEXT and prev.block == block:
                # `Title` over `=====` is a heading: written the ATX way, one line to judge.
                prev.raw = ("# " if underline.group(1) else "## ") + prev.raw.lstrip()
                continue
            lines.append(Line(stripped, visible(stripped), block))
        else:
            clean = " ".join(raw.split())
            lines.append(Line(clean, clean, block))
    return lines


def _reflow(lines: list[Line]) -> list[Line]:
    """Join hard-wrapped lines (every line shorter than ~100 characters, many near one width)."""
    lengths = [len(ln.raw) for ln in lines if ln.kind is Kind.TEXT]
    if not lengths or max(lengths) > 100 or sum(1 for n in lengths if n >= 60) < 3:
        return lines
    width = max(lengths)
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and line.kind is Kind.TEXT
            and prev.kind is Kind.TEXT
            and prev.block == line.block
            and len(prev.raw.split("\n")[-1]) >= 0.6 * width
            and not _BULLET.match(line.raw)
            and not _NUMBERED.match(line.raw)
        ):
            joined = prev.raw + " " + line.raw
            out[-1] = Line(joined, joined, prev.block)
            continue
        out.append(line)
    return out


def _text_lines(lines: list[Line]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.kind is Kind.TEXT]


def _mark_furniture(lines: list[Line]) -> None:
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


def _mark_cookie_banners(lines: list[Line]) -> None:
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


def _mark_related(lines: list[Line]) -> None:
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


def _regions(lines: list[Line]) -> tuple[int, int, int]:
    """Where the header ends (first prose line), the trailer starts (after the last prose line),
    and the zone where bylines and dates are still looked for ends (the second prose line: a
    standfirst often sits above the byline)."""
    prose = [
        i for i in _text_lines(lines) if is_prose(lines[i].vis) and not fur.is_credit(lines[i].vis)
    ]
    if not prose:
        return len(lines), len(lines), len(lines)
    return prose[0], prose[-1] + 1, prose[1] if len(prose) > 1 else len(lines)


_FIELD_LABELS = {
    "source": "Source",
    "publisher": "Source",
    "published by": "Source",
    "organization": "Source",
    "organisation": "Source",
    "author": "Author",
    "authors": "Author",
    "written by": "Author",
    "by": "Author",
    "posted": "Published",
    "published": "Published",
    "date": "Published",
    "publication date": "Published",
    "originally published": "Published",
    "updated": "Updated",
    "last updated": "Updated",
    "url": "URL",
    "link": "URL",
}
_LABELS_TO_DROP = frozenset(
    {"format", "origin", "language", "languages", "theme", "themes", "country", "countries",
     "region", "regions", "content type", "type", "document type", "attachments", "topics",
     "tags", "keywords", "disaster", "disasters", "categories", "category", "series", "pages",
     "length", "file size", "download", "downloads", "share"}
)  # fmt: skip


def _mark_labelled_fields(lines: list[Line], meta_end: int) -> None:
    """Page metadata laid out as label and value on two lines (`Source` / `UNHCR`).

    Known labels are rewritten as one `Label: value` line for the metadata rules; labels of
    fields briefs does not keep (format, language, theme...) go, with their value.
    """
    for here in _text_lines(lines[:meta_end]):
        label = lines[here]
        name = fur.normalise(label.vis)
        if label.kind is not Kind.TEXT or not (name in _FIELD_LABELS or name in _LABELS_TO_DROP):
            continue
        after = next(
            (j for j in range(here + 1, meta_end) if lines[j].kind is not Kind.BLANK), None
        )
        if after is None:
            continue
        value = lines[after]
        if value.kind is Kind.DROP and name in _LABELS_TO_DROP:
            label.kind, label.why = Kind.DROP, "field label"  # its value was chrome already
            continue
        if value.kind is not Kind.TEXT or fur.count_words(value.vis) > 8:
            continue
        if name in _FIELD_LABELS:
            joined = f"{_FIELD_LABELS[name]}: {value.vis}"
            value.raw = value.vis = joined
            label.kind, label.why = Kind.DROP, "field label"
        else:
            label.kind, label.why = Kind.DROP, "field label"
            value.kind, value.why = Kind.DROP, f"{name} field"


def _mark_metadata(lines: list[Line], out: Cleaned, header_end: int, trailer_start: int) -> None:
    found: dict[str, object] = {}
    publisher_hints: list[tuple[int, str]] = []  # (rank, name): lower rank wins
    for i, ln in enumerate(lines):
        if ln.kind not in (Kind.TEXT, Kind.DROP) or not ln.vis:
            continue
        vis = ln.vis
        in_header, in_trailer = i < header_end, i >= trailer_start
        if ln.kind is Kind.DROP:
            name = meta.appeal_publisher(vis) if ln.why == "appeal" else None
            if name:
                publisher_hints.append((2, name))
            continue
        holder = meta.copyright_holder(vis)
        if holder is not None:
            ln.kind, ln.why = Kind.META, "copyright"
            if holder:
                publisher_hints.append((1, holder))
            continue
        periodical = meta.issn_periodical(vis)
        if periodical is not None:
            ln.kind, ln.why = Kind.META, "issn"
            if periodical:
                publisher_hints.append((3, periodical))
            continue
        if not (in_header or in_trailer):
            continue
        byline = meta.byline(vis, header=in_header)
        if byline and "author" not in found:
            found["author"] = byline.author
            if byline.date and "published" not in found:
                found["published"] = byline.date
            ln.kind, ln.why = Kind.META, "byline"
            continue
        dated = meta.date_line(vis)
        if dated:
            key = "updated" if dated.updated else "published"
            found.setdefault(key, dated.date)
            ln.kind, ln.why = Kind.META, "date"
            continue
        src = meta.source_line(vis)
        if src:
            if src.source:
                publisher_hints.append((0, src.source))
            if src.url:
                found.setdefault("url", src.url)
            ln.kind, ln.why = Kind.META, "source"
    out.author = out.author or _str(found.get("author"))
    published = found.get("published") or found.get("updated")
    if isinstance(published, dt.date):
        out.published = published
    out.url = out.url or _str(found.get("url"))
    if publisher_hints:
        out.source = min(publisher_hints, key=lambda hint: hint[0])[1]


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _mark_menus(lines: list[Line], header_end: int) -> None:
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


def _collapse_repeats(lines: list[Line]) -> None:
    """A line that repeats the line before it (a title printed twice) is dropped."""
    previous: Line | None = None
    for ln in lines:
        if ln.kind is not Kind.TEXT:
            continue
        if previous is not None and fur.normalise(ln.vis) == fur.normalise(previous.vis) and ln.vis:
            ln.kind, ln.why = Kind.DROP, "repeat"
            continue
        previous = ln


def _mark_title(lines: list[Line], out: Cleaned, header_end: int, *, markdown: bool) -> None:
    header = [i for i in _text_lines(lines) if i < header_end]
    if out.title:
        wanted = fur.normalise(out.title)
        for i in header:
            if fur.normalise(lines[i].vis) == wanted:
                lines[i].kind, lines[i].why = Kind.DROP, "title repeated"
        return
    candidates = [i for i in header if not fur.is_credit(lines[i].vis)]
    if markdown:
        # A capture in Markdown names its title with its first top-level heading.
        h1 = [i for i in candidates if re.match(r"^\s{0,3}#\s", lines[i].raw)]
        candidates = h1[:1] or candidates
    if len(candidates) >= 2 and (
        _is_masthead(lines[candidates[0]].vis) or _repeats_below(lines, candidates[0], header_end)
    ):
        masthead = lines[candidates[0]]
        masthead.kind, masthead.why = Kind.META, "masthead"
        out.source = out.source or _title_case(masthead.vis)
        candidates = candidates[1:]
    if not candidates or not is_title_like(lines[candidates[0]].vis):
        return
    first = candidates[0]
    out.title = re.sub(r"^#{1,6}\s+", "", lines[first].vis)
    lines[first].kind, lines[first].why = Kind.TITLE, "title"
    wanted = fur.normalise(out.title)
    for i in header:
        if i != first and fur.normalise(lines[i].vis) == wanted:
            lines[i].kind, lines[i].why = Kind.DROP, "title repeated"


_ORG_WORDS = re.compile(
    r"\b(?:institute|institut|centre|center|council|foundation|endowment|university|agency|news|times|post|"
    r"journal|review|monitor|observer|watch|files|press|media|group|forum|programme|program|office|"
    r"ministry|commission|studies|research|society|association|network|bulletin|daily|weekly|"
    r"tribune|herald|gazette|service|initiative|project|fund)\b",
    re.I,
)
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


def _repeats_below(lines: list[Line], i: int, header_end: int) -> bool:
    """A header line printed again under the article (a site name in the footer)."""
    wanted = fur.normalise(lines[i].vis)
    return bool(wanted) and any(
        fur.normalise(ln.vis) == wanted for ln in lines[header_end:] if ln.kind is not Kind.BLANK
    )


def _is_masthead(text: str) -> bool:
    """An all-capitals publisher's name above the title (`EXAMPLE INSTITUTE FOR ...`)."""
    letters = [c for c in text if c.isalpha()]
    return (
        fur.count_words(text) >= 2
        and all(c.isupper() for c in letters)
        and bool(_ORG_WORDS.search(text))
    )


def _title_case(text: str) -> str:
    out = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            out.append(lower)
        elif len(word) <= 3 and word.isupper() and lower not in _SMALL_WORDS:
            out.append(word)  # likely an acronym: OSW, NATO
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)


def _mark_captions(lines: list[Line]) -> None:
    """A credit line becomes a caption, with the short label line right above it if any."""
    for i, ln in enumerate(lines):
        if ln.kind is not Kind.TEXT or not fur.is_credit(ln.vis):
            continue
        ln.kind, ln.why = Kind.CAPTION, "caption"
        prev = lines[i - 1] if i else None
        if (
            prev is not None
            and prev.kind is Kind.TEXT
            and prev.block == ln.block
            and word_count(prev.vis) <= 12
            and not prev.vis.endswith((".", ":", ";"))
            and not prev.raw.lstrip().startswith(("#", "-", "*", ">"))
        ):
            ln.label = prev.vis
            prev.kind, prev.why = Kind.DROP, "caption label"


def _caption(line: Line) -> str:
    text = line.vis if line.label is None else f"{line.label} — {line.vis}"
    for mark in ("*", "_"):
        if mark not in text:
            return f"{mark}{text}{mark}"
    return text


def _assemble_text(lines: list[Line]) -> str:
    """Paragraphs of a text capture: one per line, lists kept together, headings promoted."""
    paras: list[tuple[str, str]] = []  # (kind, text): kind in text | list | caption
    for ln in lines:
        if ln.kind is Kind.CAPTION:
            paras.append(("caption", _caption(ln)))
        elif ln.kind is Kind.TEXT:
            bullet = _BULLET.match(ln.raw)
            item = "- " + ln.raw[bullet.end() :] if bullet else ln.raw
            is_item = bool(bullet) or bool(_NUMBERED.match(ln.raw))
            if is_item and paras and paras[-1][0] == "list":
                paras[-1] = ("list", paras[-1][1] + "\n" + item)
            else:
                paras.append(("list" if is_item else "text", item))
    seen_prose = False
    shaped: list[str] = []
    for k, (kind, para) in enumerate(paras):
        following = paras[k + 1] if k + 1 < len(paras) else None
        if (
            kind == "text"
            and is_heading_like(para)
            and following is not None
            and following[0] in ("text", "list")
            and (is_prose(following[1]) or following[0] == "list")
            and _starts_a_sentence(following[1])
            and (seen_prose or _HEADING_WORDS.match(para))
        ):
            shaped.append("## " + para)
            continue
        seen_prose = seen_prose or is_prose(para)
        shaped.append(para)
    return "\n\n".join(shaped)


def _starts_a_sentence(text: str) -> bool:
    first = text.lstrip("-*•“\"'‘([ ")[:1]
    return bool(first) and not first.islower()


def _assemble_markdown(lines: list[Line]) -> str:
    """A Markdown capture keeps its own blocks; dropped lines simply vanish."""
    blocks: list[list[str]] = [[]]
    for ln in lines:
        if ln.kind is Kind.BLANK:
            if blocks[-1]:
                blocks.append([])
        elif ln.kind is Kind.CODE or ln.kind is Kind.TEXT:
            blocks[-1].append(ln.raw)
        elif ln.kind is Kind.CAPTION:
            if blocks[-1]:
                blocks.append([])
            blocks[-1].append(_caption(ln))
    return "\n\n".join("\n".join(b) for b in blocks if b).strip()
