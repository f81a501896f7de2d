"""Reads of the learning cycle for views, the API, exports and the CLI (no N+1), by domain.

Callers import the submodule they need: ``stories``, ``feedback``, ``plans``,
``progression``, ``community``, ``reports``.
"""
