"""The chat in a real browser: Debian's Chromium driven by Playwright (the ``page`` fixture is
in conftest.py).

``.ci/run`` installs Chromium (apt-get install -y chromium). Screenshots of each step are kept in
tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from pg import free_port
from smtp import Mailbox

from assistant.config import HASH_MODEL

pytestmark = pytest.mark.browser

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


def start_server(index_dir: Path, tmp_path: Path, database_url: str, extra_env=None):
    """``assistant serve`` in a subprocess; returns (url, process)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "DEBUG", "HEADLESS")}
    env.update(
        {
            "ASSISTANT_DATABASE_URL": database_url,
            "ASSISTANT_DATA_DIR": str(tmp_path / "data"),
            "ASSISTANT_SPOOL": str(tmp_path / "spool"),
            "ASSISTANT_WORKER_INTERVAL": "1",
        }
    )
    # "{url}" in a value stands for the server's address (ASSISTANT_PUBLIC_URL)
    env.update({k: v.replace("{url}", f"http://127.0.0.1:{port}") for k, v in
                (extra_env or {}).items()})
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "serve",
            "--index-dir",
            str(index_dir),
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
    return url, proc


def stop(proc) -> None:
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture()
def server(small_index: Path, tmp_path: Path):
    url, proc = start_server(small_index, tmp_path, f"sqlite:///{tmp_path / 'chat.db'}")
    yield url
    stop(proc)


def _ask(page, question: str) -> None:
    box = page.locator("#chat-input")
    box.fill(question)
    box.press("Enter")


def test_ask_open_citation_and_follow_up(server: str, page):
    page.goto(server)
    page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "01-welcome.png"))
    assert page.locator("#upload-button").count() == 0  # files would be ignored: none offered
    _ask(page, "Un incubateur à Tarare pour une association qui n'a qu'une idée")
    page.get_by_text("Incubateur test du Rhône").first.wait_for(timeout=30_000)
    page.get_by_text("À contacter").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "02-answer.png"), full_page=True)
    assert "Plateforme test de prêts" not in page.content()  # reserved to Ille-et-Vilaine
    page.locator("a, span, button", has_text="[1]").first.click()
    panel = page.locator("#side-view-content")
    panel.get_by_text("Voir la page source").first.wait_for(timeout=10_000)
    # the passage itself, with where it comes from, readable in a panel of a useful width
    panel.get_by_text("Organisation :").first.wait_for(timeout=5_000)
    panel.get_by_text("Territoire :").first.wait_for(timeout=5_000)
    panel.get_by_text("accompagne les porteurs de projet à impact social").wait_for(timeout=5_000)
    page.wait_for_function(
        "document.querySelector('#side-view-content').getBoundingClientRect().width > 300"
        " && document.querySelector('#side-view-content').getBoundingClientRect().right"
        " <= window.innerWidth + 1",
        timeout=5_000,
    )
    page.screenshot(path=str(ARTIFACTS / "03-citation.png"), full_page=True)
    _ask(page, "et pour une garantie de prêt ?")
    page.get_by_text("Garantie test pour les prêts bancaires").first.wait_for(timeout=30_000)
    page.screenshot(path=str(ARTIFACTS / "04-follow-up.png"), full_page=True)
    assert "J'ai compris : Tarare" in page.content()


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


def test_a_region_wide_answer_offers_its_departments_as_buttons(server: str, page):
    page.goto(server)
    page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=30_000)
    _ask(page, "Un incubateur pour mon association en Auvergne-Rhône-Alpes")
    page.get_by_text("Votre projet est-il dans un département précis").wait_for(timeout=30_000)
    # the Rhône's incubator is not said to serve the whole region; a closed one-off call is
    # not offered at all
    assert page.get_by_text("Incubateur test du Rhône").count() == 0
    assert page.get_by_text("mobilité rurale solidaire").count() == 0
    button = page.get_by_role("button", name="Rhône (69)")
    # the buttons come with the message's end, a moment after its text on a busy machine
    button.wait_for(timeout=10_000)
    assert page.get_by_role("button", name="Haute-Savoie (74)").count() == 1
    page.screenshot(path=str(ARTIFACTS / "07b-region-departments.png"), full_page=True)
    button.click()
    page.get_by_text("j'ai compris : Rhône (69)").first.wait_for(timeout=30_000)
    page.get_by_text("Incubateur test du Rhône").first.wait_for(timeout=10_000)
    page.screenshot(path=str(ARTIFACTS / "07c-department-chosen.png"), full_page=True)


