"""Seeded generator of realistic conference agenda problems (tests, demo, benchmarks).

What makes them realistic: a few topics are far more popular than the rest and run several
times; interests are correlated through a handful of latent themes (people who like
"analytics" tend to like "listening"); every attendee ranks their ``ranked`` favourite
topics (cost = rank − 1, the rest cost ``ranked``); rooms are sized by the organiser's
rough guess of demand, with ``slack`` spare seats per slot overall, so popular sessions
fill up and the capacities bind.

>>> problem = generate_conference(n_attendees=50, n_slots=3, n_parallel=4, seed=1)
>>> len(problem.sessions), len(problem.attendees)
(12, 50)
"""

from __future__ import annotations

import numpy as np

from immerse.engine.agenda.model import AgendaProblem, Attendee, Session

__all__ = ["generate_conference"]


def generate_conference(
    *,
    n_attendees: int,
    n_slots: int,
    n_parallel: int,
    seed: int,
    slack: float = 1.15,
    ranked: int | None = None,
    n_themes: int = 6,
    min_size: int = 0,
) -> AgendaProblem:
    """A conference with ``n_slots × n_parallel`` sessions and ``n_attendees`` attendees.

    ``ranked`` (default 1.5 × ``n_slots``, at least 3) topics are ranked per attendee.
    """
    rng = np.random.default_rng(seed)
    topics_per_slot = _topic_grid(rng, n_slots, n_parallel)
    n_topics = int(topics_per_slot.max()) + 1
    n_ranked = min(n_topics, ranked if ranked is not None else max(3, (3 * n_slots) // 2))

    # Utility = popularity + theme affinity + personal noise.
    popularity = np.sort(rng.pareto(2.0, n_topics))[::-1]
    popularity = popularity / popularity.max()
    theme_of_topic = rng.dirichlet(np.full(n_themes, 0.3), size=n_topics)
    taste = rng.dirichlet(np.full(n_themes, 0.5), size=n_attendees)
    utility = (1.5 * popularity[None, :] + 2.0 * taste @ theme_of_topic.T
               + rng.gumbel(0.0, 0.35, size=(n_attendees, n_topics)))
    ranking = np.argsort(-utility, axis=1, kind="stable")[:, :n_ranked]
    cost = np.full((n_attendees, n_topics), float(n_ranked))
    np.put_along_axis(cost, ranking, np.arange(n_ranked, dtype=float)[None, :], axis=1)

    names = [f"topic-{k:03d}" for k in range(n_topics)]
    slots = tuple(f"slot-{t:02d}" for t in range(n_slots))
    seats = np.zeros((n_slots, n_parallel), dtype=np.int64)
    for t in range(n_slots):
        row = topics_per_slot[t]
        demand = np.bincount(np.argmin(cost[:, row], axis=1), minlength=n_parallel) + 1.0
        guess = demand ** 0.7 * rng.lognormal(0.0, 0.25, size=n_parallel)
        seats[t] = np.ceil(guess / guess.sum() * slack * n_attendees)
    seats = _usable_seats(seats, topics_per_slot, n_attendees, slack, min_size)
    sessions = [Session(f"s{t:02d}-{p:02d}", slots[t], names[topics_per_slot[t, p]], min_size,
                        int(seats[t, p]))
                for t in range(n_slots) for p in range(n_parallel)]
    attendees = tuple(
        Attendee(f"a{a:05d}", {names[k]: float(r) for r, k in enumerate(ranking[a])},
                 default_cost=float(n_ranked))
        for a in range(n_attendees))
    return AgendaProblem(slots=slots, sessions=tuple(sessions), attendees=attendees,
                         one_per_slot="exactly", no_repeat_topic=True)


def _topic_grid(rng: np.random.Generator, n_slots: int, n_parallel: int) -> np.ndarray:
    """(n_slots, n_parallel) topic ids: low ids (the popular ones) repeat in several slots."""
    n_sessions = n_slots * n_parallel
    repeats: list[int] = []
    k = 0
    while len(repeats) < n_sessions:
        # The most popular fifth of the topics runs up to three times.
        times = 3 if k < n_sessions // 12 else 2 if k < n_sessions // 5 else 1
        repeats += [k] * min(times, n_slots)
        k += 1
    repeats = repeats[:n_sessions]
    grid = np.full((n_slots, n_parallel), -1, dtype=np.int64)
    fill = np.zeros(n_slots, dtype=np.int64)
    for topic in repeats:  # a topic never runs twice in one slot
        free = [t for t in rng.permutation(n_slots)
                if fill[t] < n_parallel and topic not in grid[t, : fill[t]]]
        t = min(free, key=lambda s: fill[s]) if free else int(np.argmin(fill))
        grid[t, fill[t]] = topic
        fill[t] += 1
    return grid


def _usable_seats(seats: np.ndarray, topics: np.ndarray, n_attendees: int, slack: float,
                  min_size: int) -> np.ndarray:
    """Cap a repeated topic's seats at 80 % of the attendees (each sees it once at most) and
    give the seats taken away to the other sessions of the same slot."""
    seats = seats.astype(float)
    for topic in np.unique(topics):
        where = topics == topic
        total = seats[where].sum()
        if total > 0.8 * n_attendees:
            seats[where] *= 0.8 * n_attendees / total
    for t in range(seats.shape[0]):
        short = slack * n_attendees - seats[t].sum()
        if short > 0:
            seats[t] += short / seats.shape[1]
    result: np.ndarray = np.maximum(np.ceil(seats), min_size + 1).astype(np.int64)
    return result
