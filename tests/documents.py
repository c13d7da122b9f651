"""PDF and Word documents made by the tests (and the bench), in known layouts.

PDFs are drawn line by line with reportlab's canvas, so the tests know every line's place: one or
two columns (with the content stream interleaving the columns row by row, so that stream order is
not reading order), running headers and footers with page numbers, words hyphenated at line ends,
a table, a page that is only a picture (a scan), document properties or none, encryption. Word
files are written with python-docx: headings, paragraphs, lists, a table, core properties.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

A4 = (595.0, 842.0)
MARGIN = 60.0
BODY_FONT, BOLD_FONT = "Helvetica", "Helvetica-Bold"


@dataclass
class Article:
    title: str
    paragraphs: list[str]
    author: str | None = None
    published: dt.date | None = None
    headings: dict[int, str] = field(default_factory=dict)  # heading before paragraph i
    table: list[list[str]] | None = None  # rows of cells, drawn after paragraph `table_after`
    table_after: int = 1


WORDS = [
    "the",
    "government",
    "pipeline",
    "corridor",
    "negotiations",
    "transit",
    "international",
    "sanctions",
    "ministry",
    "parliament",
    "agreement",
    "delegation",
    "infrastructure",
    "electricity",
    "neighbouring",
    "diplomatic",
    "investment",
    "regional",
    "security",
    "observers",
    "settlement",
    "administration",
    "humanitarian",
    "border",
    "cooperation",
    "reconstruction",
    "organisation",
    "independent",
    "commitments",
    "mediation",
    "ceasefire",
    "representatives",
    "commission",
    "economy",
    "exports",
    "refugees",
    "agriculture",
    "communications",
]


def make_article(seed: int = 0, paragraphs: int = 8, words: int = 70) -> Article:
    """An article of plausible sentences (deterministic for a seed)."""
    rng = random.Random(seed)
    paras = []
    for _ in range(paragraphs):
        sentences = []
        count = 0
        while count < words:
            n = rng.randint(9, 18)
            chosen = [rng.choice(WORDS) for _ in range(n)]
            sentences.append(" ".join(chosen).capitalize() + ".")
            count += n
        paras.append(" ".join(sentences))
    return Article(
        title=f"Regional Cooperation and the Transit Corridor, Part {seed + 1}",
        paragraphs=paras,
        author="Leyla Mammadova",
        published=dt.date(2024, 4, 8),
    )


# --- PDF -------------------------------------------------------------------------------------


@dataclass
class _Item:
    page: int
    x: float
    y: float
    font: str
    size: float
    text: str


def _wrap(text: str, width: float, size: float, *, hyphenate: bool) -> list[str]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def fits(s: str) -> bool:
        return stringWidth(s, BODY_FONT, size) <= width

    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if fits(candidate):
            line = candidate
            continue
        if hyphenate and word.isalpha() and len(word) >= 8:
            # The longest head of the word (3 letters or more, 3 left over) that fits with a '-'.
            for cut in range(len(word) - 3, 2, -1):
                head = f"{line} {word[:cut]}-" if line else f"{word[:cut]}-"
                if fits(head):
                    lines.append(head)
                    line = word[cut:]
                    break
            else:
                lines.append(line)
                line = word
            continue
        lines.append(line)
        line = word
    if line:
        lines.append(line)
    return lines


def pdf_bytes(
    article: Article,
    *,
    columns: int = 1,
    running_header: str | None = None,
    page_numbers: bool = False,
    hyphenate: bool = False,
    properties: bool = True,
    image_pages: tuple[int, ...] = (),
    only_images: bool = False,
    encrypt: str | None = None,
    owner_password_only: bool = False,
    size: float = 10.0,
) -> bytes:
    """A PDF of the article. `image_pages`: 0-based pages inserted as pictures with no text."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    options: dict[str, object] = {"pagesize": A4, "invariant": 1}
    if encrypt is not None or owner_password_only:
        from reportlab.lib.pdfencrypt import StandardEncryption

        options["encrypt"] = StandardEncryption(
            "" if owner_password_only else encrypt or "", ownerPassword="owner-secret"
        )
    c = canvas.Canvas(buf, **options)  # type: ignore[arg-type]
    if properties:
        c.setTitle(article.title)
        if article.author:
            c.setAuthor(article.author)
        if article.published:
            stamp = article.published.strftime("D:%Y%m%d090000+00'00'")
            c.setDateFormatter(lambda *_: stamp)
    else:
        c.setTitle("")
        c.setAuthor("")
    if only_images:
        for n in range(max(1, len(image_pages) or 2)):
            _image_page(c, n)
        c.save()
        return buf.getvalue()

    items = _layout(article, columns=columns, hyphenate=hyphenate, size=size)
    pages = max(i.page for i in items) + 1
    total = pages + len(image_pages)
    out_page = 0
    for page in range(pages):
        while out_page in image_pages:
            _image_page(c, out_page)
            out_page += 1
        drawn = [i for i in items if i.page == page]
        # Row by row across the columns: the stream's order is not the reading order.
        drawn.sort(key=lambda i: (-round(i.y), i.x))
        for item in drawn:
            c.setFont(item.font, item.size)
            c.drawString(item.x, item.y, item.text)
        if running_header:
            c.setFont(BODY_FONT, 8)
            c.drawString(MARGIN, A4[1] - 35, running_header)
        if page_numbers:
            c.setFont(BODY_FONT, 8)
            c.drawCentredString(A4[0] / 2, 30, f"Page {out_page + 1} of {total}")
        c.showPage()
        out_page += 1
    while out_page in image_pages:
        _image_page(c, out_page)
        out_page += 1
    c.save()
    data = buf.getvalue()
    if not properties and encrypt is None and not owner_password_only:
        # reportlab always dates a file: blank the dates (same length, offsets stay right).
        data = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", lambda m: b" " * len(m[0]), data)
    return data


