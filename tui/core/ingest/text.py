"""Capture bytes to safe text: decoding with fall-backs, and scrubbing untrusted characters."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from tui.core import sanitize


class NotText(ValueError):
    """The bytes are not a text capture (binary data, or an encoding that cannot be read)."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # the codec name used, e.g. "utf-8", "utf-16", "cp1252"
    lossy: bool = False  # some bytes could not be decoded and were replaced


# Formats people save by mistake next to their captures: say what they are rather than "binary".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "a program (ELF binary)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
)

# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# C0 controls other than tab, newline, carriage return, form feed and escape (ESC starts ANSI
# sequences, which coloured terminal logs are full of and which the scrubber removes).
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")


def decode_capture(raw: bytes) -> Decoded:
    """Decode a capture: byte-order mark, UTF-8, then a guess; raises NotText for binary data."""
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return Decoded(raw.decode(codec), codec.removesuffix("-sig"))
            except UnicodeDecodeError:
                return Decoded(raw.decode(codec, errors="replace"), codec, lossy=True)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise NotText(f"{what}, not a text capture")
    if b"\x00" in raw:
        utf16 = _bomless_utf16(raw)
        if utf16 is not None:
            return utf16
    sample = raw[:65536]
    if sample and len(_BINARY_BYTES.findall(sample)) > max(8, len(sample) // 50):
        raise NotText("binary data, not a text capture")
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly_utf8 = _mostly_utf8(raw)
    if mostly_utf8 is not None:
        return mostly_utf8
    return _legacy(raw)


def _bomless_utf16(raw: bytes) -> Decoded | None:
    """UTF-16 without a byte-order mark: mostly-ASCII text has a zero in every other byte."""
    even, odd = raw[0::2], raw[1::2]
    if len(raw) < 4 or len(raw) % 2:
        return None
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.4 * len(zeros):
            try:
                return Decoded(raw.decode(codec), "utf-16")
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(raw: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a bad copy-paste): keep it, replacing only those bytes."""
    text = raw.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    well_formed = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if broken <= 0 or well_formed > broken:
        return Decoded(text, "utf-8", lossy=True)
    return None


def _legacy(raw: bytes) -> Decoded:
    """A single-byte or East Asian encoding.

    Latin-script text (few high bytes) is decoded as Windows-1252, the de-facto superset of
    Latin-1, unless Central European Windows-1250 reads more plausibly: statistical detectors
    pick 1250 for short French or English text and turn "crème" into "crčme". Text made mostly of
    high bytes (Cyrillic, Greek, ...) is left to charset-normalizer.
    """
    letters = sum(1 for b in raw if b >= 0x80 or chr(b).isalpha())
    high = sum(1 for b in raw if b >= 0x80)
    if letters and high / letters < 0.3:
        candidates = [(_implausible(_cp(raw, "cp1252")), 0, "cp1252")]
        candidates.append((_implausible(_cp(raw, "cp1250")), 1, "cp1250"))
        _, _, codec = min(candidates)
        return Decoded(_cp(raw, codec), codec)
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.encoding is None:
        raise NotText("not text in any encoding briefs can recognise")
    encoding = codecs.lookup(best.encoding).name
    return Decoded(str(best), encoding)


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    # Bytes a Windows code page leaves undefined mean the same as in Latin-1.
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("briefs-latin1", _latin1_fallback)


def _cp(raw: bytes, codec: str) -> str:
    return raw.decode(codec, errors="briefs-latin1")


def _implausible(text: str) -> int:
    """Symbols sitting inside words (ga³, ¿ó) and C1 controls: signs of the wrong code page."""
    count = 0
    for i, ch in enumerate(text):
        if ord(ch) < 0x80:
            continue
        if 0x80 <= ord(ch) <= 0x9F:
            count += 2
        elif (
            not ch.isalpha()
            and 0 < i < len(text) - 1
            and text[i - 1].isalpha()
            and text[i + 1].isalpha()
        ):
            count += 1
    return count


# --- scrubbing -------------------------------------------------------------------------------

# Beyond what tui.core.sanitize strips (escapes, controls, bidi codes): zero-width and
# soft-hyphen characters hide inside words and break search.
_INVISIBLE = re.compile("[\u00ad\u180e\u200b\u2060-\u2064\ufeff\ufff9-\ufffb]")
_ODD_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_LINE_BREAKS = re.compile("\r\n|[\r\u0085\u2028\u2029]")


def scrub(text: str) -> str:
    """Text safe to store and print: no escape sequences, controls, bidi codes or odd spaces.

    Keeps newlines; tabs become spaces; the result is NFC so that search matches what it sees.
    """
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ").replace("\f", "\n")
    text = sanitize.strip(text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    return unicodedata.normalize("NFC", text)


def scrub_line(text: str) -> str:
    """A one-line field (title, author): scrubbed, newlines and runs of spaces collapsed."""
    return " ".join(scrub(text).split())
