"""What the chat and the staff pages show, without a browser (issue 13): the answer as plain
text with its sources, as safe HTML for staff, the markers' names, the passage panel's French
messages, the drafted handoff message."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.answer import Answer, ContactCard, Source
from assistant.language.profile import Profile
from assistant.web.render import answer_html, marker_labels, plain_answer, strip_markdown


def _source(n: int, doc: str, title: str, url: str | None) -> Source:
    return Source(n=n, id=doc, title=title, url=url, kind="organisation", organisation="Org",
                  territories=["FR"], deadline=None, status="permanent", passage="…",
                  headings=[], chunk_id=f"{doc}#0", last_checked=None)


ANSWER = (
    "À votre place, je commencerais par **France Active** [1].\n"
    "_J'ai compris : Lyon (69), prêt d'honneur._\n\n"
    "**À contacter**\n- **France Active** : accueil@example.org [1]"
)
SOURCES = [_source(1, "fa", "France Active AURA", "https://fa.example.org"),
           _source(2, "adie", "Adie", None), _source(3, "fa", "France Active AURA", None)]


def test_plain_answer_has_no_markdown_and_lists_its_sources():
    text = plain_answer("Un prêt ?", ANSWER, SOURCES, [])
    assert text.startswith("Votre question : Un prêt ?\n\nÀ votre place")
    assert "**" not in text and "_J'ai" not in text and "J'ai compris : Lyon (69)" in text
    assert text.endswith(
        "Sources :\n[1], [3] France Active AURA — https://fa.example.org\n[2] Adie")
    # contacts are listed when the answer does not already say whom to contact
    card = ContactCard("Adie", None, None, "contact@adie.example.org", "01 00 00 00 00", None,
                       "adie", 2)
    other = plain_answer(None, "Une réponse [2].", SOURCES[1:2], [card])
    assert other.endswith("À contacter :\n- Adie : contact@adie.example.org · 01 00 00 00 00")
    assert strip_markdown("voir [la page](https://x.example.org)") == \
        "voir la page (https://x.example.org)"


def test_markers_are_named_for_screen_readers():
    assert marker_labels(SOURCES)["[2]"] == "source 2 : Adie"


def test_staff_see_the_answer_formatted_and_escaped():
    html = answer_html(ANSWER + "\n\n<script>alert(1)</script> **x**", "answer-7-source")
    assert "<strong>France Active</strong>" in html and "<em>J&#x27;ai compris" in html
    assert '<a class="marker" href="#answer-7-source-1" aria-label="source 1">[1]</a>' in html
    assert "<ul><li><strong>France Active</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "**" not in html


def test_the_passage_panel_speaks_french_whatever_happens(small_index: Path):
    from assistant.config import HASH_MODEL
    from assistant.engine import Engine
    from assistant.web.sources import build_router

    engine = Engine(small_index, HASH_MODEL)
    state = {"fail": False}

    def library():
        if state["fail"]:
            raise RuntimeError("index being reloaded")
        return engine.retriever().library

    app = FastAPI()
    app.include_router(build_router(library))
    with TestClient(app) as client:
        found = client.get("/sources/incubateur-rhone%230?n=1")
        assert found.status_code == 200 and found.headers["x-passage"] == "found"
        assert found.text.startswith("### Incubateur test du Rhône")
        # the interface shows an English error for any other status: 200, said in French
        gone = client.get("/sources/plus-la%230?n=2")
        assert gone.status_code == 200 and gone.headers["x-passage"] == "gone"
        assert "n'est plus dans l'index" in gone.text
        state["fail"] = True
        busy = client.get("/sources/incubateur-rhone%230?n=1")
        assert busy.status_code == 200 and busy.headers["x-passage"] == "unavailable"
        assert "ne peut pas être affiché pour le moment" in busy.text


def test_the_drafted_message_reads_as_a_letter():
    from assistant.handoff import draft_message

    card = ContactCard("France Active AURA", None, None, "accueil@example.org", None, None,
                       "fa", 1)
    lyon = Profile(territory="COM:69123", territory_label="Lyon (69)", needs=("pret_honneur",),
                   themes=("economie_circulaire",), audience="association", stage="idee")
    first = Answer("Quels prêts pour une recyclerie à Lyon ?", "…", sources=SOURCES[:1],
                   profile=lyon,
                   pistes=[{"id": "fa", "met": ["prêt d'honneur", "Lyon (69)"]}])
    loire = Profile(territory="DEP:42", territory_label="Loire (42)", needs=("pret_honneur",))
    later = Answer("et dans la Loire ?", "…", profile=loire)
    text = draft_message(card, [first, later], loire)
    assert text.startswith("Bonjour,\n\nJe porte un projet associatif autour de l'économie "
                           "circulaire, à Lyon (69). Il en est au stade de l'idée. Je cherche un "
                           "prêt d'honneur. J'ai aussi regardé du côté de : Loire (42).")
    assert ("qui m'a suggéré France Active AURA pour ce projet (prêt d'honneur et Lyon (69)) en "
            "citant « France Active AURA » (https://fa.example.org).") in text
    assert "Mon projet peut-il être soutenu par France Active AURA ?" in text
    assert "Quels prêts pour une recyclerie" not in text  # the questions are not pasted
    assert text.endswith("Bien cordialement,")