def _welcome(page, url: str) -> None:
    page.goto(url)
    page.get_by_text("qui peut financer ou accompagner").first.wait_for(timeout=30_000)


def _local_only(page) -> None:
    """No outbound request: everything the page loads comes from the chat server."""
    outside = [
        u for u in page.requests
        if not u.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:"))
    ]
    assert outside == []


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'chat.db'}"
        return
    import pg

    url = pg.create_database(request.getfixturevalue("pg_server"))
    yield url
    pg.drop_database(url)


def test_handoff_feedback_and_staff_review(small_index: Path, tmp_path: Path, database_url, page,
                                           axe):
    """The whole path on each database: ask, be put in touch (stored, then e-mailed by the
    worker to a real SMTP server), give feedback, then a staff member changes the status."""
    from assistant.db import Store

    store = Store.open(database_url)
    store.add_staff("alice", "un-mot-de-passe-long")
    mailbox = Mailbox()
    url, proc = start_server(
        small_index,
        tmp_path,
        database_url,
        {
            "ASSISTANT_SMTP_HOST": "127.0.0.1",
            "ASSISTANT_SMTP_PORT": str(mailbox.port),
            "ASSISTANT_MAIL_FROM": "assistant@test.invalid",
            "ASSISTANT_PUBLIC_URL": "{url}",
        },
    )
    shots = ARTIFACTS / f"handoff-{store.backend}"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        _welcome(page, url)
        _ask(page, "Un prêt d'honneur pour créer mon activité à Rennes")
        page.get_by_text("Plateforme test de prêts d'honneur").first.wait_for(timeout=30_000)
        page.get_by_text("avant de les contacter, préparez").first.wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "01-answer-with-contact.png"), full_page=True)

        page.get_by_role("button", name="Être mis en relation : Plateforme Bretagne test").click()
        form = page.get_by_role("form", name="Mise en relation avec Plateforme Bretagne test")
        form.wait_for(timeout=10_000)
        draft = form.get_by_label("Message à Plateforme Bretagne test").input_value()
        assert "Rennes" in draft and "https://example.org/bretagne" in draft
        form.get_by_role("button", name="Envoyer la demande").click()
        form.get_by_text("Indiquez votre nom").wait_for(timeout=10_000)
        assert form.get_by_text("cochez la case").count() == 1
        page.screenshot(path=str(shots / "02-form-errors.png"), full_page=True)
        assert store.handoffs() == []  # nothing stored before the form is valid

        form.get_by_label("Votre nom").fill("Camille Test")
        form.get_by_label("Votre e-mail").fill("camille@example.org")
        form.get_by_label("Message à Plateforme Bretagne test").fill(
            draft + "\nJe suis disponible le mardi."
        )
        form.get_by_role("checkbox").check()
        form.get_by_role("button", name="Envoyer la demande").click()
        page.get_by_test_id("handoff-done").wait_for(timeout=15_000)
        [h] = store.handoffs()
        done = page.get_by_test_id("handoff-done").inner_text()
        # said once, as what happened: sent (the worker is woken at once), with its number
        assert done.startswith(f"Votre demande n° {h['id']} a été envoyée par e-mail à "
                               "Plateforme Bretagne test (contact@example.org).")
        assert "Une copie de votre message vous est envoyée par e-mail." in done
        assert page.get_by_text(f"Votre demande n° {h['id']}").count() == 1
        page.screenshot(path=str(shots / "03-handoff-registered.png"), full_page=True)
        assert (h["person_name"], h["person_email"], h["status"]) == (
            "Camille Test", "camille@example.org", "new"
        )
        assert h["message"].endswith("Je suis disponible le mardi.")
        assert h["consent_at"] is not None and h["conversation_id"]
        deadline = time.time() + 20
        while len(mailbox.messages) < 2 and time.time() < deadline:
            time.sleep(0.3)
        # the request to the organisation, then the person's copy
        [(rcpt, mail), (copy_rcpt, copy)] = [(m.rcpt, m.message) for m in mailbox.snapshot()]
        assert rcpt == ["contact@example.org"]
        assert copy_rcpt == ["camille@example.org"] and copy["Reply-To"] == "contact@example.org"
        assert "Je suis disponible le mardi." in copy.get_content()
        assert "Camille Test" in mail["Reply-To"] and f"n° {h['id']}" in mail["Subject"]
        assert "Je suis disponible le mardi." in mail.get_content()
        deadline = time.time() + 10
        while store.handoff(h["id"])["delivery"] != "sent" and time.time() < deadline:
            time.sleep(0.3)
        assert store.handoff(h["id"])["delivery"] == "sent"

        page.get_by_role("button", name="À corriger").first.click()
        fb = page.get_by_role("form", name="Signaler un problème dans la réponse")
        fb.get_by_label("Mauvais territoire").check()
        fb.get_by_label("Commentaire (facultatif)").fill("Je suis à Rennes, pas ailleurs.")
        fb.get_by_role("button", name="Envoyer mon avis").click()
        page.get_by_test_id("feedback-done").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "04-feedback.png"), full_page=True)
        [f] = store.recent_feedback()
        assert (f["rating"], f["reason"], f["comment"]) == (
            -1, "wrong_territory", "Je suis à Rennes, pas ailleurs."
        )
        _local_only(page)

        # support staff: log in, find the request, take it in charge
        page.goto(url + "staff")
        page.get_by_label("Identifiant").fill("alice")
        page.get_by_label("Mot de passe").fill("un-mot-de-passe-long")
        page.get_by_role("button", name="Se connecter").click()
        page.get_by_role("heading", name="Tableau de bord").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "05-staff-dashboard.png"), full_page=True)
        page.get_by_role("link", name=f"n° {h['id']}").click()
        page.get_by_label("Nouveau statut").select_option("in_progress")
        page.get_by_label("Note (facultative)").fill("Rendez-vous fixé")
        page.get_by_role("button", name="Enregistrer le statut").click()
        page.locator("#status", has_text="Prise en charge").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "06-staff-status.png"), full_page=True)
        assert store.handoff(h["id"])["status"] == "in_progress"

        page.get_by_role("link", name="voir la conversation").click()
        page.get_by_role("heading", name="Passages cités").first.wait_for(timeout=10_000)
        page.get_by_label("fausse").first.check()
        page.get_by_role("button", name="Enregistrer la relecture").first.click()
        page.get_by_text("par alice").first.wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "07-staff-conversation.png"), full_page=True)
        assert store.reviewed_answers()[0]["review_state"] == "wrong"

        # done: the worker e-mails the person a link; their answer reaches the request's page
        page.goto(f"{url}staff/handoffs/{h['id']}")
        page.get_by_label("Nouveau statut").select_option("done")
        page.get_by_role("button", name="Enregistrer le statut").click()
        page.locator("#status", has_text="Terminée").wait_for(timeout=10_000)
        deadline = time.time() + 20
        while len(mailbox.messages) < 3 and time.time() < deadline:
            time.sleep(0.3)
        follow_rcpt, follow = mailbox.messages[2].rcpt, mailbox.messages[2].message
        assert follow_rcpt == ["camille@example.org"]
        link = re.search(r"(http://127\.0\.0\.1:\d+/suivi/\S+)", follow.get_content()).group(1)
        page.goto(link)
        axe(page, f"followup-{store.backend}")
        page.get_by_label("Oui, j'ai été aidé·e").check()
        page.get_by_label("Un mot pour l'équipe").fill("Rendez-vous obtenu, merci !")
        page.get_by_role("button", name="Envoyer ma réponse").click()
        page.get_by_role("heading", name="Merci pour votre réponse").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "08-follow-up.png"), full_page=True)
        assert store.handoff(h["id"])["satisfaction"] == "helped"
        page.goto(f"{url}staff/handoffs/{h['id']}")
        page.locator("#followup", has_text="Aidé·e").wait_for(timeout=10_000)
        page.screenshot(path=str(shots / "09-staff-follow-up.png"), full_page=True)
        _local_only(page)
    except BaseException:
        # what the server said, and the e-mails it sent, to understand a failure
        print((tmp_path / "serve.log").read_text()[-4000:])
        print([(m.rcpt, m.subject) for m in mailbox.messages])
        raise
    finally:
        stop(proc)
        mailbox.stop()
        store.dispose()


