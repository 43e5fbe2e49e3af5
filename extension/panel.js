// The side panel. Its URL says what it shows: panel.html?claim=…&speaker=… is the verification of
// that claim; the form edits the URL (and so the verification), the context menu sets it.

import { ApiError, request } from "./api.js";
import { verdictIcon, verdictOf } from "./verdicts.js";

const $ = (id) => document.getElementById(id);
// How long the panel waits for the service worker to name the speaker of a selection's sentence.
const SPEAKER_WAIT_MS = 4000;
// Longer claims go by POST: servers refuse long request lines (gunicorn's limit is 4,094 bytes).
const MAX_GET_CLAIM = 1500;
let shown = 0; // requests answered out of order must not overwrite a newer one

function params() {
  const query = new URLSearchParams(location.search);
  return {
    claim: (query.get("claim") || "").trim(),
    speaker: (query.get("speaker") || "").trim() || null,
    fromSelection: query.get("from") === "selection",
  };
}

function pathFor(claim, speaker) {
  let path = `panel.html?claim=${encodeURIComponent(claim)}`;
  if (speaker) path += `&speaker=${encodeURIComponent(speaker)}`;
  return path;
}

function showState(kind, message, { retry = false, options = false } = {}) {
  const state = $("state");
  state.hidden = false;
  state.className = `state state-${kind}`;
  state.replaceChildren();
  const text = document.createElement("p");
  text.textContent = message;
  state.append(text);
  if (options) {
    const link = document.createElement("a");
    link.href = "options.html";
    link.target = "_blank";
    link.textContent = "Change the server in the options";
    state.append(link);
  }
  if (retry) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Try again";
    button.addEventListener("click", () => render(params()));
    state.append(button);
  }
}

function showError(error) {
  $("result").hidden = true;
  if (!(error instanceof ApiError)) {
    showState("error", `Something went wrong: ${error.message || error}`, { retry: true });
    return;
  }
  if (error.kind === "no-server") {
    showState("error", `${error.message} Is it running? Start it with “make run”, or point the extension at another server.`,
      { retry: true, options: true });
  } else if (error.kind === "no-permission") {
    showState("error", error.message, { options: true });
  } else if (error.kind === "timeout") {
    showState("error", `${error.message} The server may be busy.`, { retry: true });
  } else if (error.kind === "problem") {
    const problem = error.problem || {};
    const title = problem.title ? `${problem.title} (${error.status})` : `Error ${error.status}`;
    let message = `${title}: ${error.message}`;
    if (problem.errors) {
      const fields = Object.entries(problem.errors).map(([f, m]) => `${f}: ${[].concat(m).join(" ")}`);
      message += ` ${fields.join("; ")}`;
    }
    showState("error", message, { retry: error.status >= 500 || error.status === 429 });
  } else {
    showState("error", error.message, { retry: true, options: true });
  }
}

function explain(summary) {
  if (summary.explanation) return summary.explanation;
  const m = summary.match;
  const claimed = summary.speaker;
  switch (summary.verdict) {
    case "verified":
      return `These are ${m.speaker}'s words, as the source has them.`;
    case "altered":
      return `${m.speaker} said something close, but with words changed: see where below.`;
    case "paraphrased":
      return `This matches what ${m.speaker} is reported to have said, not words quoted directly.`;
    case "misattributed":
      return claimed ? `${m.speaker} said this, not ${claimed}.` : `${m.speaker} said this.`;
    default:
      return "Nothing in the index matches these words: it may be new, or not a quote.";
  }
}

// The stored wording as the page shows it: the words the claim matches highlighted, the quote's words
// the claim changed struck out, and the claim's own words underlined after them.
function renderDiff(diff) {
  const out = $("diff");
  out.replaceChildren();
  const changed = { del: false, ins: false };
  const marked = (tag, text, spoken) => {
    const element = document.createElement(tag);
    if (tag === "mark") element.className = "matched";
    if (spoken) {
      const hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = spoken;
      element.append(hidden);
    }
    element.append(text);
    return element;
  };
  for (const step of diff) {
    if (out.childNodes.length) out.append(" ");
    if (step.op === "equal") {
      out.append(marked("mark", step.quote || step.claim));
      continue;
    }
    if (step.quote) out.append(marked("del", step.quote, "[the quote says:] "));
    if (step.claim) out.append(marked("ins", step.claim, "[the claim says:] "));
    changed.del ||= Boolean(step.quote);
    changed.ins ||= Boolean(step.claim);
  }
  $("legend-del").hidden = !changed.del;
  $("legend-ins").hidden = !changed.ins;
}

