"""The committed editor bundle on its own in Chromium: shared documents, remote cursors, NumPy completion, wrapping.

No server: a blank page gets static/editor.js inlined, and a tiny in-page authority (an array of
updates that accepts a push only at its current version, as the server will) links the editors.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from app.collab import ChangeSet, compose_changes

pytestmark = pytest.mark.browser
BUNDLE = (Path(__file__).resolve().parent.parent.parent / "static" / "editor.js").read_text(encoding="utf-8")
START = "import numpy as np\n\ndef f(x):\n    return x\n"

# Two editors (a: the candidate, b: the interviewer) and the authority's log, as a page would keep them.
SETUP = """start => {
  const make = (id) => {
    const area = document.createElement("textarea");
    area.value = start;
    document.getElementById(id).appendChild(area);
    return window.ArrayDojoEditor.create(area, {
      collab: { startVersion: 0, clientID: id }, label: id,
      onChange: (code, info) => window.changes.push([id, info.remote, code === area.value]),
    });
  };
  window.changes = [];
  const log = [];
  window.log = log;
  window.editors = { a: make("a"), b: make("b") };
  // A push is accepted only at the authority's current version, like the server's unique row.
  window.push = (name) => {
    const shared = window.editors[name].shared;
    const pending = shared.pendingUpdates();
    if (!pending.length) return "nothing";
    if (shared.version() !== log.length) return "behind";
    log.push(...pending);
    return "accepted";
  };
  window.pull = (name) => {
    const shared = window.editors[name].shared;
    return shared.receive(log.slice(shared.version()), shared.version());
  };
}"""


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 900, "height": 700})
    context.set_default_timeout(15_000)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.set_content("<!doctype html><meta charset=utf-8><div id=a></div><div id=b></div>")
    opened.add_script_tag(content=BUNDLE)
    opened.evaluate(SETUP, START)
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def code(page: Page, name: str) -> str:
    return str(page.evaluate("name => window.editors[name].getCode()", name))


def type_at_end_of_line(page: Page, name: str, line: int, text: str) -> None:
    page.evaluate("""([name, line]) => {
      const view = window.editors[name].view;
      const end = view.state.doc.line(line).to;
      view.dispatch({ selection: { anchor: end } });
      view.focus();
    }""", [name, line])
    page.keyboard.type(text)


def sync(page: Page) -> None:
    """Every editor pushes, and pulls after a refused push, until both are confirmed."""
    for _ in range(4):
        for name in ("a", "b"):
            if page.evaluate("name => window.push(name)", name) == "behind":
                page.evaluate("name => window.pull(name)", name)
                # "nothing": the pull confirmed updates already pushed, as after a lost answer.
                assert page.evaluate("name => window.push(name)", name) in {"accepted", "nothing"}
        page.evaluate("() => { window.pull('a'); window.pull('b'); }")
        pending = page.evaluate("() => window.editors.a.shared.pendingUpdates().length"
                                " + window.editors.b.shared.pendingUpdates().length")
        if not pending:
            return
    raise AssertionError("the editors did not converge")


def server_text(page: Page) -> str:
    """What the server would hold: app/collab.py applying the authority's log to the start text."""
    log: list[dict[str, Any]] = page.evaluate("() => window.log")
    return compose_changes([ChangeSet.from_json(update["changes"]) for update in log]).apply(START)


def test_concurrent_typing_in_the_same_place_converges_with_both_edits(page: Page) -> None:
    type_at_end_of_line(page, "a", 4, " + 1")
    type_at_end_of_line(page, "b", 4, " * 2  # 😀")
    assert page.evaluate("() => window.push('a')") == "accepted"
    assert page.evaluate("() => window.push('b')") == "behind"
    sync(page)
    final = code(page, "a")
    assert final == code(page, "b")
    assert "+ 1" in final
    assert "* 2  # 😀" in final
    assert final == server_text(page)
    assert page.evaluate("() => [window.editors.a.shared.version(), window.editors.b.shared.version()]") == [
        len(page.evaluate("() => window.log"))] * 2
    changes = page.evaluate("() => window.changes")
    assert ["a", True, True] in changes, "a page cannot tell a pulled change from the user's typing"
    assert ["b", False, True] in changes


def test_a_read_only_editor_still_follows_the_shared_document(page: Page) -> None:
    page.evaluate("() => window.editors.b.setReadOnly(true)")  # the interviewer when typing is off
    type_at_end_of_line(page, "b", 4, "typed while read-only")
    type_at_end_of_line(page, "a", 4, " + 1")
    sync(page)
    assert code(page, "b") == code(page, "a") == START.replace("return x", "return x + 1")


def test_offline_typing_is_kept_and_rebased_on_the_next_pull(page: Page) -> None:
    type_at_end_of_line(page, "a", 1, "\nimport math")
    sync(page)
    for word in ("x", "y", "z"):  # b types three times while a keeps pushing
        type_at_end_of_line(page, "b", 5, f" + {word}")  # "    return x", below the new import
        type_at_end_of_line(page, "a", 3, word)  # the empty line
        assert page.evaluate("() => window.push('a')") == "accepted"
        page.evaluate("() => window.pull('a')")
    sync(page)
    assert code(page, "a") == code(page, "b") == server_text(page)
    assert "return x + x + y + z" in code(page, "b")
    assert "import math\nxyz" in code(page, "a")


