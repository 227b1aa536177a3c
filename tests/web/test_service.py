"""The web service of issue 14: our app with Chainlit mounted in it, several servers in one
install, proxy headers, signed buttons and forms, sessions Chainlit can free, a damaged index."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pg import free_port

from assistant.config import HASH_MODEL
from assistant.engine import Conversation, Engine

# -- signed buttons and forms ----------------------------------------------------------------


def test_buttons_and_forms_carry_signed_tokens():
    from assistant.web.signing import sign, unsign

    token = sign({"k": "feedback", "c": "conv-1", "a": 12})
    assert unsign(token) == {"k": "feedback", "c": "conv-1", "a": 12}
    body, mac = token.split(".")
    forged = sign({"k": "feedback", "c": "conv-1", "a": 13}).split(".")[0] + "." + mac
    assert unsign(forged) is None  # another answer id with the first token's signature
    assert unsign(token, key=b"another server's secret") is None
    for junk in (None, 12, "", "abc", "a.b.c", body, "x" * 30000):
        assert unsign(junk) is None


def test_feedback_only_on_an_answer_of_the_same_conversation(store):
    from factories import make_answer

    from assistant.errors import UsageError

    mine = store.save_answer("conv-mine", make_answer("Ma question ?"))
    store.save_answer("conv-other", make_answer("Une autre question ?"))
    assert store.add_feedback(mine, 1, None, None, "conv-mine")
    with pytest.raises(UsageError) as err:
        store.add_feedback(mine, -1, "wrong", "", "conv-other")  # a visitor guessing ids
    assert "n'est plus enregistrée" in err.value.french


def test_what_a_chat_session_keeps_can_be_freed_by_chainlit(tmp_path: Path, monkeypatch):
    """Chainlit serialises a session's values when the person leaves, then frees it; the old
    code kept a dict keyed by tuples, the serialisation failed and memory grew forever."""
    monkeypatch.setenv("CHAINLIT_APP_ROOT", str(tmp_path))  # its files, not the checkout's
    from chainlit.session import clean_metadata

    from assistant.answer import Answer

    conversation = Conversation()
    conversation.turns.append(Answer("Une question ?", "Une réponse."))
    kept = {"conversation": conversation, "conversation_id": "c0ffee"}
    assert clean_metadata(kept)["conversation_id"] == "c0ffee"


# -- a damaged new index ----------------------------------------------------------------------


def test_a_damaged_new_index_keeps_the_previous_one_and_tells_staff(small_index: Path, store):
    from assistant.web.staff import build_router

    engine = Engine(small_index, HASH_MODEL)
    good = engine.ask("Un incubateur dans le Rhône pour une association avec une idée")
    assert good.found and engine.index_problem is None
    # a new version is published, but its files are damaged
    live = (small_index / "CURRENT").read_text().strip()
    broken = small_index / "v-broken"
    broken.mkdir()
    (broken / "manifest.json").write_text("{ not json", encoding="utf-8")
    (small_index / "CURRENT").write_text("v-broken", encoding="utf-8")
    again = engine.ask("Un incubateur dans le Rhône pour une association avec une idée")
    assert again.found and again.answer == good.answer  # the previous version still answers
    assert "v-broken" in engine.index_problem and "damaged" in engine.index_problem
    # staff see it on every page
    app = FastAPI()
    app.include_router(build_router(lambda: store, lambda: [], index_status=lambda:
                                    engine.index_problem))
    store.add_staff("alice", "un-mot-de-passe-long")
    with TestClient(app, base_url="http://testserver") as client:
        client.post("/staff/login", data={"username": "alice",
                                          "password": "un-mot-de-passe-long"})
        page = client.get("/staff")
        assert "la nouvelle version de l'index n'a pas pu" in page.text
    # once a good version is published again, the problem is gone
    (small_index / "CURRENT").write_text(live, encoding="utf-8")
    assert engine.ask("Un incubateur dans le Rhône").found and engine.index_problem is None


# -- real servers ------------------------------------------------------------------------------


def _serve(
    index: Path, data: Path, server_id: str, db_url: str, port: int | None = None, **env
) -> tuple[str, subprocess.Popen]:
    port = port or free_port()
    environ = {k: v for k, v in os.environ.items() if k not in ("CI", "DEBUG", "HEADLESS")}
    environ.update({
        "ASSISTANT_DATA_DIR": str(data), "ASSISTANT_SERVER_ID": server_id,
        "ASSISTANT_DATABASE_URL": db_url, "ASSISTANT_SECRET": "a shared secret for the test",
        "ASSISTANT_INDEX": str(index), "ASSISTANT_MODEL": HASH_MODEL, **env,
    })
    log = (data.parent / f"{server_id}.log").open("a")
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "serve", "--index-dir", str(index), "--model",
         HASH_MODEL, "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT, env=environ,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/", timeout=2).status == 200:
                return url, proc
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise AssertionError("the server did not start: " + (data.parent / f"{server_id}.log")
                         .read_text())


def _post(url: str, data: dict, headers: dict) -> int:
    req = urllib.request.Request(url, urllib.parse.urlencode(data).encode(), headers)
    try:
        return urllib.request.urlopen(req, timeout=10).status
    except urllib.error.HTTPError as err:
        return err.code


def test_one_server_stopping_leaves_the_others_files(small_index: Path, tmp_path: Path):
    """Two servers of one install and one data folder: each has its own Chainlit folder; one
    stopping (which once removed every server's element files) leaves the other serving."""
    data = tmp_path / "data"
    db = f"sqlite:///{tmp_path / 'shared.db'}"
    url_a, a = _serve(small_index, data, "server-a", db)
    url_b, b = _serve(small_index, data, "server-b", db)
    try:
        folder_a, folder_b = data / "servers" / "server-a", data / "servers" / "server-b"
        assert (folder_a / "interface" / "index.html").is_file() and folder_b.is_dir()
        page = urllib.request.urlopen(url_a + "/", timeout=10).read().decode()
        assert "cdn.jsdelivr.net" not in page  # no outbound stylesheet
        (folder_a / ".files" / "session-of-a").mkdir(parents=True)
        b.send_signal(signal.SIGTERM)
        b.wait(timeout=30)
        assert (folder_a / ".files" / "session-of-a").is_dir()  # untouched
        assert not (folder_b / ".files").exists()  # b removed only its own
        chunk = urllib.parse.quote("incubateur-rhone#0", safe="")
        card = urllib.request.urlopen(f"{url_a}/sources/{chunk}?n=1", timeout=10).read().decode()
        assert card.startswith("### Incubateur test du Rhône")
        assert urllib.request.urlopen(url_a + "/staff/login", timeout=10).status == 200
    finally:
        for proc in (a, b):
            proc.terminate()
            proc.wait(timeout=30)


@pytest.mark.parametrize("trusted", [False, True])
def test_forwarded_addresses_are_believed_only_from_trusted_proxies(
    small_index: Path, tmp_path: Path, trusted: bool
):
    env = {"ASSISTANT_TRUSTED_PROXIES": "127.0.0.1"} if trusted else {}
    url, proc = _serve(small_index, tmp_path / "data", "server-x",
                       f"sqlite:///{tmp_path / 'x.db'}", **env)
    try:
        wrong = {"username": "marie", "password": "not the password"}
        for _ in range(5):  # PAIR_FREE wrong passwords "from" 203.0.113.9
            assert _post(url + "/staff/login", wrong, {"X-Forwarded-For": "203.0.113.9"}) == 401
        code = _post(url + "/staff/login", wrong, {"X-Forwarded-For": "198.51.100.7"})
        # untrusted: both came from 127.0.0.1, whose next try must wait; trusted: another
        # address, which has not failed yet
        assert code == (401 if trusted else 429)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_runs_uvicorn_with_proxy_headers_only_when_trusted(monkeypatch, small_index):
    from click.testing import CliRunner

    from assistant.cli import main

    seen = {}

    def execve(path, argv, env):
        seen["argv"] = argv
        raise SystemExit(0)

    monkeypatch.setattr(os, "execve", execve)
    args = ["serve", "--index-dir", str(small_index), "--model", HASH_MODEL]
    CliRunner().invoke(main, args)
    assert "--no-proxy-headers" in seen["argv"] and "--factory" in seen["argv"]
    from assistant.settings import settings

    settings.cache_clear()
    monkeypatch.setenv("ASSISTANT_TRUSTED_PROXIES", "10.0.0.2, 10.1.0.0/16")
    CliRunner().invoke(main, args + ["--workers", "3"])
    argv = seen["argv"]
    assert argv[argv.index("--forwarded-allow-ips") + 1] == "10.0.0.2/32,10.1.0.0/16"
    assert argv[argv.index("--workers") + 1] == "3"
