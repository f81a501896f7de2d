"""English: the language of the source. Its sentences are the catalogue's own
(``Format.pitch``, ``Format.gains``, ``Format.everyone``) and the ones below; the level
names are ``catalogue.LEVEL_LABELS``. Everything here must stay byte-identical to what
immerse wrote before it had other languages: tests and doctests hold it."""

from __future__ import annotations

from collections.abc import Sequence

from immerse.engine.catalogue import DISCIPLINES, FORMATS, GOALS, LEVEL_LABELS, TOOL_BY_KEY
from immerse.engine.languages.en_builder import BUILDER
from immerse.engine.languages.grammar import (
    Explained,
    FormatWords,
    Grammar,
    InventoryWords,
    NextStepWords,
    Noun,
    ReasonWords,
    Subject,
    SummaryWords,
    TableWords,
    WordingRules,
)


def join(items: Sequence[str], alternative: bool = False) -> str:
    """'a', 'a and b', 'a, b and c'."""
    parts = [p for p in items if p]
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + (" or " if alternative else " and ") + parts[-1]


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def subject(tools: Sequence[str], topic: str | None) -> Subject:
    names = [TOOL_BY_KEY[key].label.lower() for key in dict.fromkeys(tools)]
    if not names and topic:
        names = [topic]
    if not names:
        return _subject("social tools", plural=True)
    return _subject(join(names[:3]), plural=len(names) > 1)


def _subject(text: str, *, plural: bool) -> Subject:
    return Subject(slots={"s": text, "is_": "are" if plural else "is",
                          "es": "" if plural else "s", "it": "they" if plural else "it",
                          "obj": "them" if plural else "it"},
                   plural=plural, gender="n")


# What a person at a level takes away, unless the format says it its own way.
LEVEL_GAIN: dict[int, str] = {
    1: "Never tried {s}? You see what is possible and which first step suits you.",
    2: "Use {s} now and then? You see where {it} fit{es} your work and what {it} {is_} "
       "worth.",
    3: "Know where {s} fit{es} your work? You leave with steps for your own plan.",
    4: "Already practise {s} at work? You share what you learned and meet people to mentor.",
}
# Who should go elsewhere, per level left out, and where.
NOT_FOR: dict[int, str] = {
    1: "Never tried {s}? Start with a story session or a hands-on lab.",
    2: "Just starting and still looking for the business case? A context & strategy talk "
       "comes first.",
    3: "Ready to write your own plan? A facilitated workshop suits you better.",
    4: "Already run {s} for work and could teach {obj}? The community space is yours.",
}

LOOK_FOR_LEAD: dict[int, str] = {
    1: "Start with the stories of people who did it, then try it with a helper beside you.",
    2: "Start from the business case and strategy, and keep time to reflect.",
    3: "Join a small facilitated workshop and leave with your own plan, reviewed by peers "
    "and experts.",
    4: "Share what you learned with other practitioners, and host tables for levels 1-3.",
}

_MISSING = {
    "plan": "a written plan (without one you stay at Preparation)",
    "led": "an initiative you ran or led",
    "teach": "being comfortable teaching colleagues",
    "tool": "a tool you use weekly or daily with confidence 4 or more",
}


def explain(facts: Explained) -> str:
    usage = _usage(facts)
    if facts.level == 1:
        return ("You have not tried social tools for work yet: Eye-opener sessions tell the "
                "stories of what others did, so you can see what is possible.")
    if facts.level == 2:
        gap = (", privately, not for work yet" if not facts.for_work
               else " but it is not yet clear where it fits")
        return (f"You {usage}{gap}: Baby steps sessions give you the context, strategy and "
                "business benefits, with time to reflect.")
    if facts.level == 3:
        if facts.plan == "none":
            return (f"You {usage} but have no plan yet: Preparation sessions give you a plan "
                    "to take home.")
        gap = ("have ideas for a plan, but nothing written yet" if facts.plan == "informal"
               else f"have a plan, but Just do it also needs {_MISSING[facts.missing]}")
        return (f"You {usage} and {gap}: Preparation workshops give you peer review, expert "
                "guidance and a plan to take home.")
    return (f"You {usage}, have a written plan, have led an initiative and would teach "
            "colleagues: Just do it sessions are where you share what you learned, and you "
            "can host tables for levels 1-3.")


