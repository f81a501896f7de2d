from immerse.engine.polls import RatingSummary, choice_shift, rating_summary, tally_choices


def test_tally_counts_each_choice_once_per_answer_and_ignores_unknown_indexes() -> None:
    assert tally_choices([[0, 0], [1, 2], [2], [7], [-1]], choices=3) == [1, 1, 2]


def test_rating_summary_counts_and_mean() -> None:
    assert rating_summary([[1], [2], [2], [6], []]) == RatingSummary([1, 2, 0, 0, 0], 1.67)
    assert rating_summary([]) == RatingSummary([0, 0, 0, 0, 0], None)


def test_choice_shift_is_the_change_in_share_of_voters() -> None:
    # Before: 1 of 4 picked A, 3 of 4 B; after: 3 of 5 picked A, 2 of 5 B.
    assert choice_shift([1, 3], [3, 2], before_voters=4, after_voters=5) == [0.35, -0.35]
    assert choice_shift([0, 0], [1, 0], before_voters=0, after_voters=2) == [0.5, 0.0]
