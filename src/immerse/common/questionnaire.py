"""The level questionnaire's words in the reader's language: its questions and answers, how
often a tool is used, how confident one is with it, and the disciplines.

The engine (no Django) keeps them in plain English (``engine.levels.QUESTIONS``,
``engine.catalogue.FREQUENCIES`` and ``DISCIPLINES``); the sign-up and retake forms and the
organizer's pages show them through here, as ``common.labels`` does for the ladder.
``tests/i18n/test_questionnaire_labels.py`` keeps these in step with the engine.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from immerse.engine.catalogue import Tool
from immerse.engine.levels import Question

#: Each question's prompt, by key.
QUESTION_PROMPTS: dict[str, Promise] = {
    "work_use": _("How do you use social tools such as LinkedIn, Mastodon or a blog?"),
    "plan": _("Does your organization have a plan or strategy for social media?"),
    "led": _("Have you run or led a social-media initiative?"),
    "measure": _("Do you measure what your social-media work brings?"),
    "teach": _("Would you be comfortable explaining or teaching it to colleagues?"),
    "want": _("What do you most want from this event?"),
}

#: Each answer, by (question, answer) key.
ANSWER_LABELS: dict[tuple[str, str], Promise] = {
    ("work_use", "none"): _("Not at all"),
    ("work_use", "private"): _("Privately, not for work"),
    ("work_use", "occasional"): _("For work, now and then"),
    ("work_use", "job"): _("As part of my job"),
    ("plan", "none"): _("No plan"),
    ("plan", "informal"): _("Some ideas, nothing written down"),
    ("plan", "written"): _("A written plan that I work with"),
    ("led", "no"): pgettext_lazy("answer", "No"),
    ("led", "helped"): _("I helped with one"),
    ("led", "led"): _("Yes, I ran or led one"),
    ("measure", "no"): pgettext_lazy("answer", "No"),
    ("measure", "sometimes"): _("Sometimes"),
    ("measure", "regularly"): _("Regularly"),
    ("teach", "no"): pgettext_lazy("answer", "No"),
    ("teach", "somewhat"): _("Some of it"),
    ("teach", "yes"): pgettext_lazy("answer", "Yes"),
    ("want", "stories"): _("Stories of what others did"),
    ("want", "context"): _("Context, strategy and the business case"),
    ("want", "plan"): _("A plan to take home"),
    ("want", "share"): _("To share what I learned and mentor others"),
}

#: How often a tool is used (``engine.catalogue.FREQUENCIES``).
FREQUENCY_NAMES: dict[str, Promise] = {
    "never": _("Never"),
    "tried": _("Tried it"),
    "monthly": _("Monthly"),
    "weekly": _("Weekly"),
    "daily": _("Daily"),
}

#: The disciplines (``engine.catalogue.DISCIPLINES``).
DISCIPLINE_NAMES: dict[str, Promise] = {
    "marketing": _("Marketing"),
    "pr": _("PR"),
    "technology": _("Technology"),
    "communications": _("Communications"),
    "hr": _("HR / people"),
    "other": pgettext_lazy("discipline", "Other"),
}

#: The tools of the inventory (``engine.catalogue.TOOLS``): name and examples, by key.
TOOL_NAMES: dict[str, Promise] = {
    "microblogging": _("Microblogging"),
    "social-networking": _("Social networking"),
    "blogging": _("Blogging"),
    "social-bookmarking": _("Social bookmarking"),
    "video-sharing": _("Video sharing"),
    "live-video": _("Live video"),
    "photo-sharing": _("Photo sharing"),
    "wikis": _("Wikis"),
    "podcasts": _("Podcasts"),
    "location": _("Location-based"),
    "forums": _("Forums"),
    "enterprise-social": _("Enterprise social network"),
}
#: A tool's name inside a sentence ("Confidence with microblogging"): lower case in English,
#: as each language writes a noun there (German capitalises it).
TOOL_NAMES_INLINE: dict[str, Promise] = {
    "microblogging": pgettext_lazy("tool, inside a sentence", "microblogging"),
    "social-networking": pgettext_lazy("tool, inside a sentence", "social networking"),
    "blogging": pgettext_lazy("tool, inside a sentence", "blogging"),
    "social-bookmarking": pgettext_lazy("tool, inside a sentence", "social bookmarking"),
    "video-sharing": pgettext_lazy("tool, inside a sentence", "video sharing"),
    "live-video": pgettext_lazy("tool, inside a sentence", "live video"),
    "photo-sharing": pgettext_lazy("tool, inside a sentence", "photo sharing"),
    "wikis": pgettext_lazy("tool, inside a sentence", "wikis"),
    "podcasts": pgettext_lazy("tool, inside a sentence", "podcasts"),
    "location": pgettext_lazy("tool, inside a sentence", "location-based"),
    "forums": pgettext_lazy("tool, inside a sentence", "forums"),
    "enterprise-social": pgettext_lazy("tool, inside a sentence", "enterprise social network"),
}
TOOL_EXAMPLES: dict[str, Promise] = {
    "live-video": _("live streams, video uplinks"),
    "podcasts": _("audio shows, Spotify, Apple Podcasts"),
    "location": _("check-ins, maps, local reviews"),
    "forums": _("Discourse, Reddit, community boards"),
}

#: How confident one is with a tool, 1 to 5 (the form's values are strings).
CONFIDENCE_CHOICES: list[tuple[str, Promise | str]] = [
    ("1", _("1 · not at all")), ("2", "2"), ("3", _("3 · getting there")), ("4", "4"),
    ("5", _("5 · could teach it"))]


def tool_name(tool: Tool) -> str:
    """A tool's name in the active language."""
    return str(TOOL_NAMES.get(tool.key, tool.label))


def confidence_label(tool: Tool) -> str:
    """The label of a tool's confidence menu, in the active language."""
    inline = TOOL_NAMES_INLINE.get(tool.key)
    return _("Confidence with %(tool)s") % {
        "tool": inline if inline is not None else tool.label.lower()}


def tool_examples(tool: Tool) -> str:
    """A tool's examples in the active language (most are brand names, the same in all)."""
    return str(TOOL_EXAMPLES.get(tool.key, tool.examples))


def question_prompt(question: Question) -> str:
    """A question in the active language; its English prompt for one not translated yet."""
    found = QUESTION_PROMPTS.get(question.key)
    return str(found) if found is not None else question.prompt


def answer_choices(question: Question) -> list[tuple[str, str]]:
    """A question's answers as form choices, in the active language."""
    return [(choice.key, str(ANSWER_LABELS.get((question.key, choice.key), choice.label)))
            for choice in question.choices]


def named_choices(pairs: tuple[tuple[str, str], ...],
                  names: dict[str, Promise]) -> list[tuple[str, Promise | str]]:
    """Engine (key, English label) pairs as form choices named in the reader's language
    (lazily: a form class built at import time still follows each request's language)."""
    return [(key, names.get(key, label)) for key, label in pairs]
