"""Listening to an event's backchannel: parse posts, score sentiment, analyse the stream.

- ``sources``: ``SOURCES``, one entry per kind of input (csv, jsonl, json, feed, notes): its
  sniffer, parser, default source label; the parser, the ingest service and the CLI read it.
- ``parse``: ``detect_format``, ``parse_posts`` → batches of ``records.PostRecord`` and
  ``records.ParseProblem`` (Twitter v1.1/v2/twarc, rtweet, Mastodon, CSV, feeds, notes);
  the readers are ``parse_json``, ``parse_csv``, ``parse_feed`` (feeds and notes).
- ``sentiment``: ``sentiment_labels`` / ``sentiment_scores`` (VADER + a shipped linear model).
- ``columns``: ``PostColumns`` (NumPy columns) built by ``columns_from_rows`` or
  ``columns_from_records``; the input of every analysis.
- ``analysis``: volume, top voices, hashtags, conversation edges, sentiment summary.
- ``analysis_questions``: unanswered questions, organiser response rate and time.
- ``analysis_topics``: TF-IDF + NMF topics labelled by their top terms.
"""
