"""immerse: run social-media learning events socially."""

__version__ = "0.1.0"
