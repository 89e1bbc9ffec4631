// A shared document (issue 17): @codemirror/collab's client side, updates as JSON for the wire,
// and the other participants' cursors and selections drawn with a name and a colour.
// The server is the authority: it accepts a push only at its current version, so a client
// pulls, lets receiveUpdates rebase its pending changes, and pushes again.
import { collab, getClientID, getSyncedVersion, rebaseUpdates, receiveUpdates, sendableUpdates } from "@codemirror/collab";
import { ChangeSet, StateEffect, StateField } from "@codemirror/state";
import { Decoration, EditorView, WidgetType } from "@codemirror/view";

/** An update as it travels: {clientID, changes: ChangeSet JSON}. */
export function updateToJSON(update) {
  return { clientID: update.clientID, changes: update.changes.toJSON() };
}

/** The update a pull returned; malformed JSON throws a RangeError (the page should pull again). */
export function updateFromJSON(json) {
  if (!json || typeof json.clientID !== "string") throw new RangeError("An update needs a clientID string");
  return { clientID: json.clientID, changes: ChangeSet.fromJSON(json.changes) };
}

// Colours arrive from other people's browsers: only plain hex reaches a style attribute.
const COLOUR = /^#[0-9a-fA-F]{6}$/;
// Each at least 5.4:1 against the label's white text (WCAG AA asks 4.5:1).
export const PALETTE = ["#c92a2a", "#1864ab", "#237032", "#5f3dc4", "#a61e4d", "#0b7285", "#862e9c", "#a34700"];

function colourFor(id, colour) {
  if (typeof colour === "string" && COLOUR.test(colour)) return colour;
  let hash = 0;
  for (const char of String(id)) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length];
}

/**
 * Show (or move) one participant's selection: {id, name, colour, ranges: [{anchor, head}]},
 * positions in the current document. `ranges: []` or null removes the participant.
 */
export const setRemoteSelection = StateEffect.define();

/** Black or white, whichever reads better on `colour` (a participant may pick a light one). */
function labelTextColour(colour) {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05 ? "#ffffff" : "#000000";
}

function clamp(pos, length) {
  return Number.isInteger(pos) ? Math.max(0, Math.min(pos, length)) : 0;
}

function normalise(value, length) {
  const ranges = Array.isArray(value.ranges) ? value.ranges.slice(0, 100) : [];
  return {
    id: String(value.id),
    name: String(value.name ?? value.id).slice(0, 60),
    colour: colourFor(value.id, value.colour),
    ranges: ranges.map((range) => {
      const anchor = clamp(range?.anchor, length);
      return { anchor, head: range && "head" in range ? clamp(range.head, length) : anchor };
    }),
  };
}

/** Remote participants by id; every range follows the document through each change. */
export const remoteSelectionsField = StateField.define({
  create: () => new Map(),
  update(value, tr) {
    let next = value;
    if (tr.docChanged) {
      next = new Map();
      for (const [id, remote] of value) {
        // assoc 1: a cursor at the point where its owner's own text lands moves past it.
        const ranges = remote.ranges.map((range) => ({
          anchor: tr.changes.mapPos(range.anchor, 1),
          head: tr.changes.mapPos(range.head, 1),
        }));
        next.set(id, { ...remote, ranges });
      }
    }
    for (const effect of tr.effects) {
      if (!effect.is(setRemoteSelection) || effect.value?.id == null) continue; // presence without an id: ignored
      if (next === value) next = new Map(value);
      const remote = normalise(effect.value, tr.newDoc.length);
      if (remote.ranges.length) next.set(remote.id, remote);
      else next.delete(remote.id);
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field, remoteDecorations),
});

class RemoteCursorWidget extends WidgetType {
  constructor(name, colour) {
    super();
    this.name = name;
    this.colour = colour;
  }

  eq(other) {
    return other.name === this.name && other.colour === this.colour;
  }

  toDOM() {
    const cursor = document.createElement("span");
    cursor.className = "cm-remote-cursor";
    cursor.style.borderLeftColor = this.colour;
    cursor.setAttribute("aria-hidden", "true");
    const label = document.createElement("span");
    label.className = "cm-remote-cursor-label";
    label.style.backgroundColor = this.colour;
    label.style.color = labelTextColour(this.colour);
    label.textContent = this.name; // text, never markup: the name is someone else's input
    cursor.appendChild(label);
    return cursor;
  }

  ignoreEvent() {
    return true;
  }
}

function remoteDecorations(remotes) {
  const ranges = [];
  for (const remote of remotes.values()) {
    for (const { anchor, head } of remote.ranges) {
      const from = Math.min(anchor, head);
      const to = Math.max(anchor, head);
      if (from < to) {
        ranges.push(Decoration.mark({
          class: "cm-remote-selection",
          attributes: { style: `background-color: ${remote.colour}40`, "data-remote": remote.id },
        }).range(from, to));
      }
      ranges.push(Decoration.widget({ widget: new RemoteCursorWidget(remote.name, remote.colour), side: 1 })
        .range(head));
    }
  }
  return Decoration.set(ranges, true);
}

export const remoteSelectionTheme = EditorView.baseTheme({
  // Room above the first line for a name label there (the scroller clips what sticks out).
  ".cm-content": {
    paddingTop: "16px",
  },
  ".cm-remote-cursor": {
    position: "relative",
    borderLeft: "2px solid",
    marginLeft: "-1px",
    marginRight: "-1px",
    pointerEvents: "none",
  },
  ".cm-remote-cursor-label": {
    position: "absolute",
    bottom: "100%",
    left: "-2px",
    padding: "0 4px",
    borderRadius: "3px 3px 3px 0",
    fontSize: "11px",
    lineHeight: "1.4",
    fontFamily: "system-ui, sans-serif",
    whiteSpace: "nowrap",
    zIndex: "10",
  },
});

/** The list of remote participants with their mapped ranges (for the page and for tests). */
export function remoteSelections(state) {
  return [...state.field(remoteSelectionsField, false)?.values() ?? []].map((remote) => ({
    id: remote.id,
    name: remote.name,
    colour: remote.colour,
    ranges: remote.ranges.map((range) => ({ ...range })),
  }));
}

/** The extensions of a shared editor starting at `startVersion` of the server's log. */
export function collabExtensions({ startVersion = 0, clientID } = {}) {
  const config = { startVersion };
  if (clientID) config.clientID = String(clientID);
  return [collab(config), remoteSelectionsField, remoteSelectionTheme];
}

export { collab, getClientID, getSyncedVersion, rebaseUpdates, receiveUpdates, sendableUpdates, ChangeSet };
