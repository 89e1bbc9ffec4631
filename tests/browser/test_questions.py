"""Your own questions in Chromium: author one in the editor, interview with it, score it, find it again.

Also the two new pages under axe-core in both themes, and at 390 px wide.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from app.services.question_editor import new_question_template
from tests._server import ServerProcess
from tests.browser._axe import describe, violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]  # a real server and Chromium each
PASSWORD = "correct horse battery staple"
PHONE = {"width": 390, "height": 844}
TITLE = "Centre the columns of a batch"
CANDIDATE_CODE = "import numpy as np\n\n\ndef center_columns(X):\n    return X - X.mean(axis=0, keepdims=True)\n"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server of this module's own: its many question saves (each runs sandbox jobs, and saves are
    rate-limited per address) neither wait on the limit nor spend other modules' allowance."""
    folder = tmp_path_factory.mktemp("questions-server")
    running = ServerProcess(folder / "arraydojo.sqlite3", folder / "server.log", question_saves_burst="1000").start()
    yield running
    running.stop()


def _context(browser: Browser, web: ServerProcess, errors: list[str], **options: object) -> BrowserContext:
    options = {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"} | options
    context = browser.new_context(base_url=web.url, reduced_motion="reduce", **options)  # type: ignore[arg-type]
    context.set_default_timeout(30_000)
    context.on("weberror", lambda error: errors.append(str(error.error)))
    return context


def _sign_up(page: Page, name: str = "Ada Lovelace") -> str:
    email = f"author-{uuid.uuid4().hex[:10]}@example.com"
    page.goto("/signup")
    page.get_by_label("Display name").fill(name)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create the account").click()
    expect(page).to_have_url(re.compile(r"/sessions$"))
    return email


def _code(page: Page, field: str) -> str:
    """What one of the editor's CodeMirror fields shows."""
    return page.locator(f".code-field[data-code='{field}'] .cm-content").text_content() or ""


def _type_at_end(page: Page, field: str, text: str) -> None:
    """Click into one of the editor's CodeMirror fields and type at its end, as an author would."""
    page.locator(f".code-field[data-code='{field}'] .cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def _delete_last_line(page: Page, field: str) -> None:
    page.locator(f".code-field[data-code='{field}'] .cm-content").click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Delete")


def _author_question(page: Page, screenshots: Path) -> str:
    """Write a question in the editor: a refused save first (nothing lost), then a saved one. Returns its id."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
    expect(page).to_have_url(re.compile(r"/questions$"))
    expect(page.get_by_text("No questions yet")).to_be_visible()
    page.get_by_role("link", name="New question").click()
    expect(page.locator(".code-field .cm-editor")).to_have_count(4)
    expect(page.locator("#statement-preview h1")).to_have_text("Centre the columns")

    # The statement's preview follows the Markdown, rendered by the server.
    statement = page.get_by_label("Markdown")
    statement.fill(statement.input_value().replace("# Centre the columns", f"# {TITLE}")
                   + "\nA **batch** is one row per example.\n")
    expect(page.locator("#statement-preview h1")).to_have_text(TITLE)
    expect(page.locator("#statement-preview strong")).to_have_text("batch")
    page.get_by_label("Title", exact=True).fill(TITLE)
    _type_at_end(page, "starter", "# Your code here: one line is enough.")

    # A refusal of the form: the reason next to the field, and every edit still there.
    page.get_by_label("Summary", exact=True).fill("")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#summary-error")).to_be_visible()
    expect(page.locator("#summary-error")).to_contain_text("summary")
    expect(page.locator("#save-status")).to_have_text("Not saved.")
    expect(page.locator("#statement-preview h1")).to_have_text(TITLE)
    page.get_by_label("Summary", exact=True).fill("Subtract each column's mean over a batch of rows, without a loop.")

    # A refusal from the sandbox: a reference that fails on import is named next to the reference.
    _type_at_end(page, "reference", "BROKEN = 1 / 0")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#save-status")).to_contain_text("Validating in the sandbox")
    expect(page.locator("#reference-error")).to_be_visible(timeout=60_000)
    expect(page.locator("#reference-error")).to_contain_text("ZeroDivisionError")
    expect(page.locator("#summary-error")).to_be_hidden()
    assert "# Your code here" in _code(page, "starter")
    _delete_last_line(page, "reference")

    page.keyboard.press("Control+Enter")  # saves from inside a code editor too
    expect(page.locator("#save-status")).to_have_text(re.compile(r"Saved: 6 cases, 2 visible\."), timeout=60_000)
    expect(page.locator("#reference-error")).to_be_hidden()
    expect(page).to_have_url(re.compile(r"/questions/q_[1-9][0-9]*/edit$"))
    question_id = page.url.rsplit("/", 2)[1]
    page.set_viewport_size({"width": 1280, "height": 1500})
    page.evaluate("() => window.scrollTo(0, 0)")
    page.screenshot(path=str(screenshots / "question-editor.png"))
    page.set_viewport_size({"width": 1280, "height": 900})

    # Reloaded from the server: the saved draft, not the example.
    page.reload()
    expect(page.get_by_label("Title", exact=True)).to_have_value(TITLE)
    expect(page.locator("#save-status")).to_contain_text("6 cases, 2 visible")
    assert "# Your code here" in _code(page, "starter")
    assert "BROKEN" not in _code(page, "reference")

    page.get_by_role("link", name="Your questions").first.click()
    row = page.locator(f".question-row[data-question='{question_id}']")
    expect(row).to_contain_text(TITLE)
    expect(row.locator(".question-cases")).to_have_text("6 cases, 2 visible")
    page.screenshot(path=str(screenshots / "questions.png"))
    return question_id


def test_interviewer_authors_a_question_interviews_with_it_and_finds_the_score_from_a_fresh_browser(
        browser: Browser, web: ServerProcess, screenshots: Path) -> None:
    errors: list[str] = []
    author_context = _context(browser, web, errors)
    candidate_context = _context(browser, web, errors)
    page = author_context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        email = _sign_up(page)
        question_id = _author_question(page, screenshots)

        # A session with the question, picked from its own group beside the built-in challenges.
        page.goto("/sessions/new")
        own = page.locator("#question-picker")
        expect(own).to_contain_text("Your questions")
        own.get_by_label(TITLE).check()
        page.get_by_label("Candidate's name (optional)").fill("Grace Hopper")
        page.get_by_label("The candidate may start the clock").check()
        page.get_by_role("button", name="Create the session").click()
        expect(page.locator("h1")).to_have_text("Your session is ready")
        expect(page.locator("#candidate-url")).to_have_value(re.compile(r"/candidate#[A-Za-z0-9_-]{43}$"))
        candidate_url = page.locator("#candidate-url").input_value()

        candidate = candidate_context.new_page()
        candidate.goto(candidate_url)
        expect(candidate.locator("#waiting-room")).to_be_visible()
        page.get_by_role("link", name="Open the interviewer view").click()
        expect(page.locator("#session-title")).to_have_text("Interview with Grace Hopper")

        # The candidate starts the clock; the interviewer's view follows.
        candidate.get_by_role("button", name="Start the interview").click()
        expect(candidate.locator("#workspace")).to_be_visible()
        expect(page.locator("#status-pill")).to_have_text("Running", timeout=10_000)
        expect(candidate.locator("#challenge-title")).to_have_text(TITLE)
        expect(candidate.locator(".cm-editor")).to_be_visible()
        assert "1 / 0" not in candidate.content()
        assert "X.mean(axis=0, keepdims=True)" not in candidate.content()  # never the reference
        candidate.evaluate("code => window.arraydojoEditor.setCode(code)", CANDIDATE_CODE)
        candidate.get_by_role("button", name="Run").click()
        expect(candidate.locator(".results[data-mode='run']")).to_have_attribute("data-verdict", "accepted",
                                                                                  timeout=60_000)
        candidate.get_by_role("button", name="Submit").click()
        expect(candidate.locator(".results[data-mode='submit']")).to_have_attribute("data-verdict", "accepted",
                                                                                     timeout=90_000)

        # The interviewer watches it arrive, ends the session, then fills the scorecard.
        submitted = page.locator(".activity-item[data-mode='submit'] .results")
        expect(submitted).to_have_attribute("data-verdict", "accepted", timeout=15_000)
        # The submit streams: the verdict shows first, the timeline's entry once every part is graded.
        expect(page.locator(".timeline-item.kind-submit")).to_be_visible(timeout=90_000)
        page.get_by_role("button", name="End session").click()
        expect(page.locator("#status-pill")).to_have_text("Ended")
        expect(candidate.locator("#locked-notice")).to_be_visible(timeout=10_000)
        page.locator("#score-communication").select_option("4")
        page.locator("#score-problem_solving").select_option("3")
        page.locator("#recommendation").select_option("strong_yes")
        page.locator("#scorecard-summary").fill("Broadcast by reflex; explained keepdims.")
        page.get_by_role("button", name="Save scorecard").click()
        expect(page.locator("#scorecard-status")).to_have_text("Saved")
    finally:
        author_context.close()
        candidate_context.close()

    fresh = _context(browser, web, errors)
    try:
        page = fresh.new_page()
        page.goto("/sessions")
        expect(page).to_have_url(re.compile(r"/login\?next=/sessions$"))
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Log in").click()
        expect(page).to_have_url(re.compile(r"/sessions$"))
        row = page.locator(".dashboard-row").filter(has_text="Grace Hopper")
        expect(row).to_contain_text(TITLE)
        expect(row).to_contain_text("Ended")
        expect(row).to_contain_text("Strong yes")
        expect(row.locator(".dashboard-score")).to_have_text(re.compile(r"^\d+$"))
        page.get_by_role("navigation", name="Main").get_by_role("link", name="Questions").click()
        expect(page.locator(f".question-row[data-question='{question_id}']")).to_contain_text(TITLE)
    finally:
        fresh.close()
    assert not errors, errors


@pytest.fixture(params=["light", "dark"])
def author(request: pytest.FixtureRequest, browser: Browser, web: ServerProcess) -> Iterator[Page]:
    """A logged-in interviewer in one theme (CSP bypassed for axe's injection only)."""
    errors: list[str] = []
    context = _context(browser, web, errors, color_scheme=request.param, bypass_csp=True)
    page = context.new_page()
    _sign_up(page)
    yield page
    context.close()
    assert not errors, errors


def test_question_editor_has_no_serious_violation(author: Page) -> None:
    author.goto("/questions/new")
    expect(author.locator(".code-field .cm-editor")).to_have_count(4)
    expect(author.locator("#statement-preview h1")).to_be_visible()
    author.get_by_label("Title", exact=True).fill("")
    author.get_by_role("button", name="Save the question").click()  # a field's error shown, too
    expect(author.locator("#title-error")).to_be_visible()
    found = violations(author)
    assert not found, describe(found)


def test_question_library_has_no_serious_violation(author: Page) -> None:
    author.goto("/questions")
    expect(author.get_by_text("No questions yet")).to_be_visible()
    author.get_by_role("button", name="Import").click()  # the import's error shown, too
    expect(author.locator("#import-error")).to_be_visible()
    found = violations(author)
    assert not found, describe(found)
    author.goto("/sessions/new")  # with the account's own group of questions
    expect(author.locator("#question-choices")).to_contain_text("None yet")
    found = violations(author)
    assert not found, describe(found)


def test_question_pages_fit_a_phone(browser: Browser, web: ServerProcess, screenshots: Path) -> None:
    errors: list[str] = []
    context = _context(browser, web, errors, viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    _sign_up(page)
    for path in ("/questions", "/questions/new", "/sessions/new"):
        page.goto(path)
        expect(page.locator("main")).to_be_visible()
        if path == "/questions/new":
            expect(page.locator(".code-field .cm-editor")).to_have_count(4)
            expect(page.locator("#statement-preview h1")).to_be_visible()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} scrolls sideways at 390 px: {width} px wide"
    page.goto("/questions/new")
    expect(page.locator("#statement-preview h1")).to_be_visible()
    page.locator("#statement-title").evaluate("element => element.scrollIntoView()")
    page.screenshot(path=str(screenshots / "question-editor-phone.png"))
    context.close()
    assert not errors, errors


def test_unsaved_edits_warn_before_leaving_and_survive_a_refused_save_and_a_reload(
        browser: Browser, web: ServerProcess) -> None:
    errors: list[str] = []
    context = _context(browser, web, errors)
    page = context.new_page()
    _sign_up(page)
    page.goto("/questions/new")
    expect(page.locator(".code-field .cm-editor")).to_have_count(4)
    page.get_by_label("Title", exact=True).fill("My unsaved title")
    _type_at_end(page, "starter", "# kept in this browser")
    page.get_by_label("Signature").fill("not_the_function(X)")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#signature-error")).to_contain_text("signature must start with center_columns(")
    expect(page.get_by_label("Title", exact=True)).to_have_value("My unsaved title")

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.reload()
    assert dialogs == ["beforeunload"]  # the browser asked before dropping the edits
    expect(page.locator("#restored-notice")).to_be_visible()
    expect(page.get_by_label("Title", exact=True)).to_have_value("My unsaved title")
    expect(page.get_by_label("Signature")).to_have_value("not_the_function(X)")
    assert "# kept in this browser" in _code(page, "starter")
    page.get_by_role("button", name="Discard them").click()
    expect(page.get_by_label("Title", exact=True)).to_have_value("Centre the columns")
    assert "# kept in this browser" not in _code(page, "starter")
    page.reload()
    assert dialogs == ["beforeunload"]  # nothing unsaved: no question asked
    expect(page.locator("#restored-notice")).to_be_hidden()
    context.close()
    assert not errors, errors


def test_a_question_exports_imports_and_deletes_through_the_library(
        browser: Browser, web: ServerProcess, tmp_path: Path) -> None:
    errors: list[str] = []
    context = _context(browser, web, errors)
    page = context.new_page()
    _sign_up(page)
    page.goto("/questions/new")
    expect(page.locator(".code-field .cm-editor")).to_have_count(4)
    page.get_by_role("button", name="Save the question").click()  # the worked example saves as it is
    expect(page.locator("#save-status")).to_have_text(re.compile(r"Saved: 6 cases, 2 visible\."), timeout=60_000)

    page.goto("/questions")
    rows = page.locator(".question-row")
    expect(rows).to_have_count(1)
    with page.expect_download() as download:
        rows.first.get_by_role("link", name=re.compile("^Export")).click()
    exported = tmp_path / "question.zip"
    download.value.save_as(exported)
    assert exported.read_bytes()[:2] == b"PK"

    not_a_zip = tmp_path / "notes.zip"
    not_a_zip.write_bytes(b"this is not a zip file at all")
    page.get_by_label("Question folder (.zip)").set_input_files(str(not_a_zip))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator("#import-error")).to_contain_text("Not imported")
    expect(rows).to_have_count(1)

    page.get_by_label("Question folder (.zip)").set_input_files(str(exported))
    page.get_by_role("button", name="Import", exact=True).click()
    expect(rows).to_have_count(2, timeout=60_000)
    expect(page.locator("#import-error")).to_be_hidden()
    expect(page.locator("#import-status")).to_contain_text("Imported")

    page.on("dialog", lambda dialog: dialog.accept())
    rows.first.get_by_role("button", name="Delete").click()
    expect(rows).to_have_count(1)
    expect(page.locator("#question-list-status")).to_contain_text("Deleted")
    context.close()
    assert not errors, errors


def test_each_refusal_is_shown_next_to_the_field_it_concerns(browser: Browser, web: ServerProcess) -> None:
    errors: list[str] = []
    context = _context(browser, web, errors)
    page = context.new_page()
    _sign_up(page)
    page.goto("/questions/new")
    expect(page.locator(".code-field .cm-editor")).to_have_count(4)

    # From the sandbox: the generator does not compile.
    _type_at_end(page, "generator", "def broken(:")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#generator-error")).to_contain_text("tests.py does not compile", timeout=60_000)
    expect(page.locator("#generator-error")).to_be_visible()
    expect(page.locator(".code-field[data-code='generator'] .cm-content")).to_be_focused()
    _delete_last_line(page, "generator")

    # From the sandbox: a probe names no case.
    page.get_by_label("Numerical stability").check()
    page.get_by_label("Probe cases (optional, one case name per line)").nth(1).fill("no such case")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#probes-error")).to_contain_text("no such case", timeout=60_000)
    expect(page.locator("#generator-error")).to_be_hidden()
    page.get_by_label("Probe cases (optional, one case name per line)").nth(1).fill("large offsets")

    # From the draft's own checks: sizes that do not increase.
    page.locator(".timing-size").nth(1).fill("10")
    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#timing_sizes-error")).to_contain_text("increasing")
    expect(page.locator("#probes-error")).to_be_hidden()
    page.locator(".timing-size").nth(1).fill("10000")

    page.get_by_role("button", name="Save the question").click()
    expect(page.locator("#save-status")).to_have_text(re.compile(r"Saved: 6 cases, 2 visible\."), timeout=60_000)
    expect(page.locator(".field-error:visible")).to_have_count(0)
    context.close()
    assert not errors, errors


def test_a_rate_limited_preview_catches_up_by_itself(browser: Browser, web: ServerProcess) -> None:
    errors: list[str] = []
    context = _context(browser, web, errors)
    page = context.new_page()
    _sign_up(page)
    page.goto("/questions/new")
    expect(page.locator("#statement-preview h1")).to_have_text("Centre the columns")
    # Another tab of the same login spends the allowance, and keeps it spent until the page has
    # been refused (a fixed window ran out first on a slow host, and the page was never refused).
    page.evaluate("""() => {
      const hammer = () => {
        if (window.released) return;
        fetch("/api/markdown/preview", { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ markdown: "x" }) }).then((r) => {
            if (r.status === 429) { window.limited = true; }
          }).finally(() => setTimeout(hammer, 20));
      };
      hammer();
    }""")
    page.wait_for_function("() => window.limited === true")
    page.get_by_label("Markdown").fill("# After the limit\n")
    expect(page.locator("#preview-status")).to_contain_text("Too many Markdown previews")
    page.evaluate("() => { window.released = true; }")
    expect(page.locator("#statement-preview h1")).to_have_text("After the limit", timeout=10_000)
    expect(page.locator("#preview-status")).to_have_text("")
    context.close()
    assert not errors, errors


def test_a_hostile_title_is_shown_as_text_in_the_library_and_the_create_form(
        browser: Browser, web: ServerProcess) -> None:
    errors: list[str] = []
    context = _context(browser, web, errors)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _sign_up(page)
    hostile = '<img src=x onerror="alert(1)">"><script>alert(2)</script>'
    draft = new_question_template().model_copy(update={"title": hostile[:120], "summary": hostile})
    created = page.request.post("/api/questions", data=draft.model_dump(mode="json"), timeout=120_000)
    assert created.status == 201, created.text()
    page.goto("/questions")
    expect(page.locator(".question-row h2 a")).to_have_text(hostile[:120])
    expect(page.locator(".question-summary")).to_have_text(hostile)
    page.goto("/sessions/new")
    expect(page.locator("#question-choices")).to_contain_text(hostile[:120])
    page.goto(f"/questions/{created.json()['id']}/edit")
    expect(page.get_by_label("Title", exact=True)).to_have_value(hostile[:120])
    assert page.locator("main img, main script:not([type])").count() == 0
    assert dialogs == []
    context.close()
    assert not errors, errors
