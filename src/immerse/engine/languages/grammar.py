"""What every language's grammar module gives the sentence writers, and how templates fill.

A language module (``en``, ``nl``, ``de``, ``fr``, ``es``) builds one :class:`Grammar`:
its list joining and plural rule, its nouns for the catalogue's tools with their gender,
number and case forms, the level names of its glossary, and the pitch's and the level
explanation's sentences written whole in that language. The engine never glues translated
fragments: it picks a sentence and fills its slots with inflected noun phrases.

Templates are ``str.format`` strings with the slots of the language's :class:`Subject`
(``{s}``, ``{s_dat}``, ``{s_de}`` …) and alternations chosen by the subject's grammar:
``[one|many]`` by number, ``[m|f|n|pl]`` by gender (plural last).

>>> fill("[Is|Are] {s} worth it?", Subject(slots={"s": "wikis"}, plural=True, gender="n"))
'Are wikis worth it?'
>>> fill("[il|elle|il|ils] coûte", Subject(slots={}, plural=False, gender="f"))
'elle coûte'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "BuilderWords",
    "Explained",
    "FormatWords",
    "Grammar",
    "NextStepWords",
    "Noun",
    "ReasonWords",
    "Subject",
    "SummaryWords",
    "TableWords",
    "WordingRules",
    "fill",
    "subject_of",
]

#: A sentence or a noun in the singular and in the plural, chosen by the language's rule
#: (``Grammar.plural``), as ngettext chooses.
Plural = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Noun:
    """A noun phrase with what its language's grammar needs: gender (``m``, ``f``, ``n``;
    Dutch ``de``-words are ``m``, ``het``-words ``n``), number, and its case or
    preposition forms (German ``dat``; French ``de``/``a``; Spanish ``de``/``a``), each
    written out by hand where a rule would get it wrong."""

    text: str
    gender: str = "m"
    plural: bool = False
    forms: Mapping[str, str] = field(default_factory=dict, hash=False)

    def form(self, name: str) -> str:
        return self.forms.get(name, self.text)


@dataclass(frozen=True, slots=True)
class Subject:
    """What a session is about, as the slots its sentences name, with its gender and number."""

    slots: Mapping[str, str]
    plural: bool
    gender: str

    @property
    def text(self) -> str:
        return self.slots.get("s", "")


_ALTERNATION = re.compile(r"\[([^\[\]|]*(?:\|[^\[\]|]*)+)\]")
_GENDER_INDEX = {"m": 0, "f": 1, "n": 2}


def fill(template: str, subject: Subject) -> str:
    """The template with its alternations chosen and its slots filled from ``subject``."""

    def choose(match: re.Match[str]) -> str:
        options = match.group(1).split("|")
        if len(options) == 2:
            return options[1] if subject.plural else options[0]
        if subject.plural:
            return options[-1]
        return options[_GENDER_INDEX.get(subject.gender, 0)]

    return _ALTERNATION.sub(choose, template).format(**subject.slots)


@dataclass(frozen=True, slots=True)
class FormatWords:
    """A format's sentences in one language: what happens, what each level takes away
    (where it differs from the language's level sentence), and the open-to-all sentence."""

    pitch: str
    gains: Mapping[int, str] = field(default_factory=dict, hash=False)
    everyone: str = ""


@dataclass(frozen=True, slots=True)
class Explained:
    """What the level explanation says, read from the answers (``engine.levels``)."""

    level: int
    for_work: bool
    plan: str  # "none", "informal", "written"
    tool: str | None  # the most-used tool's catalogue key
    frequency: str  # its catalogue frequency key ("" without a tool)
    #: the first thing Just do it still needs: "plan", "led", "teach", "tool" or ""
    missing: str


@dataclass(frozen=True, slots=True)
class WordingRules:
    """The language's words for ``wording_problems``: the singular and plural of "level",
    its "and"/"or", words that may stand twice in a row ("die die", "vous vous"), and
    whether a no-break space may stand before ``: ; ? !`` (French typography), and
    patterns the language never writes, each with its name ("missing elision": "la
    enseigner")."""

    level: str
    levels: str
    conjunctions: tuple[str, ...]
    doubled_ok: frozenset[str] = frozenset()
    space_before_marks: bool = False
    forbidden: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ReasonWords:
    """Why a session is on a person's agenda (``engine.agenda.reasons``), one sentence per
    kind of match, each written whole. ``{matches}`` (and ``{matches_<form>}`` for each of
    the language's noun forms: German ``dat``, French ``de`` …) are the tools and topics
    that matched; ``{quote}`` is the person's own sentence in the language's quotation
    marks; ``{level}`` the person's level name."""

    starred: str
    #: put before the rest when the person moved into the session themselves
    chosen: str
    #: "{wish}: {answer}", with the goal's wish and the format's answer to it below
    goal: str
    wishes: Mapping[str, str]  # goal key → "You asked for a plan to take home"
    answers: Mapping[str, str]  # format key → "this workshop ends with yours"
    problem: str
    interests: str
    #: format key → "Your level card puts workshops first"
    look_for_first: Mapping[str, str]
    quote_marks: tuple[str, str]
    open_to_all: str
    made_for: str
    #: one, two and three steps above the person's level, then below it
    up: tuple[str, str, str]
    back: tuple[str, str, str]
    #: tool key → its noun; a free topic's noun; the noun forms the sentences name
    tools: Mapping[str, Noun]
    topic: Callable[[str], Noun]
    forms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SummaryWords:
    """A planning run's outcome in sentences (``engine.agenda.summary``), each written
    whole; a :data:`Plural` pair is chosen by the count it names. ``{people}``,
    ``{slots}``, ``{sessions}``, ``{more_people}`` are counted nouns ("3 people");
    ``{slot}`` and ``{day}`` the labels the run stored; ``{by_goal}`` the goals joined,
    each written with ``goal_item``."""

    nobody: str
    people: Plural
    time_slots: Plural
    slots: Plural
    sessions: Plural
    more_people: Plural
    agendas_over: Plural  # by people
    agendas: Plural  # by people
    share: str  # a run from before the figures: "{share}% have every session at their level."
    all_at_level: str
    at_level_in: str  # "{good} of {slots}"
    most_away: str  # a second sentence: "Most away from their level: {where}."
    away_first: str  # "{people} at {slot}"
    away_rest: str  # "{n} at {slot}"
    worse_day: Plural  # by people, with {day}
    worse_any_day: Plural  # by people
    goals_all: str
    goals_all_by: str
    goals_some: Plural  # by {met}, of {fitting}
    goals_some_by: Plural
    goal_item: str  # "{met} of {fitting} for {goal}"
    goal_names: Mapping[str, str]
    goals_rest: Plural  # by more_people
    no_seat: Plural  # by people
    crowded: Plural  # by sessions, with {list}
    crowded_item: str  # "{session} ({assigned} of {seats})"
    crowded_more: str  # "{n} more"


@dataclass(frozen=True, slots=True)
class TableWords:
    """The table-size advice (``engine.grouping.sizes``), each sentence whole:
    ``{tables}`` and ``{experts}`` are counted nouns, ``{sizes}`` the people per table
    ("11 or 12", written with ``sizes_or``)."""

    nobody: str
    tables: Plural
    experts: Plural
    no_host: str  # "{tables} of about {size}; …"
    every_table: str  # "… ({experts} for {tables})"
    grown: Plural  # by {missing}: "… ({preferred} per table would make {wanted}, …)"
    short: Plural  # by {short}, the tables without an expert
    sizes_or: str  # "{low} or {high}"


@dataclass(frozen=True, slots=True)
class NextStepWords:
    """Why an upcoming event is a good next step (``engine.next_steps``), each sentence
    whole: ``{sessions}`` a counted noun, ``{step_up}`` a number, ``{rung}`` and
    ``{rung_up}`` a level with its number ("2 Baby steps")."""

    both: str
    step_up: str
    same_practitioners: str
    same_deeper: str
    declared: str  # "{low}–{high}"
    open: str


@dataclass(frozen=True, slots=True)
class InventoryWords:
    """The room's public summary (``engine.inventory.public_summary``): whole sentences,
    and the clauses a distribution's sentence is made of ("{title}: {shares}", "not shown
    because the groups are small: {names}"), each a whole clause, joined by ``clause_sep``
    (French sets a no-break space before the semicolon)."""

    too_few: str  # "{k}"
    people_from: Plural  # by {orgs}
    titled: str  # "{title}: {body}"
    levels: str
    disciplines: str
    share: str  # "{pct}% {name}"
    all_small: str
    not_shown: str  # "{names}"
    tools_lead: str  # "{parts}"
    none_shown: str
    tool_share: str  # "{pct}% use {tool}"
    nobody_uses: str  # "{tools}"
    not_assessed: str
    discipline_names: Mapping[str, str]
    clause_sep: str = "; "


@dataclass(frozen=True, slots=True)
class BuilderWords:
    """The program builder's notes, proposed titles and reasons (``engine.program_builder``),
    each sentence whole. ``{tool}`` is a tool's noun and ``{tool_<form>}`` its forms
    (``ReasonWords.tools``, ``ReasonWords.forms``); ``{level}`` a level's name; ``{of}`` is
    ``of`` filled ("5 of 30"); a :data:`Plural` pair is chosen by the count it names."""

    too_many: str  # {attendees}, {most}
    facilitators: str  # {n} at {level}: one facilitator per {size}
    no_experts: str  # {level}
    provocations_over: Plural  # by {count}, with {days}
    no_slots: str  # {day}, {kinds}: the kinds joined
    kinds: Mapping[str, str]  # kind of slot → "a hands-on lab"
    no_room: str  # {day}, {slot}, {title}
    seats_short: str  # {day}, {slot}, {title}, {demand}, {seats}
    group: str  # "{title} (group {n})"
    listening: str
    listening_why: str
    titles: Mapping[str, str]  # story, strategy, community: {tool…}; workshop: {topic}
    lab: str
    provocation_on: str  # {topic}
    provocation_tool: str
    tables_on: str  # {topic}
    tables_case: str
    of: str  # "{n} of {total}"
    #: between the level clauses (English's "a and b and c"); None: the language's list
    and_: str | None
    at_level: Plural  # by {n}: "{of} are at {level}"
    not_using: Plural  # by {n}
    using: Plural  # by {n}
    using_mentor: Plural  # by {n}
    level_why: str  # "{who}; {why}: {format} on day {day}{guests}."
    guests: str  # {level}
    formats: Mapping[str, str]  # format key → its name inside a sentence
    brought_name: str  # {name}
    brought_people: str  # {quote}
    brought: Plural  # by {n}, with {quote}
    brought_clause: str  # "; {brought}"
    lab_why: Plural  # by {demand}: {levels}, {tool…}, {already}, {host}
    already: Plural  # by {n}: "({of} use {it} already)"
    #: the object pronoun for a tool, by (m, f, n, plural m, plural f)
    it: tuple[str, str, str, str, str]
    hosted: Plural  # by {n}, with {level}
    provocation_why: str  # {index}, {total}, {day}, {brought}
    tables_why: str  # {mix}, {day}, {host}, {brought}
    mix: str  # {n} disciplines
    hosts: Plural  # by {n}, with {level}
    no_hosts: str  # {level}
    #: a theme's name inside a title and inside a reason ("approval, policy and risk")
    theme_title: Callable[[str], str]
    theme_reason: Callable[[str], str]


@dataclass(frozen=True, slots=True)
class Grammar:
    """One language's grammar and sentences (see the module docstring)."""

    code: str
    #: items, or-list? → "a, b and c" (or "a, b or c")
    join: Callable[[Sequence[str], bool], str]
    #: n, singular, plural → "1 session", "3 sessions" by the language's plural rule
    count: Callable[[int, str, str], str]
    level_names: Mapping[int, str]
    #: tool keys (catalogue order kept), a free topic → the pitch's subject
    subject: Callable[[Sequence[str], str | None], Subject]
    pitch: Mapping[str, FormatWords]
    level_gain: Mapping[int, str]
    not_for: Mapping[int, str]
    #: a level-1-only session's "where next" sentence
    further: str
    #: a session open to every level, when its format says nothing of its own
    everyone: str
    #: "Also on {topics}."
    also_on: str
    explain: Callable[[Explained], str]
    #: a session or advice for the whole ladder ("every level")
    every_level: str
    #: format key → its name in the glossary
    format_names: Mapping[str, str]
    #: level → what to look for first, then "Formats to look for: {formats}."
    look_for_lead: Mapping[int, str]
    look_for: str
    rules: WordingRules
    reasons: ReasonWords
    summaries: SummaryWords
    table_sizes: TableWords
    next_steps: NextStepWords
    inventory: InventoryWords
    #: the named themes' English labels (``engine.themes.KEYWORD_THEMES``, "Other") → names
    theme_names: Mapping[str, str]
    #: whether ``n`` takes the plural (English: n ≠ 1; French: n ≥ 2)
    plural: Callable[[int], bool]
    builder: BuilderWords


def subject_of(
    nouns: Sequence[Noun], *, join: Callable[[Sequence[str], bool], str],
    forms: Sequence[str] = (), pronouns: Mapping[str, tuple[str, str, str, str, str]] = {},
) -> Subject:
    """The subject for one to three nouns: each form (``"dat"``, ``"de"`` …) joined noun by
    noun ("du microblogging, des wikis et des podcasts"), and each pronoun slot chosen by
    gender and number from (m, f, n, plural m, plural f). A mixed plural is masculine, as
    French and Spanish agree it."""
    plural = len(nouns) > 1 or any(n.plural for n in nouns)
    genders = {n.gender for n in nouns}
    gender = genders.pop() if len(genders) == 1 else "m"
    slots = {"s": join([n.text for n in nouns], False)}
    slots.update({f"s_{name}": join([n.form(name) for n in nouns], False) for name in forms})
    index = (3 if gender == "m" else 4) if plural else _GENDER_INDEX.get(gender, 0)
    slots.update({slot: options[index] for slot, options in pronouns.items()})
    return Subject(slots=slots, plural=plural, gender=gender)
