"""`immerse organizer add` on a fresh SQLite site, in a child process."""

from __future__ import annotations

from tests.cli.conftest import Run


def test_organizer_add_prints_a_login_link_on_the_site_url(immerse: Run, data_dir) -> None:
    assert immerse("migrate").returncode == 0
    done = immerse("organizer", "add", "ann@example.org", "--name", "Ann Smit")
    assert done.returncode == 0, done.stderr
    assert "Created ann@example.org: may now create events." in done.stderr
    [link] = done.stdout.split()
    assert link.startswith("http://127.0.0.1:8000/accounts/login/link/")
    again = immerse("organizer", "add", "ann@example.org")
    assert "Promoted ann@example.org" in again.stderr
    bad = immerse("organizer", "add", "nobody")
    assert bad.returncode == 2
    assert "'nobody' is not an e-mail address. Nothing was changed." in bad.stderr
