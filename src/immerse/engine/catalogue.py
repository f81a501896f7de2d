"""The shared vocabulary of immerse: levels, session formats, disciplines, tools, frequencies.

Everything else (Django choices, the engine, the demo generator, importers) reads these
tuples, so a new format or tool is added here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum


class Level(IntEnum):
    """The four-rung ladder adapted from Kolb's learning cycle."""

    EYE_OPENER = 1
    BABY_STEPS = 2
    PREPARATION = 3
    JUST_DO_IT = 4

    @property
    def label(self) -> str:
        return LEVEL_LABELS[self]

    @property
    def wants(self) -> str:
        return LEVEL_WANTS[self]


LEVEL_LABELS: dict[int, str] = {
    1: "Eye-opener",
    2: "Baby steps",
    3: "Preparation",
    4: "Just do it",
}

LEVEL_WANTS: dict[int, str] = {
    1: "has not tried yet; wants stories of what others did",
    2: "uses it; wants context, strategy and business benefits, and time to reflect",
    3: "knows how it fits; wants a facilitated small workshop that yields a plan to take home, "
    "peer review and expert guidance",
    4: "practising; shares learning in a community of practice and serves as the expert "
    "for levels 1-3",
}


@dataclass(frozen=True, slots=True)
class Format:
    """A session format: everything the pitch, the level advice, the program builder and
    schedule exchange know about it, so a new format is this one entry (plus its tests)."""

    key: str
    label: str
    levels: tuple[int, ...]  # the levels this format serves best
    description: str
    #: The pitch's promise: "This is your session if … and {offer}."
    offer: str
    #: Level → where the format comes in that level's "Formats to look for" (1 = first).
    #: A level's first format is the one the program builder gives it as its own session.
    look_for: Mapping[int, int] = field(hash=False)
    #: The frab/pretalx schedule ``type`` it exports as.
    exchange_type: str
    #: The schedule ``type`` names (lower case) that import as this format; any other type
    #: imports as :data:`IMPORTED_FORMAT_DEFAULT`.
    imported_from: tuple[str, ...] = ()

    @property
    def for_everyone(self) -> bool:
        """Serves every level: it is meant for the whole room, not any one person's plan."""
        return self.levels == tuple(LEVEL_LABELS)


FORMATS: tuple[Format, ...] = (
    Format("story", "Story & case sharing", (1, 2),
           "People who did it tell what they did, what happened and what they would do again.",
           offer="want to hear how others started, what happened and what they would do again",
           look_for={1: 1, 2: 2}, exchange_type="lecture"),
    Format("strategy", "Context & strategy talk", (2, 3),
           "Why it matters for the business, where it fits, what it costs and returns.",
           offer="want to understand why it matters for the business, where it fits, "
           "what it costs and what it returns",
           look_for={2: 1, 3: 3}, exchange_type="lecture"),
    Format("workshop", "Facilitated workshop", (3,),
           "A small group works on each person's own case and leaves with a plan.",
           offer="want to work on your own case in a small facilitated group and leave with "
           "a plan to take home",
           look_for={3: 1}, exchange_type="workshop", imported_from=("workshop",)),
    Format("lab", "Hands-on lab", (1, 2, 3),
           "Laptops and phones out: set it up and try it with a helper beside you.",
           offer="want to set it up and try it yourself, with a helper beside you",
           look_for={1: 2, 2: 3}, exchange_type="workshop", imported_from=("lab", "hands-on")),
    Format("listening", "Listening exercise", (1, 2, 3, 4),
           "Listen first: explore what people already say about you, your topic, your sector.",
           offer="want to listen first to what people already say about you, your topic "
           "and your sector",
           look_for={1: 3}, exchange_type="workshop"),
    Format("table", "Table discussion", (1, 2, 3, 4),
           "Mixed round tables: everyone brings a case, a practitioner hosts.",
           offer="want to bring your own case to a mixed round table hosted by a practitioner",
           look_for={1: 4, 3: 4, 4: 2}, exchange_type="meeting",
           imported_from=("panel", "podium", "meeting", "discussion")),
    Format("provocation", "Expert provocation", (2, 3, 4),
           "A practitioner challenges the room with a strong claim and takes the questions.",
           offer="want a practitioner to challenge you with a strong claim and take your "
           "questions",
           look_for={2: 4, 3: 2, 4: 3}, exchange_type="lecture"),
    Format("community", "Community space", (4,),
           "Practitioners share what they learned and prepare to mentor the other levels.",
           offer="want to compare notes with other practitioners and prepare to mentor "
           "the other levels",
           look_for={4: 1}, exchange_type="meeting"),
    Format("plenary", "Plenary", (1, 2, 3, 4),
           "Everyone together: opening, closing, the shared moments.",
           offer="want the shared moments with everyone",
           look_for={}, exchange_type="lecture", imported_from=("keynote", "plenary", "other")),
)
FORMAT_BY_KEY: dict[str, Format] = {f.key: f for f in FORMATS}
#: What an imported session with any other schedule ``type`` (a talk, a lecture…) becomes.
IMPORTED_FORMAT_DEFAULT = "strategy"
_FORMAT_BY_SCHEDULE_TYPE: dict[str, Format] = {
    name: f for f in FORMATS for name in f.imported_from
}


