// The quotetrace API as the extension speaks to it: settings, one request function, clear errors.
// Used by the service worker and the panel; the content script never makes a request itself.

export const DEFAULT_BASE = "http://127.0.0.1:8000";
// After this long without an answer the panel says it is still waiting (a verification takes
// well under a second on a laptop-sized index; three seconds is clearly "slow" to a reader).
export const SLOW_MS = 3000;
// After this long the request is abandoned: the server's own deadline for a check is shorter.
export const TIMEOUT_MS = 30000;
// Hosts the manifest grants (host_permissions); any other server needs the reader's permission.
const LOOPBACK = new Set(["127.0.0.1", "localhost"]);

export class ApiError extends Error {
  // kind: "no-server" | "no-permission" | "timeout" | "problem" | "bad-answer" | "bad-address"
  constructor(kind, message, { status = null, problem = null, base = null } = {}) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.problem = problem;
    this.base = base;
  }
}

export async function loadSettings() {
  const stored = await chrome.storage.local.get({ apiBase: DEFAULT_BASE, apiKey: "" });
  return { apiBase: normaliseBase(stored.apiBase) || DEFAULT_BASE, apiKey: stored.apiKey || "" };
}

// "http://host:8000/" -> "http://host:8000"; null when it is no http(s) address.
export function normaliseBase(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  return (url.origin + url.pathname).replace(/\/+$/, "");
}

export function needsPermission(base) {
  return !LOOPBACK.has(new URL(base).hostname);
}

// The match pattern of that server alone, as optional_host_permissions lets us request it.
export function originPattern(base) {
  return new URL(base).origin + "/*";
}

export async function hasPermission(base) {
  if (!needsPermission(base)) return true;
  return chrome.permissions.contains({ origins: [originPattern(base)] });
}

// One request to the API. `onSlow` is called once when the answer takes longer than SLOW_MS.
export async function request(path, { method = "GET", query = null, body = null, onSlow = null } = {}) {
  const { apiBase, apiKey } = await loadSettings();
  if (!(await hasPermission(apiBase))) {
    throw new ApiError(
      "no-permission",
      `quotetrace may not reach ${apiBase} yet: open the options and press Save to allow it.`,
      { base: apiBase },
    );
  }
  const url = new URL(apiBase + path);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== null && value !== undefined && value !== "") url.searchParams.set(name, value);
  }
  const headers = { Accept: "application/json" };
  if (body !== null) headers["Content-Type"] = "application/json";
  if (apiKey) headers.Authorization = `Bearer ${apiKey}`;
  const controller = new AbortController();
  const slow = onSlow ? setTimeout(onSlow, SLOW_MS) : null;
  const abandon = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === null ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (error) {
    if (error.name === "AbortError") {
      throw new ApiError("timeout", `${apiBase} gave no answer in ${TIMEOUT_MS / 1000} seconds.`, {
        base: apiBase,
      });
    }
    throw new ApiError("no-server", `No quotetrace server answers at ${apiBase}.`, { base: apiBase });
  } finally {
    clearTimeout(slow);
    clearTimeout(abandon);
  }
  let answer = null;
  try {
    answer = await response.json();
  } catch {
    answer = null;
  }
  if (!response.ok) {
    const detail =
      answer && answer.detail ? answer.detail : `The server answered ${response.status} ${response.statusText}.`;
    throw new ApiError("problem", detail, { status: response.status, problem: answer, base: apiBase });
  }
  if (answer === null) {
    throw new ApiError("bad-answer", `${apiBase} answered, but not with quotetrace's JSON.`, {
      base: apiBase,
    });
  }
  return answer;
}

// Errors cross runtime messages as plain objects; these two turn them back and forth.
export function errorToMessage(error) {
  if (error instanceof ApiError) {
    return { kind: error.kind, message: error.message, status: error.status, problem: error.problem, base: error.base };
  }
  return { kind: "bad-answer", message: String(error && error.message ? error.message : error) };
}

export function errorFromMessage(m) {
  return new ApiError(m.kind, m.message, { status: m.status, problem: m.problem, base: m.base });
}
