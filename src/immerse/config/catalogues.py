"""Translation catalogues: compile each language's ``django.po`` to the ``django.mo`` Django
reads, in Python (polib), so no newcomer needs GNU gettext's ``msgfmt``.

The ``.mo`` files are build output (git ignores them): ``make demo``/``make test`` compile
them after installing, and ``immerse serve``/``immerse demo`` compile any that are stale
before starting. Extraction (``make messages``) is Django's makemessages, which needs
GNU gettext; docs/languages.md says how the catalogues are kept.
"""

from __future__ import annotations

import os
from pathlib import Path

import polib

#: One project catalogue per language: src/immerse/locale/<code>/LC_MESSAGES/django.po.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def catalogue_paths(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Every language's ``django.po``, in code order."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/django.po"))


def stale(po_path: Path) -> bool:
    """True when the ``.mo`` beside ``po_path`` is missing or older than it."""
    mo_path = po_path.with_suffix(".mo")
    return not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime


def catalogues_compile(*, locale_dir: Path = LOCALE_DIR, force: bool = False) -> list[Path]:
    """Compile each stale catalogue (every one with ``force``); returns the ``.mo`` written.

    Fuzzy and untranslated entries are left out, as ``msgfmt`` does: the English then shows
    (the catalogue tests refuse both in a shipped language).
    """
    written = []
    for po_path in catalogue_paths(locale_dir):
        if force or stale(po_path):
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as exc:
                raise ValueError(f"{po_path}: cannot read the catalogue: {exc}") from exc
            mo_path = po_path.with_suffix(".mo")
            # Written aside, then renamed: test workers starting together never read half a file.
            partial = mo_path.with_name(f"{mo_path.name}.{os.getpid()}")
            catalogue.save_as_mofile(str(partial))
            os.replace(partial, mo_path)
            written.append(mo_path)
    return written


def main() -> None:
    """``python -m immerse.config.catalogues``: what ``make demo`` and ``make test`` run
    (those changed since they were last compiled)."""
    for mo_path in catalogues_compile():
        print(f"compiled {mo_path}")


if __name__ == "__main__":
    main()
