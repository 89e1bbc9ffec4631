// The challenge page's code editor: CodeMirror 6 for Python with default, Vim and Emacs keymaps.
// Bundled by build.mjs into static/editor.js, which exposes window.ArrayDojoEditor.
// Also: a shared document for pair programming (./collab.js), NumPy completion (./completion.js)
// and a line-wrap option.
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python, pythonLanguage } from "@codemirror/lang-python";
import {
  bracketMatching,
  foldGutter,
  foldKeymap,
  HighlightStyle,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, Prec, StateEffect, StateField, Transaction } from "@codemirror/state";
import {
  Decoration,
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { tags } from "@lezer/highlight";
import { emacs } from "@replit/codemirror-emacs";
import { vim } from "@replit/codemirror-vim";
import {
  ChangeSet,
  collab,
  collabExtensions,
  getClientID,
  getSyncedVersion,
  PALETTE,
  rebaseUpdates,
  receiveUpdates,
  remoteSelections,
  sendableUpdates,
  setRemoteSelection,
  updateFromJSON,
  updateToJSON,
} from "./collab.js";
import { NUMPY_VERSION, numpyCompletions } from "./completion.js";

export const KEYMAPS = ["default", "vim", "emacs"];

// Colours come from the page's CSS variables, so the editor follows the light/dark theme.
const highlightStyle = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.definitionKeyword], color: "var(--syn-keyword)" },
  { tag: [tags.string, tags.special(tags.string)], color: "var(--syn-string)" },
  { tag: [tags.number, tags.bool, tags.null], color: "var(--syn-number)" },
  { tag: [tags.comment, tags.lineComment, tags.docString], color: "var(--syn-comment)", fontStyle: "italic" },
  { tag: [tags.function(tags.variableName), tags.function(tags.definition(tags.variableName))], color: "var(--syn-function)" },
  { tag: [tags.definition(tags.variableName), tags.className], color: "var(--syn-definition)" },
  { tag: [tags.operator], color: "var(--syn-operator)" },
  { tag: [tags.propertyName], color: "var(--syn-property)" },
]);

const baseTheme = EditorView.theme({
  "&": { color: "var(--fg)", backgroundColor: "var(--editor-bg)", fontSize: "14px", height: "100%" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--accent)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--accent)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--selection) !important",
  },
  ".cm-gutters": { backgroundColor: "var(--editor-gutter)", color: "var(--muted)", border: "none" },
  ".cm-activeLine": { backgroundColor: "var(--active-line)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--active-line)" },
  ".cm-flash-line": { backgroundColor: "var(--flash-line)", outline: "1px solid var(--warn)" },
  "&.cm-focused": { outline: "2px solid var(--focus)" },
  ".cm-panels": { backgroundColor: "var(--panel)", color: "var(--fg)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--fg)", border: "1px solid var(--border)" },
});

// The line a rubric link points at: one decoration, replaced or cleared by an effect.
const setFlashLine = StateEffect.define();
const flashLineField = StateField.define({
  create: () => Decoration.none,
  update(value, tr) {
    value = value.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setFlashLine)) {
        value = effect.value === null
          ? Decoration.none
          : Decoration.set([Decoration.line({ class: "cm-flash-line" }).range(effect.value)]);
      }
    }
    return value;
  },
  provide: (field) => EditorView.decorations.from(field),
});

function keymapExtension(name) {
  if (name === "vim") return vim();
  if (name === "emacs") return emacs();
  return [];
}

function wrapExtension(on) {
  return on ? EditorView.lineWrapping : [];
}

function rangesOf(selection) {
  return selection.ranges.map((range) => ({ anchor: range.anchor, head: range.head }));
}

/** The handle's shared-document half (present when `options.collab` is given). */
function sharedHandle(view) {
  return {
    /** The server version this editor has caught up with (what a push is made at). */
    version: () => getSyncedVersion(view.state),
    clientID: () => getClientID(view.state),
    /** Local updates the server has not confirmed: [{clientID, changes}] to push at version(). */
    pendingUpdates: () => sendableUpdates(view.state).map(updateToJSON),
    /**
     * Apply updates pulled from the server ([{clientID, changes}], the first one at `fromVersion`,
     * default version()); the editor's own confirmed updates come back this way too, and pending
     * ones are rebased over the others. Already-seen updates are skipped; a gap throws RangeError.
     * Returns how many were applied.
     */
    receive(updates, fromVersion = getSyncedVersion(view.state)) {
      const synced = getSyncedVersion(view.state);
      if (fromVersion > synced) throw new RangeError(`Updates from version ${fromVersion} skip some after ${synced}: pull from ${synced}`);
      const fresh = updates.slice(synced - fromVersion).map(updateFromJSON);
      if (fresh.length) view.dispatch(receiveUpdates(view.state, fresh));
      return fresh.length;
    },
    /** Show or move a participant: {id, name, colour, ranges: [{anchor, head}]}; empty ranges hide them. */
    setRemoteSelection(remote) {
      view.dispatch({ effects: setRemoteSelection.of(remote) });
    },
    removeRemoteSelection(id) {
      view.dispatch({ effects: setRemoteSelection.of({ id, ranges: [] }) });
    },
    remoteSelections: () => remoteSelections(view.state),
    /** This editor's selection, to send as presence: [{anchor, head}]. */
    selection: () => rangesOf(view.state.selection),
  };
}

