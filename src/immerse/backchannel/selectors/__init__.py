"""Reads about the backchannel, one module per domain: ``dashboard`` (the analyses),
``sources``, ``wall``. Callers import from the submodule."""