def _usage(facts: Explained) -> str:
    """E.g. 'use microblogging daily for work'."""
    context = " for work" if facts.for_work else ""
    if facts.tool is None:
        return f"use social tools{context}"
    name = TOOL_BY_KEY[facts.tool].label.lower()
    if facts.frequency == "tried":
        return f"have tried {name}{context}"
    return f"use {name} {facts.frequency}{context}"


# The agenda reason's sentences, as ``engine.agenda.costs`` wrote them before it had parts;
# the goals' words are the catalogue's (``Goal.wish``, ``Goal.answers``).
REASONS = ReasonWords(
    starred="You starred it", chosen="You chose it.", goal="{wish}: {answer}",
    wishes={goal.key: f"You {goal.wish}" for goal in GOALS},
    answers={fmt: answer for goal in GOALS for fmt, answer in goal.answers.items()},
    problem="You wrote {quote}: it covers {matches}",
    interests="You asked about {matches}",
    look_for_first={f.key: f"Your level card puts {f.plural} first" for f in FORMATS},
    quote_marks=("\u201c", "\u201d"),
    open_to_all="Open to every level", made_for="Made for {level}, your level",
    up=("A step up from {level}, your level: a stretch",
        "Two steps up from {level}, your level: a stretch",
        "Three steps up from {level}, your level: a stretch"),
    back=("A step back from {level}, your level: you can help others here",
          "Two steps back from {level}, your level: you can help others here",
          "Three steps back from {level}, your level: you can help others here"),
    tools={tool.key: Noun(tool.label.lower()) for tool in TOOL_BY_KEY.values()},
    topic=Noun,
)


def _both(sentence: str) -> tuple[str, str]:
    """English says these the same way for one and for many."""
    return sentence, sentence


_GOALS_GOT = "who asked for something the program offers at their level got it"
# A planning run's outcome (``engine.agenda.summary``), as it always read.
SUMMARIES = SummaryWords(
    nobody="Nobody was planned: no confirmed attendees, or no sessions with a time slot.",
    people=("person", "people"), time_slots=("time slot", "time slots"),
    slots=("slot", "slots"), sessions=("session", "sessions"),
    more_people=("more person", "more people"),
    agendas_over=("{people} has a personal agenda over {slots}.",
                  "{people} have a personal agenda over {slots}."),
    agendas=("{people} has a personal agenda.", "{people} have a personal agenda."),
    share="{share}% have every session at their level.",
    all_at_level="Everyone has a session at their level in every slot.",
    at_level_in="Everyone has a session at their level in {good} of {slots}.",
    most_away="Most away from their level: {where}.",
    away_first="{people} at {slot}", away_rest="{n} at {slot}",
    worse_day=("{people} has a worse {day} than the rest: fewer sessions at their level "
               "that day.",
               "{people} have a worse {day} than the rest: fewer sessions at their level "
               "that day."),
    worse_any_day=("{people} has a worse day than the rest: fewer sessions at their level "
                   "that day.",
                   "{people} have a worse day than the rest: fewer sessions at their level "
                   "that day."),
    goals_all=f"Everyone {_GOALS_GOT}.", goals_all_by=f"Everyone {_GOALS_GOT}: {{by_goal}}.",
    goals_some=_both(f"{{met}} of {{fitting}} people {_GOALS_GOT}."),
    goals_some_by=_both(f"{{met}} of {{fitting}} people {_GOALS_GOT}: {{by_goal}}."),
    goal_item="{met} of {fitting} for {goal}",
    goal_names={goal.key: goal.name for goal in GOALS},
    goals_rest=_both("For {more_people}, no session at their level offers what they asked "
                     "for: add one, or tell them where to find it."),
    no_seat=("{people} has no session in at least one slot: the rooms then hold fewer "
             "people than came.",
             "{people} have no session in at least one slot: the rooms then hold fewer "
             "people than came."),
    crowded=("{sessions} is full or nearly full: {list}.",
             "{sessions} are full or nearly full: {list}."),
    crowded_item="{session} ({assigned} of {seats})", crowded_more="{n} more",
)

