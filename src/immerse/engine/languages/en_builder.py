"""English: the program builder's sentences (``engine.program_builder``), exactly as the
builder always wrote them."""

from __future__ import annotations

from immerse.engine.catalogue import FORMATS
from immerse.engine.languages.grammar import BuilderWords


def _first_lower(name: str) -> str:
    return name if name.startswith("“") else name[:1].lower() + name[1:]


BUILDER = BuilderWords(
    too_many="{attendees} attendees: immersions work best with fewer than {most}; consider "
    "running it twice.",
    facilitators="{n} at {level}: plan one facilitator per {size} people so workshops stay "
    "small.",
    no_experts="No {level} practitioners registered: invite practitioners or facilitators "
    "to host the tables and labs.",
    provocations_over=("{count} provocation over {days} days: some days have two.",
                       "{count} provocations over {days} days: some days have two."),
    no_slots="Day {day}: not enough slots for {kinds}.",
    kinds={"listening": "the listening exercise", "provocation": "a provocation",
           "levels": "a session per level", "hands_on": "a hands-on lab",
           "tables": "round tables"},
    no_room="Day {day}, slot {slot}: no room left for {title}.",
    seats_short="Day {day}, slot {slot}: {title} needs {demand} seats, {seats} found.",
    group="{title} (group {n})",
    listening="Listening: what people already say about you and your sector",
    listening_why="A program starts by listening to each other: everyone, first thing on "
    "day 1.",
    titles={"story": "Stories: how others started with {tool}",
            "strategy": "Context & strategy: the business case for {tool}, with time to "
            "reflect",
            "workshop": "Workshop on {topic}: your plan to take home",
            "workshop_tool": "Workshop on {tool}: your plan to take home",
            "community": "Community of practice: what we learned with {tool}"},
    lab="Hands-on lab: {tool}",
    provocation_on="Provocation on {topic}",
    provocation_tool="Provocation: why do so few here use {tool}?",
    tables_on="Round tables on {topic}", tables_case="Round tables: bring your case",
    of="{n} of {total}", and_=" and ",
    at_level=("{of} are at {level}", "{of} are at {level}"),
    not_using=("{of} do not use {tool} yet", "{of} do not use {tool} yet"),
    using=("{of} use {tool}", "{of} use {tool}"),
    using_mentor=("{of} use {tool}; practitioners prepare to mentor",
                  "{of} use {tool}; practitioners prepare to mentor"),
    level_why="{who}; {why}: {format} on day {day}{guests}.",
    guests="; {level} practitioners join as experts",
    formats={f.key: f.label.lower() for f in FORMATS},
    brought_name="a problem people brought: {name}",
    brought_people="people brought it, such as {quote}",
    brought=("{n} story or problem like {quote}", "{n} stories and problems like {quote}"),
    brought_clause="; {brought}",
    lab_why=("Hands-on every day: {demand} at {levels} try {tool} {already}{host}.",
             "Hands-on every day: {demand} at {levels} try {tool} {already}{host}."),
    already=("({of} use {it} already)", "({of} use {it} already)"),
    it=("it", "it", "it", "it", "it"),
    hosted=(", hosted by {n} {level} practitioners", ", hosted by {n} {level} practitioners"),
    provocation_why="Expert provocation {index} of {total}, spaced through the program: "
    "day {day}{brought}.",
    tables_why="Round tables mixing the levels{mix} on day {day}; {host}{brought}.",
    mix=" and {n} disciplines",
    hosts=("{n} {level} practitioners host", "{n} {level} practitioners host"),
    no_hosts="facilitators host (no {level} practitioners registered)",
    theme_title=_first_lower, theme_reason=str.lower,
)
