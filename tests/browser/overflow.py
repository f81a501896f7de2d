"""What sticks out of a phone's screen: the page's scroll width, and each element that reaches
past the right edge without a scroll container (or clipping box) around it."""

from __future__ import annotations

# Runs in the page. An element reaching past the right edge is fine inside a box that clips
# or scrolls sideways (a table in its .table-wrap), as long as that box holds the element's
# containing block: an absolutely placed element escapes every box below its positioned
# ancestor, a fixed one escapes them all. Only the outermost offender of a subtree is named.
STICKING_OUT_JS = """
() => {
  const width = document.documentElement.clientWidth;
  const clips = (box) => {
    const style = getComputedStyle(box);
    return style.overflowX !== "visible" || style.contain.includes("paint");
  };
  const name = (el) => {
    let text = el.tagName.toLowerCase();
    if (el.id) text += "#" + el.id;
    if (el.classList.length) text += "." + [...el.classList].join(".");
    const words = (el.innerText || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    return text + (words ? ` "${words}"` : "");
  };
  const out = [];
  const reported = [];
  for (const el of document.body.querySelectorAll("*")) {
    const rect = el.getBoundingClientRect();
    if (rect.width === 0 || rect.right <= width + 1) continue;
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (reported.some((outer) => outer.contains(el))) continue;
    const position = getComputedStyle(el).position;
    let holder = position === "absolute" ? el.offsetParent : el.parentElement;
    let clipped = false;
    if (position !== "fixed") {
      // From the containing block outwards (for an absolute element, its positioned
      // ancestor, which may itself clip); otherwise from the parent.
      for (let box = holder; box && box !== document.body && box !== document.documentElement;
           box = box.parentElement) {
        if (clips(box)) { clipped = true; break; }
      }
    }
    if (!clipped) {
      reported.push(el);
      out.push(`${name(el)} reaches ${Math.round(rect.right)} px`);
    }
  }
  return out;
}
"""

OPEN_EVERYTHING_JS = "() => document.querySelectorAll('details').forEach(d => { d.open = true; })"


def overflow_problems(page, *, width: int = 390) -> list[str]:
    """Everything wider than the phone on this page, with every <details> opened."""
    page.evaluate(OPEN_EVERYTHING_JS)
    problems = page.evaluate(STICKING_OUT_JS)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.insert(0, f"the page is {scroll_width} px wide")
    return problems
