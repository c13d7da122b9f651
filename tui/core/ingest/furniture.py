"""What web-page furniture looks like: phrases and line shapes that are never article text.

Each predicate judges one line (its visible text). The rules are about kinds of furniture (share
bars, cookie banners, appeals, breadcrumbs...), not about any one site, and err on the side of
keeping a line: a stray menu word left in is a blemish, a dropped paragraph is a loss.
"""

from __future__ import annotations

import functools
import re

_WORDS = re.compile(r"[^\W_]+(?:[’'][^\W_]+)?")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _phrase_set(text: str) -> frozenset[str]:
    """Phrases separated by `|` or line ends."""
    return frozenset(p.strip() for p in text.replace("\n", "|").split("|") if p.strip())


def words(text: str) -> list[str]:
    return _WORDS.findall(text)


@functools.lru_cache(maxsize=8192)
def count_words(text: str) -> int:
    """How many words a line has (cached: every rule asks about the same lines)."""
    return len(_WORDS.findall(text))


@functools.lru_cache(maxsize=8192)
def normalise(text: str) -> str:
    """Lower-case words, doubled words collapsed: `download Download PDF` -> `download pdf`.

    Pages often render an icon's label next to the visible label, which is how "Print print" comes
    to be.
    """
    out: list[str] = []
    for word in words(text.lower()):
        if not out or out[-1] != word:
            out.append(word)
    return " ".join(out)


# Whole lines (normalised) that are page chrome wherever they appear.
FURNITURE_LINES = _phrase_set(
    """
    print|print this page|print this article|print article|printer friendly|printer friendly version
    share|share this|share this article|share this post|share this page|share this story|share it
    share article|share post|share page|tweet|email|e mail|email this|email this article|mail
    copy link|link copied|copied|copy url|download|download pdf|pdf|download the pdf|download as pdf
    download article|download full text|save|save article|save for later|bookmark|listen
    listen to this article|listen to article|audio|play|read aloud|text size|font size|a a a|a a
    advertisement|advertising|ad|ads|sponsored|sponsored content|paid content|partner content
    scroll to continue|scroll to continue with content|continue reading|continue reading below
    back to top|to top|top|go to top|scroll to top|skip to content|skip to main content|skip
    skip to navigation|skip to footer|jump to content|toggle navigation|navigation|menu|main menu
    open menu|close menu|close|search|search for|search this site|search the site|home|homepage
    log in|login|sign in|sign up|register|my account|account|cart|basket|previous|next|prev
    previous post|next post|previous article|next article|older posts|newer posts|older|newer
    leave a reply|leave a comment|post a comment|add a comment|comments|comment|show comments
    view comments|cancel reply|comments are closed|no comments|be the first to comment|reply
    like this|like|loading|follow us|follow|subscribe|subscribe now|newsletter|sign up now
    accept|accept all|reject all|reject|decline|decline all|got it|ok|okay|agree|i agree
    accept cookies|accept all cookies|allow all cookies|allow cookies|reject cookies|save settings
    save preferences|cookie settings|cookies settings|cookie policy|cookie preferences
    cookie notice|manage cookies|manage consent|manage preferences|manage choices|customise
    customize|we value your privacy|your privacy|your privacy choices|privacy settings
    privacy preferences|consent|learn more|more information|more info|view original
    open original|original source|view source|go to source
    privacy policy|privacy|terms of use|terms and conditions|terms of service|legal notice
    contact|contact us|about us|about|imprint|impressum|sitemap|site map|rss|rss feed|feed
    all rights reserved|powered by wordpress|en|english|language|select language|translate
    photo|image|video|gallery|view gallery|enlarge|zoom|full screen|fullscreen|open image
    facebook|twitter|linkedin|whatsapp|telegram|reddit|instagram|youtube|x
    """
)

# Words a share bar is made of; a line of these alone (`Share on Facebook Twitter Email`) is a
# share bar. `_GLUE` words are allowed but cannot make a share bar on their own.
_SHARE_WORDS = _word_set(
    """
    share print tweet email e mail facebook twitter x linkedin whatsapp telegram reddit
    pinterest tumblr pocket flipboard messenger vk viber line xing mastodon bluesky threads
    instagram youtube rss copy link pdf download save bookmark send
    """
)
_GLUE = _word_set(
    """
    this article post page story on via us to the with a an it by or and
    """
)

