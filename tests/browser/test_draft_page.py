"""The Check a draft tab in chromium: paste an article, see its quotations marked by verdict."""

from __future__ import annotations

import re
from pathlib import Path

SEED_ARTICLE = Path(__file__).resolve().parents[2] / "seed" / "korea-kr-2025-01-22-cho-kallas-brunson.txt"
KALLAS_QUOTE = "Korea adalah mitra strategis yang penting bagi EU."


def _check(page, draft: str) -> None:
    page.get_by_role("link", name="Check a draft").click()
    page.get_by_role("textbox", name="Draft").fill(draft)
    page.get_by_role("button", name="Check draft").click()
    page.locator("#draft-summary").wait_for()


def _verdicts(page) -> list[str]:
    return page.locator("mark.quotation").evaluate_all("marks => marks.map(m => m.dataset.verdict)")


def test_seed_article_as_a_draft_has_every_quotation_marked_verified_or_paraphrased(live_server, page):
    page.goto(live_server.url)
    _check(page, SEED_ARTICLE.read_text())
    verdicts = _verdicts(page)
    assert len(verdicts) >= 5
    assert set(verdicts) <= {"verified", "paraphrased"}
    assert "verified" in verdicts
    marks = page.locator("mark.quotation")
    assert any(KALLAS_QUOTE in t for t in marks.all_inner_texts())
    # The summary line counts the verdicts of the marked quotations.
    summary = page.locator("#draft-summary").inner_text()
    assert summary.startswith(f"{len(verdicts)} quotations")
    assert f"{verdicts.count('paraphrased')} paraphrased" in summary


def test_altered_quotation_in_a_draft_is_marked_altered_and_shows_its_diff(live_server, page):
    page.goto(live_server.url)
    draft = SEED_ARTICLE.read_text().replace(
        "mitra strategis yang penting", "mitra strategis yang paling penting"
    )
    _check(page, draft)
    altered = page.locator("mark.quotation[data-verdict='altered']")
    assert altered.count() == 1
    assert "paling penting" in altered.inner_text()
    assert "Altered" in altered.inner_text()  # said in words, not by colour alone
    # Choosing it shows its verification: the quote's words and the inserted one.
    altered.get_by_role("link").click()
    region = page.get_by_role("region", name="Verification result")
    detail = region.locator(".quotation-detail:not([hidden])")
    assert detail.count() == 1
    assert detail.locator(".verdict-word").inner_text() == "Altered"
    assert "paling" in detail.locator("ins").first.inner_text()
    assert "Kaja Kallas" in detail.inner_text()


def test_draft_marks_carry_the_attributed_speaker(live_server, page):
    page.goto(live_server.url)
    _check(
        page,
        'EU foreign policy chief Kaja Kallas said on Wednesday: "Korea is the most important strategic '
        'partner for the EU." Officials did not comment.',
    )
    mark = page.locator("mark.quotation").first
    assert mark.get_attribute("data-verdict") == "altered"
    assert "(Kaja Kallas)" in page.locator(".attribution").first.inner_text()


def test_keyboard_chooses_a_quotation_and_lands_on_its_verification(live_server, page):
    page.goto(live_server.url + "/draft")
    page.get_by_role("textbox", name="Draft").fill(SEED_ARTICLE.read_text())
    page.get_by_role("button", name="Check draft").focus()
    page.keyboard.press("Enter")
    page.locator("#draft-summary").wait_for()
    link = page.locator("a.quotation-link").first
    link.focus()
    page.keyboard.press("Enter")
    focused = page.evaluate("document.activeElement.id")
    assert re.fullmatch(r"quotation-\d+", focused)
    assert page.locator(f"#{focused}").is_visible()


def test_without_javascript_the_draft_posts_and_every_verification_is_listed(live_server, page_without_js):
    page = page_without_js
    page.goto(live_server.url + "/draft")
    draft = SEED_ARTICLE.read_text().replace(
        "mitra strategis yang penting", "mitra strategis yang paling penting"
    )
    page.get_by_role("textbox", name="Draft").fill(draft)
    page.get_by_role("button", name="Check draft").click()
    page.locator("#draft-summary").wait_for()
    verdicts = _verdicts(page)
    assert verdicts.count("altered") == 1
    details = page.locator(".quotation-detail")
    assert details.count() == len(verdicts)
    # A mark is a link to its verification further down the page.
    page.locator("mark.quotation[data-verdict='altered'] a").click()
    assert re.search(r"#quotation-\d+$", page.url)
