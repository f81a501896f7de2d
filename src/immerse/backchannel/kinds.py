"""Every kind of source polled on the social web, one :class:`PolledKind` entry each.

The entry is the whole truth about its kind: the model's choices, ``source_add`` (how the
address and the tag are checked and tidied, whether a login is needed), the sources form
and ``immerse listen source add`` (choices and help), the poll (its poller and cadence),
``Source.label``, the wall's "how to join" and the test server's route all ask it, so a new
kind is one entry here plus its poller and tests (docs/architecture.md, "Where to add
things"). Files read once are the engine's registry, ``engine.listening.sources``.

Plain Python, no Django or httpx: the CLI builds its ``--kind`` choices from this module
when ``immerse --help`` runs.

>>> [kind.key for kind in KINDS]
['mastodon', 'bluesky', 'feed']
>>> KIND_BY_KEY["mastodon"].clean_tag("#msm_2027")
'msm_2027'
>>> KIND_BY_KEY["bluesky"].clean_tag("msm")
'#msm'
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx

    from immerse.backchannel.pollers import Context, Step

    Poller = Callable[[Context, httpx.Client], Iterator[Step]]


def gettext_noop(message: str) -> str:
    """Marks ``message`` for makemessages (this module stays free of Django: the CLI builds
    its help from it); the pages translate the marked words where they show them."""
    return message


class SourceInvalid(ValueError):
    """The source cannot be added as given: ``field`` names the input at fault (empty: the
    source as a whole) and ``message`` says why; ``str()`` gives both, for the CLI."""

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field, self.message = field, message


@dataclass(frozen=True, slots=True)
class Login:
    """The credentials a kind needs: a handle and an app password (stored encrypted)."""

    #: The service named on the form, the CLI prompt and the sources page ("Bluesky").
    service: str
    #: Help for the handle field, e.g. "The account that searches, e.g. team.bsky.social."
    handle_help: str
    #: Help for the app password field: where to create one.
    password_help: str
    #: Why ``source_add`` refuses the source without them.
    missing: str


@dataclass(frozen=True, slots=True)
class Help:
    """What each field means for this kind, on the sources form and in the CLI's --help
    (the help lists the kinds' sentences in registry order)."""

    form_url: str
    form_tag: str
    cli_url: str
    #: Empty: the kind takes no tag, and the CLI's --tag help does not mention it.
    cli_tag: str


@dataclass(frozen=True, slots=True)
class PolledKind:
    """One kind of polled source (see the module docstring)."""

    #: Stored in ``Source.kind`` (at most 10 characters) and given to ``--kind``.
    key: str
    #: The choice's label ("Mastodon hashtag").
    label: str
    #: Where people post, as the wall names it ("Mastodon").
    platform: str
    #: The kind in a sentence listing them all ("a Mastodon hashtag"): see ``in_a_sentence``.
    noun: str
    #: The module in ``backchannel.pollers`` whose ``poll(context, http)`` generator reads
    #: this kind. Named, not imported, so that ``immerse --help`` loads no httpx or Django.
    poller: str
    #: Tidies the tag or search terms (whitespace already collapsed), or raises
    #: :class:`SourceInvalid` naming the ``tag`` field.
    clean_tag: Callable[[str], str]
    #: Tidies the address once it is known to be http(s).
    clean_url: Callable[[str], str]
    #: The address when none is given ("" : one is required).
    default_url: str
    #: None: the kind logs in to nothing.
    login: Login | None
    #: The Django setting holding the seconds between two polls that caught up.
    cadence_setting: str
    #: Posts are kept only with the event's tags or accounts (a firehose-like source that
    #: delivers everything matching a broad query).
    firehose: bool
    #: ``Source.label``; ``{tag}``, ``{host}`` (of the address) and ``{address}`` (the
    #: address without its scheme) are filled in.
    source_label: str
    #: The wall's "how to join" line, with the same fields as ``source_label``.
    join: str
    help: Help
    #: The route (a path prefix) where the loopback test server
    #: (tests/backchannel/social_server.py ``ROUTES``) answers in this kind's shape.
    test_route: str

    def poll_function(self) -> Poller:
        """The poller's ``poll`` generator function (imported now: see ``poller``)."""
        function: Poller = importlib.import_module(self.poller).poll
        return function


def _one_hashtag(tag: str) -> str:
    tag = tag.lstrip("#")
    if not tag or not tag.replace("_", "").isalnum():
        raise SourceInvalid(gettext_noop("a Mastodon hashtag is one word of letters, "
                                         "digits and _, e.g. msmimmersion"), field="tag")
    return tag


def _hashtag_or_terms(tag: str) -> str:
    if not tag:
        raise SourceInvalid(gettext_noop("give a hashtag (#msmimmersion) or search terms"),
                            field="tag")
    if " " not in tag and not tag.startswith("#") and tag.replace("_", "").isalnum():
        return f"#{tag}"  # one bare word is the event's hashtag, as for Mastodon
    return tag


def _no_tag(tag: str) -> str:
    if tag:
        raise SourceInvalid(gettext_noop("a feed takes no tag"), field="tag")
    return tag


def _as_given(url: str) -> str:
    return url


def _no_trailing_slash(url: str) -> str:
    return url.rstrip("/")


KINDS: tuple[PolledKind, ...] = (
    PolledKind(
        key="mastodon", label=gettext_noop("Mastodon hashtag"), platform="Mastodon",
        noun=gettext_noop("a Mastodon hashtag"),
        poller="immerse.backchannel.pollers.mastodon",
        clean_tag=_one_hashtag, clean_url=_no_trailing_slash, default_url="", login=None,
        cadence_setting="IMMERSE_LISTEN_POLL_SECONDS", firehose=False,
        source_label="#{tag} on {host}", join=gettext_noop("post with #{tag} (followed on {host})"),
        help=Help(form_url=gettext_noop("Mastodon: the instance (https://mastodon.social)."),
                  form_tag=gettext_noop("Mastodon: a hashtag."),
                  cli_url="Mastodon instance", cli_tag="Mastodon hashtag"),
        test_route="/api/v1/timelines/tag/"),
    PolledKind(
        key="bluesky", label=gettext_noop("Bluesky search"), platform="Bluesky",
        noun=gettext_noop("a Bluesky search"),
        poller="immerse.backchannel.pollers.bluesky",
        clean_tag=_hashtag_or_terms, clean_url=_as_given, default_url="https://bsky.social",
        login=Login(
            service="Bluesky",
            handle_help=gettext_noop("The account that searches, e.g. team.bsky.social."),
            password_help=gettext_noop(
                "Create one under Settings → Privacy and security → App passwords. Stored "
                "encrypted; never your account password."),
            missing=gettext_noop("Bluesky search needs a login; create an app password under "
                                 "Settings → Privacy and security")),
        cadence_setting="IMMERSE_LISTEN_POLL_SECONDS", firehose=False,
        source_label="{tag} on Bluesky ({host})", join=gettext_noop("post with {tag}"),
        help=Help(form_url=gettext_noop("Bluesky: the service you log in to (empty: https://bsky.social)."),
                  form_tag=gettext_noop("Bluesky: a hashtag or search terms."),
                  cli_url="Bluesky service (e.g. https://bsky.social)",
                  cli_tag="Bluesky hashtag or search terms"),
        test_route="/xrpc/app.bsky.feed.searchPosts"),
    PolledKind(
        key="feed", label=gettext_noop("RSS/Atom feed"), platform=gettext_noop("Blogs"),
        noun=gettext_noop("a blog feed"),
        poller="immerse.backchannel.pollers.feeds",
        clean_tag=_no_tag, clean_url=_as_given, default_url="", login=None,
        cadence_setting="IMMERSE_LISTEN_FEED_POLL_SECONDS", firehose=False,
        source_label="{address}", join="{address}",
        help=Help(form_url=gettext_noop("Feed: the RSS or Atom address."),
                  form_tag=gettext_noop("Feeds: empty."),
                  cli_url="feed address", cli_tag=""),
        test_route="/feeds/"),
)
KIND_BY_KEY: dict[str, PolledKind] = {kind.key: kind for kind in KINDS}
#: The kind the hub's blog links are offered as.
FEED = KIND_BY_KEY["feed"]


def kind_choices() -> list[tuple[str, str]]:
    """The kinds as Django choices (called: a new kind needs no migration)."""
    return [(kind.key, kind.label) for kind in KINDS]


def in_a_sentence() -> str:
    """Every kind, for the pages' prose: "a Mastodon hashtag, a Bluesky search or a blog
    feed"."""
    return in_words([kind.noun for kind in KINDS])


def describe(template: str, *, url: str, tag: str) -> str:
    """``template`` (a ``source_label`` or ``join``) filled in for one source.

    >>> describe("#{tag} on {host}", url="https://mastodon.example/", tag="msm")
    '#msm on mastodon.example'
    """
    address = url.split("://", 1)[-1]
    return template.format(tag=tag, address=address, host=address.split("/", 1)[0])


def in_words(items: list[str], *, last: str = " or ") -> str:
    """``a, b or c``: how the help texts list the kinds."""
    return last.join(filter(None, [", ".join(items[:-1]), *items[-1:]]))
