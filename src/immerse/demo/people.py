"""Seeded, plausible attendees: names, organizations, tool habits that fit their level."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field

from immerse.demo import content
from immerse.engine.catalogue import DISCIPLINES, TOOLS

# How common each tool is among professionals (share using it at least monthly at level 3).
POPULARITY = {
    "microblogging": 0.7, "social-networking": 0.95, "blogging": 0.45,
    "social-bookmarking": 0.2, "video-sharing": 0.75, "live-video": 0.3,
    "photo-sharing": 0.6, "wikis": 0.5, "podcasts": 0.4, "location": 0.25,
    "forums": 0.35, "enterprise-social": 0.55,
}
# Per level: (chance of any use relative to popularity, frequencies to draw from, confidence)
LEVEL_HABITS = {
    1: (0.3, ("tried",), (1, 2)),
    2: (0.6, ("tried", "monthly", "weekly"), (2, 3)),
    3: (0.9, ("monthly", "weekly", "daily"), (3, 4)),
    4: (1.2, ("weekly", "daily", "daily"), (4, 5)),
}
# Questionnaire answers typical of each level: (question, choices to draw from)
LEVEL_ANSWERS: dict[int, dict[str, tuple[str, ...]]] = {
    1: {"work_use": ("none",), "plan": ("none",), "led": ("no",),
        "measure": ("no",), "teach": ("no",), "want": ("stories",)},
    2: {"work_use": ("private", "occasional"), "plan": ("none",), "led": ("no", "helped"),
        "measure": ("no", "sometimes"), "teach": ("no", "somewhat"), "want": ("context",)},
    3: {"work_use": ("job",), "plan": ("none", "informal"), "led": ("helped",),
        "measure": ("sometimes",), "teach": ("somewhat",), "want": ("plan",)},
    4: {"work_use": ("job",), "plan": ("written",), "led": ("led",),
        "measure": ("regularly",), "teach": ("yes",), "want": ("share",)},
}
DISCIPLINE_WEIGHTS = {"marketing": 30, "pr": 15, "technology": 15, "communications": 25,
                      "hr": 10, "other": 5}


@dataclass
class PersonDraft:
    name: str
    email: str
    organization: str
    discipline: str
    region: str
    level: int
    channels: dict[str, str]
    tool_uses: dict[str, tuple[str, int]] = field(default_factory=dict)
    story: str = ""
    problem: str = ""
    interests: list[str] = field(default_factory=list)
    answers: dict[str, str] = field(default_factory=dict)


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum())


def _tool_uses(rng: random.Random, level: int) -> dict[str, tuple[str, int]]:
    reach, frequencies, (low, high) = LEVEL_HABITS[level]
    uses = {}
    for tool in TOOLS:
        if rng.random() < min(0.98, POPULARITY[tool.key] * reach):
            uses[tool.key] = (rng.choice(frequencies), rng.randint(low, high))
        else:
            uses[tool.key] = ("never", 1)
    return uses


def draw_people(rng: random.Random, levels: list[int]) -> list[PersonDraft]:
    """One draft per entry of ``levels``, with unique e-mail addresses."""
    disciplines = [key for key, _ in DISCIPLINES]
    weights = [DISCIPLINE_WEIGHTS[key] for key in disciplines]
    seen: set[str] = set()
    drafts = []
    for level in levels:
        first, last = rng.choice(content.FIRST_NAMES), rng.choice(content.LAST_NAMES)
        org = rng.choice(content.ORGANIZATIONS)
        local = f"{_ascii(first)}.{_ascii(last)}"
        email, n = f"{local}@{_ascii(org)}.example", 1
        while email in seen:
            n += 1
            email = f"{local}{n}@{_ascii(org)}.example"
        seen.add(email)
        discipline = rng.choices(disciplines, weights)[0]
        uses = _tool_uses(rng, level)
        used = [key for key, (freq, _) in uses.items() if freq != "never"]
        unused = [key for key, (freq, _) in uses.items() if freq == "never"]
        story_tool = _label(rng.choice(used or ["social-networking"]))
        problem_tool = _label(rng.choice(unused or used))
        dept = content.DEPARTMENTS[discipline]
        handle = f"@{_ascii(first)}{_ascii(last)[:3]}"
        channels = {"microblog": handle}
        if level >= 3 and rng.random() < 0.5:
            channels["blog"] = f"https://{_ascii(first)}{_ascii(last)}.example/blog"
        drafts.append(PersonDraft(
            name=f"{first} {last}", email=email, organization=org, discipline=discipline,
            region=rng.choice(content.REGIONS), level=level, channels=channels, tool_uses=uses,
            story=rng.choice(content.STORY_TEMPLATES).format(tool=story_tool, dept=dept)
            if level >= 2 else "",
            problem=rng.choice(content.PROBLEM_TEMPLATES).format(tool=problem_tool, dept=dept),
            interests=rng.sample(sorted(set(unused or used)), k=min(2, len(unused or used))),
            answers={q: rng.choice(options) for q, options in LEVEL_ANSWERS[level].items()},
        ))
    return drafts


def _label(key: str) -> str:
    return next(tool.label.lower() for tool in TOOLS if tool.key == key)


def level_mix(rng: random.Random, counts: tuple[int, int, int, int]) -> list[int]:
    """Exactly ``counts[i]`` people at level i+1, in random order."""
    levels = [level for level, n in enumerate(counts, start=1) for _ in range(n)]
    rng.shuffle(levels)
    return levels
