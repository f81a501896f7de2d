"""Mentor matching: capacities hold, nobody twice, optimal against brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from immerse.engine.mentoring import (
    MatchWeights,
    Mentee,
    Mentor,
    MentoringError,
    match_mentors,
    pair_fit,
)

TOPICS = ["video", "blogs", "listening", "legal", "mobile"]
TOOLS = ["microblogging", "blogging", "wikis", "video-sharing"]
DISCIPLINES = ["pr", "marketing", "hr"]


def _draw(rng: random.Random, n_mentors: int, n_mentees: int):
    def pick(pool: list[str]) -> frozenset[str]:
        return frozenset(rng.sample(pool, rng.randint(0, 2)))

    mentors = [Mentor(f"m{i}", pick(TOPICS), pick(TOOLS), rng.choice(DISCIPLINES),
                      capacity=rng.choice([None, 1, 2]))
               for i in range(n_mentors)]
    mentees = [Mentee(f"e{i}", pick(TOPICS), pick(TOOLS), rng.choice(DISCIPLINES))
               for i in range(n_mentees)]
    return mentors, mentees


def _brute_force(mentors, mentees, capacity, weights) -> float:
    options = [None, *range(len(mentors))]
    best = 0.0
    for choice in itertools.product(options, repeat=len(mentees)):
        load = [0] * len(mentors)
        total = 0.0
        for mentee, m in zip(mentees, choice, strict=True):
            if m is None:
                continue
            load[m] += 1
            total += pair_fit(mentors[m], mentee, weights)
        caps = [capacity if m.capacity is None else m.capacity for m in mentors]
        if all(used <= cap for used, cap in zip(load, caps, strict=True)):
            best = max(best, total)
    return best


def _check_valid(matching, mentors, mentees, capacity, weights) -> None:
    by_key = {m.key: m for m in mentors}
    mentee_by_key = {m.key: m for m in mentees}
    load: dict[str, int] = {}
    for mentee_key, mentor_key in matching.pairs.items():
        load[mentor_key] = load.get(mentor_key, 0) + 1
        fit = pair_fit(by_key[mentor_key], mentee_by_key[mentee_key], weights)
        assert fit > 0
        assert matching.fits[mentee_key] == pytest.approx(fit)
    for key, used in load.items():
        cap = by_key[key].capacity
        assert used <= (capacity if cap is None else cap)
    assert set(matching.pairs) | set(matching.unmatched) == set(mentee_by_key)
    assert not set(matching.pairs) & set(matching.unmatched)
    assert matching.total_fit == pytest.approx(sum(matching.fits.values()))


@pytest.mark.parametrize("case", range(30))
def test_match_mentors_is_optimal_on_small_cases(case: int) -> None:
    rng = random.Random(case)
    mentors, mentees = _draw(rng, rng.randint(1, 3), rng.randint(1, 5))
    weights = MatchWeights()
    matching = match_mentors(mentors=mentors, mentees=mentees, capacity_per_mentor=2,
                             weights=weights, seed=case)
    _check_valid(matching, mentors, mentees, 2, weights)
    assert matching.total_fit == pytest.approx(_brute_force(mentors, mentees, 2, weights))


def test_match_mentors_same_seed_same_result() -> None:
    mentors, mentees = _draw(random.Random(7), 4, 9)
    first = match_mentors(mentors=mentors, mentees=mentees, seed=3)
    again = match_mentors(mentors=mentors, mentees=mentees, seed=3)
    assert first == again


def test_match_mentors_prefers_shared_topic_over_discipline() -> None:
    mentors = [Mentor("video-pro", topics=frozenset({"video"})),
               Mentor("pr-pro", discipline="pr")]
    mentees = [Mentee("ann", topics=frozenset({"video"}), discipline="pr")]
    matching = match_mentors(mentors=mentors, mentees=mentees, capacity_per_mentor=1)
    assert matching.pairs == {"ann": "video-pro"}
    assert matching.total_fit == 2.0


def test_match_mentors_respects_capacity_and_leaves_zero_fit_unmatched() -> None:
    mentors = [Mentor("m", tools=frozenset({"wikis"}))]
    mentees = [Mentee("a", tools=frozenset({"wikis"})), Mentee("b", tools=frozenset({"wikis"})),
               Mentee("c")]
    matching = match_mentors(mentors=mentors, mentees=mentees, capacity_per_mentor=1)
    assert len(matching.pairs) == 1
    assert set(matching.unmatched) == {"a", "b", "c"} - set(matching.pairs)
    assert "c" in matching.unmatched


def test_match_mentors_never_pairs_someone_with_themselves() -> None:
    mentors = [Mentor("ann", topics=frozenset({"video"}))]
    mentees = [Mentee("ann", topics=frozenset({"video"}))]
    assert match_mentors(mentors=mentors, mentees=mentees).pairs == {}


def test_match_mentors_rejects_duplicate_keys_and_negative_weights() -> None:
    with pytest.raises(MentoringError, match="mentee 'a' appears twice"):
        match_mentors(mentors=[Mentor("m")], mentees=[Mentee("a"), Mentee("a")])
    with pytest.raises(MentoringError, match="weight 'tool'"):
        match_mentors(mentors=[Mentor("m")], mentees=[Mentee("a")],
                      weights=MatchWeights(tool=-1))


def test_match_mentors_without_mentors_leaves_everyone_unmatched() -> None:
    matching = match_mentors(mentors=[], mentees=[Mentee("b"), Mentee("a")])
    assert matching.unmatched == ("a", "b")
    assert matching.total_fit == 0.0
