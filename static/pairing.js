// Pair programming (issue 17): one shared editor per challenge, both people typing. The server is
// the authority: a push is accepted only at its current version; the page pulls with a long poll,
// lets the editor rebase what it typed meanwhile and pushes again, so nothing typed is lost, even
// offline. Presence: each side's cursor in the other's editor, and "connected / idle / away".
import { el } from "./dom.js";

const HEARTBEAT_MS = 5000;
const SELECTION_THROTTLE_MS = 120;
const RETRY_MS = 1000;
// A long offline stretch goes out in several pushes, each well under the server's body limit.
const MAX_UPDATES_PER_PUSH = 200;
const NAMES = { candidate: "Candidate", interviewer: "Interviewer" };
const COLOURS = { candidate: "#1864ab", interviewer: "#a61e4d" };
const STATUS_TEXT = { connected: "connected", idle: "idle", away: "away" };

function tabClientID(role) {
  const random = window.crypto && window.crypto.randomUUID ? window.crypto.randomUUID().slice(0, 8) : String(Math.random()).slice(2, 10);
  return role + "-" + random;
}

// The shared editor of the current challenge. `client` is the session client (api.js).
export class PairedEditor {
  constructor({ client, textarea, role, label, onRun, onSubmit, onChange, onSync }) {
    this.client = client;
    this.textarea = textarea;
    this.role = role;
    this.label = label;
    this.onRun = onRun;
    this.onSubmit = onSubmit;
    this.onChange = onChange || (() => {});
    this.onSync = onSync || (() => {});
    this.clientID = tabClientID(role);
    this.editor = null;
    this.challenge = null;
    this.generation = 0;
    this.pushing = false;
    this.awaitVersion = 0;
    this.retryTimer = null;
    this.pullAbort = null;
    this.stamp = null;
    this.readOnly = false;
    this.active = false;
    this.online = true;
    this.selectionTimer = null;
    this.presence = [];
    this.mayType = true;
    this.waiters = [];
    this.notice = "";
    document.addEventListener("visibilitychange", () => this.heartbeat());
    setInterval(() => this.heartbeat(), HEARTBEAT_MS);
  }

