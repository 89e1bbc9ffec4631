// Shared by every page's module: talking to the server. One run/submit loop for practice and
// interviews (a ticket to poll the queue with, a 503 retried after Retry-After), and the session
// API with its Bearer token and its live stream.
import { showQueue } from "./dom.js";

const QUEUE_POLL_MS = 400;

export function newTicket() {
  if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID().replace(/-/g, "");
  return String(Math.random()).slice(2) + String(Date.now());
}

export class ApiError extends Error {
  constructor(message, status, retryAfter) {
    super(message);
    this.status = status;
    this.retryAfter = retryAfter;
  }
}

// A response's body, or an ApiError carrying the server's own message.
export async function readResponse(response) {
  const type = response.headers.get("content-type") || "";
  const data = type.indexOf("json") >= 0 ? await response.json() : await response.text();
  if (!response.ok) {
    const error = data && data.error;
    const message = error ? error.message + (error.details ? " " + error.details.join("; ") : "") : "HTTP " + response.status;
    throw new ApiError(message, response.status,
      parseInt(response.headers.get("Retry-After") || "0", 10));
  }
  return data;
}

// Run or submit: `send(mode, ticket)` makes the request; the queue line shows where it stands.
export function gradeLoop({ send, queueNode, setBusy, onResponse, onFailure }) {
  let busy = false;
  let retryTimer = null;
  function grade(mode) {
    if (busy) return;
    clearTimeout(retryTimer);
    busy = true;
    setBusy(true);
    const ticket = newTicket();
    const label = mode === "run" ? "Running on the examples…" : "Grading every test and timing…";
    showQueue(queueNode, label, true);
    const poll = setInterval(() => {
      fetch("/api/queue/" + ticket).then((r) => r.json()).then((status) => {
        if (!busy) return;
        if (status.state === "queued") showQueue(queueNode, "Queued, position " + status.position, true);
        else if (status.state === "running") showQueue(queueNode, label, true);
      }).catch(() => { /* the grade's own response reports errors */ });
    }, QUEUE_POLL_MS);
    const done = () => { clearInterval(poll); busy = false; setBusy(false); };
    send(mode, ticket).then((response) => {
      if (response.status === 503) {
        done();
        const wait = parseInt(response.headers.get("Retry-After") || "2", 10);
        const position = parseInt(response.headers.get("X-Queue-Position") || "1", 10);
        showQueue(queueNode, "Queued, position " + position + ": every grader is busy, retrying in " + wait + " s", true);
        retryTimer = setTimeout(() => grade(mode), wait * 1000);
        return null;
      }
      showQueue(queueNode, "", false);
      // Busy until the answer is complete: a streamed submit resolves once its last part is shown.
      return Promise.resolve(onResponse(mode, response)).then((value) => { done(); return value; },
        (error) => { done(); throw error; });
    }).catch((error) => {
      if (busy) done();
      onFailure(error);
    });
  }
  return { grade, isBusy: () => busy };
}

// Follow a submit's event stream: `onPart(progress)` for each part as it is graded (tests and verdict
// first, then the rubric, then timing). Resolves with the last progress once the attempt is finished,
// or with null when it was dropped for want of a slot (the caller submits again).
export function followAttempt(eventsUrl, onPart) {
  return new Promise((resolve, reject) => {
    const source = new EventSource(eventsUrl);
    let last = null;
    source.addEventListener("part", (event) => {
      last = JSON.parse(event.data);
      onPart(last);
    });
    source.addEventListener("done", () => { source.close(); resolve(last); });
    source.addEventListener("gone", () => { source.close(); resolve(null); });
    source.onerror = () => {
      // EventSource reconnects by itself (the stream restarts from the stored state); give up only if closed.
      if (source.readyState === EventSource.CLOSED) reject(new Error("the results stream closed"));
    };
  });
}

// Server-sent events read from a fetch response (so a token can go in a header): `onEvent(kind, data, id)`
// for each event; resolves when the server closes the stream, or as soon as `onEvent` returns true.
async function readEvents(response, onEvent) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) return false;
    buffer += decoder.decode(chunk.value, { stream: true });
    const blocks = buffer.split("\n\n");
    buffer = blocks.pop();
    for (const block of blocks) {
      let kind = "message", data = null, id = null;
      block.split("\n").forEach((line) => {
        if (line.indexOf("event: ") === 0) kind = line.slice(7);
        else if (line.indexOf("data: ") === 0) data = line.slice(6);
        else if (line.indexOf("id: ") === 0) id = parseInt(line.slice(4), 10);
      });
      let parsed = null;
      if (data !== null) {
        try { parsed = JSON.parse(data); } catch (e) { continue; }
      }
      if (onEvent(kind, parsed, id)) {
        reader.cancel().catch(() => {});
        return true;
      }
    }
  }
}