def test_ten_parallel_conversations_keep_their_own_context(server: str, page):
    cities = ["Tarare", "Rennes", "Lille", "Nantes", "Marseille", "Grenoble", "Bordeaux",
              "Toulouse", "Strasbourg", "Dijon"]
    contexts = [page.browser.new_context(locale="fr-FR") for _ in cities]
    pages = [c.new_page() for c in contexts]
    for p in pages:
        _welcome(p, server)
    for p, city in zip(pages, cities, strict=True):
        _ask(p, f"Quelles aides pour mon association à {city} ?")
    for p, city in zip(pages, cities, strict=True):
        p.get_by_text(f"j'ai compris : {city}").first.wait_for(timeout=60_000)
    for p in pages:
        _ask(p, "et pour une garantie de prêt ?")
    for i, (p, city) in enumerate(zip(pages, cities, strict=True)):
        p.get_by_text("Garantie test pour les prêts").first.wait_for(timeout=60_000)
        leads = p.get_by_text("j'ai compris :").all_inner_texts()
        assert len(leads) >= 2, city
        assert all(city in t for t in leads), (city, leads)
        assert not any(other in " ".join(leads) for other in cities if other != city)
        if i == 0:
            p.screenshot(path=str(ARTIFACTS / "08-parallel.png"), full_page=True)
    for c in contexts:
        c.close()


