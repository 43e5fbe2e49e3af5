// Options: the server's address and an optional API key, kept in chrome.storage.local. A server
// that is not this computer is asked for at run time, for its origin alone.

import { DEFAULT_BASE, loadSettings, needsPermission, normaliseBase, originPattern } from "./api.js";

const form = document.getElementById("options-form");
const baseInput = document.getElementById("api-base");
const keyInput = document.getElementById("api-key");
const status = document.getElementById("saved");

loadSettings().then(({ apiBase, apiKey }) => {
  baseInput.value = apiBase || DEFAULT_BASE;
  keyInput.value = apiKey;
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const apiBase = normaliseBase(baseInput.value);
  if (!apiBase) {
    status.textContent = "That is not an http:// or https:// address.";
    return;
  }
  if (needsPermission(apiBase)) {
    // Asked first, while the click still counts as the reader's gesture.
    let granted = false;
    try {
      granted = await chrome.permissions.request({ origins: [originPattern(apiBase)] });
    } catch (error) {
      status.textContent = `The browser would not ask for ${apiBase}: ${error.message}`;
      return;
    }
    if (!granted) {
      status.textContent = `Not saved: quotetrace needs your permission to reach ${apiBase}.`;
      return;
    }
  }
  await chrome.storage.local.set({ apiBase, apiKey: keyInput.value.trim() });
  baseInput.value = apiBase;
  status.textContent = `Saved. quotetrace asks ${apiBase}.`;
});