/**
 * Replace a <textarea> with an editor; the textarea keeps the code so a plain form post still works.
 * options: { keymap, label, lineWrapping, completeOnTyping, onChange(code, {remote}), onSelection(ranges),
 *            onRun(), onSubmit(), collab: {startVersion, clientID} }
 */
export function create(textarea, options = {}) {
  const keymapCompartment = new Compartment();
  const readOnlyCompartment = new Compartment();
  const wrapCompartment = new Compartment();
  const host = document.createElement("div");
  host.className = "editor-host";
  textarea.insertAdjacentElement("afterend", host);
  textarea.hidden = true;

  const runKeys = Prec.highest(
    keymap.of([
      { key: "Mod-Enter", run: () => (options.onRun?.(), true) },
      { key: "Mod-Shift-Enter", run: () => (options.onSubmit?.(), true) },
    ]),
  );

  const view = new EditorView({
    parent: host,
    state: EditorState.create({
      doc: textarea.value,
      extensions: [
        keymapCompartment.of(keymapExtension(options.keymap)),
        runKeys,
        lineNumbers(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        foldGutter(),
        drawSelection(),
        indentUnit.of("    "),
        EditorState.tabSize.of(4),
        indentOnInput(),
        syntaxHighlighting(highlightStyle),
        bracketMatching(),
        closeBrackets(),
        autocompletion({ activateOnTyping: Boolean(options.completeOnTyping) }),
        pythonLanguage.data.of({ autocomplete: numpyCompletions }),
        wrapCompartment.of(wrapExtension(options.lineWrapping)),
        options.collab ? collabExtensions(options.collab) : [],
        highlightActiveLine(),
        highlightSelectionMatches(),
        python(),
        flashLineField,
        readOnlyCompartment.of(EditorState.readOnly.of(false)),
        keymap.of([
          ...closeBracketsKeymap,
          ...defaultKeymap,
          ...searchKeymap,
          ...historyKeymap,
          ...foldKeymap,
          ...completionKeymap,
          indentWithTab,
        ]),
        baseTheme,
        EditorView.contentAttributes.of({ "aria-label": options.label || "Code editor", "aria-multiline": "true" }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            textarea.value = update.state.doc.toString();
            const remote = update.transactions.some((tr) => tr.annotation(Transaction.remote));
            options.onChange?.(textarea.value, { remote });
          }
          if (update.docChanged || update.selectionSet) {
            options.onSelection?.(rangesOf(update.state.selection));
            // Any edit or cursor move after a rubric link ends the highlight.
            if (update.state.field(flashLineField).size && update.transactions.some((t) => t.isUserEvent("input") || t.isUserEvent("delete"))) {
              view.dispatch({ effects: setFlashLine.of(null) });
            }
          }
        }),
      ],
    }),
  });

  return {
    view,
    shared: options.collab ? sharedHandle(view) : null,
    getCode: () => view.state.doc.toString(),
    setCode(code) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code } });
    },
    setKeymap(name) {
      view.dispatch({ effects: keymapCompartment.reconfigure(keymapExtension(name)) });
    },
    setReadOnly(readOnly) {
      view.dispatch({ effects: readOnlyCompartment.reconfigure(EditorState.readOnly.of(readOnly)) });
    },
    /** Long lines wrap instead of scrolling sideways (the page remembers the choice). */
    setLineWrapping(on) {
      view.dispatch({ effects: wrapCompartment.reconfigure(wrapExtension(on)) });
    },
    isLineWrapping: () => wrapCompartment.get(view.state) === EditorView.lineWrapping,
    focus: () => view.focus(),
    /** Highlight line n (1-based), move the cursor there and scroll it into view. */
    highlightLine(n) {
      const number = Math.max(1, Math.min(n, view.state.doc.lines));
      const line = view.state.doc.line(number);
      view.dispatch({
        effects: [setFlashLine.of(line.from), EditorView.scrollIntoView(line.from, { y: "center" })],
        selection: { anchor: line.from },
      });
      view.focus();
    },
    highlightedLine() {
      const decorations = view.state.field(flashLineField);
      let found = null;
      decorations.between(0, view.state.doc.length, (from) => {
        found = view.state.doc.lineAt(from).number;
      });
      return found;
    },
  };
}

// What a page needs without an editor handle: the raw collab functions work on an EditorState.
export const shared = {
  collab,
  collabExtensions,
  sendableUpdates,
  receiveUpdates,
  getSyncedVersion,
  getClientID,
  rebaseUpdates,
  ChangeSet,
  updateToJSON,
  updateFromJSON,
  setRemoteSelection,
  remoteSelections,
  PALETTE,
};

window.ArrayDojoEditor = { create, KEYMAPS, shared, NUMPY_VERSION };
