"""One conversation of three turns in Debian's Chromium (issue 17): a question with a place and
a need, a correction of the place, then "qui en premier ?". Screenshots of each turn go to
tests/web/artifacts/conversation/.

On the small test corpus (tests/fixtures/corpus): in Lyon, a prêt d'honneur finds only the
national guarantee; corrected to Rennes, the Ille-et-Vilaine platform (reserved to that
department) comes first; "qui en premier ?" ranks these two pistes, from the conversation,
and says why the platform comes first.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_chat_browser import ARTIFACTS, _ask, _welcome, start_server, stop

pytestmark = pytest.mark.browser

SHOTS = ARTIFACTS / "conversation"
FIRST = "Un prêt d'honneur pour créer mon activité à Lyon"
CORRECTION = "plutôt à Rennes"
WHO_FIRST = "qui en premier ?"
BRETAGNE = "Plateforme test de prêts d'honneur en Ille-et-Vilaine"  # DEP:35 only
GARANTIE = "Garantie test pour les prêts bancaires des entreprises sociales"  # FR
INCUBATEUR = "Incubateur test du Rhône"  # DEP:69 only
#: the question back about the place (the welcome says "où se situe", in lower case)
PLACE_QUESTION = "Où se situe votre projet"


def _answer(page, n: int):
    """The n-th answer of the chat (0 for the first), once it is complete (its tools shown)."""
    page.get_by_role("button", name="Copier la réponse").nth(n).wait_for(timeout=30_000)
    return page.locator(".step[data-step-type='assistant_message']").filter(
        has=page.get_by_role("button", name="Copier la réponse")).nth(n)


def _understood(answer) -> str:
    """The answer's "J'ai compris : ..." line, as shown."""
    return answer.get_by_text(re.compile(r"^J'ai compris : ")).inner_text().strip()


def _cited(answer) -> dict[str, str]:
    """The citation markers of an answer: "[n]" -> the title of its source (their labels)."""
    chips = answer.locator("a.element-link").evaluate_all(
        "els => els.map(e => [e.textContent.trim(), e.getAttribute('aria-label')])")
    out = {}
    for text, label in chips:
        m = re.fullmatch(r"source (\d+) : (.+)", label or "")
        assert m and text == f"[{m.group(1)}]", (text, label)
        out[text] = m.group(2)
    return out


def _assistant_said(page) -> str:
    """Everything the assistant wrote after its welcome (the person's messages left out)."""
    said = page.locator(".step[data-step-type='assistant_message']").all_inner_texts()
    return "\n".join(said[1:])


def _shot(page, name: str) -> None:
    page.wait_for_timeout(300)  # animations settle
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_correction_then_who_first(small_index: Path, tmp_path: Path, page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    url, proc = start_server(small_index, tmp_path, f"sqlite:///{tmp_path / 'chat.db'}")
    try:
        _welcome(page, url)

        # 1. a place and a need
        _ask(page, FIRST)
        first = _answer(page, 0)
        assert _understood(first).startswith("J'ai compris : Lyon (69), prêt d'honneur")
        assert set(_cited(first).values()) == {GARANTIE}  # nothing for Lyon but the national
        assert BRETAGNE not in first.inner_text()  # reserved to Ille-et-Vilaine
        _shot(page, "01-lyon")

        # 2. the place corrected: understood as Rennes, answered with Rennes' sources
        _ask(page, CORRECTION)
        second = _answer(page, 1)
        understood = _understood(second)
        assert understood.startswith("J'ai compris : Rennes (35), prêt d'honneur"), understood
        # Lyon is only named as what was corrected, never as the place understood
        assert "au lieu de Lyon (69)" in understood, understood
        assert "Lyon" not in understood.replace("au lieu de Lyon (69)", ""), understood
        cited = _cited(second)
        assert set(cited.values()) == {BRETAGNE, GARANTIE}, cited
        assert cited["[1]"] == BRETAGNE  # the department's own platform first
        text = second.inner_text()
        assert "Lyon" not in text.replace(understood, "")
        assert BRETAGNE in text and "Pour vous : prêt d'honneur et Rennes (35)" in text
        assert INCUBATEUR not in text  # nor anything else reserved to the Rhône
        # the platform's passage, opened from the answer, says where it applies
        second.locator("a.element-link", has_text="[1]").first.click()
        panel = page.locator("#side-view-content")
        panel.get_by_text("Territoire :").first.wait_for(timeout=10_000)
        panel.get_by_text("réservés aux créateurs d'Ille-et-Vilaine").wait_for(timeout=10_000)
        _shot(page, "02-corrected-to-rennes")
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('side-view-title')", timeout=5_000)

        # 3. "qui en premier ?": the pistes of the last answer ranked, the first one's reason
        # said (assistant/answer/followup.py: first_contact and _reasons), nothing searched anew
        _ask(page, WHO_FIRST)
        third = _answer(page, 2)
        text = third.inner_text()
        lead = text.split("\n")[0]
        assert re.fullmatch(
            rf"Je contacterais d'abord {re.escape(BRETAGNE)} \[1\] : "
            r"c'est ce que vous cherchez : prêt d'honneur ; elle couvre Rennes \(35\)\. "
            rf"Ensuite {re.escape(GARANTIE)} \[2\]\.", lead), lead
        assert _cited(third) == {"[1]": BRETAGNE, "[2]": GARANTIE}  # the same two pistes
        assert _understood(third).startswith("J'ai compris : Rennes (35), prêt d'honneur")
        assert "Lyon" not in text
        assert page.get_by_role("button", name="Être mis en relation : Plateforme Bretagne test"
                                ).count() == 2  # in the second answer and in this one
        _shot(page, "03-who-first")

        # never asked where the project is: the place was said in the first question
        said = _assistant_said(page)
        assert PLACE_QUESTION not in said and "Partout en France" not in said
        assert page.get_by_role("button", name="Partout en France").count() == 0

        # each marker of the last answer opens its own passage, alone, with where it applies
        passages = {"[1]": ("Territoire : Ille-et-Vilaine (35)",
                            "Prêts d'honneur fictifs réservés aux créateurs d'Ille-et-Vilaine."),
                    "[2]": ("Territoire : France",
                            "Garantie fictive d'un prêt bancaire, ouverte toute l'année")}
        for marker, title in _cited(third).items():
            third.locator("a.element-link", has_text=marker).first.click()
            page.wait_for_function(
                "([marker, says]) => { const t = document.getElementById('side-view-title');"
                " const c = document.getElementById('side-view-content');"
                " return t && c && t.textContent.trim() === marker && c.children.length === 1"
                " && says.every((s) => c.textContent.includes(s)); }",
                arg=[marker, [title, *passages[marker]]], timeout=10_000)
            _shot(page, f"04-who-first-source-{marker.strip('[]')}")
            page.keyboard.press("Escape")
            page.wait_for_function("!document.getElementById('side-view-title')",
                                   timeout=5_000)
    except BaseException:
        print((tmp_path / "serve.log").read_text()[-4000:])
        raise
    finally:
        stop(proc)
