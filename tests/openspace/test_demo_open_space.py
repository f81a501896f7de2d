"""The demo's open space is open for proposals, with ideas already voted for."""

from __future__ import annotations

import random

import pytest

from immerse.demo.openspace import open_space_demo_seed
from immerse.openspace.models import OpenSpace, Proposal, ProposalVote
from immerse.openspace.selectors import proposals_list
from immerse.openspace.services import period_check
from tests.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


def test_the_demo_open_space_is_open_with_five_voted_ideas() -> None:
    event = make_event(slug="demo-like")
    for _ in range(60):
        make_registration(event=event)
    open_space_demo_seed(rng=random.Random(1), event=event)
    assert period_check(OpenSpace.objects.get(event=event)).event == event
    assert [p.n_votes for p in proposals_list(event=event, registration=None)] == [
        19, 16, 13, 10, 7]
    assert ProposalVote.objects.count() == 65


def test_the_demo_open_space_proposes_and_votes_through_the_services() -> None:
    event = make_event(slug="demo-like")
    for _ in range(60):
        make_registration(event=event)
    open_space_demo_seed(rng=random.Random(1), event=event)
    # A vote moves its proposal's live version, as the service does for a visitor's vote.
    for proposal in Proposal.objects.filter(event=event):
        last_vote = proposal.votes.order_by("-created_at").first()
        assert last_vote is not None and proposal.updated_at >= last_vote.created_at
    assert sorted(Proposal.objects.values_list("format", flat=True)) == [
        "community", "community", "story", "story", "table"]
