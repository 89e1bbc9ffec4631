"""Time from clicking Submit to the verdict on screen, and to the full report, on the challenge page.

Run: .venv/bin/python benchmarks/time_to_verdict.py [--repeats 3] [--challenges softmax,knn-predict]
It starts its own server on loopback (temporary SQLite file) and drives Debian's Chromium: for each
challenge it submits the reference solution once to warm the server (the reference's and the naive
loop's profiles are measured once per server), then `--repeats` more times, timing in the page
itself (performance.now(): the click, the first results panel painted with a verdict, the last part).
Prints p50/p99 of time to verdict (target: under 200 ms warm, every challenge) and to the full
report. Printed, never asserted; figures are noisy while other work shares the CPU.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from app.catalog import load_catalog  # noqa: E402
from tests._server import ServerProcess  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
MEASURE = """() => new Promise((resolve) => {
  const panel = document.getElementById("results");
  panel.replaceChildren();
  const button = document.getElementById("submit-button");
  const times = { verdict: null };
  let clicked = 0;
  const observer = new MutationObserver(() => {
    const article = panel.querySelector(".results[data-mode='submit']");
    if (!article) return;
    const now = performance.now();
    if (times.verdict === null) times.verdict = now - clicked;
    if (!article.classList.contains("is-grading")) {
      // The verdict is painted at the next frame: count it as shown then.
      requestAnimationFrame(() => {
        observer.disconnect();
        const answer = article.getAttribute("data-verdict");
        resolve({ verdict: times.verdict, full: performance.now() - clicked, answer });
      });
    }
  });
  observer.observe(panel, { childList: true, subtree: true });
  clicked = performance.now();
  button.click();
})"""


def submit_once(page: Page) -> tuple[float, float, str]:
    result = page.evaluate(MEASURE)
    page.wait_for_function("() => !document.getElementById('submit-button').disabled")
    return float(result["verdict"]), float(result["full"]), str(result["answer"])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--challenges", default="", help="comma-separated ids (default: every challenge)")
    options = parser.parse_args()
    catalog = load_catalog()
    chosen = [c for c in catalog if not options.challenges or c.id in options.challenges.split(",")]
    verdict_ms: list[float] = []
    full_ms: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        server = ServerProcess(Path(folder) / "arraydojo.sqlite3", Path(folder) / "server.log").start()
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
                page = browser.new_page(base_url=server.url)
                page.set_default_timeout(120_000)
                print(f"{'challenge':28} {'verdict p50 ms':>14} {'full p50 ms':>12} {'answer':>10}")
                for challenge in chosen:
                    page.goto(f"/challenges/{challenge.id}")
                    page.wait_for_selector(".cm-editor")
                    page.evaluate("code => window.arraydojoEditor.setCode(code)", challenge.reference_code)
                    submit_once(page)  # cold: the server profiles the reference and the naive loop
                    runs = [submit_once(page) for _ in range(options.repeats)]
                    verdict_ms += [v for v, _, _ in runs]
                    full_ms += [f for _, f, _ in runs]
                    print(f"{challenge.id:28} {statistics.median(v for v, _, _ in runs):14.0f} "
                          f"{statistics.median(f for _, f, _ in runs):12.0f} {runs[-1][2]:>10}")
                browser.close()
        finally:
            server.stop()
    print(f"\n{len(verdict_ms)} warm submits over {len(chosen)} challenges")
    print(f"time to verdict on screen: p50 {percentile(verdict_ms, 0.5):.0f} ms, "
          f"p99 {percentile(verdict_ms, 0.99):.0f} ms, max {max(verdict_ms):.0f} ms (target < 200 ms)")
    print(f"time to the full report:   p50 {percentile(full_ms, 0.5):.0f} ms, "
          f"p99 {percentile(full_ms, 0.99):.0f} ms")


if __name__ == "__main__":
    main()
