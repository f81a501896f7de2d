from immerse.engine.wordcloud import PlacedWord, word_counts, word_normalise, wordcloud_layout


def test_word_normalise_folds_case_and_white_space() -> None:
    assert word_normalise("  Social \t MEDIA ") == "social media"


def test_word_counts_count_each_answer_once_and_drop_stop_words() -> None:
    counts = word_counts([["Listen", "listen", "the"], ["LISTEN"], ["share", ""], ["Blog"]])
    assert counts == {"listen": 2, "blog": 1, "share": 1}
    assert list(counts) == ["listen", "blog", "share"]


def test_layout_sizes_by_frequency_and_wraps_lines() -> None:
    placed = wordcloud_layout({"listen": 4, "share": 1, "blog": 2, "wiki": 1}, width=200)
    assert placed == [
        PlacedWord("listen", 4, 48, 0, 48),   # 6 × 48 × 0.6 = 173 px: the line is full
        PlacedWord("blog", 2, 27, 0, 81),     # 16 + 32 × (2 − 1) / 3 = 26.7 → 27
        PlacedWord("share", 1, 16, 77, 81),   # after 4 × 27 × 0.6 = 65 px and a 12 px gap
        PlacedWord("wiki", 1, 16, 137, 81),
    ]


def test_layout_is_deterministic_and_equal_counts_share_the_smallest_size() -> None:
    counts = {"b": 3, "a": 3}
    assert wordcloud_layout(counts, width=500) == wordcloud_layout(dict(reversed(counts.items())),
                                                                   width=500)
    assert [(w.word, w.size) for w in wordcloud_layout(counts, width=500)] == [("a", 16),
                                                                               ("b", 16)]


def test_layout_keeps_the_most_frequent_words_only() -> None:
    placed = wordcloud_layout({f"w{i}": i for i in range(1, 11)}, width=1000, max_words=3)
    assert [w.word for w in placed] == ["w10", "w9", "w8"]
    assert wordcloud_layout({}, width=100) == []
