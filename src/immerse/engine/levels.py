"""The level questionnaire and the explicit rules that turn answers into a rung of the ladder.

The ladder (adapted from Kolb's learning cycle, see :class:`~immerse.engine.catalogue.Level`):
1 Eye-opener, 2 Baby steps, 3 Preparation, 4 Just do it. The rules are written out in
``docs/levels.md`` as a table a facilitator can read; this module is that table in code.
No learning from data: the same answers always give the same level and the same words.

Rules, in order (first match of a cap wins over the rungs below it):

* **Never tried** (no tool beyond "never" and no use at all) → 1.
* **Uses it** (anything tried, or private use) → at least 2. Private-only use stays at 2.
* **Knows how it fits** → 3: uses it for work *and* shows at least one sign: a tool used
  weekly/daily with confidence ≥ 4, some plan, led an initiative, or measures results
  regularly.
* **Practising** → 4: level 3 *and* a written plan, led an initiative, would teach
  colleagues, and a tool used weekly/daily with confidence ≥ 4. Without a plan: at most 3.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from immerse.engine.catalogue import (
    FREQUENCY_RANK,
    LEVEL_LABELS,
    TOOL_BY_KEY,
    TOOLS,
    formats_to_look_for,
)
from immerse.engine.languages import grammar_for
from immerse.engine.languages.grammar import Explained, Grammar

__all__ = [
    "CONFIDENT",
    "CORE_QUESTIONS",
    "QUESTIONS",
    "Assessment",
    "AssessmentError",
    "Choice",
    "Question",
    "ToolUse",
    "assess",
    "explanation",
    "is_guess",
    "look_for",
    "unanswered_core",
]

CONFIDENT = 4  # confidence (1-5) from which a regularly used tool counts as mastered
_REGULAR = FREQUENCY_RANK["weekly"]  # weekly or daily counts as regular practice
_MONTHLY = FREQUENCY_RANK["monthly"]  # at least monthly counts as using a tool


class AssessmentError(ValueError):
    """Answers that the questionnaire cannot read; ``question`` names the offending field.

    ``question`` is a question key, or ``"tool_uses:<tool>"`` for the tool inventory, so a
    form can attach the message to the right field.
    """

    def __init__(self, question: str, message: str) -> None:
        super().__init__(f"{question}: {message}")
        self.question = question


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: str


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the questionnaire. ``assumed`` is the choice used when unanswered."""

    key: str
    prompt: str
    choices: tuple[Choice, ...]
    assumed: str

    @property
    def choice_pairs(self) -> tuple[tuple[str, str], ...]:
        """(key, label) pairs, as a form's ``choices`` wants them."""
        return tuple((c.key, c.label) for c in self.choices)

    def choice(self, key: str) -> Choice:
        for choice in self.choices:
            if choice.key == key:
                return choice
        known = ", ".join(c.key for c in self.choices)
        raise AssessmentError(self.key, f"unknown choice {key!r} (expected one of {known})")


@dataclass(frozen=True, slots=True)
class ToolUse:
    """How often someone uses a tool (catalogue ``FREQUENCIES`` key) and how sure they feel."""

    frequency: str
    confidence: int = 1  # 1 (not at all) … 5 (could teach it)

    @property
    def is_regular(self) -> bool:
        return FREQUENCY_RANK[self.frequency] >= _REGULAR

    @property
    def is_confident_regular(self) -> bool:
        return self.is_regular and self.confidence >= CONFIDENT


