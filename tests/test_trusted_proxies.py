"""X-Forwarded-Proto counts only from the reverse proxies named in IMMERSE_TRUSTED_PROXIES.

Anyone can send the header: trusted from everyone, a plain-HTTP request claiming "https"
skipped the redirect to HTTPS in production (200 instead of 301), and got secure-only
cookies over plain HTTP.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings

from immerse.config.middleware import trusted_networks
from tests.cli.conftest import child_env

PRODUCTION_CHILD = """
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)  # production pages need it
answers = {}
for name, address in (("untrusted", "203.0.113.9"), ("proxy", "10.0.0.2")):
    response = Client().get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=address,
                            HTTP_HOST="events.example.org")
    answers[name] = [response.status_code, response.get("Location", "")]
print(json.dumps(answers))
"""


@pytest.mark.slow
def test_in_production_only_a_configured_proxy_may_say_https(tmp_path: Path) -> None:
    env = child_env(tmp_path)
    env.update({"IMMERSE_ENV": "production", "DJANGO_SETTINGS_MODULE": "immerse.config.settings",
                "DJANGO_SECRET_KEY": "x7$kq!" + "p" * 20 + "Zt93&mLw0@vRb8#nQe4^sYc1*uHj6%",
                "DJANGO_ALLOWED_HOSTS": "events.example.org",
                "IMMERSE_TRUSTED_PROXIES": "10.0.0.0/8, ::1"})
    result = subprocess.run([sys.executable, "-c", PRODUCTION_CHILD], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])
    assert answers["untrusted"] == [301, "https://events.example.org/"]
    assert answers["proxy"][0] == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("address", "secure"), [
    ("203.0.113.9", False), ("10.1.2.3", True), ("127.0.0.1", False), ("2001:db8::7", True)])
def test_the_header_counts_from_trusted_networks_only(address: str, secure: bool) -> None:
    with override_settings(IMMERSE_TRUSTED_PROXIES=trusted_networks(["10.0.0.0/8",
                                                                     "2001:db8::/32"]),
                           SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"),
                           SECURE_SSL_REDIRECT=True):
        response = Client().get("/", HTTP_X_FORWARDED_PROTO="https", REMOTE_ADDR=address)
    assert (response.status_code != 301) == secure


def test_a_misspelled_proxy_address_is_refused_at_start_up() -> None:
    with pytest.raises(ValueError, match=r"IMMERSE_TRUSTED_PROXIES: '10\.0\.0\.0/33'"):
        trusted_networks(["10.0.0.0/33"])
