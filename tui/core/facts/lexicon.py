"""The words that say what a figure counts: people and what happened to them, what money pays
for, what a percentage measures, what a date dates. Keyed by Porter stem (as the comparison's
tokens are), each mapped to the name of its class, so synonyms meet ("deaths", "dead", "killed"
-> "killed"; "turnover", "sales" -> "revenue")."""

from __future__ import annotations

from functools import cache

from tui.core.compare_text import stem


def _table(groups: dict[str, str]) -> dict[str, str]:
    """{word: class} for a {class: "word word ..."} table, keyed by stem and by the word itself."""
    out: dict[str, str] = {}
    for name, words in groups.items():
        for word in words.split():
            out[word] = name
            out.setdefault(stem(word), name)
    return out


@cache
def events() -> dict[str, str]:
    """What happened to the people counted."""
    return _table(
        {
            "killed": "killed dead deaths death died die dies dying fatalities fatality perished "
            "slain massacred executed toll lives",
            "wounded": "wounded injured injuries injury hurt maimed",
            "casualties": "casualties casualty",
            "displaced": "displaced fled flee fleeing uprooted homeless exodus",
            "evacuated": "evacuated evacuate evacuation rescued",
            "detained": "detained arrested jailed imprisoned captured held detention arrests",
            "missing": "missing disappeared",
            "cut": "cut cuts cutting axed axe shed shedding redundancies redundant layoffs "
            "lose losing lost",
            "created": "created create creating hire hiring hired recruit new",
            "employed": "employs employed employ employing workforce",
        }
    )


@cache
def people() -> dict[str, str]:
    """Nouns that count people, to the group they name."""
    return _table(
        {
            "people": "people persons person individuals inhabitants souls",
            "civilian": "civilians civilian",
            "soldier": "soldiers soldier troops servicemen servicemembers personnel",
            "fighter": "fighters combatants militants rebels insurgents militiamen",
            "refugee": "refugees refugee evacuees",
            "resident": "residents villagers citizens",
            "child": "children child kids minors",
            "woman": "women",
            "demonstrator": "demonstrators protesters protestors marchers",
            "migrant": "migrants asylum",
            "worker": "workers employees staff",
            "police": "police policemen officers",
            "peacekeeper": "peacekeepers",
            "prisoner": "prisoners hostages detainees",
            "victim": "victims",
            "passenger": "passengers",
            "patient": "patients",
            "journalist": "journalists reporters",
            "student": "students pupils",
            "voter": "voters",
            "member": "members",
            "fan": "fans spectators",
        }
    )


@cache
def money_heads() -> dict[str, str]:
    """What a sum of money is: the thing paid, earned, owed."""
    return _table(
        {
            "profit": "profit profits earnings income",
            "loss": "loss losses",
            "revenue": "revenue revenues sales turnover",
            "price": "price paid pay bought buy sold sell auction bid offer acquire acquisition "
            "takeover purchase",
            "value": "value valued worth valuation",
            "fine": "fine fined penalty penalties",
            "debt": "debt debts owed owes liabilities",
            "budget": "budget",
            "cost": "cost costs costing",
            "tax": "tax taxes",
            "investment": "investment invest investing invested",
            "dividend": "dividend dividends payout",
            "pay": "salary salaries wage wages bonus bonuses pension",
            "fund": "fund funding aid grant grants subsidy subsidies loan loans bailout",
            "spending": "spending spend spent",
            "damages": "damages compensation settlement claim",
            "deficit": "deficit",
            "surplus": "surplus",
            "reserves": "reserves assets",
            "exports": "exports",
            "imports": "imports",
            "gdp": "gdp",
            "contract": "contract contracts deal",
        }
    )


@cache
def percent_heads() -> dict[str, str]:
    """What a percentage measures."""
    return _table(
        {
            "growth": "growth economy gdp",
            "inflation": "inflation",
            "unemployment": "unemployment jobless",
            "interest": "interest",
            "stake": "stake holding shareholding own owns owned",
            "share": "share market",
            "turnout": "turnout",
            "vote": "vote votes voted ballot",
            "support": "support approval backing poll",
            "profit": "profit profits earnings",
            "revenue": "revenue revenues sales turnover",
            "price": "price prices",
            "tax": "tax",
            "population": "population",
            "spending": "spending",
            "exports": "exports",
            "imports": "imports",
            "output": "output production",
            "deficit": "deficit",
        }
    )


@cache
def directions() -> dict[str, str]:
    """Whether a change goes up or down ("rose 5%" and "fell 5%" do not describe one thing)."""
    return _table(
        {
            "up": "rise rose risen rising increase increased increasing up grew grow growing "
            "jump jumped climbed gain gained higher soared",
            "down": "fall fell fallen falling decrease decreased decline declined down drop "
            "dropped slump slumped lower cut reduced shrank shrink",
        }
    )


@cache
def date_events() -> dict[str, str]:
    """What a date dates."""
    return _table(
        {
            "offensive": "offensive operation assault attack attacks incursion invasion launched "
            "launch began begin started",
            "ceasefire": "ceasefire truce armistice",
            "agreement": "agreement signed signing treaty accord declaration deal",
            "election": "election elections vote referendum polls",
            "meeting": "meeting met summit talks visit",
            "announcement": "announced announcement statement",
            "death": "died death killed",
            "protest": "protest protests demonstration rally",
            "sale": "auction sale sold",
            "deadline": "deadline expires",
            "ruling": "ruling ruled verdict court",
            "war": "war conflict",
            "release": "released release launch",
        }
    )


# Parts of a whole: jobs at a plant are not jobs at the firm.
PART_SCOPE = frozenset(
    [
        "plant",
        "plants",
        "factory",
        "factories",
        "site",
        "sites",
        "mill",
        "mine",
        "store",
        "stores",
        "branch",
        "branches",
        "division",
        "unit",
        "subsidiary",
        "department",
        "depot",
    ]
)
WHOLE_SCOPE = frozenset(
    ["worldwide", "globally", "global", "total", "overall", "altogether", "nationwide"]
)

# Words that put a figure in a period of its own.
PERIODS = {
    "first quarter": "q1",
    "second quarter": "q2",
    "third quarter": "q3",
    "fourth quarter": "q4",
    "final quarter": "q4",
    "last quarter": "q4",
    "first half": "h1",
    "second half": "h2",
    "a year": "annual",
    "per year": "annual",
    "annual": "annual",
    "annually": "annual",
    "a month": "monthly",
    "per month": "monthly",
    "monthly": "monthly",
    "a week": "weekly",
    "per week": "weekly",
    "weekly": "weekly",
    "a day": "daily",
    "per day": "daily",
    "daily": "daily",
}

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₽": "RUB"}
CURRENCY_WORDS = _table(
    {
        "USD": "dollars dollar usd",
        "EUR": "euros euro eur",
        "GBP": "pounds pound sterling gbp",
        "JPY": "yen jpy",
        "RUB": "roubles rubles rouble ruble rub",
        "CNY": "yuan renminbi",
        "INR": "rupees rupee",
        "CHF": "francs chf",
        "TRY": "lira liras",
        "AZN": "manat manats",
        "AMD": "dram drams",
    }
)
