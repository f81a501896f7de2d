"""Learning-cycle models: feedback, stories and cases, plans, progression, community."""

from immerse.learning.models.community import ExperiencePost, Mentorship, Resource
from immerse.learning.models.plans import Plan, PlanCheckin, PlanComment, PlanVersion
from immerse.learning.models.progression import (
    Chapter,
    EventPathway,
    Series,
    SeriesEvent,
)
from immerse.learning.models.stories import Feedback, Story

__all__ = [
    "Chapter", "EventPathway", "ExperiencePost", "Feedback", "Mentorship", "Plan",
    "PlanCheckin", "PlanComment", "PlanVersion", "Resource", "Series", "SeriesEvent",
    "Story",
]