def _layout(article: Article, *, columns: int, hyphenate: bool, size: float) -> list[_Item]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = A4[0] - 2 * MARGIN
    gap = 24.0
    col_w = (width - gap * (columns - 1)) / columns
    lead = size * 1.3
    items: list[_Item] = []
    # The title block on the first page, across the columns.
    y = A4[1] - 80
    for line in _wrap(article.title, width * 0.8, 20, hyphenate=False):
        items.append(_Item(0, MARGIN, y, BOLD_FONT, 20, line))
        y -= 26
    if article.author:
        items.append(_Item(0, MARGIN, y, BODY_FONT, 11, f"By {article.author}"))
        y -= 16
    if article.published:
        day = article.published
        items.append(_Item(0, MARGIN, y, BODY_FONT, 11, f"{day.day} {day:%B %Y}"))
        y -= 16
    top_first, top, bottom = y - 18, A4[1] - 70, 60.0
    page, col, y = 0, 0, top_first

    def advance(height: float) -> None:
        nonlocal page, col, y
        if y - height < bottom:
            col += 1
            if col == columns:
                page, col = page + 1, 0
            y = top if page else top_first

    def x() -> float:
        return MARGIN + col * (col_w + gap)

    for n, para in enumerate(article.paragraphs):
        heading = article.headings.get(n)
        if heading:
            advance(lead * 2.5)
            y -= lead * 0.6
            items.append(_Item(page, x(), y, BOLD_FONT, size + 3, heading))
            y -= lead * 1.4
        for line in _wrap(para, col_w, size, hyphenate=hyphenate):
            advance(lead)
            items.append(_Item(page, x(), y, BODY_FONT, size, line))
            y -= lead
        y -= lead * 0.8  # the space between paragraphs
        if article.table and n == article.table_after:
            cells = max(len(r) for r in article.table)
            cell_w = col_w / cells
            for row in article.table:
                advance(lead)
                for j, cell in enumerate(row):
                    font = BOLD_FONT if row is article.table[0] else BODY_FONT
                    assert stringWidth(cell, font, size) < cell_w - 6, cell
                    items.append(_Item(page, x() + j * cell_w, y, font, size, cell))
                y -= lead * 1.2
            y -= lead * 0.8
    return items


def _image_page(c: object, seed: int) -> None:
    """A page that is only a picture: grey noise and blocks, like a scanned page."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    rng = random.Random(seed)
    img = Image.new("L", (300, 420), 245)
    draw = ImageDraw.Draw(img)
    for row in range(40, 400, 9):
        x = 30
        while x < 270:
            w = rng.randint(8, 30)
            draw.rectangle([x, row, min(x + w, 270), row + 4], fill=rng.randint(30, 90))
            x += w + rng.randint(3, 7)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])  # type: ignore[attr-defined]
    c.showPage()  # type: ignore[attr-defined]


def write_pdf(path: Path, article: Article, **options: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pdf_bytes(article, **options))  # type: ignore[arg-type]
    return path


# --- DOCX ------------------------------------------------------------------------------------


def docx_bytes(
    article: Article,
    *,
    bullets: list[str] | None = None,
    numbered: list[str] | None = None,
    properties: bool = True,
    title_style: str = "Title",
) -> bytes:
    """A Word file: the title (in the Title style), headings, paragraphs, lists and a table."""
    import docx

    doc = docx.Document()
    if properties:
        core = doc.core_properties
        core.title = article.title
        core.author = article.author or ""
        if article.published:
            core.created = dt.datetime.combine(article.published, dt.time(9))
    else:
        core = doc.core_properties
        core.author = ""
        for created in core._element.xpath("dcterms:created"):  # the template's date
            created.getparent().remove(created)
    if article.title:
        doc.add_paragraph(article.title, style=title_style)
    if not properties and article.author:
        doc.add_paragraph(f"By {article.author}")
    for n, para in enumerate(article.paragraphs):
        heading = article.headings.get(n)
        if heading:
            doc.add_heading(heading, level=1)
        doc.add_paragraph(para)
        if n == 0 and bullets:
            for item in bullets:
                doc.add_paragraph(item, style="List Bullet")
        if n == 0 and numbered:
            for item in numbered:
                doc.add_paragraph(item, style="List Number")
        if article.table and n == article.table_after:
            rows = article.table
            table = doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
