"""What the page must never do: run stored text as code, or fall short of WCAG AA for axe-core."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from service import store
from service.db import session_scope

SCRIPT = "<script>alert(1)</script>"
HOSTILE_WORDS = "we shall never negotiate on this point whatever they offer"
# axe-core's impact levels that fail the page; "minor" and "moderate" findings are read, not gating.
BLOCKING = {"serious", "critical"}


@pytest.fixture
def hostile(live_server):
    """A stored source, quote and speaker whose every string is a script tag (and a javascript: link)."""
    with session_scope(live_server.engine) as s:
        store.create_source_with_quotes(
            s,
            {"url": "javascript:alert(1)", "title": SCRIPT, "publisher": SCRIPT, "language": "en"},
            [store.QuoteDraft(text=f"{SCRIPT} {HOSTILE_WORDS}", speaker=SCRIPT, context=SCRIPT)],
        )
    return live_server


def _watch_for_scripts(page) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return dialogs


def test_stored_script_tags_show_as_text_on_the_answer(hostile, page):
    dialogs = _watch_for_scripts(page)
    page.goto(hostile.url)
    page.get_by_role("textbox", name="Quote").fill(f"{SCRIPT} {HOSTILE_WORDS}")
    page.get_by_role("textbox", name="Speaker").fill(SCRIPT)
    page.get_by_role("button", name="Verify").click()
    result = page.get_by_role("region", name="Verification result")
    result.locator(".verdict-word").wait_for()
    assert result.locator(".verdict-word").inner_text() == "Verified"
    assert SCRIPT in result.locator("blockquote.wording").inner_text()
    assert result.locator(".speaker-name").inner_text() == SCRIPT
    assert SCRIPT in result.locator("cite").inner_text()
    # No script element came from the stored text, and the javascript: URL is not a link.
    assert page.locator("main script").count() == 0
    assert page.locator("a[href^='javascript:']").count() == 0
    page.reload()  # the permalink, rendered by the server
    assert page.locator("main script").count() == 0
    assert dialogs == []


def test_stored_script_tags_show_as_text_in_a_checked_draft(hostile, page):
    dialogs = _watch_for_scripts(page)
    page.goto(hostile.url + "/draft")
    page.get_by_role("textbox", name="Draft").fill(f'{SCRIPT} said: "{SCRIPT} {HOSTILE_WORDS}."')
    page.get_by_role("button", name="Check draft").click()
    page.locator("#draft-summary").wait_for()
    body = page.locator(".draft-body").inner_text()
    assert f"{SCRIPT} said" in body
    assert "alert(1)</script> we shall never" in page.locator("mark.quotation").first.inner_text()
    assert page.locator("main script").count() == 0
    assert dialogs == []


def test_page_is_sent_with_a_content_security_policy_without_unsafe_inline(live_server, page):
    response = page.goto(live_server.url + "/?claim=Korea+is+an+important+strategic+partner")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    # The page itself keeps to it: chromium reports no violation while it renders and answers in place.
    violations = page.evaluate(
        """() => new Promise(done => {
            const seen = [];
            document.addEventListener('securitypolicyviolation', e => seen.push(e.violatedDirective));
            document.querySelector('#verify-form button').click();
            setTimeout(() => done(seen), 1500);
        })"""
    )
    assert violations == []


def _blocking(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:5]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(
    ("claim", "speaker"),
    [
        ("Korea is the most important strategic partner", "Kaja Kallas"),
        ("Korea is an important strategic partner", "Cho Tae-yul"),
        ("The weather in Paris was lovely all week long", ""),
    ],
)
def test_axe_finds_no_serious_violation_on_an_answer(live_server, page, claim, speaker):
    page.goto(live_server.url)
    page.get_by_role("textbox", name="Quote").fill(claim)
    page.get_by_role("textbox", name="Speaker").fill(speaker)
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("region", name="Verification result").locator(".verdict-word").wait_for()
    page.locator("details.others summary").evaluate_all("els => els.forEach(e => e.click())")
    assert _blocking(page) == []


def test_axe_finds_no_serious_violation_on_a_checked_draft(live_server, page, new_context):
    from tests.browser.test_draft_page import SEED_ARTICLE

    page.goto(live_server.url + "/draft")
    draft = SEED_ARTICLE.read_text().replace(
        "mitra strategis yang penting", "mitra strategis yang paling penting"
    )
    page.get_by_role("textbox", name="Draft").fill(draft)
    page.get_by_role("button", name="Check draft").click()
    page.locator("#draft-summary").wait_for()
    page.locator("mark.quotation a").first.click()
    assert _blocking(page) == []
    # And at a phone's width, where the layout changes.
    phone = new_context(viewport={"width": 360, "height": 800}).new_page()
    phone.goto(live_server.url + "/?claim=Korea+is+the+most+important+strategic+partner&speaker=Kaja+Kallas")
    assert _blocking(phone) == []


def _csp_violations(page) -> list[str]:
    """Messages chromium logs when the Content-Security-Policy blocks something."""
    found: list[str] = []
    page.on("console", lambda m: found.append(m.text) if "Content Security Policy" in m.text else None)
    return found


def test_the_page_works_under_its_content_security_policy(live_server, page):
    blocked = _csp_violations(page)
    page.goto(live_server.url)
    page.get_by_role("textbox", name="Quote").fill("Korea is an important strategic partner")
    page.get_by_role("button", name="Verify").click()
    page.get_by_role("region", name="Verification result").locator(".verdict-word").wait_for()
    assert blocked == []


def test_the_api_docs_render_under_their_content_security_policy(live_server, page):
    blocked = _csp_violations(page)
    page.goto(live_server.url + "/api/docs")
    page.locator(".opblock").first.wait_for()  # Swagger UI drew the operations from openapi.json
    assert page.locator(".opblock").count() > 10
    assert blocked == []