// A session's attempt stream (the token in a header): like followAttempt, `onPart(progress)` per part;
// resolves with the last progress once finished, or null when it was dropped for want of a slot.
// A dropped connection reconnects: the stream restarts from the stored state.
export async function followSessionAttempt(url, headers, onPart) {
  let last = null;
  for (let attempt = 0; attempt < 30; attempt++) {
    let outcome = null;
    try {
      const response = await fetch(url, { headers: Object.assign({ Accept: "text/event-stream" }, headers) });
      if (response.status >= 400 && response.status < 500) await readResponse(response); // throws its message
      if (!response.ok || !response.body) throw new Error("HTTP " + response.status);
      await readEvents(response, (kind, data) => {
        if (kind === "part" && data) { last = data; onPart(data); }
        if (kind === "done") { outcome = "done"; return true; }
        if (kind === "gone") { outcome = "gone"; return true; }
        return false;
      });
    } catch (error) {
      if (error instanceof ApiError) throw error;
    }
    if (outcome === "done") return last;
    if (outcome === "gone") return null;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error("the results stream kept closing");
}

// Fetch an HTML fragment into a container; resolves to whether it came back OK.
export async function loadFragment(url, target, options) {
  const response = await fetch(url, options || { headers: { "X-Fragment": "1" } });
  if (!response.ok) return false;
  target.innerHTML = await response.text(); // rendered on the server from escaped templates
  return true;
}

// A mock-interview session: the token from the link's fragment, API calls with it, the live stream.
export function sessionClient(sessionId) {
  const tokenKey = "arraydojo.session." + sessionId;
  // The token lives in the fragment (never sent to the server in the URL); keep it for reloads
  // in this tab only, and take it off the address bar so it is not shown over a shoulder.
  let token = window.location.hash.slice(1);
  try {
    if (token) sessionStorage.setItem(tokenKey, token);
    else token = sessionStorage.getItem(tokenKey) || "";
  } catch (e) { /* no storage: the fragment is all we have */ }
  if (token && window.history.replaceState) window.history.replaceState(null, "", window.location.pathname + window.location.search);
  const base = "/api/sessions/" + encodeURIComponent(sessionId);
  // Without a token, no header: the server then lets in the logged-in account that owns the session.
  const auth = () => (token ? { Authorization: "Bearer " + token } : {});

  function request(method, path, body, extraHeaders) {
    const options = { method, headers: Object.assign(auth(), extraHeaders || {}) };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(base + path, options);
  }

  return {
    id: sessionId,
    token,
    request,
    api: (method, path, body) => request(method, path, body).then(readResponse),
    // A run's or submit's results, rendered by the server exactly as on the practice page.
    results: (attemptId, target) => loadFragment("/sessions/" + encodeURIComponent(sessionId) + "/attempts/" + attemptId + "/results",
      target, { headers: auth() }),
    download: (path) => fetch(base + path, { headers: auth() }),
    // An attempt's parts as they are graded, as this token's role may see them.
    follow: (attemptId, onPart) => followSessionAttempt(base + "/attempts/" + attemptId + "/events", auth(), onPart),
    // The candidate's page: a large paste, or the page away / back. `keepalive` lets it leave with a closing tab.
    signal: (signal) => fetch(base + "/integrity", {
      method: "POST", keepalive: true, headers: Object.assign(auth(), { "Content-Type": "application/json" }),
      body: JSON.stringify({ signal }),
    }),
    stream: (onEvent, onStatus, after) => stream(base, auth, onEvent, onStatus, after),
  };
}

// The live stream: fetch + a stream reader (so the token goes in a header), reconnecting after a
// drop with the last event id.
function stream(base, auth, onEvent, onStatus, after) {
  let lastId = after || 0;
  let stopped = false;
  function handle(kind, data, id) {
    if (id) lastId = id;
    if (data !== null) {
      try { onEvent(kind, data); } catch (e) { window.console.error(e); }
    }
    return stopped;
  }
  async function connect() {
    if (stopped) return;
    try {
      const response = await fetch(base + "/events?after=" + lastId, { headers: Object.assign(auth(), { Accept: "text/event-stream" }) });
      if (!response.ok || !response.body) throw new Error("HTTP " + response.status);
      if (onStatus) onStatus(true);
      await readEvents(response, handle);
      throw new Error("closed");
    } catch (e) {
      if (onStatus) onStatus(false);
      setTimeout(connect, 1000);
    }
  }
  connect();
  return { stop: () => { stopped = true; }, lastId: () => lastId };
}