_FURNITURE_PATTERNS = [
    re.compile(p, re.I)
    for p in (
        r"^\d+\s*(?:min|mins|minutes?)\s*(?:read|reading|listen)?$",
        r"^(?:estimated\s+)?(?:reading|read|listening)\s+time\b.{0,30}$",
        r"^\d+\s+(?:comments?|shares?|views?|likes?|responses?|replies)$",
        r"^(?:tags?|tagged(?:\s+with)?|topics?|categories|category|filed\s+under|posted\s+in|keywords|"
        r"themes?|regions?|sections?)\s*[:：]",
        r"^(?:share|follow\s+us|follow|connect\s+with\s+us)(?:\s+(?:this|on|via|us|with))*\s*[:：]",
        r"your\s+e-?mail\s+address\s+will\s+not\s+be\s+published",
        r"required\s+fields\s+are\s+marked",
        r"^click\s+here\s+to\s+(?:subscribe|download|read|share|print|donate|support|sign\s+up)",
        r"^(?:image|photo|picture|video)\s*\d+\s*(?:of|/)\s*\d+$",
        r"^(?:previous|next)\s+(?:post|article|story|page)\s*[:：]",
        r"^(?:«|‹|<)\s*(?:previous|prev|older)\b|\b(?:next|newer)\s*(?:»|›|>)$",
        r"^page\s+\d+\s+of\s+\d+$",
        r"^download\b.{0,80}\((?:pdf|docx?|epub|xlsx?|odt|rtf)\b",
        r"^download\s+(?:the\s+)?(?:full\s+)?(?:report|analysis|paper|brief|publication|study|"
        r"document|file|pdf|article|commentary|text)\b.{0,40}$",
        r"^(?:read\s+(?:more|next|also)|see\s+also|also\s+read|related|more)\s*[:：]\s*\S.{0,120}$",
        r"^(?:this\s+(?:article|post|page)\s+is\s+also\s+available\s+in)\b",
    )
]


def is_furniture_line(text: str) -> bool:
    """A line that is page chrome on its own: share bars, print links, menus, tags, counters."""
    if len(text) > 400:
        return False  # chrome is short; a long line is a paragraph
    norm = normalise(text)
    if not norm:
        # Lines of symbols only (`* * *` is a separator and is kept by the caller).
        return False
    if norm in FURNITURE_LINES:
        return True
    tokens = norm.split()
    if len(tokens) <= 8 and all(t in _SHARE_WORDS or t in _GLUE for t in tokens):
        return any(t in _SHARE_WORDS for t in tokens)
    stripped = text.strip()
    return any(p.search(stripped) for p in _FURNITURE_PATTERNS)


# --- cookie banners ---------------------------------------------------------------------------

_COOKIE = re.compile(r"\bcookies?\b", re.I)
_COOKIE_STRONG = [
    re.compile(p, re.I)
    for p in (
        r"\b(?:we|this\s+(?:web)?site|our\s+(?:web)?site|the\s+(?:web)?site)\s+(?:also\s+)?uses?\s+cookies\b",
        r"\b(?:accept|allow|reject|decline|refuse|manage|customi[sz]e|deny)\s+(?:all\s+|our\s+|the\s+)?cookies\b",
        r"^(?:privacy\s+(?:and|&)\s+)?cookies?\s+(?:settings|preferences|policy|notice|consent|banner|declaration)\b",
    )
]
_COOKIE_WEAK = [
    re.compile(p, re.I)
    for p in (
        r"\b(?:mandatory|functional|functionality|statistic|statistics|statistical|marketing|"
        r"analytics?|analytical|necessary|essential|performance|targeting|advertising|preference|"
        r"third[- ]party|tracking|social\s+media|session|persistent|unclassified)\s+cookies?\b",
        r"\bcookies?\s+(?:settings|preferences|policy|notice|consent|help|enable|are|allow|collect)\b",
        r"\b(?:browsing\s+experience|your\s+(?:browser|device|consent|preferences|experience))\b",
        r"\bby\s+(?:continuing|clicking|using|browsing)\b",
        r"\b(?:website|site)\b",
    )
]
# Buttons that sit in or under a consent banner.
_BUTTON_WORDS = _word_set(
    """
    accept allow reject decline deny refuse all cookies cookie save settings preferences ok okay
    got it agree i close manage necessary only essential customize customise confirm choices my
    selection continue without accepting more options learn info information details show hide
    and
    """
)