function renderSource(source) {
  const dd = $("source");
  dd.replaceChildren();
  if (!source) {
    dd.textContent = "—";
    return;
  }
  const title = source.title || source.url || "Untitled";
  if (source.url) {
    const link = document.createElement("a");
    link.className = "source-link";
    link.href = source.url;
    link.target = "_blank";
    link.rel = "noopener";
    link.textContent = title;
    dd.append(link);
  } else {
    const cite = document.createElement("cite");
    cite.textContent = title;
    dd.append(cite);
  }
  for (const part of [source.publisher, source.published_at].filter(Boolean)) {
    const meta = document.createElement("span");
    meta.className = "source-meta";
    meta.textContent = ` · ${part}`;
    dd.append(meta);
  }
}

// "Indonesian" for "id", as the page names languages; the code itself when the browser has no name.
function languageName(code) {
  if (!code) return "unknown language";
  try {
    return new Intl.DisplayNames(["en"], { type: "language" }).of(code) || code;
  } catch {
    return code;
  }
}

// Reasons that leave who said it uncertain (service/matching/speakers.py UNCERTAIN_REASONS).
const UNCERTAIN_SPEAKER = ["speaker_surname_shared", "speaker_one_name", "speaker_other_script"];

function speakerCertain(result, top) {
  if (!top || !(result.speaker || "").trim()) return null;
  const agrees = ["exact", "alias", "probable"].includes(top.speaker_match);
  return agrees && !(top.reasons || []).some((r) => UNCERTAIN_SPEAKER.includes(r));
}

// The compact form (as GET ?fields=summary gives it) of a full verification (as POST gives it).
function summarise(result) {
  const top = result.matches[0];
  const source = top && top.quote.source;
  return {
    claim: result.claim,
    speaker: result.speaker,
    verdict: result.verdict,
    speaker_certain: speakerCertain(result, top),
    explanation: result.explanation || (top && top.explanation) || null,
    match: top
      ? {
          text: top.quote.text,
          speaker: top.quote.speaker.name,
          source,
          diff: top.diff,
          original_text: top.translation ? top.translation.original_text : null,
          original_language: top.translation ? top.translation.original_language : null,
          meaning: top.meaning
            ? { reason: top.meaning.reason, similarity: top.meaning.similarity, quote_language: top.meaning.quote_language }
            : null,
        }
      : null,
    related: (result.related || []).map((r) => ({
      text: r.quote.text,
      speaker: r.quote.speaker ? r.quote.speaker.name : null,
      language: r.quote.language,
      similarity: r.similarity,
      figures_differ: Boolean(r.figures_differ),
      says_opposite: Boolean(r.says_opposite),
    })),
  };
}

// A match found by meaning: the stored wording as it is (its words were not compared with the claim's,
// so none is highlighted), and what was compared instead.
function renderMeaning(m) {
  const out = $("diff");
  out.replaceChildren(m.text);
  if (m.meaning.quote_language) out.lang = m.meaning.quote_language;
  $("diff-legend").hidden = true;
  const note = $("meaning-note");
  const where = m.meaning.reason === "other_language"
    ? `in ${languageName(m.meaning.quote_language)}: words in two languages are not compared`
    : "in other words: the claim's words are not the quote's";
  note.textContent = `Found by its meaning (similarity ${m.meaning.similarity.toFixed(2)} of 1), ${where}.`;
  note.hidden = false;
}

// Quotes close in meaning to the claim, as the server ranks them, each with its similarity.
function renderRelated(related) {
  const list = $("related-list");
  list.replaceChildren();
  for (const r of related || []) {
    const item = document.createElement("li");
    const text = document.createElement("blockquote");
    text.textContent = r.text;
    if (r.language) text.lang = r.language;
    const meta = document.createElement("p");
    meta.className = "source-meta";
    meta.textContent = `${r.speaker || "Unknown speaker"} · similarity ${r.similarity.toFixed(2)}`;
    if (r.figures_differ) {
      const differ = document.createElement("strong");
      differ.className = "figures-differ";
      differ.textContent = "its figures differ from yours";
      meta.append(" · ", differ);
    }
    if (r.says_opposite) {
      const opposite = document.createElement("strong");
      opposite.className = "says-opposite";
      opposite.textContent = "it seems to say the opposite";
      meta.append(" · ", opposite);
    }
    item.append(text, meta);
    list.append(item);
  }
  $("related").hidden = !list.childNodes.length;
}

