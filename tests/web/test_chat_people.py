"""The chat and the staff pages as people use them (issue 13), in Debian's Chromium: a project
holder on a laptop and on a 390×844 phone, support staff; every page checked by axe-core (no
serious or critical violation). Screenshots and axe reports go to tests/web/artifacts/."""

from __future__ import annotations

import re
import time
import urllib.parse
from pathlib import Path

import pytest
from test_chat_browser import (
    ARTIFACTS,
    Mailbox,
    _ask,
    _local_only,
    _welcome,
    start_server,
    stop,
)

pytestmark = pytest.mark.browser

RENNES = "Un prêt d'honneur pour créer mon activité à Rennes"
BRETAGNE = "Plateforme test de prêts d'honneur en Ille-et-Vilaine"
ORG = "Plateforme Bretagne test"

#: Engine.ask, patched in the server: "mettez-moi en relation avec eux" sets ``handoff_to`` (the
#: engine's own reading of that sentence is another engineer's work; the chat only reads it)
HOOK = '''
import assistant.engine as _engine

_ask = _engine.Engine.ask


def _with_handoff(self, question, conversation=None, *args, **kwargs):
    answer = _ask(self, question, conversation, *args, **kwargs)
    if "mettez-moi en relation" in question.lower() and conversation is not None:
        cards = [c for t in conversation.turns for c in t.contacts]
        if cards:
            answer.handoff_to = cards[-1]
    return answer


_engine.Engine.ask = _with_handoff
'''


def _shot(page, name: str, full: bool = True) -> None:
    page.wait_for_timeout(300)  # animations settle
    page.screenshot(path=str(ARTIFACTS / "people" / f"{name}.png"), full_page=full)


@pytest.fixture()
def shots():
    (ARTIFACTS / "people").mkdir(parents=True, exist_ok=True)


def _panel(page) -> dict:
    return page.evaluate("""() => {
        const t = document.getElementById('side-view-title');
        const c = document.getElementById('side-view-content');
        return {open: !!t, title: t ? t.textContent.trim() : null,
                count: c ? c.children.length : 0, text: c ? c.textContent : ''};
    }""")


def _wait_panel(page, predicate: str, timeout: float = 10_000) -> None:
    page.wait_for_function(
        "() => { const t = document.getElementById('side-view-title');"
        " const c = document.getElementById('side-view-content');"
        f" return {predicate}; }}", timeout=timeout)


