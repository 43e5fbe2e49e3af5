// The extension's service worker: the context-menu item, "Check this page", and every request a
// page's content script needs (content scripts never call the API themselves).

import { errorToMessage, request } from "./api.js";
import { verdictOf } from "./verdicts.js";

const VERIFY_ITEM = "quotetrace-verify";
const CHECK_ITEM = "quotetrace-check-page";
// Around a selection, this much of its paragraph is sent to /check to find who said it.
const CONTEXT_CHARS = 1500;
// The API refuses drafts longer than this (service/api/schemas.py MAX_DRAFT).
const MAX_PAGE_CHARS = 200000;

// Speakers being read for a selection, by claim: the panel asks for its claim's speaker once it
// has loaded (the read started when the menu item was chosen). In memory only: a restarted worker
// has none, and the panel then verifies without a speaker.
const pendingSpeakers = new Map();

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.removeAll(() => {
    chrome.contextMenus.create({ id: VERIFY_ITEM, title: "Verify quote “%s”", contexts: ["selection"] });
    chrome.contextMenus.create({ id: CHECK_ITEM, title: "Check this page", contexts: ["page"] });
  });
});

// panel.html?claim=…&speaker=… : the panel shows the verification its URL names.
export function panelPath({ claim, speaker = null, fromSelection = false }) {
  let path = `panel.html?claim=${encodeURIComponent(claim)}`;
  if (speaker) path += `&speaker=${encodeURIComponent(speaker)}`;
  if (fromSelection) path += "&from=selection";
  return path;
}

// Show `path` in the side panel of `windowId`. setOptions is not awaited: open() must run while
// the reader's gesture lasts, and the browser applies the two calls in order.
function showInPanel(path, windowId) {
  const options = chrome.sidePanel.setOptions({ path, enabled: true });
  const opened = windowId === undefined ? Promise.resolve() : chrome.sidePanel.open({ windowId });
  opened.catch(() => {}); // no gesture (e.g. called from a test): the path is set for the next open
  chrome.runtime.sendMessage({ type: "quotetrace:show", path }).catch(() => {}); // an open panel follows
  return options;
}

export function cleanSelection(text) {
  return String(text || "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^["“”„«»‘’']+|["“”„«»‘’']+$/g, "")
    .replace(/[,;:]$/, "")
    .trim();
}

// The context-menu item: open the panel on the selection, then find its speaker in its sentence.
export function onVerifySelection(info, tab) {
  const claim = cleanSelection(info.selectionText);
  if (!claim) return Promise.resolve(null);
  showInPanel(panelPath({ claim, fromSelection: true }), tab ? tab.windowId : undefined);
  const reading = speakerOfSelection(tab, claim, info.frameId).then(async (speaker) => {
    await chrome.sidePanel.setOptions({ path: panelPath({ claim, speaker }), enabled: true });
    return speaker;
  });
  pendingSpeakers.set(claim, reading);
  setTimeout(() => pendingSpeakers.delete(claim), 60000);
  return reading;
}

// Who the selection's sentence attributes it to ("…," Kallas said), by the server's own extractor
// on the selection's paragraph; null when it names nobody or the page cannot be read.
async function speakerOfSelection(tab, claim, frameId) {
  if (!tab || tab.id === undefined) return null;
  let context;
  try {
    const target = { tabId: tab.id, frameIds: [frameId || 0] };
    const [injection] = await chrome.scripting.executeScript({
      target,
      func: selectionParagraph,
      args: [CONTEXT_CHARS],
    });
    context = injection && injection.result;
  } catch {
    return null; // a page the extension may not read (the browser's own pages, the web store)
  }
  if (!context || !context.text) return null;
  try {
    const checked = await request("/api/v1/check", { method: "POST", body: { text: context.text } });
    return speakerFor(checked.quotes, claim, context);
  } catch {
    return null;
  }
}

