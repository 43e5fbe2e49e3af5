// "Check this page", in the page: read the article's text, have the service worker check it,
// underline each quotation in place with its verdict. Choosing one opens it in the side panel.
// This script makes no request of its own: everything goes through chrome.runtime messages.
(() => {
  const MARK = "quotetrace-quote";
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "NAV", "HEADER", "FOOTER", "ASIDE", "FORM",
    "BUTTON", "SELECT", "TEXTAREA", "svg"]);
  const BLOCK = /^(P|LI|BLOCKQUOTE|DIV|H[1-6]|TD|TH|DD|DT|FIGCAPTION|SECTION|ARTICLE|PRE|TR|UL|OL)$/;

  function articleRoot() {
    const articles = [...document.querySelectorAll("article")];
    if (articles.length) return articles.sort((a, b) => b.textContent.length - a.textContent.length)[0];
    return document.querySelector("main, [role=main]") || document.body;
  }

  function blockOf(node) {
    let el = node.parentElement;
    while (el && !BLOCK.test(el.tagName)) el = el.parentElement;
    return el;
  }

  // The article as plain text, and where each of its text nodes starts in that text.
  function readArticle(root) {
    const pieces = [];
    const nodes = [];
    let length = 0;
    let lastBlock = null;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode(node) {
        for (let el = node.parentElement; el && el !== root.parentElement; el = el.parentElement) {
          if (SKIP.has(el.tagName) || el.classList.contains("quotetrace-badge")) return NodeFilter.FILTER_REJECT;
          if (el.hidden || el.getAttribute("aria-hidden") === "true") return NodeFilter.FILTER_REJECT;
        }
        return node.data.length ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT;
      },
    });
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const block = blockOf(node);
      if (lastBlock !== null && block !== lastBlock) {
        pieces.push("\n\n");
        length += 2;
      }
      lastBlock = block;
      nodes.push({ node, start: length });
      pieces.push(node.data);
      length += node.data.length;
    }
    return { text: pieces.join(""), nodes };
  }

  // The API counts code points (Python); JavaScript strings count UTF-16 units.
  function unitOffsets(text) {
    if (!/[\uD800-\uDBFF]/.test(text)) return (i) => i;
    const units = [];
    let unit = 0;
    for (const ch of text) {
      units.push(unit);
      unit += ch.length;
    }
    units.push(unit);
    return (i) => units[Math.min(i, units.length - 1)];
  }

  // Wrap [start, end) of the article text, node by node (a quotation may cross an <em>).
  function wrap(nodes, start, end, make) {
    const parts = [];
    for (const { node, start: at } of nodes) {
      // node.data as it is now: wrapping a later quotation kept only this node's earlier part.
      const from = Math.max(start, at);
      const to = Math.min(end, at + node.data.length);
      if (from >= to) continue;
      const range = document.createRange();
      range.setStart(node, from - at);
      range.setEnd(node, to - at);
      parts.push(range);
    }
    const marks = [];
    for (const range of parts) {
      const mark = make();
      try {
        range.surroundContents(mark);
        marks.push(mark);
      } catch {
        // overlapping another quotation's underline: that part stays as it is
      }
    }
    return marks;
  }

  function toast(message) {
    let box = document.getElementById("quotetrace-toast");
    if (!box) {
      box = document.createElement("div");
      box.id = "quotetrace-toast";
      box.setAttribute("role", "status");
      document.body.append(box);
    }
    box.textContent = message;
    box.hidden = false;
    clearTimeout(box.quotetraceTimer);
    if (!message.endsWith("…")) box.quotetraceTimer = setTimeout(() => { box.hidden = true; }, 8000);
  }

  function clearMarks() {
    for (const badge of document.querySelectorAll(".quotetrace-badge")) badge.remove();
    for (const mark of document.querySelectorAll(`mark.${MARK}`)) mark.replaceWith(...mark.childNodes);
    document.body.normalize();
  }

  function openInPanel(quote) {
    chrome.runtime.sendMessage({ type: "quotetrace:open-quote", claim: quote.text, speaker: quote.speaker });
  }

  function underline(article, quotes) {
    const unit = unitOffsets(article.text);
    // From the end, so wrapping one quotation leaves the earlier offsets where they were.
    const ordered = quotes.map((q, i) => ({ ...q, index: i })).sort((a, b) => b.start - a.start);
    for (const quote of ordered) {
      const said = quote.speaker ? ` (${quote.speaker})` : "";
      const label = `${quote.word}: “${quote.text}”${said}. Open in the quotetrace panel.`;
      const marks = wrap(article.nodes, unit(quote.start), unit(quote.end), () => {
        const mark = document.createElement("mark");
        mark.className = `${MARK} quotetrace-${quote.verdict}`;
        mark.dataset.quotetraceVerdict = quote.verdict;
        mark.dataset.quotetraceIndex = String(quote.index);
        mark.title = label;
        return mark;
      });
      if (!marks.length) continue;
      const first = marks[0];
      first.tabIndex = 0;
      first.setAttribute("role", "button");
      first.setAttribute("aria-label", label);
      const badge = document.createElement("span");
      badge.className = `quotetrace-badge quotetrace-${quote.verdict}`;
      badge.setAttribute("aria-hidden", "true");
      badge.textContent = `${quote.icon} ${quote.word}`;
      marks[marks.length - 1].after(badge);
      for (const el of [...marks, badge]) {
        el.addEventListener("click", (event) => {
          event.preventDefault();
          openInPanel(quote);
        });
      }
      first.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          openInPanel(quote);
        }
      });
    }
  }

  async function run() {
    clearMarks();
    const article = readArticle(articleRoot());
    if (!article.text.trim()) {
      toast("quotetrace: this page has no text to check.");
      return;
    }
    toast("quotetrace: checking the quotations on this page…");
    const slow = setTimeout(() => toast("quotetrace: still waiting for the server…"), 3000);
    let answer;
    try {
      answer = await chrome.runtime.sendMessage({ type: "quotetrace:check-text", text: article.text });
    } finally {
      clearTimeout(slow);
    }
    if (!answer || !answer.ok) {
      toast(`quotetrace: ${answer ? answer.error.message : "the extension did not answer."}`);
      return;
    }
    underline(article, answer.quotes);
    const n = answer.quotes.length;
    document.documentElement.dataset.quotetraceChecked = String(n);
    toast(n ? `quotetrace: ${n} quotation${n === 1 ? "" : "s"} checked; choose one for details.`
      : "quotetrace: no quotations found on this page.");
  }

  run();
})();