# The table-size advice (``engine.grouping.sizes``), as it always read.
TABLE_SIZES = TableWords(
    nobody="Nobody to seat yet.", tables=("table", "tables"), experts=("expert", "experts"),
    no_host="{tables} of about {size}; no expert or practitioner has signed up, so no table "
    "has a host: invite some, or ask the facilitators to host.",
    every_table="{tables} of {sizes}, and every table has an expert ({experts} for "
    "{tables}).",
    grown=_both("{tables} of {sizes}, so that every table has an expert ({preferred} per "
                "table would make {wanted}, {missing} of them without an expert)."),
    short=("{tables} of {sizes}: with only {experts}, {short} has no expert even at the "
           "largest size. Invite more practitioners, or ask the facilitators to host.",
           "{tables} of {sizes}: with only {experts}, {short} have no expert even at the "
           "largest size. Invite more practitioners, or ask the facilitators to host."),
    sizes_or="{low} or {high}",
)
# Why an upcoming event is a good next step (``engine.next_steps``), as it always read.
NEXT_STEPS = NextStepWords(
    both="{sessions} at your level ({rung}) and {step_up} a step up ({rung_up}).",
    step_up="A step up: {sessions} for {rung_up}, the rung after yours ({rung}).",
    same_practitioners="{sessions} at your level ({rung}), for practitioners like you.",
    same_deeper="{sessions} at your level ({rung}), for going deeper.",
    declared="Meant for levels {low}–{high}, which includes yours ({rung}).",
    open="Open to every level.",
)
# The room's public summary (``engine.inventory``), as it always read.
INVENTORY = InventoryWords(
    too_few="Fewer than {k} people have registered so far; the summary of the room appears "
    "from {k} on.",
    people_from=("{n} people from {orgs} organization.", "{n} people from {orgs} "
                 "organizations."),
    titled="{title}: {body}", levels="Levels", disciplines="Disciplines",
    share="{pct}% {name}", all_small="all groups are small",
    not_shown="not shown because the groups are small: {names}",
    tools_lead="Tools used at least monthly: {parts}", none_shown="none shown",
    tool_share="{pct}% use {tool}", nobody_uses="nobody uses {tools} yet",
    not_assessed="not yet assessed", discipline_names=dict(DISCIPLINES),
)

def plural(n: int) -> bool:
    return n != 1


GRAMMAR = Grammar(
    code="en", join=join, count=count, level_names=LEVEL_LABELS, subject=subject,
    pitch={f.key: FormatWords(f.pitch, f.gains, f.everyone) for f in FORMATS},
    level_gain=LEVEL_GAIN, not_for=NOT_FOR,
    further="Use {s} already? A context & strategy talk or a hands-on lab takes you further.",
    everyone="Open to every level, so it cannot go deep into any one person's plan.",
    also_on="Also on {topics}.", explain=explain,
    every_level="every level",
    format_names={f.key: f.label for f in FORMATS}, look_for_lead=LOOK_FOR_LEAD,
    look_for="Formats to look for: {formats}.",
    rules=WordingRules(level="level", levels="levels", conjunctions=("and", "or")),
    reasons=REASONS, summaries=SUMMARIES, plural=plural,
    table_sizes=TABLE_SIZES, next_steps=NEXT_STEPS,
    inventory=INVENTORY, theme_names={}, builder=BUILDER,
)
