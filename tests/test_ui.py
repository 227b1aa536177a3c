"""The chat in a real browser: Debian's Chromium driven by Playwright.

``.ci/run`` installs Chromium (apt-get install -y chromium). Screenshots of each step are kept in
tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.config import HASH_MODEL

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(small_index: Path, tmp_path: Path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DEBUG", "HEADLESS")}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "serve",
            "--index-dir",
            str(small_index),
            "--model",
            HASH_MODEL,
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url, timeout=2).status == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        raise AssertionError("the chat did not start: " + (tmp_path / "serve.log").read_text())
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture()
def page():
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium (.ci/run does it)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        dialogs: list[str] = []
        pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        pg.dialogs = dialogs  # type: ignore[attr-defined]
        yield pg
        browser.close()


def _ask(page, question: str) -> None:
    box = page.locator("#chat-input")
    box.fill(question)
    box.press("Enter")


def test_ask_open_citation_and_follow_up(server: str, page):
    page.goto(server)
    page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "01-welcome.png"))
    _ask(page, "Un incubateur à Tarare pour une association qui n'a qu'une idée")
    page.get_by_text("Incubateur test du Rhône").first.wait_for(timeout=30_000)
    page.get_by_text("À contacter").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "02-answer.png"), full_page=True)
    assert "Plateforme test de prêts" not in page.content()  # reserved to Ille-et-Vilaine
    page.locator("a, span, button", has_text="[1]").first.click()
    page.get_by_text("Voir la page source").first.wait_for(timeout=10_000)  # the side panel
    assert page.get_by_text("Organisation :").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "03-citation.png"), full_page=True)
    _ask(page, "et pour une garantie de prêt ?")
    page.get_by_text("Garantie test pour les prêts bancaires").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "04-follow-up.png"), full_page=True)
    assert "j'ai compris : Tarare" in page.content()


def test_html_in_a_question_is_shown_as_text(server: str, page):
    page.goto(server)
    page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=30_000)
    _ask(page, "<script>alert('x')</script><img src=x onerror=alert(1)> garantie à Lyon")
    page.get_by_text("Garantie test").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "05-html-question.png"), full_page=True)
    assert page.dialogs == []
    assert page.locator("img[src='x']").count() == 0


def test_a_question_back_offers_its_replies_as_buttons(server: str, page):
    page.goto(server)
    page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=30_000)
    _ask(page, "Un incubateur à Valence pour mon association ?")
    page.get_by_text("Plusieurs lieux portent ce nom").first.wait_for(timeout=30_000)
    button = page.get_by_role("button", name="Valence (26)")
    button.wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "06-question-back.png"), full_page=True)
    button.click()
    page.get_by_text("j'ai compris : Valence (26)").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "07-reply-button.png"), full_page=True)