def test_phone_width_keyboard_and_new_search(server: str, page):
    page.set_viewport_size({"width": 390, "height": 844})
    _welcome(page, server)
    example = page.get_by_role("button", name="Quel incubateur accepte une association")
    example.focus()
    page.keyboard.press("Enter")  # an example question, from the keyboard
    page.get_by_text("Incubateur test du Rhône").first.wait_for(timeout=30_000)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1, f"the page scrolls sideways on a phone ({width}px)"
    page.screenshot(path=str(ARTIFACTS / "09-phone.png"), full_page=True)
    page.get_by_role("button", name="Nouvelle recherche").last.click()
    page.get_by_text("je repars de zéro").wait_for(timeout=10_000)
    _ask(page, "et une garantie ?")
    page.get_by_text("Où se situe votre projet").last.wait_for(timeout=30_000)
    assert page.get_by_text("j'ai compris : Lyon").count() <= 1  # the old place is forgotten
    # the readme says what happens to the person's data
    page.get_by_role("button", name="Lisez-moi").click()
    page.get_by_role("heading", name="Vos données").wait_for(timeout=10_000)
    page.wait_for_timeout(500)  # the dialog fades in: a settled screenshot
    page.screenshot(path=str(ARTIFACTS / "09b-readme.png"), full_page=True)
    page.keyboard.press("Escape")
    _local_only(page)


