"""EMAIL_URL → Django's mail settings: the four documented forms, and clear refusals."""

from __future__ import annotations

import pytest

from immerse.config.email import email_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"


def test_plain_smtp_with_credentials_and_port():
    assert email_settings("smtp://mailer:s3cret@mail.example.org:2525") == {
        "EMAIL_BACKEND": SMTP, "EMAIL_HOST": "mail.example.org", "EMAIL_PORT": 2525,
        "EMAIL_HOST_USER": "mailer", "EMAIL_HOST_PASSWORD": "s3cret", "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False, "EMAIL_TIMEOUT": 10}


def test_starttls_and_ssl_pick_their_usual_ports():
    tls = email_settings("smtp+tls://u:p@smtp.example.org")
    assert (tls["EMAIL_PORT"], tls["EMAIL_USE_TLS"], tls["EMAIL_USE_SSL"]) == (587, True, False)
    ssl = email_settings("smtp+ssl://u:p@smtp.example.org")
    assert (ssl["EMAIL_PORT"], ssl["EMAIL_USE_TLS"], ssl["EMAIL_USE_SSL"]) == (465, False, True)
    assert email_settings("smtp://relay")["EMAIL_PORT"] == 25


def test_credentials_may_hold_url_special_characters_percent_encoded():
    found = email_settings("smtp+tls://apikey%40sendgrid:p%40ss%2Fw%3Ard@smtp.example.org:587")
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == (
        "apikey@sendgrid", "p@ss/w:rd")


def test_timeout_from_the_query():
    assert email_settings("smtp://relay:25?timeout=3")["EMAIL_TIMEOUT"] == 3


def test_console_prints_the_mail():
    assert email_settings("console://") == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"}


@pytest.mark.parametrize("url", ["smtps://relay", "http://relay", "mail.example.org"])
def test_other_schemes_are_refused_naming_the_ones_allowed(url):
    with pytest.raises(ValueError, match=r"smtp://, smtp\+tls://, smtp\+ssl://, console://"):
        email_settings(url)


def test_a_timeout_that_is_not_a_number_is_refused():
    with pytest.raises(ValueError, match="timeout='soon' must be a whole number"):
        email_settings("smtp://relay?timeout=soon")
