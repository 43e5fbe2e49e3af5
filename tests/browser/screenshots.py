"""``make screenshots``: the seed's answers and a checked draft, at a phone's width and a desktop's.

Not a test (pytest collects it only when named on the command line): it writes PNGs under
instance/screenshots/ for a person to look at. They are not committed.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest

from tests.browser.test_draft_page import SEED_ARTICLE

OUT = Path(__file__).resolve().parents[2] / "instance" / "screenshots"
WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}
ANSWERS = {
    "verified": ("Korea is an important strategic partner", "Kaja Kallas"),
    "altered": ("Korea is the most important strategic partner", "Kaja Kallas"),
    "misattributed": ("Korea is an important strategic partner", "Cho Tae-yul"),
    # Found by meaning: an English rendering of Cho's Indonesian words; then a claim only related ones.
    "paraphrased": (
        "The comprehensive strategic partnership between Korea and the EU must be strengthened",
        "Cho Tae-yul",
    ),
    "related": ("Cooperation between Korea, the US and Japan must continue", ""),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", ANSWERS)
def test_screenshot_answer(live_server, new_context, name, width):
    claim, speaker = ANSWERS[name]
    page = new_context(viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True))).new_page()
    page.goto(f"{live_server.url}/?{urlencode({'claim': claim, 'speaker': speaker})}#result")
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=OUT / f"{name}-{width}.png", full_page=width == "desktop")


@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_draft(live_server, new_context, width):
    page = new_context(viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True))).new_page()
    page.goto(f"{live_server.url}/draft")
    draft = SEED_ARTICLE.read_text().replace(
        "mitra strategis yang penting", "mitra strategis yang paling penting"
    )
    page.get_by_role("textbox", name="Draft").fill(draft)
    page.get_by_role("button", name="Check draft").click()
    page.locator("#draft-summary").wait_for()
    OUT.mkdir(parents=True, exist_ok=True)
    page.evaluate("document.getElementById('draft-summary').scrollIntoView()")
    page.screenshot(path=OUT / f"draft-{width}.png")  # the marked draft, as the reader first sees it
    page.locator("mark.quotation[data-verdict='altered'] a").click()
    page.screenshot(path=OUT / f"draft-{width}-chosen.png")  # the altered quotation chosen
    if width == "desktop":
        page.screenshot(path=OUT / "draft-desktop-full.png", full_page=True)
