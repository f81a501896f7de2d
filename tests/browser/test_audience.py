"""Questions and polls from the room, live on three screens: a facilitator (with the
projector) and two attendees on phones. Nobody reloads: the other screens follow within 2 s."""

from __future__ import annotations

import pytest

from immerse.audience.models import PollVote, Question
from tests.audience.factories import make_room
from tests.browser.conftest import AXE
from tests.browser.overflow import overflow_problems
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
LIVE_MS = 2000  # the bound: live.js asks every 1.5 s


def _context(browser, *, width: int, height: int, phone: bool = False):
    context = browser.new_context(viewport={"width": width, "height": height},
                                  device_scale_factor=1, is_mobile=phone, has_touch=phone)
    context.add_init_script(path=str(AXE))
    return context


def _log_in(page, base: str, username: str, next_path: str) -> None:
    page.goto(f"{base}/accounts/login/?next={next_path}")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}{next_path}")


def _order(page) -> list[str]:
    return page.locator("#questions .question-text").all_inner_texts()


def test_three_screens_ask_upvote_hide_and_poll_live(http_server: str, browser, shoot,
                                                     axe) -> None:
    room = make_room(slug="live")
    path = f"/events/live/sessions/{room.session.pk}"
    contexts = [_context(browser, width=1280, height=900),
                _context(browser, width=390, height=844, phone=True),
                _context(browser, width=390, height=844, phone=True),
                _context(browser, width=1280, height=720)]
    try:
        fac, ann, bob, projector = (context.new_page() for context in contexts)
        dialogs: list[str] = []  # an alert() would mean a question ran as script somewhere
        for page in (fac, ann, bob, projector):
            page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        _log_in(fac, http_server, room.facilitator.username, f"{path}/questions/")
        _log_in(ann, http_server, room.ann.username, f"{path}/questions/")
        _log_in(bob, http_server, room.bob.username, f"{path}/questions/")
        _log_in(projector, http_server, room.facilitator.username,
                f"{path}/questions/projector/")

        ann.get_by_label("Your question").fill("How do we start listening?")
        ann.get_by_role("button", name="Ask").click()
        bob.get_by_label("Your question").fill("<script>alert(1)</script> and then?")
        bob.get_by_role("button", name="Ask").click()
        for page in (fac, ann):  # neither reloads: the live region brings Bob's question
            page.get_by_text("<script>alert(1)</script> and then?").wait_for(timeout=LIVE_MS)
        assert _order(ann) == ["How do we start listening?",
                               "<script>alert(1)</script> and then?"]
        projector.get_by_text("<script>alert(1)</script> and then?").wait_for(timeout=LIVE_MS)

        # Ann upvotes Bob's question: it moves up on Bob's phone and the facilitator's screen.
        ann.locator("li", has_text="and then?").get_by_role("button", name="Upvote").click()
        for page in (bob, fac):
            page.wait_for_function(
                "() => document.querySelector('#questions .question-text').textContent"
                ".includes('and then?')", timeout=LIVE_MS)
        projector.locator(".projector-questions li").first.get_by_text("1 vote").wait_for(
            timeout=LIVE_MS)
        assert dialogs == []
        axe(ann)
        axe(fac)
        assert overflow_problems(ann) == []
        shoot(fac, "facilitator-desktop")
        shoot(ann, "attendee-phone")
        shoot(projector, "projector-1280x720")

        # The facilitator hides it: it disappears from both phones.
        fac.locator("li", has_text="and then?").get_by_role("button", name="Hide").click()
        for page in (ann, bob):
            page.get_by_text("and then?").wait_for(state="detached", timeout=LIVE_MS)
        assert Question.objects.get(text__contains="and then?").status == "hidden"

        # A poll: created and opened by the facilitator, its counts move on Bob's phone.
        fac.goto(f"{http_server}{path}/polls/")
        fac.get_by_label("Kind").select_option("single")
        fac.get_by_label("Question").fill("Which first?")
        fac.get_by_label("Choices").fill("Listen\nShare")
        fac.get_by_role("button", name="Create (not open yet)").click()
        fac.get_by_role("button", name="Open", exact=True).click()
        bob.goto(f"{http_server}{path}/polls/")
        ann.goto(f"{http_server}{path}/polls/")
        bob.get_by_text("0 answers").wait_for()
        ann.get_by_role("radio", name="Listen").check()
        ann.get_by_role("button", name="Vote").click()
        bob.get_by_text("1 answer", exact=True).wait_for(timeout=LIVE_MS)
        projector.get_by_text("Which first?").wait_for(timeout=LIVE_MS)
        axe(bob)
        assert overflow_problems(bob) == []
        shoot(bob, "poll-phone")
        shoot(projector, "projector-poll")
    finally:
        for context in contexts:
            context.close()


def test_ticked_choices_survive_other_peoples_votes(http_server: str, browser) -> None:
    """A busy room changes the polls every round: the refresh once wiped the boxes Ann had
    ticked but not sent as soon as the focus left them (Safari never focuses a tapped box)."""
    from immerse.audience import services

    room = make_room(slug="ticks")
    poll = services.poll_create(session=room.session, kind="multiple", prompt="Take home?",
                                choices=["A routine", "A post", "A plan"])
    services.poll_status_set(poll=poll, status="open")
    context = _context(browser, width=390, height=844, phone=True)
    try:
        ann = context.new_page()
        path = f"/events/ticks/sessions/{room.session.pk}/polls/"
        _log_in(ann, http_server, room.ann.username, path)
        ann.get_by_role("checkbox", name="A routine").check()
        ann.get_by_role("checkbox", name="A plan").check()
        ann.evaluate("document.activeElement.blur()")
        services.poll_vote(poll=poll, user=room.bob, answer=[1])  # Bob votes meanwhile
        ann.wait_for_timeout(2 * LIVE_MS)  # a round or two in which the polls changed
        assert ann.get_by_role("checkbox", name="A routine").is_checked()
        assert ann.get_by_role("checkbox", name="A plan").is_checked()
        ann.get_by_role("button", name="Vote").click()
        ann.get_by_text("2 answers", exact=True).wait_for()
        assert sorted(PollVote.objects.get(user=room.ann).answer) == [0, 2]
    finally:
        context.close()


def test_a_tool_name_in_the_inventory_stays_whole_on_a_phone(http_server: str, browser) -> None:
    """A third of a phone's width cut "Microblogging" in two in the inventory's bars."""
    from immerse.audience import services

    room = make_room(slug="tools")
    poll = services.poll_create(session=room.session, kind="inventory", prompt="Tools?")
    services.poll_status_set(poll=poll, status="open")
    context = _context(browser, width=390, height=844, phone=True)
    try:
        ann = context.new_page()
        _log_in(ann, http_server, room.ann.username,
                f"/events/tools/sessions/{room.session.pk}/polls/")
        label = ann.locator(".bar-label", has_text="Microblogging")
        line = ann.locator(".bar-label", has_text="Wikis").bounding_box()["height"]
        assert label.bounding_box()["height"] == line  # one line, like a short name
    finally:
        context.close()