  // Open the shared document of a challenge at the server's text and version.
  open(challenge, text, version) {
    this.generation += 1;
    if (this.pullAbort) this.pullAbort.abort();
    clearTimeout(this.retryTimer);
    this.pushing = false;
    this.awaitVersion = 0;
    this.stamp = null;
    this.challenge = challenge;
    if (this.editor) {
      const host = this.editor.view.dom.parentElement;
      this.editor.view.destroy();
      if (host) host.remove();
    }
    this.textarea.value = text;
    if (!window.ArrayDojoEditor) {
      // No bundle: the textarea cannot merge edits, so only the candidate types there and each pause
      // sends the whole text (one update replacing the document).
      this.editor = null;
      this.applyReadOnly();
      if (!this.textarea.dataset.plain) {
        this.textarea.dataset.plain = "1";
        this.textarea.addEventListener("input", () => {
          this.onChange(this.textarea.value, { remote: false });
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => this.client.request("POST", "/snapshots",
            { challenge: this.challenge, code: this.textarea.value }).catch(() => {}), 300);
        });
      }
      if (this.role === "interviewer") this.watchPlain(this.generation); // read-only: the server's text, refreshed
      return;
    }
    this.editor = window.ArrayDojoEditor.create(this.textarea, {
      label: this.label,
      collab: { startVersion: version, clientID: this.clientID },
      onRun: this.onRun,
      onSubmit: this.onSubmit,
      onChange: (code, info) => {
        this.onChange(code, info);
        if (!info.remote) { this.active = true; this.push(); }
      },
      onSelection: () => {
        this.active = true;
        clearTimeout(this.selectionTimer);
        this.selectionTimer = setTimeout(() => this.heartbeat(), SELECTION_THROTTLE_MS);
      },
    });
    window.arraydojoEditor = this.editor; // for the browser tests and the console
    this.applyReadOnly();
    this.pullLoop(this.generation);
    this.heartbeat();
  }

  getCode() { return this.editor ? this.editor.getCode() : this.textarea.value; }
  version() { return this.editor ? this.editor.shared.version() : 0; }
  pending() { return this.editor ? this.editor.shared.pendingUpdates() : []; }

  setReadOnly(on) { this.readOnly = on; this.applyReadOnly(); }

  applyReadOnly() {
    const off = this.readOnly || (this.role === "interviewer" && !this.mayType);
    if (this.editor) this.editor.setReadOnly(off);
    else this.textarea.readOnly = off || this.role !== "candidate";
  }

  // `notice`: why edits were dropped, shown until this person's next edit is saved.
  status(text) { this.onSync({ online: this.online, pending: this.pending().length, text: text || this.notice }); }

  // Push what is pending at the synced version; a refusal waits for the pull that follows.
  push() {
    if (!this.editor || this.pushing) return;
    const pending = this.pending();
    if (!pending.length) { this.resolveWaiters(); this.status(""); return; }
    // Updates the server accepted but our pull has not brought back yet are the log's next ones:
    // push only what follows them, at the version after them, without waiting for the pull.
    const ahead = Math.max(0, this.awaitVersion - this.version());
    const updates = pending.slice(ahead, ahead + MAX_UPDATES_PER_PUSH);
    if (!updates.length) return;
    const generation = this.generation;
    const version = this.version() + ahead;
    this.pushing = true;
    this.status("Saving…");
    this.client.request("POST", "/updates", { challenge: this.challenge, version, updates }).then((response) => {
      if (generation !== this.generation) return;
      this.pushing = false;
      this.online = true;
      if (response.ok) {
        return response.json().then((body) => {
          this.awaitVersion = body.version;
          this.notice = "";
          if (this.pending().length > this.awaitVersion - this.version()) this.push(); // typed meanwhile
        });
      }
      return response.json().catch(() => ({})).then((body) => {
        const message = body && body.error ? body.error.message : "HTTP " + response.status;
        if (response.status === 409 && body.error && body.error.version !== undefined) {
          // Someone else's edit came first: the long poll brings it, the editor rebases, we push again.
          this.retryTimer = setTimeout(() => this.push(), 300);
        } else if (response.status === 429) {
          const wait = parseInt(response.headers.get("Retry-After") || "1", 10);
          this.retryTimer = setTimeout(() => this.push(), wait * 1000);
          this.status("Saving in a moment…");
        } else {
          // Refused for good (the session is over, typing was turned off, the code limit): what the
          // server has is the document; show it again, and say why the edits were not kept.
          this.resync("Not saved: " + message);
        }
      });
    }).catch(() => {
      if (generation !== this.generation) return;
      this.pushing = false;
      this.online = false;
      this.status("Offline: your typing is kept and sent when the connection is back");
      this.retryTimer = setTimeout(() => this.push(), RETRY_MS);
    });
  }

  // Without the bundle the interviewer's textarea shows the server's text, read again every second.
  async watchPlain(generation) {
    while (generation === this.generation) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      try {
        const data = await this.client.api("GET", "");
        if (generation !== this.generation) return;
        const code = data.code[this.challenge];
        if (code !== undefined && this.textarea.value !== code) {
          this.textarea.value = code;
          this.onChange(code, { remote: true });
        }
      } catch (error) { /* the next round tries again */ }
    }
  }

  // Open the server's text again, dropping local edits the server refused.
  resync(why) {
    const challenge = this.challenge;
    const generation = this.generation;
    this.client.api("GET", "").then((data) => {
      if (generation !== this.generation) return;
      const info = data.challenges.filter((c) => c.id === challenge)[0];
      const text = data.code[challenge] !== undefined ? data.code[challenge] : (info ? info.starter.replace(/\r\n?/g, "\n") : "");
      this.notice = why;
      this.open(challenge, text, (data.versions || {})[challenge] || 0);
      this.status("");
    }).catch(() => { this.notice = why; this.status(""); });
  }

  // The long poll: updates after our version, or a change of presence, or nothing after a while.
  async pullLoop(generation) {
    while (generation === this.generation) {
      const controller = new AbortController();
      this.pullAbort = controller;
      const query = "?challenge=" + encodeURIComponent(this.challenge) + "&version=" + this.version() + "&wait=1" +
        (this.stamp !== null ? "&presence=" + encodeURIComponent(this.stamp) : "");
      try {
        const response = await fetch("/api/sessions/" + encodeURIComponent(this.client.id) + "/updates" + query,
          { headers: { Authorization: "Bearer " + this.client.token }, signal: controller.signal });
        if (generation !== this.generation) return;
        if (!response.ok) throw new Error("HTTP " + response.status);
        const body = await response.json();
        if (generation !== this.generation) return;
        const wasOffline = !this.online;
        this.online = true;
        this.receive(body);
        if (wasOffline || this.pending().length) this.push();
        else this.status("");
      } catch (error) {
        if (generation !== this.generation) return;
        this.online = false;
        this.status("Offline: your typing is kept and sent when the connection is back");
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
      }
    }
  }

  receive(body) {
    this.stamp = body.presence_stamp;
    if (body.interviewer_may_type !== this.mayType) {
      this.mayType = body.interviewer_may_type;
      this.applyReadOnly();
    }
    if (body.updates.length && this.editor) {
      try {
        this.editor.shared.receive(body.updates, body.updates[0].version - 1);
      } catch (error) {
        window.console.error(error); // a gap: the next pull starts again from our version
      }
    }
    this.presence = body.presence;
    this.showRemote();
    this.onSync({ online: true, pending: this.pending().length, text: this.notice, presence: body.presence, mayType: this.mayType });
    if (!this.pending().length) this.resolveWaiters();
  }

  showRemote() {
    if (!this.editor) return;
    this.presence.forEach((p) => {
      if (p.role === this.role) return;
      if (p.challenge === this.challenge && p.status !== "away") {
        this.editor.shared.setRemoteSelection({ id: p.role, name: NAMES[p.role], colour: COLOURS[p.role], ranges: p.ranges });
      } else {
        this.editor.shared.removeRemoteSelection(p.role);
      }
    });
  }

  heartbeat() {
    if (!this.challenge) return;
    const ranges = this.editor ? this.editor.shared.selection() : [];
    const active = this.active;
    this.active = false;
    this.client.request("PUT", "/presence", {
      challenge: this.challenge, ranges, visible: document.visibilityState !== "hidden", active,
    }).catch(() => { /* the pull loop shows the connection */ });
  }

  // Resolves once everything typed here is on the server (or after `timeoutMs`): run and submit wait for it.
  flush(timeoutMs) {
    // Nothing to wait for, or a locked editor (the session is over: what was refused stays refused).
    if (!this.pending().length || this.readOnly) return Promise.resolve(true);
    this.push();
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs || 8000);
      this.waiters.push(() => { clearTimeout(timer); resolve(true); });
    });
  }

  resolveWaiters() {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}

// "Candidate: connected · Interviewer: idle" in a container, one badge per side.
export function showPresence(container, presence, ownRole) {
  // Redrawn only when a status changes: the bar is a live region, so each redraw is read out.
  const key = ["candidate", "interviewer"].map((role) => (presence.filter((p) => p.role === role)[0] || {}).status).join("/");
  if (container.getAttribute("data-key") === key) return;
  container.setAttribute("data-key", key);
  container.textContent = "";
  ["candidate", "interviewer"].forEach((role) => {
    const found = presence.filter((p) => p.role === role)[0];
    const status = found ? found.status : "away";
    const name = NAMES[role] + (role === ownRole ? " (you)" : "");
    container.appendChild(el("span", { class: "presence presence-" + status, "data-role": role, "data-status": status }, [
      el("span", { class: "presence-dot", style: "background:" + COLOURS[role], "aria-hidden": "true" }),
      name + ": " + STATUS_TEXT[status],
    ]));
  });
}