def cookie_strength(text: str) -> int:
    """2: a consent banner line by itself; 1: cookie talk belonging to a banner nearby; 0: not."""
    if not _COOKIE.search(text):
        return 0
    if any(p.search(text) for p in _COOKIE_STRONG):
        return 2
    weak = sum(1 for p in _COOKIE_WEAK if p.search(text))
    if weak >= 3:
        return 2
    return 1 if weak else 0


def is_banner_button(text: str) -> bool:
    tokens = normalise(text).split()
    return 0 < len(tokens) <= 8 and all(t in _BUTTON_WORDS for t in tokens)


# --- appeals for money or sign-ups ----------------------------------------------------------

_APPEAL_STRONG = [
    re.compile(p, re.I)
    for p in (
        r"\bdonate\s+(?:now|today|here|online|securely)\b",
        r"\bclick\s+here\s+to\s+(?:donate|support)\b",
        r"\bmake\s+a\s+(?:one[- ]time\s+|monthly\s+|yearly\s+|recurring\s+|small\s+)?"
        r"(?:donation|contribution)\b",
        r"\b(?:do|did)\s+you\s+(?:like|enjoy|value|appreciate|love)\b.{0,60}\b(?:reports?|analys[ie]s|"
        r"articles?|work|content|journalism|research|newsletter|podcasts?)\b",
        r"\b(?:buy\s+(?:me|us)\s+a\s+coffee|become\s+a\s+(?:patron|supporter|member|subscriber)|patreon)\b",
        r"\bsupport\s+(?:our|independent)\s+(?:work|journalism|reporting|research|mission|analysis)\b",
        r"\b(?:consider\s+(?:supporting|donating|a\s+donation)|every\s+contribution)\b",
    )
]
_APPEAL_WEAK = [
    re.compile(p, re.I)
    for p in (
        r"\bdonat(?:e|ion|ions|ing)\b",
        r"\bcontribution\b",
        r"\byour\s+support\b",
        r"\bsupport\s+us\b",
        r"\bour\s+mission\b",
        r"\bindependent\s+(?:reporting|journalism|research|media)\b",
        r"\bsubscri(?:be|ption)\b",
        r"\bone[- ]time\b",
        r"\bmonthly\b",
    )
]


_APPEAL_KEYS = (
    "donat",
    "contribut",
    "support",
    "patreon",
    "coffee",
    "subscri",
    "do you",
    "did you",
    "mission",
    "independent",
    "patron",
    "member",
    "monthly",
    "one-time",
    "one time",
)


def is_appeal(text: str) -> bool:
    """A donation or membership appeal: one strong phrase with company, or a short plea."""
    lowered = text.lower()
    if not any(k in lowered for k in _APPEAL_KEYS):
        return False
    score = 0
    rest = text
    for pattern in _APPEAL_STRONG:
        if pattern.search(rest):
            score += 2
            rest = pattern.sub(" ", rest)
    score += sum(1 for p in _APPEAL_WEAK if p.search(rest))
    if score >= 3:
        return True
    return score >= 2 and count_words(text) <= 12


_NEWSLETTER = re.compile(
    r"\b(?:subscribe|sign\s+up|signup|register|join)\b.{0,60}\b(?:newsletter|mailing\s+list|"
    r"updates|inbox|alerts|digest|our\s+list)\b"
    r"|\benter\s+your\s+e-?mail\b"
    r"|\b(?:delivered|straight|directly)\s+(?:to|into)\s+your\s+inbox\b"
    r"|\bfollow\s+us\s+on\b"
    r"|\bnewsletter\b",
    re.I,
)