// The extracted quotation the selection is (or is part of), and its speaker's name.
export function speakerFor(quotes, claim, context) {
  const wanted = fold(claim);
  let best = null;
  for (const q of quotes || []) {
    if (!q.speaker) continue;
    const text = fold(q.text);
    if (!(text.includes(wanted) || wanted.includes(text))) continue;
    const overlapsSelection =
      context.selectionStart === undefined || (q.start < context.selectionEnd && q.end > context.selectionStart);
    if (!best || overlapsSelection) best = q;
    if (overlapsSelection) break;
  }
  return best ? best.speaker.name : null;
}

function fold(text) {
  return cleanSelection(text).toLowerCase().replace(/[’']/g, "'");
}

// Runs in the page: the selection's paragraph (bounded), and where the selection lies in it.
function selectionParagraph(maxChars) {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  let block = range.commonAncestorContainer;
  if (block.nodeType !== Node.ELEMENT_NODE) block = block.parentElement;
  const blockish = /^(P|LI|BLOCKQUOTE|DIV|ARTICLE|SECTION|TD|DD|H[1-6]|BODY)$/;
  while (block && !blockish.test(block.tagName)) block = block.parentElement;
  if (!block) return null;
  const before = document.createRange();
  before.selectNodeContents(block);
  before.setEnd(range.startContainer, range.startOffset);
  const full = block.textContent || "";
  const start = before.toString().length;
  const end = start + range.toString().length;
  const from = Math.max(0, start - maxChars);
  const text = full.slice(from, Math.min(full.length, end + maxChars));
  return { text, selectionStart: start - from, selectionEnd: end - from };
}

// "Check this page": the content script reads the article and underlines what /check finds.
export async function checkPage(tab) {
  await chrome.scripting.insertCSS({ target: { tabId: tab.id }, files: ["content/check.css"] });
  await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ["content/check.js"] });
}

async function checkText(text) {
  const checked = await request("/api/v1/check", {
    method: "POST",
    body: { text: text.slice(0, MAX_PAGE_CHARS) },
  });
  // Quotations only: a reported statement ("officials said the talks went well") has no words to
  // check, and extraction finds many a reader would not call a quote.
  return checked.quotes.filter((q) => q.kind === "direct").map((q) => {
    // A quotation past what one check verifies (its not_verified_reason says why) is shown unchecked;
    // choosing it verifies it in the panel.
    const verdict = q.verification ? q.verification.verdict : "unchecked";
    const top = q.verification ? q.verification.matches[0] : undefined;
    const label = verdictOf(verdict);
    return {
      text: q.text,
      start: q.start,
      end: q.end,
      verdict,
      word: label.word,
      icon: label.icon,
      speaker: q.speaker ? q.speaker.name : null,
      saidBy: top ? top.quote.speaker.name : null,
    };
  });
}

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === VERIFY_ITEM) onVerifySelection(info, tab);
  if (info.menuItemId === CHECK_ITEM && tab) checkPage(tab);
});

chrome.action.onClicked.addListener((tab) => {
  checkPage(tab);
});

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  if (message.type === "quotetrace:check-text") {
    checkText(message.text).then(
      (quotes) => reply({ ok: true, quotes }),
      (error) => reply({ ok: false, error: errorToMessage(error) }),
    );
    return true; // the answer comes later
  }
  if (message.type === "quotetrace:open-quote") {
    const windowId = sender.tab ? sender.tab.windowId : undefined;
    showInPanel(panelPath({ claim: cleanSelection(message.claim), speaker: message.speaker }), windowId).then(
      () => reply({ ok: true }),
      () => reply({ ok: false }),
    );
    return true;
  }
  if (message.type === "quotetrace:speaker-for-selection") {
    const reading = pendingSpeakers.get(message.claim);
    (reading || Promise.resolve(null)).then((speaker) => reply({ speaker }));
    return true;
  }
  return false;
});

// For tests and the console: the handlers, callable as the browser would call them.
self.quotetrace = { onVerifySelection, checkPage, panelPath, speakerFor, cleanSelection };
