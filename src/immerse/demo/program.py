"""The demo programs: a five-day immersion, a one-day conference with four rooms, a course."""

from __future__ import annotations

from dataclasses import dataclass

from immerse.engine.catalogue import FORMAT_BY_KEY
from immerse.engine.wording import levels_phrase


@dataclass(frozen=True)
class SessionPlan:
    title: str
    format: str
    levels: tuple[int, ...]
    room: str
    topics: tuple[str, ...]
    tools: tuple[str, ...]
    abstract: str


IMMERSION_ROOMS = (("Plenary hall", 100), ("Lab", 44), ("Workshop room A", 24),
                   ("Workshop room B", 24), ("Community corner", 16))
IMMERSION_SLOTS = (("09:00", "10:30"), ("11:00", "12:30"), ("13:30", "15:00"), ("15:30", "17:00"))

# One focus per day: (theme title, topic, tools)
IMMERSION_DAYS = (
    ("Microblogging on the move", "microblogging", ("microblogging",)),
    ("Networks and communities", "social networking", ("social-networking", "forums")),
    ("Mobile video and live streams", "video", ("video-sharing", "live-video")),
    ("Blogs, wikis and shared knowledge", "blogging and wikis", ("blogging", "wikis")),
    ("Inside the firewall", "enterprise social", ("enterprise-social", "podcasts")),
)


def immersion_day(day: int) -> list[list[SessionPlan]]:
    """Four slots of one immersion day; each inner list runs in parallel."""
    theme, topic, tools = IMMERSION_DAYS[day]
    first: list[SessionPlan]
    if day == 0:
        first = [SessionPlan(
            "Listening to each other: who is in the room", "listening", (1, 2, 3, 4),
            "Plenary hall", ("listening",), tools,
            "We start by listening: everyone says which tools they use, what they want to "
            "learn and one story they brought. The room is the content of this week.")]
    else:
        first = [SessionPlan(
            f"Provocation: {theme.lower()} will not save your brand", "provocation",
            (2, 3, 4), "Plenary hall", (topic, "strategy"), tools,
            f"A practitioner argues that {topic} only works when you listen first, and takes "
            "questions from the room and the backchannel."),
            SessionPlan(f"Story café: first steps with {topic}", "story", (1,), "Lab",
                        (topic, "cases"), tools,
                        "For people who have not started yet: three short stories of "
                        "organizations that did, and time for your questions.")]
    second = [
        SessionPlan(f"Stories: how three organizations started with {topic}", "story",
                    (1, 2), "Plenary hall", (topic, "cases"), tools,
                    f"People who did it tell what they did with {topic}, what went wrong and "
                    "what they would do again."),
        SessionPlan(f"Hands-on lab: {theme.lower()}", "lab", (1, 2, 3), "Lab", (topic,),
                    tools, "Phones and laptops out: set it up and try it with a helper beside "
                    "you."),
        SessionPlan(f"Workshop: your {topic} plan", "workshop", (3,), "Workshop room A",
                    (topic, "planning"), tools,
                    "A small facilitated group works on each person's own case and leaves with "
                    "a plan to take home, reviewed by peers and an expert."),
        SessionPlan(f"Community space: what we learned with {topic}", "community", (4,),
                    "Community corner", (topic, "community of practice"), tools,
                    "Practitioners compare notes and prepare the tables they will host."),
    ]
    third = [SessionPlan(f"Round tables: {theme.lower()}", "table", (1, 2, 3, 4),
                         "Plenary hall", (topic, "peer learning"), tools,
                         "Mixed tables of six to ten, each hosted by a practitioner: everyone "
                         "brings a case.")]
    if day == len(IMMERSION_DAYS) - 1:
        fourth = [SessionPlan("Taking it home: plans shared", "plenary", (1, 2, 3, 4),
                              "Plenary hall", ("planning",), tools,
                              "Everyone shares the first step of their plan; practitioners "
                              "offer to mentor.")]
    else:
        fourth = [
            SessionPlan(f"What {topic} can do for the business", "strategy", (2, 3),
                        "Plenary hall", (topic, "strategy", "business benefits"), tools,
                        f"Context, costs and returns of {topic}, with time to reflect on your "
                        "own organization."),
            SessionPlan(f"Hands-on lab: first steps with {topic}", "lab", (1, 2), "Lab",
                        (topic,), tools, "Guided first steps for people who have not tried it."),
            SessionPlan(f"Plan clinic: {topic}", "workshop", (3,), "Workshop room B",
                        (topic, "planning"), tools,
                        "Bring your draft plan; peers and an expert review it."),
            SessionPlan("Mentoring hour: practitioners host", "community", (4,),
                        "Community corner", ("mentoring", "community of practice"), tools,
                        "Level-4 practitioners meet the people they will mentor."),
        ]
    return [first, second, third, fourth]


