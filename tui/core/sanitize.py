"""The one definition of what untrusted text may not carry to a terminal, and how it is made inert.

Brief text, titles, metadata, file names and queries come from the web or from other people. A
terminal obeys escape sequences (colours, cursor moves, OSC 52 clipboard writes, OSC 8 links, DCS
and APC strings), C0 and C1 control characters (8-bit CSI is U+009B), and bidirectional overrides
make text read differently from what is stored ("Trojan Source"). Three treatments:

- `strip`: sequences and unsafe characters removed (storage: ingest; plain-text output);
- `neutralise`: each unsafe character replaced by U+FFFD, same length, so body offsets (search
  hits, entity mentions) stay valid (reading a brief file someone may have edited by hand);
- `json_dumps`: JSON whose strings hold no raw unsafe character (escaped as \\uXXXX, so the data
  survives and stays valid JSON).

Rich/Textual markup (`[bold]`, `[@click=...]`) is not a character problem: callers build
`rich.text.Text` from brief text and never markup strings.
"""

from __future__ import annotations

import json
import re

REPLACEMENT = "\ufffd"

# Bidirectional controls: the Arabic letter mark, LRM/RLM, embeddings and overrides, isolates.
BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Everything a terminal may act on, except newline and tab (which only move to a new cell), and
# lone surrogates (a file name that is not UTF-8), which no output stream can encode.
_UNSAFE_CLASS = f"\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI}\ud800-\udfff"
UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")

# Whole escape sequences, 7-bit (ESC ...) and 8-bit (C1 introducers). A string sequence (OSC,
# DCS, SOS, PM, APC) is removed with its payload only when terminated within 4096 printable
# characters: a stray introducer would otherwise swallow the rest of a document; alone, it goes
# and what follows stays as inert text. (Printable payloads also keep the scan linear.)
_PAYLOAD = r"[^\x00-\x1f\x7f-\x9f]{0,4096}"
ESCAPE_SEQUENCE = re.compile(
    rf"""
      (?:\x1b\]|\x9d) {_PAYLOAD} (?:\x07|\x1b\\|\x9c)                # OSC: title, link, clipboard
    | (?:\x1b[P^_X]|[\x90\x98\x9e\x9f]) {_PAYLOAD} (?:\x1b\\|\x9c)   # DCS, SOS, PM, APC
    | (?:\x1b\[|\x9b) [0-?]*[ -/]*[@-~]                             # CSI: colours, cursor, erase
    | \x1b[ -/]*[0-~]                                               # two- and three-byte escapes
    """,
    re.VERBOSE,
)

_NEUTRAL = str.maketrans({code: REPLACEMENT for code in range(0x20) if code not in (9, 10)})
_NEUTRAL.update({code: REPLACEMENT for code in range(0x7F, 0xA0)})
_NEUTRAL.update(
    {
        code: REPLACEMENT
        for code in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
    }
)
_NEUTRAL.update({code: REPLACEMENT for code in range(0xD800, 0xE000)})

# What json.dumps leaves raw in a string besides C0 (which it escapes): C1, DEL, bidi, and the
# line separators that some JavaScript readers of JSON break on, and lone surrogates.
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI}\ud800-\udfff]")


def _printable(text: str) -> bool:
    # str.isprintable is several times faster than a regex scan and False for every unsafe
    # character (Cc, Cf, Cs): the common, clean case costs little.
    return text.replace("\n", " ").replace("\t", " ").isprintable()


def strip(text: str) -> str:
    """The text without escape sequences and unsafe characters; newlines and tabs kept."""
    if _printable(text) or not UNSAFE.search(text):
        return text
    return UNSAFE.sub("", ESCAPE_SEQUENCE.sub("", text))


def neutralise(text: str) -> str:
    """The text with each unsafe character replaced by U+FFFD: same length, offsets unchanged."""
    if _printable(text) or not UNSAFE.search(text):
        return text
    return text.translate(_NEUTRAL)


def one_line(text: str | None) -> str:
    """A value for a single line of output (titles, sources, file names, messages)."""
    if not text:
        return ""
    return " ".join(strip(text).split())


def error_line(exc: BaseException) -> str:
    """An exception as one line for the user: its first line (made safe), or its class name."""
    lines = strip(str(exc)).strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


def json_dumps(data: object, *, ascii_only: bool = False, indent: int | None = None) -> str:
    """JSON for stdout: valid, and no raw control or bidi character inside any string."""
    text = json.dumps(data, ensure_ascii=ascii_only, indent=indent)
    if ascii_only:
        return text
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


__all__ = [
    "BIDI",
    "ESCAPE_SEQUENCE",
    "REPLACEMENT",
    "UNSAFE",
    "error_line",
    "json_dumps",
    "neutralise",
    "one_line",
    "strip",
]
