"""The Brief: one analysis document, stored as Markdown with a YAML front-matter block."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from tui.core.atomic import write_atomic
from tui.core.sanitize import neutralise

BRIEF_SUFFIX = ".md"
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


class BriefError(Exception):
    """A brief file that cannot be read; the message is one line for the user."""


@dataclass(frozen=True)
class Brief:
    """A brief as stored in `briefs/`. `body` is the clean Markdown text; offsets index into it."""

    id: str
    title: str
    body: str
    source: str | None = None
    author: str | None = None
    published: dt.date | None = None
    url: str | None = None
    ingested: dt.date | None = None
    sha256: str = ""
    origin: str | None = None  # file name of the original capture
    format: str | None = None  # what the original was: text, markdown, html, pdf or docx
    path: Path | None = field(default=None, compare=False)

    @property
    def words(self) -> int:
        return len(self.body.split())

    def paragraphs(self) -> list[tuple[int, int]]:
        """(start, end) offsets of each block of the body separated by blank lines."""
        return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", self.body)]

    def headings(self) -> list[tuple[int, int, str]]:
        """(offset, level, text) of each Markdown heading in the body."""
        return [
            (m.start(), len(m.group(1)), m.group(2).strip())
            for m in re.finditer(r"^(#{1,6})[ \t]+(.+)$", self.body, flags=re.MULTILINE)
        ]

    def metadata(self) -> dict[str, Any]:
        """The front-matter fields, in a stable order, without empty ones."""
        meta: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "author": self.author,
            "published": self.published.isoformat() if self.published else None,
            "url": self.url,
            "ingested": self.ingested.isoformat() if self.ingested else None,
            "sha256": self.sha256 or None,
            "origin": self.origin,
            "format": self.format,
        }
        return {k: v for k, v in meta.items() if v is not None}

    def to_markdown(self) -> str:
        header = yaml.safe_dump(
            self.metadata(),
            sort_keys=False,
            allow_unicode=True,
            width=1000,
            default_flow_style=False,
        )
        return f"---\n{header}---\n\n{self.body.strip()}\n"

    def with_path(self, path: Path) -> Brief:
        return replace(self, path=path)


def slugify(text: str, max_len: int = 60) -> str:
    """A file-name-safe id from a title: lower case ASCII words joined by hyphens."""
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_STRIP.sub("-", ascii_text.lower()).strip("-")
    if len(slug) > max_len:
        slug = slug[:max_len].rsplit("-", 1)[0] or slug[:max_len]
    return slug or "brief"


def _as_date(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str | int):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_SCALARS = (str, int, float, dt.date)


def _as_text(value: object) -> str | None:
    # Only scalars: str() of a YAML alias bomb (lists of lists of the same list) never ends.
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value[:50] if isinstance(v, _SCALARS))
    if not isinstance(value, _SCALARS):
        return None
    text = neutralise(str(value)).strip()
    return text or None


# A brief's front matter is a few lines. libyaml recurses once per nesting level and overflows
# the C stack, killing the process, at some tens of thousands of levels ([[[[... or - - - ...),
# which a hostile file holds in 60 KB; the pure-Python readers raise RecursionError.
MAX_FRONT_MATTER = 64 * 1024
MAX_NESTING = 64
_DASHES = re.compile(r"^(?:[ \t]*-(?=[ \t]))+", re.MULTILINE)


def _front_matter_problem(block: str) -> str | None:
    if len(block) > MAX_FRONT_MATTER:
        return f"front matter longer than {MAX_FRONT_MATTER // 1024} KB"
    if block.count("[") + block.count("{") + block.count("- ") <= MAX_NESTING:
        return None
    depth = deepest = 0
    for char in block:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    dashes = max((m.group(0).count("-") for m in _DASHES.finditer(block)), default=0)
    if max(deepest, dashes) > MAX_NESTING:
        return f"front matter nested more than {MAX_NESTING} levels deep"
    return None


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter (a mapping, empty when there is none) and the body of a Markdown text.

    Raises ValueError with a one-line reason for front matter that is broken, too large or too
    deeply nested to parse safely.
    """
    stripped = text.strip()
    handler = frontmatter.detect_format(stripped, frontmatter.handlers)
    if handler is not None:
        try:
            block, _ = handler.split(stripped)
        except ValueError:
            block = ""
        problem = _front_matter_problem(block)
        if problem:
            raise ValueError(problem)
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as exc:
        raise ValueError(getattr(exc, "problem", None) or "invalid YAML") from None
    except RecursionError:
        raise ValueError(f"front matter nested more than {MAX_NESTING} levels deep") from None
    except ValueError as exc:  # JSON and TOML front matter raise ValueErrors
        raise ValueError(str(exc).splitlines()[0] if str(exc) else "invalid") from None
    meta = post.metadata
    return (meta if isinstance(meta, dict) else {}), post.content