CONFERENCE_ROOMS = (("Auditorium", 650), ("Room Amsterdam", 170), ("Room Brussels", 160),
                    ("Room Cologne", 160), ("Room Dublin", 150))
CONFERENCE_SLOTS = (("09:00", "09:45"), ("10:00", "10:45"), ("11:15", "12:00"),
                    ("13:00", "13:45"), ("14:00", "14:45"), ("15:15", "16:00"),
                    ("16:15", "17:00"))
_BREAKOUTS = (
    ("microblogging", "microblogging"), ("social networking", "social-networking"),
    ("video", "video-sharing"), ("blogging", "blogging"), ("listening", "microblogging"),
)
_TRACKS = (
    ("story", (1, 2), "Cases: {t} that worked, and one that didn't"),
    ("strategy", (2, 3), "The business case for {t}"),
    ("workshop", (3,), "Workshop: a 90-day {t} plan"),
    ("provocation", (3, 4), "Practitioners' provocation: what nobody tells you about {t}"),
    ("lab", (1, 2), "Lab: set up {t} in 30 minutes"),
)


def conference_program() -> list[list[SessionPlan]]:
    rooms = [name for name, _ in CONFERENCE_ROOMS[1:]]
    slots: list[list[SessionPlan]] = [[SessionPlan(
        "Opening: what is the room saying? A live listening exercise", "listening",
        (1, 2, 3, 4), "Auditorium", ("listening",), ("microblogging",),
        "We open by reading the backchannel together: who is here, what they ask, what they "
        "hope to take home.")]]
    for index in range(5):
        parallel = []
        for room_index, room in enumerate(rooms):
            topic, tool = _BREAKOUTS[(index + room_index) % len(_BREAKOUTS)]
            fmt, levels, pattern = _TRACKS[(index + room_index) % len(_TRACKS)]
            title = pattern.format(t=topic)
            described = FORMAT_BY_KEY[fmt]
            parallel.append(SessionPlan(
                title, fmt, levels, room, (topic,), (tool,),
                f"A {described.label.lower()} for {levels_phrase(levels)}. "
                f"{described.description}"))
        slots.append(parallel)
    slots.append([SessionPlan(
        "Closing: stop broadcasting, start talking", "plenary", (1, 2, 3, 4),
        "Auditorium", ("strategy", "listening"), ("microblogging", "social-networking"),
        "Communicating with people, not to them: what changes on Monday.")])
    return slots


COURSE_WEEKS = (
    SessionPlan("Where to start: listen before you post", "listening", (1, 2), "Classroom",
                ("listening",), ("microblogging", "social-networking"),
                "Find out what people already say about your organization and your field."),
    SessionPlan("Your first profile and first posts", "lab", (1, 2), "Classroom",
                ("getting started",), ("social-networking", "microblogging"),
                "Set up a profile you are proud of and write three first posts."),
    SessionPlan("Blogs, wikis and bookmarks: sharing what you know", "story", (1, 2),
                "Classroom", ("knowledge sharing",), ("blogging", "wikis", "social-bookmarking"),
                "Stories of teams that share knowledge in the open, and how they started."),
    SessionPlan("A simple plan for the next 90 days", "workshop", (1, 2), "Classroom",
                ("planning",), ("social-networking",),
                "Leave with a one-page plan: goal, audience, first three steps."),
)
