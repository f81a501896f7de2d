"""The shared vocabulary of immerse: levels, session formats, disciplines, tools, frequencies.

Everything else (Django choices, the engine, the demo generator, importers) reads these
tuples, so a new format or tool is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    key: str
    label: str
    levels: tuple[int, ...]  # the levels this format serves best
    description: str


FORMATS: tuple[Format, ...] = (
    Format("story", "Story & case sharing", (1, 2),
           "People who did it tell what they did, what happened and what they would do again."),
    Format("strategy", "Context & strategy talk", (2, 3),
           "Why it matters for the business, where it fits, what it costs and returns."),
    Format("workshop", "Facilitated workshop", (3,),
           "A small group works on each person's own case and leaves with a plan."),
    Format("lab", "Hands-on lab", (1, 2, 3),
           "Laptops and phones out: set it up and try it with a helper beside you."),
    Format("listening", "Listening exercise", (1, 2, 3, 4),
           "Listen first: explore what people already say about you, your topic, your sector."),
    Format("table", "Table discussion", (1, 2, 3, 4),
           "Mixed round tables: everyone brings a case, a practitioner hosts."),
    Format("provocation", "Expert provocation", (2, 3, 4),
           "A practitioner challenges the room with a strong claim and takes the questions."),
    Format("community", "Community space", (4,),
           "Practitioners share what they learned and prepare to mentor the other levels."),
    Format("plenary", "Plenary", (1, 2, 3, 4),
           "Everyone together: opening, closing, the shared moments."),
)
FORMAT_BY_KEY: dict[str, Format] = {f.key: f for f in FORMATS}

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