def test_citations_copy_and_french_on_a_laptop(small_index: Path, tmp_path: Path, page, axe,
                                               shots):
    """No e-mail server: sources open on the clicked marker only (also when a new answer arrives
    with the panel open), Escape closes it, errors are French, the copy button copies plain
    text with the sources, a handoff says the team will forward it, and "mettez-moi en
    relation avec eux" opens the form by itself."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    url, proc = start_server(small_index, tmp_path, f"sqlite:///{tmp_path / 'chat.db'}",
                             {"PYTHONPATH": str(hook)})
    try:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=url.rstrip("/"))
        _welcome(page, url)
        page.wait_for_timeout(500)
        # French, light theme, named buttons
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert "light" in page.evaluate("document.documentElement.className")
        page.wait_for_function("document.querySelector('#theme-toggle')"
                               " && document.querySelector('#theme-toggle')"
                               ".getAttribute('aria-label') === 'Thème de l’affichage (clair ou"
                               " sombre)'", timeout=5_000)
        _shot(page, "01-welcome")
        axe(page, "chat-welcome")

        _ask(page, RENNES)
        page.get_by_role("button", name="Copier la réponse").first.wait_for(timeout=30_000)
        # markers: 14 px at least, named "source 1 : <titre>"
        chips = page.eval_on_selector_all(
            "a.element-link", "els => els.map(e => [e.textContent.trim(),"
            " e.getAttribute('aria-label'), parseFloat(getComputedStyle(e).fontSize)])")
        assert chips and all(size >= 14 for _, _, size in chips), chips
        assert [f"source 1 : {BRETAGNE}"] == [lab for text, lab, _ in chips if text == "[1]"][:1]
        body = page.locator("body").inner_text()
        assert "Utilisé" not in body and "Toggle theme" not in body
        assert re.search(r"Terminé :\s+Recherche dans le corpus", body)
        # without an e-mail server, no "M'envoyer cette réponse"
        assert page.get_by_role("button", name="M'envoyer cette réponse").count() == 0
        _shot(page, "02-answer")
        axe(page, "chat-answer")

        page.get_by_role("button", name="Copier la réponse").first.click()
        page.get_by_text("Réponse copiée, avec la liste de ses sources.").wait_for(timeout=5_000)
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied.startswith(f"Votre question : {RENNES}")
        assert "**" not in copied and "\nSources :\n" in copied
        assert f"[1], [3] {BRETAGNE} — https://example.org/bretagne" in copied

        # the panel shows the clicked passage, and nothing else
        page.locator("a.element-link", has_text="[1]").first.click()
        _wait_panel(page, "t && c && c.textContent.includes('Voir la page source')")
        assert _panel(page)["count"] == 1
        _shot(page, "03-source-panel")
        axe(page, "chat-source-panel")
        # a new answer arrives while it is open: still the clicked passage, alone
        _ask(page, "et pour une garantie de prêt ?")
        page.get_by_role("button", name="Copier la réponse").nth(1).wait_for(timeout=30_000)
        page.wait_for_timeout(1_500)
        _wait_panel(page, "t && c && c.children.length === 1"
                          " && c.textContent.includes('Voir la page source')")
        panel = _panel(page)
        assert panel["title"] == "[1]" and panel["count"] == 1
        assert BRETAGNE in panel["text"] and "Garantie test" not in panel["text"]
        assert len(panel["text"]) < 2000
        _shot(page, "04-panel-after-new-answer")
        # Escape closes it (the focus stays in the message box the person typed in)
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('side-view-title')", timeout=5_000)
        # from the keyboard: Enter on a marker opens it, Escape closes it and the focus goes
        # back to the marker
        page.locator("a.element-link", has_text="[2]").first.focus()
        page.keyboard.press("Enter")
        _wait_panel(page, "t && c && c.textContent.includes('Garantie test')")
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('side-view-title')", timeout=5_000)
        page.wait_for_function("document.activeElement.textContent.trim() === '[2]'",
                               timeout=5_000)
        # a passage that cannot be loaded (the connection is lost): said in French
        page.route("**/sources/**", lambda route: route.abort())
        _ask(page, "Un incubateur à Tarare pour une association qui n'a qu'une idée")
        page.get_by_role("button", name="Copier la réponse").nth(2).wait_for(timeout=30_000)
        page.wait_for_timeout(1_000)
        page.locator("a.element-link", has_text="[1]").last.click()
        _wait_panel(page, "c && c.textContent.includes('n’a pas pu être chargé')")
        assert "An error occurred" not in _panel(page)["text"]
        _shot(page, "05-panel-load-error")
        page.unroute("**/sources/**")
        page.keyboard.press("Escape")

        # a handoff without an e-mail server: said as it is (the team forwards it), once
        page.get_by_role("button", name=f"Être mis en relation : {ORG}").first.click()
        form = page.get_by_role("form", name=f"Mise en relation avec {ORG}")
        form.get_by_text("Ce service n'envoie pas d'e-mails lui-même : l'équipe "
                         "d'accompagnement transmettra votre demande").wait_for(timeout=10_000)
        form.get_by_label("Votre nom").fill("Dominique Test")
        form.get_by_label("Votre téléphone (facultatif si vous donnez un e-mail)").fill(
            "06 12 34 56 78")
        form.get_by_role("checkbox").check()
        form.get_by_role("button", name="Envoyer la demande").click()
        done = page.get_by_test_id("handoff-done")
        done.wait_for(timeout=15_000)
        text = done.inner_text()
        assert text.startswith("Votre demande n° 1 est enregistrée. L'équipe d'accompagnement "
                               f"la transmettra à {ORG}.")
        assert "envoyée" not in text and "par téléphone (06 12 34 56 78)" in text
        assert page.get_by_text("Votre demande n° 1").count() == 1
        _shot(page, "06-handoff-without-mail-server")

        # "mettez-moi en relation avec eux": the form opens right after the answer
        _ask(page, "Très bien, mettez-moi en relation avec eux")
        page.get_by_role("form", name=re.compile("^Mise en relation avec")).nth(1).wait_for(
            timeout=30_000)
        _shot(page, "07-handoff-asked-in-words")
        _local_only(page)
    except BaseException:
        print((tmp_path / "serve.log").read_text()[-4000:])
        raise
    finally:
        stop(proc)


def _overflowing(page, width: int) -> list:
    """Buttons, links and fields that run off the screen or have their text cut."""
    return page.evaluate("""(width) => {
        const bad = [];
        for (const el of document.querySelectorAll('button, a, input, textarea, label')) {
            const r = el.getBoundingClientRect();
            if (r.width === 0 || r.height === 0) continue;
            if (getComputedStyle(el).visibility === 'hidden') continue;
            if (r.right > width + 1 || r.left < -1)
                bad.push(['outside', el.textContent.slice(0, 60), r.left, r.right]);
            if (el.tagName === 'BUTTON' && el.scrollWidth > el.clientWidth + 1)
                bad.push(['cut', el.textContent.slice(0, 60), el.scrollWidth, el.clientWidth]);
        }
        return bad;
    }""", width)


def _covered(page, locator) -> str | None:
    """What covers the middle of this element, if anything."""
    locator.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    return locator.evaluate("""(el) => {
        const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        if (top && (top === el || el.contains(top))) return null;
        return top ? top.outerHTML.slice(0, 200) : 'nothing';
    }""")


def test_handoff_answer_mail_feedback_and_staff_on_a_phone(small_index: Path, tmp_path: Path,
                                                            page, axe, shots):
    """On a 390×844 phone: nothing overflows nor is covered; the drafted message reads as a
    letter, signed as the person types; the confirmation says it was sent, once; "M'envoyer
    cette réponse" e-mails the answer with its sources; the correction form sits under its
    answer. Then support staff: every page checked by axe-core."""
    from assistant.db import Store

    db = f"sqlite:///{tmp_path / 'chat.db'}"
    store = Store.open(db)
    store.add_staff("alice", "un-mot-de-passe-long")
    mailbox = Mailbox()
    url, proc = start_server(small_index, tmp_path, db, {
        "ASSISTANT_SMTP_HOST": "127.0.0.1", "ASSISTANT_SMTP_PORT": str(mailbox.port),
        "ASSISTANT_MAIL_FROM": "assistant@test.invalid", "ASSISTANT_PUBLIC_URL": "{url}"})
    try:
        page.set_viewport_size({"width": 390, "height": 844})
        _welcome(page, url)
        page.wait_for_timeout(500)
        assert _overflowing(page, 390) == []  # the example questions wrap
        _shot(page, "10-phone-welcome", full=False)
        _ask(page, RENNES)
        page.get_by_role("button", name="Copier la réponse").first.wait_for(timeout=30_000)
        page.wait_for_timeout(500)
        handoff = page.get_by_role("button", name=f"Être mis en relation : {ORG}")
        handoff.scroll_into_view_if_needed()
        assert _overflowing(page, 390) == []
        # the whole label shows, and the scroll-down arrow covers none of the buttons
        assert handoff.inner_text().strip() == f"Être mis en relation : {ORG}"
        for name in (f"Être mis en relation : {ORG}", "À corriger", "Utile"):
            assert _covered(page, page.get_by_role("button", name=name).first) is None, name
        _shot(page, "11-phone-answer", full=False)
        axe(page, "chat-phone-answer")

        handoff.click()
        form = page.get_by_role("form", name=f"Mise en relation avec {ORG}")
        form.wait_for(timeout=10_000)
        message = form.get_by_label(f"Message à {ORG} (modifiable)")
        draft = message.input_value()
        # a letter: greeting, the project in plain sentences, the ask and why, a closing
        assert draft.startswith("Bonjour,\n\nJe porte un projet")
        assert "à Rennes (35)" in draft and "Je cherche un prêt d'honneur." in draft
        assert f"« {BRETAGNE} » (https://example.org/bretagne)" in draft
        assert "Mes questions" not in draft and f"- {RENNES}" not in draft
        assert draft.rstrip().endswith("Bien cordialement,")
        form.get_by_label("Votre nom").fill("Camille Test")
        form.get_by_label("Votre e-mail").fill("camille@example.org")
        assert message.input_value().endswith("Bien cordialement,\nCamille Test\n"
                                              "camille@example.org")
        assert _overflowing(page, 390) == []
        send = form.get_by_role("button", name="Envoyer la demande")
        assert _covered(page, send) is None
        _shot(page, "12-phone-handoff-form", full=False)
        axe(page, "chat-handoff-form")
        form.get_by_role("checkbox").check()
        send.click()
        done = page.get_by_test_id("handoff-done")
        done.wait_for(timeout=15_000)
        [h] = store.handoffs()
        assert done.inner_text().startswith(
            f"Votre demande n° {h['id']} a été envoyée par e-mail à {ORG} (contact@example.org).")
        assert page.get_by_text(f"Votre demande n° {h['id']}").count() == 1
        assert h["message"].endswith("Camille Test\ncamille@example.org")
        _shot(page, "13-phone-handoff-sent", full=False)

        # the correction form, under the answer it is about, saying which one
        page.get_by_role("button", name="À corriger").first.click()
        fb = page.get_by_role("form", name="Signaler un problème dans la réponse")
        fb.wait_for(timeout=10_000)
        assert fb.get_by_text(f"Votre remarque sur la réponse à « {RENNES} »").count() == 1
        same = fb.evaluate("""(f) => { const step = f.closest('.step');
            return step && step.textContent.includes('Copier la réponse')
                   && step.textContent.includes('Pour vous : prêt'); }""")
        assert same, "the correction form is not under its answer"
        assert _covered(page, fb.get_by_role("button", name="Envoyer mon avis")) is None
        _shot(page, "14-phone-feedback-under-answer", full=False)
        fb.get_by_label("Mauvais territoire").check()
        fb.get_by_role("button", name="Envoyer mon avis").click()
        page.get_by_test_id("feedback-done").wait_for(timeout=10_000)

        # "M'envoyer cette réponse": consent, stored, sent by the worker with the sources
        page.get_by_role("button", name="M'envoyer cette réponse").first.click()
        mail_form = page.get_by_role("form", name="M'envoyer cette réponse par e-mail")
        mail_form.get_by_role("button", name="Envoyer la réponse").click()
        mail_form.get_by_text("ne semble pas valide").wait_for(timeout=10_000)
        mail_form.get_by_label("Votre e-mail").fill("camille@example.org")
        mail_form.get_by_role("button", name="Envoyer la réponse").click()
        mail_form.get_by_text("cochez la case").wait_for(timeout=10_000)
        mail_form.get_by_role("checkbox").check()
        axe(page, "chat-answer-mail-form")
        mail_form.get_by_role("button", name="Envoyer la réponse").click()
        page.get_by_test_id("answer-mail-done").wait_for(timeout=10_000)
        _shot(page, "15-phone-answer-mail", full=False)
        deadline = time.time() + 20
        while time.time() < deadline and not any(
                "Votre réponse de l'assistant" in m.subject for m in mailbox.messages):
            time.sleep(0.3)
        [(rcpt, answer_mail)] = [(m.rcpt, m.message) for m in mailbox.snapshot()
                                 if "Votre réponse de l'assistant" in m.subject]
        assert rcpt == ["camille@example.org"]
        content = answer_mail.get_content()
        assert f"Votre question : {RENNES}" in content and "**" not in content
        assert f"[1], [3] {BRETAGNE} — https://example.org/bretagne" in content
        assert f"{ORG} : contact@example.org" in content  # whom to contact
        _local_only(page)

        # support staff, on a laptop: every page checked by axe-core
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url + "staff/login")
        axe(page, "staff-login")
        page.get_by_label("Identifiant").fill("alice")
        page.get_by_label("Mot de passe").fill("un-mot-de-passe-long")
        page.get_by_role("button", name="Se connecter").click()
        page.get_by_role("heading", name="Tableau de bord").wait_for(timeout=10_000)
        axe(page, "staff-dashboard")
        page.get_by_role("link", name=f"n° {h['id']}").click()
        page.get_by_role("heading", name=f"Demande de mise en relation n° {h['id']}").wait_for()
        axe(page, "staff-handoff")
        page.get_by_label("Nouveau statut").select_option("in_progress")
        page.get_by_role("button", name="Enregistrer le statut").click()
        page.get_by_role("status").filter(
            has_text="Statut enregistré : Prise en charge.").wait_for()
        _shot(page, "20-staff-status-saved")
        page.get_by_role("link", name="voir la conversation").click()
        page.get_by_role("heading", name="Passages cités").first.wait_for()
        conversation = page.locator(".answer").first.inner_html()
        assert "<strong>" in conversation and "**" not in conversation
        assert "· call ·" not in page.content()
        axe(page, "staff-conversation")
        _shot(page, "21-staff-conversation")
        page.goto(url + "staff/documents?essai=" + urllib.parse.quote(RENNES))
        page.get_by_role("table", name="Classement pour la question essayée").wait_for()
        axe(page, "staff-documents")
        page.goto(url + "staff/password")
        axe(page, "staff-password")
        page.goto(url + "staff/handoffs/424242")
        axe(page, "staff-error")
        # a request to forward by hand: copy and mailto
        manual = store.create_handoff(_manual(h), "manual")
        page.goto(f"{url}staff/handoffs/{manual}")
        page.get_by_role("heading", name="À transmettre à la main").wait_for()
        page.context.grant_permissions(["clipboard-read", "clipboard-write"],
                                       origin=url.rstrip("/"))
        page.get_by_role("button", name="Copier le message").click()
        page.get_by_text("Message copié").wait_for()
        assert "Demande n° " in page.evaluate("navigator.clipboard.readText()")
        axe(page, "staff-handoff-manual")
        _shot(page, "22-staff-forward-by-hand")
    except BaseException:
        print((tmp_path / "serve.log").read_text()[-4000:])
        raise
    finally:
        stop(proc)
        mailbox.stop()
        store.dispose()


def _manual(h):
    from assistant.db import HandoffRequest

    return HandoffRequest(organisation="Incubateur sans e-mail", message=h["message"],
                          person_name=h["person_name"], person_email=h["person_email"],
                          contact_phone="04 00 00 00 00")


def test_two_servers_answer_and_open_citations_while_one_restarts(small_index: Path,
                                                                  tmp_path: Path, page, shots):
    """Two servers started from the same install, one data folder and one database: while one
    restarts, the other answers and opens citations; after the restart, the citations of the
    conversation opened before it still open."""
    from pg import free_port
    from test_service import _serve

    data = tmp_path / "data"
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    port_a = free_port()
    url_a, a = _serve(small_index, data, "server-a", db, port=port_a)
    url_b, b = _serve(small_index, data, "server-b", db)
    other = page.context.browser.new_context(locale="fr-FR")
    page_b = other.new_page()
    try:
        for p, url in ((page, url_a), (page_b, url_b)):
            _welcome(p, url + "/")
            _ask(p, RENNES)
            p.get_by_role("button", name="Copier la réponse").first.wait_for(timeout=30_000)
            p.locator("a.element-link", has_text="[1]").first.click()
            _wait_panel(p, "c && c.textContent.includes('Voir la page source')")
            p.keyboard.press("Escape")
        a.terminate()
        a.wait(timeout=30)
        # server A is down: B answers and opens citations
        _ask(page_b, "et pour une garantie de prêt ?")
        page_b.get_by_role("button", name="Copier la réponse").nth(1).wait_for(timeout=30_000)
        page_b.locator("a.element-link", has_text="[1]").last.click()
        _wait_panel(page_b, "c && c.children.length === 1"
                            " && c.textContent.includes('Organisation :')")
        page_b.screenshot(path=str(ARTIFACTS / "people" / "30-server-b-during-restart.png"))
        # A comes back on its address: the citations of the page opened before still open
        url_a, a = _serve(small_index, data, "server-a", db, port=port_a)
        page.locator("a.element-link", has_text="[3]").first.click()
        _wait_panel(page, "c && c.textContent.includes('taux zéro')", timeout=30_000)
        assert "n’a pas pu être chargé" not in _panel(page)["text"]
        page.screenshot(path=str(ARTIFACTS / "people" / "31-server-a-after-restart.png"))
        page.keyboard.press("Escape")
        # and A answers again (the page reconnects by itself)
        deadline = time.time() + 30
        while time.time() < deadline:
            _ask(page, "et pour une garantie de prêt ?")
            try:
                page.get_by_role("button", name="Copier la réponse").nth(1).wait_for(
                    timeout=5_000)
                break
            except Exception:  # noqa: BLE001 - not reconnected yet: type again
                continue
        page.get_by_role("button", name="Copier la réponse").nth(1).wait_for(timeout=5_000)
        page.locator("a.element-link", has_text="[1]").last.click()
        _wait_panel(page, "c && c.children.length === 1"
                          " && c.textContent.includes('Organisation :')")
        page.screenshot(path=str(ARTIFACTS / "people" / "32-server-a-answers-again.png"))
        assert (data / "servers" / "server-b").is_dir()
    except BaseException:
        for name in ("server-a", "server-b"):
            print(name, (data.parent / f"{name}.log").read_text()[-3000:])
        raise
    finally:
        other.close()
        for proc in (a, b):
            proc.terminate()
            proc.wait(timeout=30)
