"""The translation catalogues: complete in every shipped language, placeholders kept in
every language, every marked string extracted, and compiled by the build."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from immerse.common.languages import KNOWN, SHIPPED
from immerse.config.catalogues import LOCALE_DIR, catalogue_paths, catalogues_compile
from tests.i18n.checks import keys, placeholder_problems, unfinished

TRANSLATED = [code for code in KNOWN if code != "en"]
#: Sources translated in every known language already, shipped or not: the frame of every
#: page, the error pages, the ladder's and the formats' names. A file joins this list in
#: the commit that translates it (docs/languages.md).
FINISHED = ("templates/base.html", "templates/403.html", "templates/404.html",
            "templates/500.html", "common/labels.py", "people/language_views.py")


def _catalogue(code: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / code / "LC_MESSAGES" / "django.po"))


def test_every_known_language_but_english_has_one_catalogue():
    assert [path.parts[-3] for path in catalogue_paths()] == sorted(TRANSLATED)
    assert SHIPPED[0] == "en" and set(SHIPPED) <= set(KNOWN)


@pytest.mark.parametrize("code", TRANSLATED)
def test_placeholders_match_in_every_translation(code):
    assert placeholder_problems(_catalogue(code)) == []


@pytest.mark.parametrize("code", [code for code in SHIPPED if code != "en"] or
                         [pytest.param("", marks=pytest.mark.skip(
                             reason="English alone is shipped: nothing to hold complete"))])
def test_a_shipped_language_has_no_untranslated_or_fuzzy_message(code):
    assert unfinished(_catalogue(code)) == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_the_finished_sources_are_translated_in_every_language(code):
    catalogue = _catalogue(code)
    assert unfinished(catalogue, sources=FINISHED) == []
    assert {path for entry in catalogue for path, _ in entry.occurrences} >= set(FINISHED)


def test_the_checks_fail_on_a_broken_catalogue():
    broken = polib.pofile('''
#, python-format
msgid "Hello %(name)s,"
msgstr "Hallo %(nom)s,"

#, python-format
msgid "%(count)d seat"
msgid_plural "%(count)d seats"
msgstr[0] "ein Platz"
msgstr[1] "Plätze"

#, python-brace-format
msgid "Table {number}"
msgstr "Tisch"

#, fuzzy
msgid "Log in"
msgstr "Anmelden"

msgid "Log out"
msgstr ""

msgid "100% sure"
msgstr "100 % sicher"
''')
    assert placeholder_problems(broken) == [
        "'Hello %(name)s,' → 'Hallo %(nom)s,'",
        "'%(count)d seats': ['ein Platz', 'Plätze']",
        "'Table {number}' → 'Tisch'",
    ]
    assert unfinished(broken) == ["fuzzy: 'Log in'", "untranslated: 'Log out'"]


def _extracted(tmp_path: Path) -> polib.POFile:
    """Every string marked in the code, as Django's makemessages finds it (run on a copy,
    so the catalogues in the tree stay as they are)."""
    copy = tmp_path / "immerse"
    shutil.copytree(Path(LOCALE_DIR).parent, copy,
                    ignore=shutil.ignore_patterns("static", "locale", "__pycache__", "*.mo"))
    (copy / "locale" / "de").mkdir(parents=True)
    script = ("import django; from django.conf import settings; "
              "settings.configure(USE_I18N=True); django.setup(); "
              "from django.core.management import call_command; "
              "call_command('makemessages', locale=['de'], verbosity=0)")
    subprocess.run([sys.executable, "-c", script], cwd=copy, check=True, timeout=300)
    return polib.pofile(str(copy / "locale" / "de" / "LC_MESSAGES" / "django.po"))


@pytest.mark.skipif(shutil.which("xgettext") is None,
                    reason="GNU gettext's xgettext is not installed (apt-get install gettext)")
def test_every_marked_string_is_in_each_catalogue(tmp_path):
    """`make messages` was run after the last string was marked: each catalogue has every
    marked string (shipped ones then also translate it: the test above)."""
    marked = keys(_extracted(tmp_path))
    assert len(marked) > 100
    for code in TRANSLATED:
        assert sorted(marked - keys(_catalogue(code)), key=str) == [], code


def test_catalogues_compile_when_changed_only(tmp_path):
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "de"}
    po.append(polib.POEntry(msgid="Log in", msgstr="Anmelden"))
    po.append(polib.POEntry(msgid="Log out", msgstr="Abmelden", flags=["fuzzy"]))
    po.save(str(folder / "django.po"))
    assert catalogues_compile(locale_dir=tmp_path) == [folder / "django.mo"]
    assert catalogues_compile(locale_dir=tmp_path) == []  # not stale: nothing to do
    compiled = polib.mofile(str(folder / "django.mo"))
    assert [(e.msgid, e.msgstr) for e in compiled] == [("Log in", "Anmelden")]  # no fuzzy
