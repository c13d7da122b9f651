"""Notes find their passage again after the brief changes, or say they are orphaned: never a
look-alike. Bodies are real fixture briefs, edited as a person or a re-import would."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tui.core.brief import read_brief
from tui.core.notes import fuzzy
from tui.core.notes.anchor import CONTEXT_CHARS, Places, find_quote, locate, make_target

DATA = Path(__file__).parents[1] / "data"
BODY = read_brief(DATA / "black-sea-grain.md").body
QUOTE = "Exports recovered faster than expected"


def target_of(body: str, quote: str, occurrence: int = 1):  # type: ignore[no-untyped-def]
    start = -1
    for _ in range(occurrence):
        start = body.index(quote, start + 1)
    return make_target(body, start, start + len(quote))


def test_a_target_is_the_quote_with_its_context_and_offsets() -> None:
    target = target_of(BODY, QUOTE)
    assert target.quote == QUOTE
    assert BODY[target.start : target.end] == QUOTE
    assert len(target.prefix) == len(target.suffix) == CONTEXT_CHARS
    assert BODY[: target.start].endswith(target.prefix)
    assert BODY[target.end :].startswith(target.suffix)
    assert len(target.body_sha256) == 64


def test_a_selection_is_trimmed_and_an_empty_one_refused() -> None:
    start = BODY.index(QUOTE)
    assert BODY[start - 1] == " "
    target = make_target(BODY, start - 1, start + len(QUOTE))  # with the space before it
    assert target.quote == QUOTE and target.start == start
    assert make_target(BODY, start + len(QUOTE), start).quote == QUOTE  # backwards selection
    gap = BODY.index("\n\n")
    with pytest.raises(ValueError):
        make_target(BODY, gap, gap + 2)


def test_an_unchanged_body_finds_the_note_at_its_offsets() -> None:
    target = target_of(BODY, QUOTE)
    found = locate(target, BODY)
    assert found is not None and found.method == "position"
    assert (found.start, found.end) == (target.start, target.end)


def test_an_edit_before_the_passage_moves_the_note_with_it() -> None:
    target = target_of(BODY, QUOTE)
    inserted = "## Background\n\nA paragraph added by an editor, well before the passage.\n\n"
    edited = inserted + BODY
    found = locate(target, edited)
    assert found is not None and found.method == "context"
    assert edited[found.start : found.end] == QUOTE
    assert found.start == target.start + len(inserted)


def test_an_edit_right_next_to_the_passage_keeps_it_by_the_other_side() -> None:
    target = target_of(BODY, QUOTE)
    # The whole recorded prefix is rewritten; the suffix still agrees.
    before = BODY[: target.start - CONTEXT_CHARS] + "Then, after months of hard talks: "
    edited = before + BODY[target.start :]
    found = locate(target, edited)
    assert found is not None and edited[found.start : found.end] == QUOTE


def test_a_small_typo_fix_inside_the_passage_keeps_the_note() -> None:
    quote = "Mines drifting along the shipping lanes and attacks on port infrastructure"
    body = BODY.replace("shipping lanes", "shiping lanes")  # the note was taken on the typo
    target = target_of(body, quote.replace("shipping", "shiping"))
    found = locate(target, BODY)
    assert found is not None and found.method == "fuzzy" and found.distance == 1
    assert BODY[found.start : found.end] == quote


def test_a_rewritten_passage_orphans_the_note() -> None:
    quote = "Mines drifting along the shipping lanes and attacks on port infrastructure"
    target = target_of(BODY, quote)
    rewritten = BODY.replace(quote, "Sea mines and missile strikes on the harbours of Odesa")
    assert locate(target, rewritten) is None


def test_a_deleted_passage_orphans_the_note() -> None:
    paragraph_start = BODY.index("Ukraine answered")
    paragraph_end = BODY.index("\n\n", paragraph_start)
    target = target_of(BODY, QUOTE)
    assert locate(target, BODY[:paragraph_start] + BODY[paragraph_end + 2 :]) is None


def test_a_deleted_passage_is_not_replaced_by_a_look_alike_elsewhere() -> None:
    body = BODY + "\n\nA later note: exports recovered faster than expected in the spring."
    quote = "recovered faster than expected"
    target = target_of(body, quote)  # the first occurrence, in "Ukraine answered..."
    paragraph_start = body.index("Ukraine answered")
    paragraph_end = body.index("\n\n", paragraph_start)
    without = body[:paragraph_start] + body[paragraph_end + 2 :]
    assert without.count(quote) == 1  # the look-alike is still there
    assert locate(target, without) is None


def test_a_quote_that_occurs_twice_stays_on_its_own_occurrence() -> None:
    body = (
        "Baku said the talks had failed. Yerevan disagreed.\n\n"
        "Months later, in Brussels, officials said the talks had failed again, and left."
    )
    quote = "said the talks had failed"
    second = target_of(body, quote, occurrence=2)
    edited = "A new first paragraph.\n\n" + body
    found = locate(second, edited)
    assert found is not None
    assert found.start == edited.index(quote, edited.index("Brussels"))
    first = target_of(body, quote, occurrence=1)
    found = locate(first, edited)
    assert found is not None and found.start == edited.index(quote)
    # The second passage deleted: its note does not jump to the first.
    gone = body[: body.index("\n\n")]
    assert locate(second, gone) is None


def test_a_tie_between_identical_passages_goes_to_the_nearest() -> None:
    line = "DONATE NOW to support independent analysis of the region."
    body = "\n\n".join([line, "Some text between.", line, "More text between.", line])
    target = target_of(body, "DONATE NOW", occurrence=2)
    edited = body + "\n\nAn appended paragraph changes the body's hash."
    found = locate(target, edited)
    assert found is not None and found.start == target.start


def test_a_common_word_is_found_by_its_context_among_many() -> None:
    target = target_of(BODY, "the", occurrence=7)
    edited = "An inserted line with the word the, twice.\n\n" + BODY
    found = locate(target, edited)
    assert found is not None
    assert found.start == target.start + len("An inserted line with the word the, twice.\n\n")


def test_a_rewrapped_paragraph_still_matches_exactly() -> None:
    quote = "more than thirty million tonnes of Ukrainian grain left the ports of Odesa"
    assert quote not in BODY  # it spans a line break
    spans = find_quote(BODY, quote)
    assert len(spans) == 1
    target = make_target(BODY, *spans[0])
    import textwrap

    rewrapped = "\n\n".join(textwrap.fill(p, 60) for p in BODY.split("\n\n"))
    unwrapped = "Intro.\n\n" + rewrapped.replace("\n\n", "\n\n\n")
    found = locate(target, unwrapped)
    assert found is not None and found.method == "context"
    # The same words, wrapped at other places.
    assert " ".join(unwrapped[found.start : found.end].split()) == quote


def test_a_re_imported_brief_keeps_its_notes_and_orphans_the_removed_passage(
    tmp_path: Path,
) -> None:
    import datetime as dt

    from tui.core.ingest import add_paths

    url = "URL: https://example.org/black-sea\n\n"
    v1 = (
        "Shipping in the Black Sea\n\n" + url + "Russia withdrew from the grain initiative in "
        "July 2023, and insurance costs for ships rose at once.\n\nUkraine answered by opening "
        "its own corridor along the coasts of Romania and Bulgaria.\n\nMines drifting along "
        "the shipping lanes remain the main threat to the route.\n"
    )
    v2 = (
        "Shipping in the Black Sea\n\n" + url + "An update: this analysis was revised in "
        "October.\n\nRussia withdrew from the grain initiative in July 2023, and insurance "
        "costs for ships rose at once.\n\nMines drifting along the shipping lanes remain the "
        "main threat to the route.\n"
    )
    capture = tmp_path / "black-sea.txt"
    capture.write_text(v1, encoding="utf-8")
    corpus = tmp_path / "briefs"
    (first,) = add_paths([capture], corpus, today=dt.date(2024, 1, 2)).results
    old = read_brief(corpus / f"{first.brief_id}.md").body
    kept = target_of(old, "Mines drifting along the shipping lanes")
    removed = target_of(old, "its own corridor along the coasts")
    capture.write_text(v2, encoding="utf-8")
    (second,) = add_paths([capture], corpus, today=dt.date(2024, 2, 3)).results
    assert (second.status, second.brief_id) == ("updated", first.brief_id)
    new = read_brief(corpus / f"{first.brief_id}.md").body
    found = locate(kept, new)
    assert found is not None and new[found.start : found.end] == kept.quote
    assert found.start != kept.start
    assert locate(removed, new) is None


def test_unicode_accents_typographic_quotes_and_emoji() -> None:
    body = (
        "Le président a déclaré : « L’armée ne quittera pas la région » 🙂 selon l’agence.\n\n"
        "Ensuite, l’opposition a répondu « c’est faux » 🇦🇲 et a quitté la séance."
    )
    quote = "« c’est faux » 🇦🇲 et a quitté"
    target = target_of(body, quote)
    edited = "Première ligne ajoutée, avec un émoji 👩‍👩‍👧 et « guillemets ».\n\n" + body
    found = locate(target, edited)
    assert found is not None and edited[found.start : found.end] == quote
    # A typed quote with straight quotes and apostrophes finds the typographic one.
    (span,) = find_quote(body, "l'armée ne quittera pas")
    assert body[span[0] : span[1]] == "L’armée ne quittera pas"
    # An accent fixed inside the passage: a fuzzy match.
    typo = body.replace("quitté la séance", "quitte la seance")
    target = target_of(typo, "a quitte la seance")
    found = locate(target, body)
    assert found is not None and found.method == "fuzzy"
    assert body[found.start : found.end] == "a quitté la séance"


def test_find_quote_exact_first_then_loosely() -> None:
    assert find_quote(BODY, QUOTE) == [(BODY.index(QUOTE), BODY.index(QUOTE) + len(QUOTE))]
    assert len(find_quote(BODY, "black sea")) == 2  # any case: "Black Sea" twice
    assert find_quote(BODY, "Black  Sea\nGrain") == find_quote(BODY, "Black Sea Grain")
    assert find_quote(BODY, "not in the brief") == []
    assert find_quote(BODY, "   ") == []


def test_places_count_lines_and_paragraphs() -> None:
    places = Places(BODY)
    assert places.of(0).line == 1 and places.of(0).paragraph == 1 and places.of(0).column == 1
    at = BODY.index(QUOTE)
    place = places.of(at)
    assert place.line == BODY.count("\n", 0, at) + 1
    # Paragraphs as Brief.paragraphs counts them: "## A new corridor" is the second block.
    assert place.paragraph == 3
    assert place.describe() == f"line {place.line}, paragraph 3"


# --- the approximate matcher against a plain dynamic programme ----------------------------------


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def test_the_bit_parallel_matcher_agrees_with_the_textbook_one() -> None:
    rng = random.Random(15)
    for _ in range(500):
        a = "".join(rng.choice("abcé🙂") for _ in range(rng.randint(1, 14)))
        b = "".join(rng.choice("abcé🙂") for _ in range(rng.randint(1, 24)))
        assert fuzzy.distance(a, b) == _levenshtein(a, b), (a, b)
        best = min(_levenshtein(a, b[i:j]) for i in range(len(b)) for j in range(i, len(b) + 1))
        matches = fuzzy.align(a, b, 30)
        assert matches and all(m.distance == best for m in matches), (a, b)
        for m in matches:
            assert _levenshtein(a, b[m.start : m.end]) == m.distance, (a, b, m)


def test_a_match_too_far_is_not_a_match() -> None:
    assert fuzzy.align("shipping lanes", "the shopping mall", 2) == []
    found = fuzzy.search("shipping lanes", BODY.replace("shipping", "shiping"), 2)
    assert [m.distance for m in found] == [1]