class UnknownSessionFormatError(KeyError):
    """A format key that is not in :data:`FORMATS`."""

    def __str__(self) -> str:
        return f"unknown format {self.args[0]!r} ({', '.join(FORMAT_BY_KEY)})"


def format_of(key: str) -> Format:
    """The catalogue entry for ``key``; :class:`UnknownSessionFormatError` if there is none."""
    try:
        return FORMAT_BY_KEY[key]
    except KeyError:
        raise UnknownSessionFormatError(key) from None


def format_label(key: str) -> str:
    """The label a person reads for a stored format key; the key itself for a key that is no
    longer in the catalogue (old rows stay displayable).

    >>> format_label("lab"), format_label("retired")
    ('Hands-on lab', 'retired')
    """
    found = FORMAT_BY_KEY.get(key)
    return found.label if found else key


def formats_to_look_for(level: int) -> tuple[Format, ...]:
    """The formats that serve ``level`` best, most useful first (its own session first)."""
    return tuple(sorted((f for f in FORMATS if level in f.look_for),
                        key=lambda f: f.look_for[level]))


def format_for_schedule_type(schedule_type: str | None) -> Format:
    """The format an imported frab/pretalx session of ``schedule_type`` becomes.

    >>> format_for_schedule_type("Hands-on").key, format_for_schedule_type("talk").key
    ('lab', 'strategy')
    """
    found = _FORMAT_BY_SCHEDULE_TYPE.get((schedule_type or "").lower())
    return found or FORMAT_BY_KEY[IMPORTED_FORMAT_DEFAULT]


@dataclass(frozen=True, slots=True)
class Goal:
    """What a person said they most want from the event (the questionnaire's ``want``
    answer) and the session formats that deliver it, each with the words that say how.

    ``name`` is the goal in a list; ``wish`` completes "You …" ("asked for a plan to take
    home"); ``answers`` maps a format key to how a session of that format answers the wish
    ("this workshop ends with yours"). The keys are the ``want`` question's choice keys.
    """

    key: str
    name: str  # short, for lists: "a plan to take home"
    wish: str
    answers: Mapping[str, str] = field(hash=False)

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.answers)


GOALS: tuple[Goal, ...] = (
    Goal("stories", "stories of what others did", "asked for stories of what others did",
         {"story": "people who did it tell what happened"}),
    Goal("context", "context and strategy",
         "asked for context, strategy and the business case",
         {"strategy": "this talk makes the business case",
          "provocation": "a practitioner challenges the room on why it matters"}),
    Goal("plan", "a plan to take home", "asked for a plan to take home",
         {"workshop": "this workshop ends with yours"}),
    Goal("share", "sharing and mentoring",
         "want to share what you learned and mentor others",
         {"community": "practitioners compare notes here and prepare to mentor"}),
)
GOAL_BY_KEY: dict[str, Goal] = {g.key: g for g in GOALS}


DISCIPLINES: tuple[tuple[str, str], ...] = (
    ("marketing", "Marketing"),
    ("pr", "PR"),
    ("technology", "Technology"),
    ("communications", "Communications"),
    ("hr", "HR / people"),
    ("other", "Other"),
)

FREQUENCIES: tuple[tuple[str, str], ...] = (
    ("never", "Never"),
    ("tried", "Tried it"),
    ("monthly", "Monthly"),
    ("weekly", "Weekly"),
    ("daily", "Daily"),
)
FREQUENCY_RANK: dict[str, int] = {key: rank for rank, (key, _) in enumerate(FREQUENCIES)}


@dataclass(frozen=True, slots=True)
class Tool:
    key: str
    label: str
    examples: str


TOOLS: tuple[Tool, ...] = (
    Tool("microblogging", "Microblogging", "Mastodon, Bluesky, X, Threads"),
    Tool("social-networking", "Social networking", "LinkedIn, Facebook"),
    Tool("blogging", "Blogging", "WordPress, Ghost, Substack"),
    Tool("social-bookmarking", "Social bookmarking", "Pinboard, Raindrop, Diigo"),
    Tool("video-sharing", "Video sharing", "YouTube, Vimeo, PeerTube"),
    Tool("live-video", "Live video", "live streams, video uplinks"),
    Tool("photo-sharing", "Photo sharing", "Instagram, Flickr, Pixelfed"),
    Tool("wikis", "Wikis", "Wikipedia, Confluence, MediaWiki"),
    Tool("podcasts", "Podcasts", "audio shows, Spotify, Apple Podcasts"),
    Tool("location", "Location-based", "check-ins, maps, local reviews"),
    Tool("forums", "Forums", "Discourse, Reddit, community boards"),
    Tool("enterprise-social", "Enterprise social network", "Teams, Slack, Viva Engage"),
)
TOOL_BY_KEY: dict[str, Tool] = {t.key: t for t in TOOLS}

EVENT_KINDS: tuple[tuple[str, str], ...] = (
    ("conference", "Conference"),
    ("immersion", "Immersion program"),
    ("workshop", "Workshop"),
    ("course", "Course"),
    ("meetup", "Meetup"),
)
