"""The room inventory on a 1366×768 laptop: the "Tool use by level" table was clipped at the
right edge. It fits, or scrolls inside its own labelled frame."""

from __future__ import annotations

import pytest

from immerse.people.models import ToolUse
from immerse.people.services.tools import tools_sync
from tests.factories import PASSWORD, make_event, make_role, make_user
from tests.tables.factories import room

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_tool_use_by_level_fits_or_scrolls_in_a_labelled_frame_at_1366(
        http_server: str, browser, shoot) -> None:
    event = make_event(slug="ws", title="Mobile Day")
    catalogue = tools_sync()
    for k, reg in enumerate(room(event, 24)):
        for key in list(catalogue)[: 3 + k % 5]:
            ToolUse.objects.create(person=reg.person, tool=catalogue[key], frequency="weekly",
                                   confidence=3)
    make_role(event=event, user=make_user("olivia"))
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(f"{http_server}/accounts/login/?next=/events/ws/organize/inventory/")
    page.get_by_label("User name").fill("olivia")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/organize/inventory/")
    frame = page.get_by_role("region", name="Tool use by level")
    frame.scroll_into_view_if_needed()
    shoot(page, "inventory-1366")
    box, main = frame.bounding_box(), page.locator("main").bounding_box()
    assert box["x"] >= main["x"] and box["x"] + box["width"] <= main["x"] + main["width"] + 1
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    # At 1366 px the whole table fits its frame: every column visible without scrolling.
    assert frame.evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    last = frame.locator("thead th").last
    frame.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    edge = last.bounding_box()
    assert edge["x"] + edge["width"] <= box["x"] + box["width"] + 1  # "Never" can be seen
    context.close()