def parse_brief(text: str, path: Path | None = None) -> Brief:
    """Parse the text of a brief file; raises BriefError with a one-line reason."""
    where = path.name if path else "brief"
    try:
        meta, content = split_front_matter(text)
    except ValueError as exc:
        raise BriefError(f"{where}: broken front matter ({neutralise(str(exc))})") from None
    fallback_id = path.stem if path else ""
    brief_id = _as_text(meta.get("id")) or fallback_id
    if not brief_id:
        raise BriefError(f"{where}: no id in front matter")
    title = _as_text(meta.get("title")) or brief_id
    origin = _as_text(meta.get("origin"))
    return Brief(
        id=brief_id,
        title=title,
        # A brief file may have been edited by hand or come from someone else: controls and bidi
        # codes become U+FFFD, one for one, so offsets agree with the index whatever reads them.
        # (python-frontmatter turns CRLF into LF; a lone CR is a line break, as for read_text.)
        body=neutralise(content.replace("\r", "\n")).strip(),
        source=_as_text(meta.get("source")),
        author=_as_text(meta.get("author")),
        published=_as_date(meta.get("published") or meta.get("date")),
        url=_as_text(meta.get("url")),
        ingested=_as_date(meta.get("ingested")),
        sha256=_as_text(meta.get("sha256")) or "",
        origin=origin,
        format=_as_text(meta.get("format")) or format_of(origin),
        path=path,
    )


FORMATS = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


def format_of(name: str | None) -> str | None:
    """The format a file's name says it is in (`report.pdf` -> `pdf`); None when it says none."""
    if not name or "." not in name:
        return None
    return FORMATS.get("." + name.rsplit(".", 1)[1].lower())


def read_brief(path: Path) -> Brief:
    """Read one brief file; raises BriefError with a one-line reason."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BriefError(f"{path.name}: not UTF-8 text") from None
    except OSError as exc:
        raise BriefError(f"{path.name}: cannot read ({exc.strerror or exc})") from None
    return parse_brief(text, path)


def brief_files(corpus: Path) -> Iterator[Path]:
    """The brief files of a corpus folder, sorted by name (hidden and temp files skipped)."""
    if not corpus.is_dir():
        return
    for path in sorted(corpus.glob(f"*{BRIEF_SUFFIX}")):
        if not path.name.startswith(".") and path.name.lower() != "readme.md" and path.is_file():
            yield path


@dataclass(frozen=True)
class CorpusLoad:
    briefs: list[Brief]
    errors: list[str]  # one line per file that could not be read


def load_corpus(corpus: Path) -> CorpusLoad:
    """Every readable brief of the folder, and a one-line error for each that is not."""
    briefs: list[Brief] = []
    errors: list[str] = []
    seen: set[str] = set()
    for path in brief_files(corpus):
        try:
            brief = read_brief(path)
        except BriefError as exc:
            errors.append(str(exc))
            continue
        if brief.id in seen:
            errors.append(f"{path.name}: duplicate id {brief.id!r}, skipped")
            continue
        seen.add(brief.id)
        briefs.append(brief)
    return CorpusLoad(briefs, errors)


def write_brief(brief: Brief, corpus: Path, *, exclusive: bool = False) -> Path:
    """Write a brief as `<corpus>/<id>.md`, atomically."""
    path = corpus / f"{brief.id}{BRIEF_SUFFIX}"
    write_atomic(path, brief.to_markdown(), exclusive=exclusive)
    return path


class BriefNotFound(LookupError):
    """No brief, or several, answer to the id given; the message is one line."""


def find_brief(corpus: Path, wanted: str) -> Brief:
    """The brief with this id, or the only one whose id starts with it (raises BriefNotFound).

    A brief is stored as `<id>.md`: that file is tried before the corpus is read.
    """
    wanted = wanted.strip()
    hint = f"no brief with id {wanted} (try `briefs list`)"
    if not wanted:
        raise BriefNotFound("no brief id given (try `briefs list`)")
    if not corpus.is_dir():
        raise BriefNotFound(f"no briefs folder at {corpus}")
    direct = corpus / f"{wanted}{BRIEF_SUFFIX}"
    if direct.is_file() and direct in set(brief_files(corpus)):
        try:
            brief = read_brief(direct)
        except BriefError as exc:
            raise BriefNotFound(str(exc)) from None
        if brief.id == wanted:
            return brief
    briefs = load_corpus(corpus).briefs
    exact = [b for b in briefs if b.id == wanted]
    found = exact or sorted((b for b in briefs if b.id.startswith(wanted)), key=lambda b: b.id)
    if len(found) == 1:
        return found[0]
    if found:
        shown = ", ".join(b.id for b in found[:5]) + (", ..." if len(found) > 5 else "")
        raise BriefNotFound(f"{wanted} matches {len(found)} briefs ({shown}): give more of the id")
    raise BriefNotFound(hint)
