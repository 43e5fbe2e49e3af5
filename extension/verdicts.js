// The five verdicts, and "not checked", as a reader sees them: a word, an icon and a colour (never
// the colour alone). Words, meanings and icons are the journalist's page's (service/claimreview.py's
// VERDICT_WORDS, service/web/templates/_icons.html), so a verdict looks the same in both.
export const VERDICTS = {
  verified: { word: "Verified", icon: "✓", hint: "The words and the speaker are right." },
  altered: { word: "Altered", icon: "≠", hint: "The quote exists, but words in it were changed." },
  paraphrased: { word: "Paraphrased", icon: "≈", hint: "The speaker said this in other words; it is not a direct quote." },
  misattributed: { word: "Misattributed", icon: "⚠", hint: "Someone else said this." },
  unverified: { word: "Unverified", icon: "?", hint: "No stored quote confirms this." },
  // Not a verdict: a quotation one check of the page did not verify (choose it to verify it).
  unchecked: { word: "Not checked", icon: "…", hint: "Not verified with the page; choose it to verify it." },
};

// The page's icon strokes (a circle, then these), drawn in the verdict's colour (currentColor).
const ICON_PATHS = {
  verified: ["M7.5 12.5l3 3 6-6.5"],
  altered: ["M7 10h10M7 14.5h10M14.5 6.5l-5 11"],
  paraphrased: ["M6.5 10.2c1.8-1.6 3.7-1.6 5.5 0s3.7 1.6 5.5 0M6.5 14.8c1.8-1.6 3.7-1.6 5.5 0s3.7 1.6 5.5 0"],
  misattributed: ["M8.5 8.5l7 7M15.5 8.5l-7 7"],
  unverified: ["M9.5 9.3a2.6 2.6 0 1 1 3.6 2.4c-.8.4-1.1 1-1.1 1.8", "M12 17h.01"],
};

export function verdictOf(name) {
  return VERDICTS[name] || { word: name, icon: "•", hint: "" };
}

// The verdict's icon as the page draws it: an SVG the size of `size` pixels, hidden from screen
// readers (the word says it).
export function verdictIcon(name, size = 28) {
  const ns = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(ns, "svg");
  const attributes = {
    class: "icon", width: size, height: size, viewBox: "0 0 24 24", fill: "none", stroke: "currentColor",
    "stroke-width": "2.2", "stroke-linecap": "round", "stroke-linejoin": "round",
    "aria-hidden": "true", focusable: "false", "data-icon": name,
  };
  for (const [key, value] of Object.entries(attributes)) svg.setAttribute(key, value);
  const circle = document.createElementNS(ns, "circle");
  circle.setAttribute("cx", "12");
  circle.setAttribute("cy", "12");
  circle.setAttribute("r", "10");
  svg.append(circle);
  for (const d of ICON_PATHS[name] || ICON_PATHS.unverified) {
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", d);
    svg.append(path);
  }
  return svg;
}
