"""Chat speed as a person sees it: Debian's Chromium, the real model and the shipped index.

    python scripts/bench_browser.py [--questions 20] [--out bench-results/browser.json]

For each question (tests/eval/questions.jsonl) a fresh chat page is opened, the question typed
and Enter pressed. Timings are taken inside the page with ``performance.now()``:

- first token: the first websocket frame carrying a streamed token (``stream_start`` /
  ``stream_token``) after Enter;
- full answer: the moment the answer's buttons ("Nouvelle recherche") appear in the page, i.e.
  the whole text is shown with its citation chips.

The first question warms the model up and is not counted. Report: medians, p90, max.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PROBE = """
(() => {
  window.__t0 = null; window.__first = null; window.__full = null;
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', (e) => {
      if (window.__t0 !== null && window.__first === null && typeof e.data === 'string'
          && (e.data.includes('"stream_start"') || e.data.includes('"stream_token"'))) {
        window.__first = performance.now();
      }
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && e.target && e.target.id === 'chat-input') {
      window.__t0 = performance.now();
      const seen = () => Array.from(document.querySelectorAll('button'))
        .filter((b) => b.textContent.includes('Nouvelle recherche')).length;
      const had = seen();
      const obs = new MutationObserver(() => {
        if (window.__full === null && seen() > had) {
          window.__full = performance.now();
          obs.disconnect();
        }
      });
      obs.observe(document.body, { childList: true, subtree: true, characterData: true });
    }
  }, true);
})();
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    v = sorted(values)
    return v[min(len(v) - 1, int(round(q * (len(v) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--questions", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "bench-results" / "browser.json")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    questions = [
        json.loads(line)["query"]
        for line in (ROOT / "tests" / "eval" / "questions.jsonl").read_text().splitlines()
        if line.strip()
    ][: args.questions + 1]
    tmp = Path(tempfile.mkdtemp())
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DEBUG", "HEADLESS")}
    env["ASSISTANT_DATABASE_URL"] = f"sqlite:///{tmp / 'bench.db'}"
    env["ASSISTANT_SPOOL"] = str(tmp / "spool")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--port", str(port)],
        stdout=(tmp / "serve.log").open("w"), stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(240):
            try:
                if urllib.request.urlopen(url, timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        rows = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
            for i, q in enumerate(questions):
                ctx = browser.new_context(locale="fr-FR")
                ctx.add_init_script(PROBE)
                page = ctx.new_page()
                page.goto(url)
                page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=60_000)
                box = page.locator("#chat-input")
                box.fill(q)
                box.press("Enter")
                page.wait_for_function("window.__full !== null", timeout=120_000)
                t0, first, full = page.evaluate("[window.__t0, window.__first, window.__full]")
                row = {"question": q, "first_token_ms": round(first - t0, 1),
                       "full_answer_ms": round(full - t0, 1), "warm_up": i == 0}
                rows.append(row)
                print(f"{row['first_token_ms']:8.1f} {row['full_answer_ms']:8.1f}  {q[:60]}")
                ctx.close()
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    counted = [r for r in rows if not r["warm_up"]]
    first = [r["first_token_ms"] for r in counted]
    full = [r["full_answer_ms"] for r in counted]
    summary = {
        "questions": len(counted),
        "first_token_ms": {"median": statistics.median(first), "p90": pct(first, 0.9),
                           "max": max(first)},
        "full_answer_ms": {"median": statistics.median(full), "p90": pct(full, 0.9),
                           "max": max(full)},
        "warm_up_ms": {"first_token": rows[0]["first_token_ms"],
                       "full_answer": rows[0]["full_answer_ms"]},
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"summary": summary, "rows": rows}, ensure_ascii=False,
                                   indent=1))
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