function renderSummary(summary) {
  $("state").hidden = true;
  const verdict = verdictOf(summary.verdict);
  $("result").dataset.verdict = summary.verdict; // the page's colours, by [data-verdict]
  $("verdict").querySelector(".icon")?.remove();
  $("verdict").prepend(verdictIcon(summary.verdict));
  $("verdict-word").textContent = verdict.word;
  // Verified words whose speaker is only probably the one claimed: not "the words and the speaker are right".
  $("verdict-meaning").textContent =
    summary.verdict === "verified" && summary.speaker_certain === false
      ? "The words are right; the speaker probably, not certainly."
      : verdict.hint;
  $("explanation").textContent = explain(summary);
  const m = summary.match;
  $("wording").hidden = !m;
  $("diff").removeAttribute("lang");
  $("diff-legend").hidden = false;
  $("meaning-note").hidden = true;
  if (m && m.meaning) {
    renderMeaning(m);
  } else if (m) {
    renderDiff(m.diff && m.diff.length ? m.diff : [{ op: "equal", claim: m.text, quote: m.text }]);
  }
  if (m) {
    $("original").hidden = !m.original_text;
    if (m.original_text) {
      $("original-heading").textContent = `Original wording, ${languageName(m.original_language)}`;
      $("original-text").textContent = m.original_text;
      if (m.original_language) $("original-text").lang = m.original_language;
    }
  }
  // Who said it and where describe the stored quote: without one there is nothing to show but the claim's.
  $("said-by").textContent = m ? m.speaker : "";
  $("said-by").parentElement.hidden = !m;
  $("source").parentElement.hidden = !m;
  $("claimed").textContent = summary.speaker || "nobody named";
  renderSource(m ? m.source : null);
  renderRelated(summary.related);
  $("result").hidden = false;
  document.body.dataset.verdict = summary.verdict;
}

async function render({ claim, speaker }) {
  $("claim").value = claim;
  $("speaker").value = speaker || "";
  if (!claim) {
    $("result").hidden = true;
    showState("empty", "Select a quote on any page, right-click it and choose “Verify quote”, "
      + "or use “Check this page” from the toolbar button.");
    return;
  }
  const mine = ++shown;
  $("result").hidden = true;
  showState("loading", "Verifying…");
  try {
    const onSlow = () => mine === shown && showState("slow", "Still waiting for the server: it is slow to answer…");
    const summary =
      encodeURIComponent(claim).length <= MAX_GET_CLAIM
        ? await request("/api/v1/verify", { query: { claim, speaker, fields: "summary" }, onSlow })
        : summarise(await request("/api/v1/verify", { method: "POST", body: { claim, speaker }, onSlow }));
    if (mine === shown) renderSummary(summary);
  } catch (error) {
    if (mine === shown) showError(error);
  }
}

// Opened from the context menu: the worker is reading the selection's sentence for its speaker.
async function speakerOfSelection(claim) {
  const asked = chrome.runtime.sendMessage({ type: "quotetrace:speaker-for-selection", claim });
  const late = new Promise((resolve) => setTimeout(() => resolve({ speaker: null }), SPEAKER_WAIT_MS));
  try {
    const answer = await Promise.race([asked, late]);
    return answer ? answer.speaker : null;
  } catch {
    return null;
  }
}

async function start() {
  const wanted = params();
  if (wanted.fromSelection && wanted.claim) {
    showState("loading", "Reading who said it…");
    wanted.speaker = wanted.speaker || (await speakerOfSelection(wanted.claim));
    history.replaceState(null, "", pathFor(wanted.claim, wanted.speaker));
  }
  render(wanted);
}

$("claim-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const claim = $("claim").value.trim();
  const speaker = $("speaker").value.trim() || null;
  history.pushState(null, "", pathFor(claim, speaker));
  render({ claim, speaker });
});

window.addEventListener("popstate", () => render(params()));

// The worker shows a new claim in an open panel by sending its path.
chrome.runtime.onMessage.addListener((message) => {
  if (message.type !== "quotetrace:show") return;
  const here = location.pathname.replace(/^\//, "") + location.search;
  if (message.path !== here) location.replace(message.path);
});

start();