def test_html_in_a_corpus_document_is_shown_as_text(small_corpus: Path, tmp_path: Path, page):
    from assistant.corpus.ingest import load_corpus
    from assistant.search.build import build_index
    from assistant.search.embed import get_embedder

    (small_corpus / "organisations" / "piege.md").write_text(
        "---\nid: piege\nkind: organisation\ntitle: \"Fonds piège <img src=x onerror=alert(1)>\"\n"
        "organisation: \"Fonds <script>alert(2)</script>\"\nterritories: [FR]\n"
        "url: https://example.org/piege\n"
        "needs: [subvention]\nsummary: \"Subvention piège <b onmouseover=alert(3)>pour tous</b>\"\n"
        "sources:\n  - url: https://example.org/piege\n    checked: 2026-11-27\n---\n"
        "# Fonds piège\n\nLe fonds piège <script>alert(4)</script> verse une subvention "
        "<iframe src=javascript:alert(5)></iframe> aux associations de zoologie marine.\n",
        encoding="utf-8",
    )
    loaded = load_corpus(small_corpus)
    assert not loaded.problems
    index = tmp_path / "evil-index"
    build_index(loaded.documents, index, get_embedder(HASH_MODEL))
    url, proc = start_server(index, tmp_path, f"sqlite:///{tmp_path / 'chat.db'}")
    try:
        _welcome(page, url)
        _ask(page, "une subvention pour une association de zoologie marine")
        page.get_by_text("Fonds piège").first.wait_for(timeout=30_000)
        page.get_by_text("À contacter").first.wait_for(timeout=30_000)
        page.screenshot(path=str(ARTIFACTS / "10-html-document-answer.png"), full_page=True)
        assert page.get_by_text("<img src=x onerror=alert(1)>").count() >= 1  # shown as text
        from playwright.sync_api import Error as PlaywrightError

        # the message may be drawn again while its sources arrive (a busy machine): the chip
        # is looked up again when the one found was replaced
        for attempt in range(3):
            chip = page.get_by_text("[1]", exact=True).first
            try:
                chip.scroll_into_view_if_needed()
                chip.click()
                break
            except PlaywrightError:
                if attempt == 2:
                    raise
                page.wait_for_timeout(1_000)
        side = page.locator("#side-view-content")
        side.get_by_text("Fonds <script>alert(2)</script>").first.wait_for(timeout=10_000)
        page.screenshot(path=str(ARTIFACTS / "10-html-document.png"), full_page=True)
        assert page.dialogs == []
        injected = "img[src='x'], iframe, b[onmouseover], script:text('alert')"
        assert page.locator(injected).count() == 0
    finally:
        stop(proc)


def test_database_down_keeps_answering_and_loses_no_handoff(small_index: Path, tmp_path: Path,
                                                             page):
    """PostgreSQL unreachable: answers still come (with a note), a handoff is kept on disk and
    imported into the database once it is back."""
    import pg

    from assistant.db import Store
    from assistant.handoff import deliver_due

    closed = f"postgresql://postgres@127.0.0.1:{free_port()}/assistant"
    url, proc = start_server(small_index, tmp_path, closed)
    try:
        _welcome(page, url)
        _ask(page, "Un prêt d'honneur pour créer mon activité à Rennes")
        page.get_by_text("Plateforme test de prêts d'honneur").first.wait_for(timeout=30_000)
        page.get_by_text("momentanément indisponible").first.wait_for(timeout=10_000)
        page.get_by_role("button", name="Être mis en relation : Plateforme Bretagne test").click()
        form = page.get_by_role("form", name="Mise en relation avec Plateforme Bretagne test")
        form.get_by_label("Votre nom").fill("Dominique Test")
        form.get_by_label("Votre téléphone (facultatif si vous donnez un e-mail)").fill(
            "+33 6 12 34 56 78"
        )
        form.get_by_role("checkbox").check()
        form.get_by_role("button", name="Envoyer la demande").click()
        page.get_by_test_id("handoff-done").wait_for(timeout=15_000)
        page.get_by_text("sera enregistrée et transmise dès son retour").first.wait_for()
        page.screenshot(path=str(ARTIFACTS / "11-database-down.png"), full_page=True)
    finally:
        stop(proc)
    spooled = list((tmp_path / "spool").glob("handoff-*.json"))
    assert len(spooled) == 1
    # the database comes back: the next worker pass imports the request
    db_url = pg.create_database(pg.server_url())
    back = Store.open(db_url, spool_dir=tmp_path / "spool")
    try:
        assert deliver_due(back, None).imported == 1
        [h] = back.handoffs()
        assert (h["person_name"], h["person_phone"], h["status"]) == (
            "Dominique Test", "+33612345678", "new"
        )
        assert list((tmp_path / "spool").glob("handoff-*.json")) == []
    finally:
        back.dispose()
        pg.drop_database(db_url)