def test_random_concurrent_edits_converge_to_the_servers_text(page: Page) -> None:
    # Random edits (emoji included) by both editors, pushed and pulled in random order; the server
    # side (app/collab.py) applies each accepted update in turn, as the real server will.
    page.evaluate("""() => {
      let seed = 42;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
      const pieces = ["a", "😀", "\\n", "    ", "np.", "é"];
      for (let round = 0; round < 120; round++) {
        const name = random() < 0.5 ? "a" : "b";
        const view = window.editors[name].view;
        const doc = view.state.doc.toString();
        const isHigh = (code) => code >= 0xd800 && code < 0xdc00;  // never cut an emoji in two
        const boundary = (pos) => (pos < doc.length && isHigh(doc.charCodeAt(pos - 1)) ? pos - 1 : pos);
        const from = boundary(Math.floor(random() * (doc.length + 1)));
        const to = boundary(Math.min(doc.length, from + Math.floor(random() * 4)));
        const insert = random() < 0.3 ? "" : pieces[Math.floor(random() * pieces.length)];
        view.dispatch({ changes: { from, to: Math.max(from, to), insert }, userEvent: "input" });
        const action = random();
        if (action < 0.3) window.push(name);
        else if (action < 0.5) window.pull(name);
      }
    }""")
    sync(page)
    log: list[dict[str, Any]] = page.evaluate("() => window.log")
    text = START
    for update in log:
        text = ChangeSet.from_json(update["changes"]).apply(text)
    assert code(page, "a") == code(page, "b") == text == server_text(page)
    assert len(log) > 20


def test_updates_seen_twice_are_skipped_and_a_gap_is_refused(page: Page) -> None:
    type_at_end_of_line(page, "a", 4, "!")
    sync(page)
    assert page.evaluate("() => window.editors.b.shared.receive(window.log, 0)") == 0
    assert code(page, "b") == code(page, "a")
    message = page.evaluate("""() => { try { window.editors.b.shared.receive([], 5); return ""; }
                                        catch (error) { return error.message; } }""")
    assert "pull from 1" in message


def test_a_remote_cursor_is_drawn_with_its_name_and_follows_the_text(page: Page) -> None:
    type_at_end_of_line(page, "a", 3, "")  # a's cursor at the end of "def f(x):"
    page.evaluate("""() => window.editors.b.shared.setRemoteSelection({
      id: "a", name: "Ada (candidate)", colour: "#1971c2", ranges: window.editors.a.shared.selection() })""")
    label = page.locator("#b .cm-remote-cursor-label")
    expect(label).to_have_text("Ada (candidate)")
    expect(page.locator("#b .cm-remote-cursor")).to_have_css("border-left-color", "rgb(25, 113, 194)")
    before = page.evaluate("() => window.editors.b.shared.remoteSelections()[0].ranges[0].head")
    type_at_end_of_line(page, "b", 1, "\nimport math")  # b's edit above a's cursor
    after = page.evaluate("() => window.editors.b.shared.remoteSelections()[0].ranges[0].head")
    assert after == before + len("\nimport math")
    page.evaluate("""() => window.editors.b.shared.setRemoteSelection({
      id: "a", name: "Ada (candidate)", ranges: [{ anchor: 0, head: 6 }] })""")
    expect(page.locator("#b .cm-remote-selection")).to_have_text("import")
    page.evaluate("() => window.editors.b.shared.removeRemoteSelection('a')")
    expect(label).to_have_count(0)


def test_a_hostile_name_and_colour_stay_text(page: Page) -> None:
    page.evaluate("""() => window.editors.b.shared.setRemoteSelection({
      id: "x", name: "<img src=x onerror=window.owned=1>", colour: "red; background-image: url(x)",
      ranges: [{ anchor: 0, head: 99999 }] })""")
    expect(page.locator("#b .cm-remote-cursor-label")).to_have_text("<img src=x onerror=window.owned=1>")
    assert page.locator("#b img:not(.cm-widgetBuffer)").count() == 0  # CodeMirror's own buffers only
    assert page.evaluate("() => window.owned") is None
    page.evaluate("() => [null, {}].forEach((value) => window.editors.b.shared.setRemoteSelection(value))")
    remote = page.evaluate("() => window.editors.b.shared.remoteSelections()[0]")
    assert remote["colour"] in page.evaluate("() => window.ArrayDojoEditor.shared.PALETTE")
    assert remote["ranges"] == [{"anchor": 0, "head": len(START)}]