def _choices(*pairs: tuple[str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(key, label) for key, label in pairs)


# Missing answers are read as the most cautious choice: an unanswered question never lifts
# anyone up the ladder (work_use is the exception: it is inferred from the tools, see assess).
QUESTIONS: tuple[Question, ...] = (
    Question(
        "work_use",
        "How do you use social tools such as LinkedIn, Mastodon or a blog?",
        _choices(
            ("none", "Not at all"),
            ("private", "Privately, not for work"),
            ("occasional", "For work, now and then"),
            ("job", "As part of my job"),
        ),
        assumed="none",
    ),
    Question(
        "plan",
        "Does your organization have a plan or strategy for social media?",
        _choices(
            ("none", "No plan"),
            ("informal", "Some ideas, nothing written down"),
            ("written", "A written plan that I work with"),
        ),
        assumed="none",
    ),
    Question(
        "led",
        "Have you run or led a social-media initiative?",
        _choices(
            ("no", "No"),
            ("helped", "I helped with one"),
            ("led", "Yes, I ran or led one"),
        ),
        assumed="no",
    ),
    Question(
        "measure",
        "Do you measure what your social-media work brings?",
        _choices(
            ("no", "No"),
            ("sometimes", "Sometimes"),
            ("regularly", "Regularly"),
        ),
        assumed="no",
    ),
    Question(
        "teach",
        "Would you be comfortable explaining or teaching it to colleagues?",
        _choices(
            ("no", "No"),
            ("somewhat", "Some of it"),
            ("yes", "Yes"),
        ),
        assumed="no",
    ),
    Question(
        "want",
        "What do you most want from this event?",
        _choices(
            ("stories", "Stories of what others did"),
            ("context", "Context, strategy and the business case"),
            ("plan", "A plan to take home"),
            ("share", "To share what I learned and mentor others"),
        ),
        assumed="stories",
    ),
)
QUESTION_BY_KEY: dict[str, Question] = {q.key: q for q in QUESTIONS}

#: The questions the level rules read. A level placed without an answer to each of them
#: rests on assumptions (the tools alone, or nothing at all): it is a guess, and the pages
#: say so. ``want`` only adds a remark, so a level is not a guess without it.
CORE_QUESTIONS: tuple[str, ...] = ("work_use", "plan", "led", "measure", "teach")

_WANT_LEVEL: dict[str, int] = {"stories": 1, "context": 2, "plan": 3, "share": 4}



@dataclass(frozen=True, slots=True)
class Assessment:
    """The rung, why, and what to look for. ``topic_levels`` maps tool key → level."""

    level: int
    label: str
    explanation: str
    reasons: tuple[str, ...]
    look_for: str
    topic_levels: dict[str, int] = field(default_factory=dict)
    guessed: bool = False  # some core question unanswered: see CORE_QUESTIONS


def unanswered_core(answers: Mapping[str, object]) -> tuple[str, ...]:
    """The core questions (in questionnaire order) that ``answers`` leaves unanswered.

    >>> unanswered_core({"work_use": "job", "plan": "none", "want": "plan"})
    ('led', 'measure', 'teach')
    """
    return tuple(key for key in CORE_QUESTIONS if not answers.get(key))


def is_guess(answers: Mapping[str, object]) -> bool:
    """Whether a level assessed from ``answers`` is a guess (a core question unanswered).

    >>> is_guess({}), is_guess(dict.fromkeys(CORE_QUESTIONS, "no"))
    (True, False)
    """
    return bool(unanswered_core(answers))


@dataclass(frozen=True, slots=True)
class _Facts:
    """The answers as read (missing ones already replaced by their assumption)."""

    work_use: str
    plan: str
    led: str
    measure: str
    teach: str
    want: str
    tools: tuple[tuple[str, ToolUse], ...]  # catalogue order, validated
    answered: frozenset[str]  # the question keys actually answered

    @property
    def uses_anything(self) -> bool:
        # Trying a tool once is not using it: Eye-openers "have not tried" in the ladder's
        # sense, so only monthly-or-more use (or saying you use them) leaves level 1.
        return self.work_use != "none" or any(
            FREQUENCY_RANK[u.frequency] >= _MONTHLY for _, u in self.tools
        )

    @property
    def for_work(self) -> bool:
        return self.work_use in ("occasional", "job")

    @property
    def confident_tools(self) -> tuple[str, ...]:
        return tuple(key for key, use in self.tools if use.is_confident_regular)

    def strongest_tool(self) -> tuple[str, ToolUse] | None:
        """The most-used tool (frequency, then confidence, then catalogue order)."""
        used = [(k, u) for k, u in self.tools if FREQUENCY_RANK[u.frequency] > 0]
        if not used:
            return None
        return max(used, key=lambda item: (FREQUENCY_RANK[item[1].frequency], item[1].confidence))


def assess(
    *, answers: Mapping[str, str], tool_uses: Mapping[str, ToolUse] | None = None
) -> Assessment:
    """Place someone on the ladder from questionnaire answers and their tool inventory.

    Parameters
    ----------
    answers:
        question key → choice key (see :data:`QUESTIONS`); unanswered questions are allowed
        and the assumption made is listed in ``reasons``.
    tool_uses:
        catalogue tool key → :class:`ToolUse`; tools left out count as never used.

    Raises :class:`AssessmentError` naming the question (or ``tool_uses:<tool>``).

    >>> a = assess(answers={"work_use": "job", "plan": "none"},
    ...            tool_uses={"microblogging": ToolUse("daily", 4)})
    >>> a.level, a.label
    (3, 'Preparation')
    >>> a.explanation
    'You use microblogging daily for work but have no plan yet: Preparation sessions give you a plan to take home.'
    """  # noqa: E501
    facts, assumptions = _read(answers, tool_uses or {})
    level, rule_reasons = _level(facts)
    reasons = (*assumptions, *rule_reasons, *_want_note(facts, level))
    return Assessment(
        level=level,
        label=LEVEL_LABELS[level],
        explanation=_explain(facts, level, grammar_for("en")),
        reasons=tuple(reasons),
        look_for=look_for(level),
        topic_levels=_topic_levels(facts, level),
        guessed=is_guess(answers),
    )


def look_for(level: int, *, language: str = "en") -> str:
    """Plain-language advice on which session formats serve ``level`` best, in ``language``.

    >>> look_for(2, language="es")
    'Parte del interés para el negocio y de la estrategia, y guarda tiempo para reflexionar. \
Formatos que te convienen: Charla sobre contexto y estrategia, Historias y casos compartidos, \
Laboratorio práctico, Provocación de una experta o un experto.'
    """
    grammar = grammar_for(language)
    names = ", ".join(grammar.format_names[f.key] for f in formats_to_look_for(level))
    return f"{grammar.look_for_lead[level]} {grammar.look_for.format(formats=names)}"


def _read(
    answers: Mapping[str, str], tool_uses: Mapping[str, ToolUse]
) -> tuple[_Facts, list[str]]:
    for key in answers:
        if key not in QUESTION_BY_KEY:
            raise AssessmentError(key, "unknown question")
    tools = _read_tools(tool_uses)
    read: dict[str, str] = {}
    assumptions: list[str] = []
    for question in QUESTIONS:
        given = answers.get(question.key)
        if given is not None and given != "":
            read[question.key] = question.choice(given).key
            continue
        assumed = _infer_work_use(tools) if question.key == "work_use" else question.assumed
        read[question.key] = assumed
        assumptions.append(
            f"You did not answer {question.prompt!r}; we assumed "
            f"{question.choice(assumed).label!r}."
        )
    answered = frozenset(key for key in QUESTION_BY_KEY if answers.get(key))
    return _Facts(tools=tools, answered=answered, **read), assumptions


def _read_tools(tool_uses: Mapping[str, ToolUse]) -> tuple[tuple[str, ToolUse], ...]:
    for key, use in tool_uses.items():
        where = f"tool_uses:{key}"
        if key not in TOOL_BY_KEY:
            raise AssessmentError(where, "unknown tool")
        if use.frequency not in FREQUENCY_RANK:
            known = ", ".join(FREQUENCY_RANK)
            raise AssessmentError(where, f"unknown frequency {use.frequency!r} ({known})")
        if not 1 <= use.confidence <= 5:
            raise AssessmentError(where, f"confidence {use.confidence} is not between 1 and 5")
    return tuple((t.key, tool_uses[t.key]) for t in TOOLS if t.key in tool_uses)


def _infer_work_use(tools: tuple[tuple[str, ToolUse], ...]) -> str:
    # Tool frequencies are reported without saying "for work", so regular use is read as
    # occasional work use: enough to reach Preparation, never Just do it on its own.
    best = max((FREQUENCY_RANK[u.frequency] for _, u in tools), default=0)
    if best >= _REGULAR:
        return "occasional"
    return "private" if best >= _MONTHLY else "none"


def _level(facts: _Facts) -> tuple[int, list[str]]:
    if not facts.uses_anything:
        return 1, ["You do not use any social tool yet (trying one once does not count), so "
                   "you start at Eye-opener."]
    if not facts.for_work:
        return 2, ["You use social tools, but not for work yet: at most Baby steps."]
    signs = _signs_of_fit(facts)
    if not signs:
        return 2, [
            "You use social tools for work but show no sign yet of where they fit (a tool "
            "used weekly with confidence 4+, a plan, an initiative you led, regular "
            "measurement): Baby steps."
        ]
    reasons = [f"You use social tools for work and {_join(signs)}: at least Preparation."]
    missing = _missing_for_practice(facts)
    if missing:
        reasons.append(f"Just do it needs {_join([reason for _, reason in missing])}.")
        return 3, reasons
    reasons.append(
        "You have a written plan, led an initiative, use a tool regularly with confidence "
        "and would teach colleagues: Just do it."
    )
    return 4, reasons


def _signs_of_fit(facts: _Facts) -> list[str]:
    signs = []
    if facts.confident_tools:
        signs.append(f"use {_tool_names(facts.confident_tools)} regularly with confidence")
    if facts.plan != "none":
        signs.append("have a plan" if facts.plan == "written" else "have some ideas for a plan")
    if facts.led == "led":
        signs.append("have led an initiative")
    if facts.measure == "regularly":
        signs.append("measure results regularly")
    return signs


def _missing_for_practice(facts: _Facts) -> list[tuple[str, str]]:
    """What Just do it still needs: (key, the English reason) pairs, in the rules' order."""
    missing = []
    if facts.plan != "written":
        missing.append(("plan", "a written plan (without one you stay at Preparation)"))
    if facts.led != "led":
        missing.append(("led", "an initiative you ran or led"))
    if facts.teach != "yes":
        missing.append(("teach", "being comfortable teaching colleagues"))
    if not facts.confident_tools:
        missing.append(("tool", "a tool you use weekly or daily with confidence 4 or more"))
    return missing


def _want_note(facts: _Facts, level: int) -> list[str]:
    wanted = _WANT_LEVEL[facts.want]
    if wanted == level or "want" not in facts.answered:
        return []
    choice = QUESTION_BY_KEY["want"].choice(facts.want).label.lower()
    return [
        f"You asked for {choice!s}, which is what {LEVEL_LABELS[wanted]} sessions offer; "
        f"your answers place you at {LEVEL_LABELS[level]}, and you are welcome at both."
    ]


def explanation(
    *, answers: Mapping[str, str], tool_uses: Mapping[str, ToolUse] | None = None,
    language: str = "en",
) -> str:
    """The sentence :func:`assess` explains its level with, in ``language`` (the same
    answers give the same words; ``assess`` stores the English).

    >>> explanation(answers={"work_use": "job", "plan": "none"},
    ...             tool_uses={"microblogging": ToolUse("daily", 4)}, language="nl")
    'Je gebruikt microbloggen dagelijks voor je werk, maar hebt nog geen plan: sessies op het niveau Voorbereiding geven je een plan om mee naar huis te nemen.'

    Raises :class:`AssessmentError` as ``assess`` does, and
    :class:`~immerse.engine.languages.UnknownLanguageError` naming an unknown language.
    """  # noqa: E501
    grammar = grammar_for(language)
    facts, _ = _read(answers, tool_uses or {})
    level, _ = _level(facts)
    return _explain(facts, level, grammar)


def _explain(facts: _Facts, level: int, grammar: Grammar) -> str:
    strongest = facts.strongest_tool()
    missing = _missing_for_practice(facts)
    return grammar.explain(Explained(
        level=level, for_work=facts.for_work, plan=facts.plan,
        tool=strongest[0] if strongest else None,
        frequency=strongest[1].frequency if strongest else "",
        missing=missing[0][0] if missing else ""))


def _topic_levels(facts: _Facts, level: int) -> dict[str, int]:
    """A level per reported tool: never → 1, tried/occasional → 2, confident regular → 3.

    Only people who are Just do it overall reach 4 on a tool, and only where they are
    confident (5 of 5) regular users: the ladder's top rung needs more than one tool.
    The ladder is about work, so private use stays at 2 on every tool.
    """
    topics: dict[str, int] = {}
    for key, use in facts.tools:
        if FREQUENCY_RANK[use.frequency] == 0:
            topics[key] = 1
        elif use.is_confident_regular and facts.for_work:
            topics[key] = 4 if level == 4 and use.confidence == 5 else 3
        else:
            topics[key] = 2
    return topics


def _tool_names(keys: tuple[str, ...]) -> str:
    return _join([TOOL_BY_KEY[k].label.lower() for k in keys])


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
