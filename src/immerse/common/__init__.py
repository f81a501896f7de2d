"""The shared floor of the Django wing: what every app may use and no app owns.

Caching, abuse limits, charts and the task entry point. It imports no app (the layers
contract in pyproject.toml keeps it so); apps import it.
"""
