// The five verdicts, and "not checked", as a reader sees them: a word, an icon and a colour (never
// the colour alone).
export const VERDICTS = {
  verified: { word: "Verified", icon: "✓", hint: "The words and the speaker are right." },
  altered: { word: "Altered", icon: "≠", hint: "The speaker said something close, with words changed." },
  paraphrased: { word: "Paraphrased", icon: "≈", hint: "It matches a reported statement, not words said." },
  misattributed: { word: "Misattributed", icon: "⚠", hint: "Someone else said it." },
  unverified: { word: "Not found", icon: "?", hint: "Nothing in the index matches it." },
  // Not a verdict: a quotation one check of the page did not verify (choose it to verify it).
  unchecked: { word: "Not checked", icon: "…", hint: "Not verified with the page; choose it to verify it." },
};

export function verdictOf(name) {
  return VERDICTS[name] || { word: name, icon: "•", hint: "" };
}