def test_a_light_colour_gets_a_dark_label_text(page: Page) -> None:
    page.evaluate("""() => window.editors.b.shared.setRemoteSelection({
      id: "x", name: "Interviewer", colour: "#ffe066", ranges: [{ anchor: 3 }] })""")
    expect(page.locator("#b .cm-remote-cursor-label")).to_have_css("color", "rgb(0, 0, 0)")
    page.evaluate("""() => window.editors.b.shared.setRemoteSelection({
      id: "x", name: "Interviewer", colour: "#1864ab", ranges: [{ anchor: 3 }] })""")
    expect(page.locator("#b .cm-remote-cursor-label")).to_have_css("color", "rgb(255, 255, 255)")


def test_raw_rebase_moves_a_late_push_over_the_accepted_ones(page: Page) -> None:
    # For a server that would rebase instead of refusing: the bundle exposes CodeMirror's own rebaseUpdates.
    rebased = page.evaluate("""() => {
      const { ChangeSet, rebaseUpdates, updateToJSON } = window.ArrayDojoEditor.shared;
      const accepted = [{ clientID: "a", changes: ChangeSet.fromJSON([[0, "ab"], 3]) }];
      const late = [{ clientID: "b", changes: ChangeSet.fromJSON([3, [0, "!"]]) }];
      return rebaseUpdates(late, accepted).map(updateToJSON);
    }""")
    assert rebased == [{"clientID": "b", "changes": [5, [0, "!"]]}]


def completions(page: Page, name: str, typed: str) -> list[str]:
    type_at_end_of_line(page, name, 4, f"\n    {typed}")
    page.keyboard.press("Control+Space")
    options = page.locator(f"#{name} .cm-tooltip-autocomplete li")
    expect(options.first).to_be_visible()
    return options.all_inner_texts()


def test_numpy_names_complete_after_np(page: Page) -> None:
    assert "linalg" in completions(page, "a", "np.lin")
    page.keyboard.press("Escape")
    found = completions(page, "b", "np.linalg.ei")
    assert {"eig", "eigh", "eigvals"} <= set(found)
    assert "einsum" not in found


def test_array_methods_complete_after_any_name(page: Page) -> None:
    assert "reshape" in completions(page, "a", "x.resh")


def test_the_documents_own_names_complete(page: Page) -> None:
    page.evaluate("() => window.editors.a.setCode('def my_softmax(logits):\\n    return logits\\n')")
    type_at_end_of_line(page, "a", 3, "my_s")
    page.keyboard.press("Control+Space")
    expect(page.locator("#a .cm-tooltip-autocomplete li").first).to_have_text("my_softmax")


def test_numpy_completion_stays_out_of_strings(page: Page) -> None:
    type_at_end_of_line(page, "a", 4, '\n    s = "np.lin')
    page.keyboard.press("Control+Space")
    page.wait_for_timeout(300)
    assert "linalg" not in page.locator("#a .cm-tooltip-autocomplete li").all_inner_texts()


def test_completion_can_open_while_typing(page: Page) -> None:
    page.evaluate("""() => {
      const area = document.createElement("textarea");
      area.value = "import numpy as xp\\n";
      document.getElementById("a").replaceChildren(area);
      window.editors.c = window.ArrayDojoEditor.create(area, { completeOnTyping: true });
    }""")
    type_at_end_of_line(page, "c", 2, "xp.linalg.sol")  # the document's own alias for NumPy
    expect(page.locator("#a .cm-tooltip-autocomplete li").first).to_have_text("solve")


def test_line_wrapping_is_an_option_that_can_be_toggled(page: Page) -> None:
    content = page.locator("#a .cm-content")
    assert "cm-lineWrapping" not in (content.get_attribute("class") or "")
    assert page.evaluate("() => window.editors.a.isLineWrapping()") is False
    page.evaluate("() => window.editors.a.setLineWrapping(true)")
    assert "cm-lineWrapping" in (content.get_attribute("class") or "")
    assert page.evaluate("() => window.editors.a.isLineWrapping()") is True
    page.evaluate("() => window.editors.a.setLineWrapping(false)")
    assert "cm-lineWrapping" not in (content.get_attribute("class") or "")


def test_the_existing_api_is_still_there(page: Page) -> None:
    names = page.evaluate("""() => {
      const area = document.createElement("textarea");
      area.value = "x = 1\\n";
      document.body.appendChild(area);
      const editor = window.ArrayDojoEditor.create(area, { keymap: "vim", lineWrapping: true });
      editor.setKeymap("emacs");
      editor.setReadOnly(true);
      editor.setCode("y = 2\\n");
      editor.highlightLine(1);
      return { keys: Object.keys(editor).sort(), keymaps: window.ArrayDojoEditor.KEYMAPS, code: area.value,
               line: editor.highlightedLine(), shared: editor.shared, wrapping: editor.isLineWrapping() };
    }""")
    assert {"view", "getCode", "setCode", "setKeymap", "setReadOnly", "focus", "highlightLine",
            "highlightedLine"} <= set(names["keys"])
    assert names["keymaps"] == ["default", "vim", "emacs"]
    assert names["code"] == "y = 2\n"
    assert names["line"] == 1
    assert names["shared"] is None
    assert names["wrapping"] is True
