"""The shared vocabulary of immerse: levels, session formats, disciplines, tools, frequencies.

Everything else (Django choices, the engine, the demo generator, importers) reads these
tuples, so a new format or tool is added here once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
    """A session format: everything the pitch, the level advice, the agenda's reasons, the
    program builder, schedule exchange and the apps know about it, so a new format is this
    one entry (plus its tests). Code asks an entry's capabilities (``seats_at_tables``…)
    through :func:`format_keys`, never its key.

    The pitch's templates fill ``{s}`` with the subject ("microblogging", "wikis and
    blogging"), ``{it}``/``{obj}`` with its pronoun as subject/object and ``{es}``/``{is_}``
    with the verb agreeing with it (``engine.pitch``).
    """

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
    #: Several sessions of it, as an agenda's reason names them ("Your level card puts
    #: hands-on labs first").
    plural: str
    #: The pitch's first sentence: what happens.
    pitch: str
    #: The schedule ``type`` names (lower case) that import as this format; any other type
    #: imports as :data:`IMPORTED_FORMAT_DEFAULT`.
    imported_from: tuple[str, ...] = ()
    #: Level → what a person at that level takes away, where it differs from the level's
    #: own sentence (``engine.pitch``).
    gains: Mapping[int, str] = field(default_factory=dict, hash=False)
    #: What a session of it open to every level gives each end of the ladder ("" = the
    #: pitch's general sentence).
    everyone: str = ""
    #: Its pitch is about its theme, whatever tools it touches (a plenary).
    pitch_on_theme: bool = False
    #: Seats people at round tables: the tables pages form and rotate its sessions.
    seats_at_tables: bool = False
    #: Ends with a plan to take home: attendees draft their plan from its session page.
    yields_plan: bool = False
    #: Just do it practitioners lead it among the attendees (they host, they mentor).
    practitioners_lead: bool = False

    @property
    def for_everyone(self) -> bool:
        """Serves every level: it is meant for the whole room, not any one person's plan."""
        return self.levels == tuple(LEVEL_LABELS)


FORMATS: tuple[Format, ...] = (
    Format("story", "Story & case sharing", (1, 2),
           "People who did it tell what they did, what happened and what they would do again.",
           offer="want to hear how others started, what happened and what they would do again",
           look_for={1: 1, 2: 2}, exchange_type="lecture", plural="story sessions",
           pitch="People who started with {s} tell what they did, what happened and what "
           "they would do again.",
           gains={1: "Never tried {s}? You leave knowing how others began, and which first "
                     "step could be yours.",
                  2: "Use {s} now and then? You hear what made {obj} work for others, and "
                     "what did not."}),
    Format("strategy", "Context & strategy talk", (2, 3),
           "Why it matters for the business, where it fits, what it costs and returns.",
           offer="want to understand why it matters for the business, where it fits, "
           "what it costs and what it returns",
           look_for={2: 1, 3: 3}, exchange_type="lecture", plural="context & strategy talks",
           pitch="Why {s} matter{es} for the business: where {it} fit{es}, what {it} "
           "cost{es} and what {it} return{es}, with time to think about your own "
           "organization.",
           gains={2: "Use {s} but not sure where {it} fit{es} your work? You leave with the "
                     "arguments to make the case to your colleagues.",
                  3: "Preparing a plan for {s}? You get a frame to check it against."}),
    Format("workshop", "Facilitated workshop", (3,),
           "A small group works on each person's own case and leaves with a plan.",
           offer="want to work on your own case in a small facilitated group and leave with "
           "a plan to take home",
           look_for={3: 1}, exchange_type="workshop", imported_from=("workshop",),
           plural="facilitated workshops",
           pitch="A small facilitated group works on each person's own case with {s}.",
           gains={3: "Know where {s} fit{es} your work? You leave with your own plan, "
                     "reviewed by peers and an expert."},
           yields_plan=True),
    Format("lab", "Hands-on lab", (1, 2, 3),
           "Laptops and phones out: set it up and try it with a helper beside you.",
           offer="want to set it up and try it yourself, with a helper beside you",
           look_for={1: 2, 2: 3}, exchange_type="workshop", imported_from=("lab", "hands-on"),
           plural="hands-on labs",
           pitch="Phones and laptops out: you set up {s} and try {obj} with a helper beside "
           "you.",
           gains={1: "Never used {s}? You leave with {obj} set up and a first try behind you.",
                  2: "Use {s} a little? You try the features you had not dared to yet.",
                  3: "Preparing a plan? You try what it needs before you commit to it."}),
    Format("listening", "Listening exercise", (1, 2, 3, 4),
           "Listen first: explore what people already say about you, your topic, your sector.",
           offer="want to listen first to what people already say about you, your topic "
           "and your sector",
           look_for={1: 3}, exchange_type="workshop", plural="listening exercises",
           pitch="Listening first: what people already say about you, your topic and your "
           "sector, on {s}.",
           everyone="Open to every level: beginners see what is possible, practitioners find "
           "topics they had missed."),
    Format("table", "Table discussion", (1, 2, 3, 4),
           "Mixed round tables: everyone brings a case, a practitioner hosts.",
           offer="want to bring your own case to a mixed round table hosted by a practitioner",
           look_for={1: 4, 3: 4, 4: 2}, exchange_type="meeting",
           imported_from=("panel", "podium", "meeting", "discussion"),
           plural="table discussions",
           pitch="Mixed round tables, each hosted by a practitioner: everyone brings a case "
           "about {s}.",
           gains={3: "Preparing a plan? Your table reviews your case."},
           everyone="Open to every level: beginners hear how people like them began, "
           "practitioners host and meet the people they will mentor.",
           seats_at_tables=True, practitioners_lead=True),
    Format("provocation", "Expert provocation", (2, 3, 4),
           "A practitioner challenges the room with a strong claim and takes the questions.",
           offer="want a practitioner to challenge you with a strong claim and take your "
           "questions",
           look_for={2: 4, 3: 2, 4: 3}, exchange_type="lecture", plural="expert provocations",
           pitch="A practitioner makes a strong claim about {s} and takes the room's "
           "questions.",
           gains={2: "Still weighing {s}? A strong claim helps you make up your mind.",
                  3: "Preparing a plan? You test it against a practitioner's objections.",
                  4: "Practising {s} yourself? You get to argue back."}),
    Format("community", "Community space", (4,),
           "Practitioners share what they learned and prepare to mentor the other levels.",
           offer="want to compare notes with other practitioners and prepare to mentor "
           "the other levels",
           look_for={4: 1}, exchange_type="meeting", plural="the community space",
           pitch="Practitioners of {s} compare notes and prepare the tables they will host "
           "and the people they will mentor.",
           gains={4: "Run {s} at work and could teach {obj}? You compare notes and prepare "
                     "to host and mentor."},
           practitioners_lead=True),
    Format("plenary", "Plenary", (1, 2, 3, 4),
           "Everyone together: opening, closing, the shared moments.",
           offer="want the shared moments with everyone",
           look_for={}, exchange_type="lecture", imported_from=("keynote", "plenary", "other"),
           plural="plenaries", pitch="Everyone together, for a shared moment on {s}.",
           everyone="Open to every level: whoever you are, this is part of your day.",
           pitch_on_theme=True),
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


def format_keys(where: Callable[[Format], bool]) -> tuple[str, ...]:
    """The keys of the formats ``where`` holds for: code asks a capability, not a key.

    >>> format_keys(lambda f: f.seats_at_tables), format_keys(lambda f: f.yields_plan)
    (('table',), ('workshop',))
    """
    return tuple(f.key for f in FORMATS if where(f))


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
