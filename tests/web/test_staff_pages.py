"""The /staff pages over HTTP (FastAPI's test client), on SQLite and on PostgreSQL.

The browser test (test_ui.py) drives the same pages in Chromium; these check every rule:
login required everywhere, CSRF, throttling, escaping, review, status, flags, CSV export."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from assistant.answer import Answer
from assistant.config import HASH_MODEL
from assistant.db import FlagReader, HandoffRequest
from assistant.engine import Conversation, Engine
from assistant.web.staff import build_router

PASSWORD = "un-mot-de-passe-long"


@pytest.fixture()
def engine(small_index: Path, store) -> Engine:
    return Engine(small_index, HASH_MODEL, flags=FlagReader(store, ttl=0))


@pytest.fixture()
def client(store, engine: Engine):
    app = FastAPI()
    app.include_router(
        build_router(lambda: store, lambda: list(engine.index.documents.values()))
    )
    store.add_staff("alice", PASSWORD)
    with TestClient(app, base_url="http://testserver") as c:
        yield c


def _login(client: TestClient) -> str:
    r = client.post("/staff/login", data={"username": "alice", "password": PASSWORD},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/staff"
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    page = client.get("/staff")
    assert page.status_code == 200 and "Tableau de bord" in page.text
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def _handoff(store, conv_id=None, answer_id=None) -> int:
    req = HandoffRequest(
        organisation="Incubateur test",
        message="Bonjour, je voudrais être accompagnée pour mon projet.",
        person_name="Camille <b>Test</b>",
        person_email="camille@example.org",
        doc_id="incubateur-rhone",
        conversation_id=conv_id,
        answer_id=answer_id,
    )
    return store.create_handoff(req, "manual")


def test_no_staff_page_or_data_without_login(client, store):
    hid = _handoff(store)
    for path in ("/staff", "/staff/", "/staff/documents", "/staff/export.csv", "/staff/password",
                 f"/staff/handoffs/{hid}", "/staff/conversations/abc"):
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303, path
        assert r.headers["location"] == "/staff/login"
        assert "camille" not in r.text.lower()
    for path in (f"/staff/handoffs/{hid}/status", "/staff/documents/appel-mobilite",
                 "/staff/answers/1/review", "/staff/password"):
        r = client.post(path, data={"status": "done", "state": "hidden"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/staff/login"
    assert store.handoff(hid)["status"] == "new"
    assert store.document_flags() == {}
    # a made-up cookie is no better than none
    client.cookies.set("assistant_staff", "forged-token", path="/staff")
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_login_refuses_wrong_passwords_then_throttles(client):
    r = client.post("/staff/login", data={"username": "alice", "password": "wrong-password"})
    assert r.status_code == 401
    assert "Identifiant ou mot de passe incorrect" in r.text
    r = client.post("/staff/login", data={"username": "nobody", "password": PASSWORD})
    assert r.status_code == 401
    for _ in range(4):
        client.post("/staff/login", data={"username": "alice", "password": "wrong-password"})
    r = client.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert r.status_code == 429
    assert "Trop d&#39;essais" in r.text


def test_logout_ends_the_session(client):
    csrf = _login(client)
    r = client.post("/staff/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303
    assert client.get("/staff", follow_redirects=False).status_code == 303


def test_staff_change_their_own_password(client, store):
    other = store.login("alice", PASSWORD)  # a session in another browser
    csrf = _login(client)
    assert 'href="/staff/password"' in client.get("/staff").text
    form = client.get("/staff/password")
    assert form.status_code == 200 and "Mot de passe actuel" in form.text
    new = "un-nouveau-mot-de-passe"

    def change(current, new_pw, again=None, token=csrf):
        return client.post("/staff/password", data={
            "csrf": token, "current": current, "new": new_pw, "again": again or new_pw})

    r = change(PASSWORD, new, "autre-chose-encore")
    assert r.status_code == 400 and "pas identiques" in r.text
    r = change(PASSWORD, "court")
    assert r.status_code == 400 and "au moins 10 caractères" in r.text
    r = change(PASSWORD, PASSWORD)
    assert r.status_code == 400 and "différent" in r.text
    r = change("pas-le-bon-mot-de-passe", new)
    assert r.status_code == 401 and "actuel est incorrect" in r.text
    assert change(PASSWORD, new, token="forged").status_code == 403
    assert store.login("alice", PASSWORD) is not None  # nothing changed so far
    r = change(PASSWORD, new)
    assert r.status_code == 200 and "Mot de passe changé" in r.text
    assert client.get("/staff").status_code == 200  # this session goes on
    assert store.session(other) is None  # every other one has ended
    assert store.login("alice", PASSWORD) is None
    assert store.login("alice", new) is not None
    # guessing the current password is throttled like the login
    for _ in range(5):
        change("mauvais-mot-de-passe", "encore-un-autre-mot")
    r = change(new, "encore-un-autre-mot")
    assert r.status_code == 429 and store.login("alice", new) is not None


def test_conversation_review_side_by_side_escaped_and_exported(client, store, engine):
    conversation = Conversation()
    question = "<script>alert('x')</script> un incubateur à Tarare pour une association"
    answer = engine.ask(question, conversation)
    assert answer.sources
    answer_id = store.save_answer("conv-1", answer)
    store.add_feedback(answer_id, -1, "wrong_territory", "Tarare <i>n'est pas</i> à Lyon")
    csrf = _login(client)

    home = client.get("/staff").text
    assert "&lt;script&gt;" in home and "<script>alert" not in home
    assert "Mauvais territoire" in home

    page = client.get("/staff/conversations/conv-1")
    assert page.status_code == 200
    html = page.text
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    assert "&lt;i&gt;n&#39;est pas&lt;/i&gt;" in html
    assert 'class="pair"' in html and "Passages cités" in html
    # the answer as the person saw it: Markdown rendered, never shown raw; French labels
    assert "**" not in html.split("Passages cités")[0].split("telle que la personne")[1]
    assert "<strong>" in html and 'class="marker"' in html
    assert "· call ·" not in html and "· closed" not in html
    for s in answer.sources:
        assert f"[{s.n}] " in html
    assert answer.sources[0].title.replace("'", "&#39;") in html
    assert "default-src 'none'" in page.headers["content-security-policy"]

    # a form without the session's token is refused and changes nothing
    r = client.post(f"/staff/answers/{answer_id}/review", data={"state": "wrong"})
    assert r.status_code == 403
    assert store.answer(answer_id)["review_state"] is None
    r = client.post(
        f"/staff/answers/{answer_id}/review",
        data={"csrf": csrf, "state": "wrong", "note": "=HYPERLINK(\"x\") Tarare est dans le 69"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    row = store.answer(answer_id)
    assert row["review_state"] == "wrong" and row["reviewed_by"] == "alice"

    export = client.get("/staff/export.csv")
    assert export.status_code == 200
    assert export.headers["content-type"].startswith("text/csv")
    # what a French Excel opens as columns: UTF-8 with a BOM, ";" between columns
    assert export.content.startswith("\ufeff".encode())
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("answer_id;created_at;")
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1
    assert rows[0]["question"] == question
    assert rows[0]["review_state"] == "Fausse"
    assert rows[0]["review_note"].startswith("'=HYPERLINK")  # never a live formula
    assert f"[1] {answer.sources[0].title}" in rows[0]["sources"]
    assert "<>" not in rows[0]["sources"]  # a source without address is written without one
    # Paris time, as the pages show it (dd/mm/yyyy hh:mm)
    from assistant.db import paris_time

    saved = store.answer(answer_id)
    assert rows[0]["created_at"] == paris_time(saved["created_at"]).strftime("%d/%m/%Y %H:%M")


def test_handoff_status_change_is_recorded(client, store):
    hid = _handoff(store)
    csrf = _login(client)
    page = client.get(f"/staff/handoffs/{hid}")
    assert "Camille &lt;b&gt;Test&lt;/b&gt;" in page.text and "Nouvelle" in page.text
    r = client.post(f"/staff/handoffs/{hid}/status",
                    data={"csrf": csrf, "status": "in_progress", "note": "appelée lundi"},
                    follow_redirects=False)
    assert r.status_code == 303
    h = store.handoff(hid)
    assert h["status"] == "in_progress"
    assert [e["detail"] for e in h["events"]][-1] == "in_progress — appelée lundi"
    assert h["events"][-1]["actor"] == "alice"
    assert "Prise en charge" in client.get(f"/staff/handoffs/{hid}").text
    r = client.post(f"/staff/handoffs/{hid}/status", data={"csrf": csrf, "status": "bogus"})
    assert r.status_code == 400 and store.handoff(hid)["status"] == "in_progress"
    filtered = client.get("/staff?status=in_progress").text
    assert f"n° {hid}" in filtered
    assert f"n° {hid}" not in client.get("/staff?status=done").text
    # a request deleted meanwhile (assistant forget) or a made-up number: a page that says so
    for path in (f"/staff/handoffs/{hid + 999}/status", f"/staff/handoffs/{hid + 999}/retry"):
        r = client.post(path, data={"csrf": csrf, "status": "done"})
        assert r.status_code == 404 and "introuvable" in r.text, path
    r = client.post("/staff/answers/424242/review", data={"csrf": csrf, "state": "checked"})
    assert r.status_code == 404 and "introuvable" in r.text


def test_dashboard_shows_the_requests_to_chase(client, store):
    from datetime import timedelta

    import sqlalchemy as sa

    from assistant.db import utcnow

    waiting, fresh = _handoff(store), _handoff(store)
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE handoffs SET status_at = :t WHERE id = :i"),
                     {"t": utcnow() - timedelta(days=12), "i": waiting})
    _login(client)
    home = client.get("/staff").text
    assert "1 demande(s) à relancer" in home
    assert re.search(rf"n° {waiting}</a>.*?12 j <span class=\"badge bad\">à relancer", home, re.S)
    assert re.search(rf"n° {fresh}</a>.*?<td>0 j</td>", home, re.S)
    chase = client.get("/staff?status=waiting").text
    assert f"n° {waiting}<" in chase and f"n° {fresh}<" not in chase
    assert "filtre : à relancer" in chase


def test_times_are_shown_in_paris_time(client, store):
    from datetime import datetime

    import sqlalchemy as sa

    winter, summer = _handoff(store), _handoff(store)
    with store.engine.begin() as conn:
        for hid, at in ((winter, datetime(2026, 1, 15, 10)), (summer, datetime(2026, 7, 1, 10))):
            conn.execute(sa.text("UPDATE handoffs SET created_at = :t WHERE id = :i"),
                         {"t": at, "i": hid})
    _login(client)
    assert "15/01/2026 11:00" in client.get(f"/staff/handoffs/{winter}").text  # UTC+1
    page = client.get(f"/staff/handoffs/{summer}").text
    assert "01/07/2026 12:00" in page and "heure de Paris" in page  # UTC+2


def test_dashboard_pages_through_older_requests_and_conversations(client, store):
    from assistant.web.staff import PAGE_SIZE

    ids = [_handoff(store) for _ in range(PAGE_SIZE + 3)]
    for i in range(PAGE_SIZE + 2):
        store.save_answer(f"conv-{i:03d}", Answer(f"question numéro {i}", "réponse"))
    _login(client)
    first = client.get("/staff").text
    assert f"n° {ids[-1]}<" in first and f"n° {ids[2]}<" not in first
    assert "handoffs_from=50" in first and "conversations_from=50" in first
    older = client.get(f"/staff?handoffs_from={PAGE_SIZE}").text
    assert all(f"n° {i}<" in older for i in ids[:3]) and f"n° {ids[-1]}<" not in older
    assert "page précédente" in older and "handoffs_from=100" not in older
    # the two pages of conversations share none and miss none (stored in the same second,
    # their order is the database's: only the partition is checked)
    older = client.get(f"/staff?conversations_from={PAGE_SIZE}").text
    shown = [set(re.findall(r"question numéro (\d+)</td>", t)) for t in (first, older)]
    assert len(shown[0]) == PAGE_SIZE and len(shown[1]) == 2
    assert shown[0] | shown[1] == {str(i) for i in range(PAGE_SIZE + 2)}
    # nonsense offsets are read as the first page, never an error
    assert client.get("/staff?handoffs_from=-5").status_code == 200
    assert client.get("/staff?handoffs_from=abc&conversations_from=1e9").status_code == 200


def test_hidden_and_promoted_documents_change_what_is_retrieved(client, store, engine):
    question = "mobilité rurale pour une association à Lyon"
    before = [h.doc.id for h in engine.understand_and_retrieve(question)[1]]
    assert before[0] == "appel-mobilite" and len(before) >= 2
    csrf = _login(client)
    r = client.post("/staff/documents/appel-mobilite",
                    data={"csrf": csrf, "state": "hidden", "note": "appel clos"},
                    follow_redirects=False)
    assert r.status_code == 303
    after = [h.doc.id for h in engine.understand_and_retrieve(question)[1]]
    assert "appel-mobilite" not in after
    client.post("/staff/documents/appel-mobilite", data={"csrf": csrf, "state": "normal"})
    scores = {h.doc.id: h.score for h in engine.understand_and_retrieve(question)[1]}
    last = before[-1]
    client.post(f"/staff/documents/{last}", data={"csrf": csrf, "state": "promoted"})
    hits = engine.understand_and_retrieve(question)[1]
    lifted = {h.doc.id: h.score for h in hits}
    s = engine.retrieval
    assert lifted[last] == pytest.approx(scores[last] + s.promote_weight / (s.rrf_k + 1))
    assert [h.doc.id for h in hits].index(last) <= before.index(last)
    assert "appel-mobilite" in lifted
    page = client.get("/staff/documents").text
    assert "Mis en avant" in page
    # a promoted document never passes the territory filter
    client.post("/staff/documents/pret-bretagne", data={"csrf": csrf, "state": "promoted"})
    ids = [h.doc.id for h in engine.understand_and_retrieve(question)[1]]
    assert "pret-bretagne" not in ids
    r = client.post("/staff/documents/does-not-exist", data={"csrf": csrf, "state": "hidden"})
    assert r.status_code == 404


def test_a_database_that_is_down_gives_a_clear_page(small_index, tmp_path):
    from assistant.db import Store

    down = Store("postgresql://nobody@127.0.0.1:1/none", spool_dir=tmp_path / "spool")
    app = FastAPI()
    app.include_router(build_router(lambda: down, lambda: []))
    with TestClient(app) as c:
        c.cookies.set("assistant_staff", "some-session", path="/staff")
        r = c.get("/staff")
        assert r.status_code == 503
        assert "momentanément indisponible" in r.text
        r = c.post("/staff/login", data={"username": "alice", "password": PASSWORD})
        assert r.status_code == 503


# -- the person's follow-up page (/suivi/<secret>) ------------------------------------------


@pytest.fixture()
def public(store):
    from assistant.web.followup import build_router as followup_router

    app = FastAPI()
    app.include_router(followup_router(lambda: store))
    with TestClient(app) as c:
        yield c


def test_follow_up_page_records_the_answer(public, client, store):
    hid = _handoff(store)
    store.set_handoff_status(hid, "done", "alice")
    token = store.start_followup(hid)
    store.enqueue_followups()  # the follow-up e-mail is sent
    while (item := store.claim_next("w")) is not None:
        store.mark_sending(item, "w")
        store.record_sent(item)
    assert store.handoff(hid).followup_sent_at is not None

    page = public.get(f"/suivi/{token}")
    assert page.status_code == 200
    assert f"Votre demande n° {hid} auprès de Incubateur test" in page.text
    assert "camille" not in page.text.lower()  # no personal detail on a page reached by a link
    assert page.headers["referrer-policy"] == "no-referrer"  # the secret never leaks onward
    r = public.post(f"/suivi/{token}", data={"comment": "<b>rien reçu</b>"})
    assert r.status_code == 400 and "Choisissez « oui » ou « non »" in r.text
    assert "&lt;b&gt;rien reçu&lt;/b&gt;" in r.text  # kept in the form, escaped
    r = public.post(f"/suivi/{token}",
                    data={"satisfaction": "not_helped", "comment": "<b>rien reçu</b>"})
    assert r.status_code == 200 and "Merci pour votre réponse" in r.text
    assert "pourra vous proposer d'autres contacts" in r.text
    assert store.handoff(hid)["satisfaction_comment"] == "<b>rien reçu</b>"
    again = public.get(f"/suivi/{token}").text
    assert "Vous avez déjà répondu « Pas aidé·e »" in again

    # support staff see it on the request and on the dashboard
    _login(client)
    detail = client.get(f"/staff/handoffs/{hid}").text
    assert "Pas aidé·e" in detail and "&lt;b&gt;rien reçu&lt;/b&gt;" in detail
    home = client.get("/staff").text
    assert "1 personne(s) interrogée(s)" in home and "0 aidée(s)" in home

    for bad in ("not-a-token", "x" * 300):
        r = public.get(f"/suivi/{bad}")
        assert r.status_code == 404 and "Ce lien n&#39;est plus valable" in r.text
        r = public.post(f"/suivi/{bad}", data={"satisfaction": "helped"})
        assert r.status_code == 404


def test_follow_up_page_when_the_database_is_down(tmp_path):
    from assistant.db import Store
    from assistant.web.followup import build_router as followup_router

    down = Store("postgresql://nobody@127.0.0.1:1/none", spool_dir=tmp_path / "spool")
    app = FastAPI()
    app.include_router(followup_router(lambda: down))
    with TestClient(app) as c:
        r = c.get("/suivi/some-token")
        assert r.status_code == 503 and "momentanément indisponible" in r.text
        r = c.post("/suivi/some-token", data={"satisfaction": "helped"})
        assert r.status_code == 503


# -- issue 13: confirmations, wording that follows the status, forwarding by hand, promotion --


def test_every_change_is_confirmed_and_wording_follows_the_status(client, store):
    hid = _handoff(store)  # no e-mail for the organisation: staff forward it by hand
    with store.engine.begin() as conn:
        import sqlalchemy as sa

        conn.execute(sa.text("UPDATE handoffs SET contact_email = 'accueil@incubateur.example.org'"
                             " WHERE id = :i"), {"i": hid})
    csrf = _login(client)
    page = client.get(f"/staff/handoffs/{hid}").text
    assert "À transmettre à la main" in page and "Copier le message" in page
    assert 'href="mailto:accueil@incubateur.example.org?subject=Demande%20de%20mise' in page
    assert "je%20voudrais%20%C3%AAtre%20accompagn%C3%A9e" in page  # the message, in the link
    assert "à transmettre à la main" in page  # the delivery, while the request is open
    r = client.post(f"/staff/handoffs/{hid}/status", data={"csrf": csrf, "status": "done"})
    assert r.status_code == 200 and "fait=statut" in str(r.url)
    assert 'role="status"' in r.text and "Statut enregistré : Terminée." in r.text
    assert "à transmettre à la main" not in r.text and "transmise à la main" in r.text
    assert "À transmettre à la main" not in r.text  # no forwarding help once it is done
    home = client.get("/staff").text
    assert "transmise à la main" in home and "à transmettre à la main" not in home
    script = client.get("/staff/staff.js")
    assert script.status_code == 200 and "clipboard" in script.text


def test_promotion_shows_its_effect_on_a_question(store, engine):
    from assistant.web.staff_content import rank_preview

    app = FastAPI()
    app.include_router(build_router(
        lambda: store, lambda: list(engine.index.documents.values()),
        preview=lambda q: rank_preview(engine, q)))
    store.add_staff("alice", PASSWORD)
    question = "mobilité rurale pour une association à Lyon"
    before = [h.doc.id for h in engine.understand_and_retrieve(question)[1]]
    last = before[-1]
    with TestClient(app, base_url="http://testserver") as client:
        csrf = _login(client)
        r = client.post(f"/staff/documents/{last}", data={"csrf": csrf, "state": "promoted"})
        assert "Document mis en avant" in r.text and 'role="status"' in r.text
        assert "Essayer une question" in r.text
        trial = rank_preview(engine, question)
        row = next(t for t in trial if t["id"] == last)
        assert row["promoted"] and row["rank"] <= row["rank_before"]
        page = client.get("/staff/documents", params={"essai": question, "doc": last}).text
        assert "Classement pour la question essayée" in page and "mis en avant" in page
        if row["rank"] < row["rank_before"]:
            assert "gagne" in page
