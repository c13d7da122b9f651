"""Facts per sentence: quantities (people killed or wounded, money with its currency,
percentages, distances, counted things) and dated events, with what each is about.

Plain rules over the sentence and the entity layer's mentions; no model, nothing downloaded.
`facts_of(brief, mentions)` is the entry point; the comparison pairs the facts of two briefs
(tui.core.compare.disagree).
"""

from __future__ import annotations

from tui.core.facts.extract import facts_of, facts_of_text
from tui.core.facts.model import Fact, Kind, Qualifier, Value

__all__ = ["Fact", "Kind", "Qualifier", "Value", "facts_of", "facts_of_text"]
