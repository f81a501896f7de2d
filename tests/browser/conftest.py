"""Real pages in headless Chromium (Debian's package) driven by Playwright.

Skipped with a clear message where Chromium or axe-core is missing; `.ci/run` installs both.
Screenshots of every step go to test-artifacts/.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Flags for a closed network and a root user: no background calls home, no sandbox.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (apt-get install chromium): browser tests skipped")
    if not AXE.is_file():
        pytest.skip("axe-core is not installed (npm install): browser tests skipped")
    # Playwright's sync API keeps an event loop on this thread; Django's ORM calls from the
    # same thread (test set-up) are still plain synchronous code.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM,
                                                  args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844},
                                  device_scale_factor=1, is_mobile=True, has_touch=True)
    context.add_init_script(path=str(AXE))  # injected by the browser: the page's CSP holds
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(path=str(AXE))
    yield context.new_page()
    context.close()


@pytest.fixture
def shoot(request: pytest.FixtureRequest):
    """shoot(page, "step") saves test-artifacts/<test>/<n>-<step>.png."""
    folder = ARTIFACTS / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    counter = iter(range(1, 1000))  # the phone crawl alone takes well over 99 shots

    def take(page, step: str) -> Path:
        path = folder / f"{next(counter):03d}-{step}.png"
        page.wait_for_load_state("load")
        try:
            page.screenshot(path=str(path), full_page=True)
        except PlaywrightError:
            # Chromium refuses a capture now and then on a loaded machine ("Unable to capture
            # screenshot"); the picture is evidence for people, not the test's assertion, so
            # one more try, then what the screen shows.
            page.wait_for_timeout(500)
            try:
                page.screenshot(path=str(path), full_page=True)
            except PlaywrightError:
                page.screenshot(path=str(path))
        return path

    take.folder = folder  # type: ignore[attr-defined]
    return take


@pytest.fixture
def axe():
    """axe(page) fails on serious or critical accessibility violations."""
    def check(page) -> list[dict]:
        result = _axe_run(page)
        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + ", ".join(str(n["target"]) for n in v["nodes"][:3]) for v in bad)
        return result["violations"]

    return check


def _axe_run(page) -> dict:
    """axe on the page once it has loaded: a check right after a click may meet the page
    between two documents (no document yet, or the old one torn down), so it waits for the
    load and tries once more when the document went away under it."""
    page.wait_for_load_state("load")
    try:
        return page.evaluate("async () => await axe.run(document)")
    except PlaywrightError as error:
        if not any(sign in str(error) for sign in _NAVIGATING):
            raise
    page.wait_for_load_state("load")
    return page.evaluate("async () => await axe.run(document)")


#: What Chromium says when a script ran while the page navigated away.
_NAVIGATING = ("reading 'documentElement'", "Execution context was destroyed",
               "Cannot find context")