_DISCLAIMER = re.compile(
    r"\bviews\s+(?:expressed|represented|presented|stated)\b.{0,120}\b(?:(?:are|is)\s+(?:those|that)"
    r"\s+of\s+the\s+authors?|(?:are|is)\s+the\s+authors?[’']?s?\s+own|do(?:es)?\s+not\s+necessarily"
    r"\s+(?:reflect|represent))|\bdoes\s+not\s+take\s+institutional\s+positions\b",
    re.I,
)


def is_disclaimer(text: str) -> bool:
    """The publisher's boilerplate: `the views expressed are those of the author...`."""
    return count_words(text) <= 80 and bool(_DISCLAIMER.search(text))


def is_newsletter_prompt(text: str) -> bool:
    return count_words(text) <= 25 and bool(_NEWSLETTER.search(text))


# --- related links, breadcrumbs, menus ------------------------------------------------------

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:posts?|articles?|stories|content|reading|news|topics|publications|"
    r"analyses|items|links))?|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)"
    r"|recommended(?:\s+(?:for\s+you|articles?|stories|reading))?|read\s+(?:more|next|also)|"
    r"also\s+read|more\s+(?:stories|articles|news|posts)|more\s+(?:from|by|on|in)\b.{0,40}|"
    r"(?:popular|recent|latest|trending|other)\s+(?:posts?|articles?|news|stories|analyses)|"
    r"most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|latest|in\s+case\s+you\s+missed\s+it|"
    r"don[’']t\s+miss)\s*[:：]?$",
    re.I,
)


def is_related_heading(text: str) -> bool:
    """`Related Posts`, `You may also like`, `Read more`: the start of a list of other pages."""
    return count_words(text) <= 8 and bool(_RELATED.match(text.strip().strip("#*_ ").strip()))


_CRUMB_SEPARATORS = re.compile(r"\s*(?:>|»|›|→|/|\\|::)\s*")


def is_breadcrumb(text: str) -> bool:
    """`You are: Home > Publications`, `Home » Analyses » Caucasus`."""
    stripped = text.strip()
    if re.match(r"^you\s+are(?:\s+here|\s+in)?\s*[:：]", stripped, re.I):
        return True
    parts = [p for p in _CRUMB_SEPARATORS.split(stripped) if p]
    if len(parts) < 2 or len(parts) == len(stripped.split()):
        return False
    if not re.search(r"\s(?:>|»|›|→)\s|^home\s*/", stripped, re.I):
        return False
    first = parts[0].lower()
    return (first in {"home", "start", "homepage", "main page"} or len(parts) >= 3) and all(
        len(p.split()) <= 6 for p in parts[:-1]
    )


_MENU_SEPARATORS = re.compile(r"\s+(?:\||·|•|/|–|—)\s+")


def is_menu_line(text: str) -> bool:
    """`Home | About | Analyses | Contact`: three or more short items in a row."""
    parts = [p for p in _MENU_SEPARATORS.split(text.strip()) if p]
    return len(parts) >= 3 and all(len(p.split()) <= 3 for p in parts)


def is_menu_item(text: str) -> bool:
    """A lone menu entry: one to three words without sentence punctuation."""
    stripped = text.strip()
    if re.search(r"\d", stripped):
        return False  # dates, scores and times are content, not menu entries
    return 0 < count_words(stripped) <= 3 and not re.search(r"[.!?,;:]$", stripped)


# --- captions ------------------------------------------------------------------------------

_CREDIT = re.compile(
    r"\(\s*(?:photo\s+|image\s+|map\s+|picture\s+|cover\s+)?credits?\s*[:：]"
    r"|^(?:photo|image|picture|illustration|map|graphic|cover|source\s+of\s+the\s+image|"
    r"(?:header|featured|cover|main)\s+image|photo\s+credit|image\s+credit|credits?)\s*(?:by)?\s*[:：]"
    r"|\bvia\s+wikimedia\s+commons\b"
    r"|\b(?:photo|image|picture)\s*(?:courtesy\s+of|by)\b"
    r"|\((?:photo|image|picture)\s*[:：]",
    re.I,
)


def is_credit(text: str) -> bool:
    """An image caption or credit line: `(Credits: X, via Wikimedia Commons)`, `Photo: AFP`."""
    return count_words(text) <= 80 and bool(_CREDIT.search(text))
