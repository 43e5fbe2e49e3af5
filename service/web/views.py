"""The page's views: read the form, call verification or checking as the API does, render the answer."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from urllib.parse import urlencode, urlsplit

import marshmallow as ma
from flask import Blueprint, current_app, redirect, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import Session

from service import checking, claimreview, verification
from service.api.schemas import CheckArgsSchema, VerifyArgsSchema
from service.db import get_session
from service.models import SpeakerRole
from service.web import answers

bp = Blueprint(
    "web", __name__, template_folder="templates", static_folder="static", static_url_path="/assets"
)

# A chat or a browser copes with links of a few thousand characters; an answer whose permalink would be
# longer (a claim of several hundred words) is rendered in reply to the post instead of redirected to.
MAX_PERMALINK = 2_000

_VERIFY_ARGS = VerifyArgsSchema(only=("claim", "speaker", "said_on"))
_CHECK_ARGS = CheckArgsSchema(only=("text",))


# What the templates (and the macros they import) call to lay out an answer: pure functions of a result.
for _name, _function in {
    "verdict_word": claimreview.verdict_word,
    "verdict_meaning": claimreview.verdict_meaning,
    "explain": claimreview.explanation,
    "stored_wording": answers.stored_wording,
    "marker_notes": answers.marker_notes,
    "is_short": answers.is_short,
    "verdict_counts": answers.verdict_counts,
    "found_by_meaning": answers.found_by_meaning,
}.items():
    bp.add_app_template_global(_function, _name)


@bp.app_template_filter("longdate")
def _longdate(value) -> str:
    """22 January 2025."""
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value:%B %Y}"


@bp.app_template_filter("language_name")
def _language_name(code: str | None) -> str:
    return answers.language_name(code)


# What a source's standing (service.standing) is worth, in a reader's words.
STANDING_WORDS = {
    "primary": "primary source (the speaker's own channel or an official record)",
    "publication": "published journalism",
    "unvetted": "unvetted source",
}


@bp.app_template_filter("standing_text")
def _standing_text(standing) -> str:
    return STANDING_WORDS.get(str(standing), str(standing).replace("_", " "))


@bp.app_template_filter("web_link")
def _web_link(url: str | None) -> str | None:
    """The URL when it is an http(s) address to follow; a ``javascript:`` one is no link."""
    if url and urlsplit(url).scheme.lower() in ("http", "https"):
        return url
    return None


@bp.app_template_filter("merge")
def _merge(first: dict, second: dict) -> dict:
    return {**first, **second}


@bp.get("/")
def index():
    """The Verify tab; with ``?claim=`` (a permalink) the answer to that claim."""
    if not request.args.get("claim", "").strip() and "claim" not in request.args:
        return render_template("verify.html", form={}, errors={})
    return _answer(request.args)


@bp.post("/")
def verify_form():
    """The form posted without JavaScript: redirect to the answer's permalink (or answer here, if long)."""
    fields, errors = _verify_fields(request.form)
    if errors:
        return render_template("verify.html", form=request.form, errors=errors), 422
    link = permalink(**fields)
    if len(link) <= MAX_PERMALINK:
        return redirect(link + "#result", code=303)  # the fragment scrolls a phone to the answer
    return _answer(request.form)


@bp.get("/draft")
def draft():
    """The Check a draft tab."""
    return render_template("draft.html", form={}, errors={})


@bp.post("/draft")
def check_draft():
    """A draft checked: every quotation marked in place, each with its verification."""
    try:
        text = _CHECK_ARGS.load({"text": request.form.get("draft", "")})["text"]
    except ma.ValidationError:
        errors = {"draft": "Paste the draft to check."}
        return render_template("draft.html", form=request.form, errors=errors), 422
    session = get_session()
    check = checking.check_draft(session, text, verify_seconds=checking.budget_of(current_app.config))
    matches = [m for q in check["quotes"] if q["verification"] for m in q["verification"]["matches"]]
    return render_template(
        "draft.html",
        form={"draft": text},
        errors={},
        check=check,
        pieces=answers.draft_pieces(text, check["quotes"]),
        summary=answers.draft_summary(check["quotes"]),
        roles=roles_held(session, matches),
    )


def _verify_fields(form) -> tuple[dict, dict]:
    """The claim, speaker and date from a form or a query string, or the errors to show beside them."""
    raw = {
        "claim": form.get("claim", ""),
        "speaker": form.get("speaker", "").strip() or None,
        "said_on": form.get("said_on", "").strip() or None,
    }
    try:
        return _VERIFY_ARGS.load(raw), {}
    except ma.ValidationError as exc:
        messages = {
            "claim": "Type or paste the quote to verify.",
            "speaker": "A speaker is at most 300 characters.",
            "said_on": "Give the date as year-month-day, e.g. 2025-01-22.",
        }
        errors = {field: messages[field] for field in exc.messages if field in messages}
        if "claim" in errors and len(raw["claim"]) > 1 and raw["claim"].strip():
            errors["claim"] = "The quote is too long: verify at most 5,000 characters at once."
        return {}, errors


def _answer(form):
    fields, errors = _verify_fields(form)
    if errors:
        return render_template("verify.html", form=form, errors=errors), 422
    session = get_session()
    result = verification.verify(
        session, fields["claim"], speaker=fields["speaker"], said_on=fields["said_on"]
    )
    return render_template(
        "verify.html",
        form=form,
        errors={},
        result=result,
        said_on=fields["said_on"],
        roles=roles_held(session, result["matches"], said_on=fields["said_on"]),
        short=answers.is_short(fields["claim"]),
        review=review_of(result, said_on=fields["said_on"]),
    )


def permalink(*, claim: str, speaker: str | None = None, said_on: date | None = None) -> str:
    """The page's address that reproduces this answer: ``/?claim=…&speaker=…``."""
    query = {"claim": claim}
    if speaker:
        query["speaker"] = speaker
    if said_on:
        query["said_on"] = said_on.isoformat()
    return "/?" + urlencode(query)


def review_of(result: dict, *, said_on: date | None = None) -> dict:
    """The ClaimReview JSON-LD of a result, its ``url`` the page's permalink and its author configured."""
    url = request.host_url.rstrip("/") + permalink(
        claim=result["claim"], speaker=result.get("speaker"), said_on=said_on
    )
    return claimreview.claim_review(
        {**result, "said_on": said_on},
        url=url,
        author_name=current_app.config.get("CLAIMREVIEW_AUTHOR_NAME", "quotetrace"),
        author_url=current_app.config.get("CLAIMREVIEW_AUTHOR_URL"),
    )


def roles_held(session: Session, matches: list[dict], *, said_on: date | None = None) -> dict[int, str]:
    """For each matched quote (by id), the office its speaker held when it was said, when one is stored."""
    speaker_ids = {m["quote"]["speaker"]["id"] for m in matches}
    if not speaker_ids:
        return {}
    held = defaultdict(list)
    for role in session.scalars(select(SpeakerRole).where(SpeakerRole.speaker_id.in_(speaker_ids))):
        held[role.speaker_id].append(role)
    roles = {}
    for m in matches:
        quote = m["quote"]
        day = quote.get("said_on") or (quote.get("source") or {}).get("published_at") or said_on
        for role in held.get(quote["speaker"]["id"], ()):
            if day is None or (
                (role.start_date is None or role.start_date <= day)
                and (role.end_date is None or day <= role.end_date)
            ):
                roles[quote["id"]] = ", ".join(p for p in (role.title, role.organisation) if p)
                break
    return roles
