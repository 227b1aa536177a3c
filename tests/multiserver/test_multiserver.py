"""Several servers on one PostgreSQL database: the e-mails of handoff requests go out exactly
once, whatever the number of servers and workers, even when a server is killed while sending.

``test_two_servers_behind_nginx_one_killed_while_sending`` is the real deployment: PostgreSQL
(tests/pg.py), an SMTP server (aiosmtpd), two servers (``uvicorn --factory
assistant.web.app:create_app``: one database, one secret, a data folder each) and Debian's nginx
in front of them. Twenty visitors talk to the chat through nginx with Chainlit's own protocol
(socket.io websocket + ``POST /project/action``, as the browser does), open every citation,
click the contact button and send the form. While the e-mails are going out, one server is
killed (SIGKILL) in the middle of sending one, then started again.

``test_three_workers_on_one_outbox_send_each_email_once`` is the fast one: two ``deliver_due``
loops in threads and an ``assistant handoffs deliver`` process on 30 due requests.

Run them with ``python -m pytest -q -m multiserver tests/multiserver``. nginx comes from Debian
(scripts/system.sh installs it when missing, as it does chromium and postgresql).
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from smtp import Mailbox
from stack import ChatClient, Exchange, Nginx, Server, http, wait_http

from assistant.config import HASH_MODEL

pytestmark = pytest.mark.multiserver

#: The small test corpus has one contact that takes requests by e-mail (Plateforme Bretagne
#: test, contact@example.org). "Un incubateur dans le Rhône…" finds Incubateur test, whose card
#: has a web page but no e-mail: its requests are forwarded by hand, no e-mail to count.
QUESTION = "Un prêt d'honneur pour créer mon activité à Rennes"
ORGANISATION = "Plateforme Bretagne test"
ORGANISATION_EMAIL = "contact@example.org"
CONVERSATIONS = 20
#: nginx's spreading of requests (stack.BALANCE): a conversation to one server (its buttons and
#: forms are HTTP requests that only the server holding its websocket can answer)
BALANCE = os.environ.get("ASSISTANT_TEST_NGINX_BALANCE", "session-cookie")
#: seconds the SMTP server takes to acknowledge each message: long enough for the e-mails to be
#: still going out once the twenty forms are sent, and for the kill to land inside a sending
SMTP_DELAY = 0.4


def _engine(url: str) -> sa.Engine:
    u = sa.engine.make_url(url).set(drivername="postgresql+psycopg")
    return sa.create_engine(u, poolclass=sa.pool.NullPool)


def _outbox(db: sa.Engine) -> list[dict]:
    from assistant.db.schema import outbox

    with db.connect() as c:
        return [dict(r._mapping) for r in c.execute(sa.select(outbox).order_by(outbox.c.id))]


def _tracebacks(text: str, limit: int = 2, frames: int = 10) -> str:
    """The distinct tracebacks of a server's log (the last lines of each, with the exception),
    and how often each occurred."""
    seen: Counter = Counter()
    first: dict[str, str] = {}
    for block in re.findall(r"Traceback \(most recent call last\):\n(?:[ \t].*\n)+.*", text):
        lines = block.splitlines()
        key = "\n".join(lines[-frames:])
        seen[key] += 1
        first.setdefault(key, "\n".join([lines[0], "  ...", *lines[-frames:]]))
    return "\n\n".join(f"({n} times)\n{first[k]}" for k, n in seen.most_common(limit))


def _wait(condition, timeout: float, step: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return condition()


@pytest.fixture()
def database(pg_server):
    import pg

    url = pg.create_database(pg_server, prefix="assistant_multiserver")
    yield url
    pg.drop_database(url)


@pytest.fixture()
def mailbox():
    box = Mailbox()
    yield box
    box.stop()


def _converse(client: ChatClient, ex: Exchange, base: str) -> None:
    """Up to the filled-in form: welcome, question, citations, contact button."""
    welcome = client.connect()
    if not welcome.startswith("Bonjour"):
        ex.problems.append(f"unexpected welcome: {welcome[:120]!r}")
    ex.answer, actions, elements = client.ask(QUESTION)
    ex.sources = [e["url"] for e in elements if str(e.get("url") or "").startswith("/sources/")]
    if not ex.sources:
        ex.problems.append("the answer cites no /sources/... link")
    for url in ex.sources:
        ex.source_status[url] = http("GET", base + url)[0]
    buttons = [a for a in actions if a.get("name") == "handoff"
               and a.get("label") == f"Être mis en relation : {ORGANISATION}"]
    if not buttons:
        ex.problems.append(f"no contact button for {ORGANISATION}: "
                           f"{[a.get('label') for a in actions]}")
        return
    status, data, element = client.click(buttons[0], wait_for_element="HandoffForm")
    if status != 200 or element is None:
        ex.problems.append(f"the contact button failed: HTTP {status} {data}")
        return
    ex.form = element.get("props") or {}


def _submit(client: ChatClient, ex: Exchange) -> None:
    if ex.form is None:
        return
    n = ex.index
    payload = {
        "form_id": ex.form["form_id"], "name": f"Personne{n:02d} Test",
        "email": f"personne{n:02d}@example.net", "phone": "",
        "message": ex.form["draft"] + f"\nDemande de test numéro {n}.", "consent": True,
    }
    status, data, _ = client.click({"name": "handoff_submit", "payload": payload})
    ex.submit = data if isinstance(data, dict) else {"raw": data}
    response = data.get("response") if isinstance(data, dict) else None
    if status != 200 or not (isinstance(response, dict) and response.get("ok")):
        ex.problems.append(f"the form's submit failed: HTTP {status} {data}")
        return
    ex.number = response.get("number")


def test_two_servers_behind_nginx_one_killed_while_sending(
    small_index: Path, tmp_path: Path, database: str, mailbox: Mailbox
):
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    secret = secrets.token_urlsafe(32)
    common = {
        "ASSISTANT_DATABASE_URL": database,
        "ASSISTANT_SECRET": secret,
        "ASSISTANT_INDEX": str(small_index),
        "ASSISTANT_MODEL": HASH_MODEL,
        "ASSISTANT_SMTP_HOST": "127.0.0.1",
        "ASSISTANT_SMTP_PORT": str(mailbox.port),
        "ASSISTANT_MAIL_FROM": "assistant@test.invalid",
        "ASSISTANT_WORKER_INTERVAL": "1",
        "ASSISTANT_TRUSTED_PROXIES": "127.0.0.1",
    }
    servers = [
        Server(name, {**common, "ASSISTANT_DATA_DIR": str(tmp_path / name),
                      "ASSISTANT_SERVER_ID": name}, tmp_path)
        for name in ("server-a", "server-b")
    ]
    nginx = Nginx(tmp_path / "nginx", servers, BALANCE)
    for s in servers:
        s.env["ASSISTANT_PUBLIC_URL"] = nginx.url
    clients: list[ChatClient] = []
    problems: list[str] = []
    db = _engine(database)
    try:
        for s in servers:  # together: both migrate the fresh database at once
            s.start()
        for s in servers:
            s.wait()
        nginx.start()
        wait_http(nginx.url + "/", 20)
        timings["start"] = time.monotonic() - t0

        # -- 20 conversations through nginx, up to the filled-in form ------------------------
        exchanges = [Exchange(i + 1) for i in range(CONVERSATIONS)]
        clients = [ChatClient(nginx.url) for _ in exchanges]
        for c, ex in zip(clients, exchanges, strict=True):
            ex.session_id = c.session_id

        def converse(pair):
            client, ex = pair
            try:
                _converse(client, ex, nginx.url)
            except Exception as err:  # noqa: BLE001 - reported with the others
                ex.problems.append(f"{type(err).__name__}: {err}")

        t = time.monotonic()
        with ThreadPoolExecutor(10) as pool:
            list(pool.map(converse, zip(clients, exchanges, strict=True)))
        timings["conversations"] = time.monotonic() - t

        # -- the 20 forms sent at once: the e-mails start going out -------------------------
        mailbox.delay = SMTP_DELAY
        t = time.monotonic()
        with ThreadPoolExecutor(CONVERSATIONS) as pool:
            list(pool.map(lambda p: _submit(*p), zip(clients, exchanges, strict=True)))
        timings["submits"] = time.monotonic() - t
        for c in clients:  # nginx logs a websocket (and the server it reached) once closed
            c.close()
        time.sleep(0.3)
        websockets = {}
        for line in nginx.access_log():
            got = re.search(r"GET /ws/socket.io/.* 101 upstream=(\S+) session=(\S+)", line)
            if got:
                websockets[got.group(2)] = got.group(1)
        for c, ex in zip(clients, exchanges, strict=True):
            ex.upstreams = [f"websocket -> {websockets.get(c.session_id, '?')}", *c.upstreams]
            bad = {u: s for u, s in ex.source_status.items() if s != 200}
            if bad:
                ex.problems.append(f"citations not 200 through nginx: {bad}")
            if ex.problems:
                problems.append(f"conversation {ex.index} (session {ex.session_id}): "
                                + "; ".join(ex.problems) + "\n    requests: "
                                + "; ".join(ex.upstreams))
        submitted = [ex for ex in exchanges if ex.number is not None]

        # -- kill one server while it sends an e-mail, then start it again -------------------
        victim = servers[0]
        t = time.monotonic()
        sending = _wait(lambda: any(r["state"] == "sending" and r["claimed_by"] == victim.name
                                    for r in _outbox(db)), 20, 0.02)
        victim.kill()
        mails_at_kill = len(mailbox.snapshot())
        # what the dead server held: frozen until its leases run out
        killed_during = [dict(r) for r in _outbox(db) if r["claimed_by"] == victim.name]
        if submitted and not sending:
            problems.append(f"{victim.name} was never seen sending an e-mail (outbox: "
                            f"{Counter(r['state'] for r in _outbox(db))})")
        # The dead server's claims hold for the lease (LEASE, 5 minutes, not configurable):
        # a 'claimed' e-mail is taken again, a 'sending' one marked uncertain, only once it has
        # run out. The test does not wait 5 minutes: it ends the dead server's leases (as the
        # clock would), before the server starts again under the same name.
        from assistant.db.core import utcnow
        from assistant.db.schema import outbox

        with db.begin() as c:
            expired = c.execute(
                outbox.update()
                .where(outbox.c.claimed_by == victim.name,
                       outbox.c.state.in_(("claimed", "sending")))
                .values(claim_until=utcnow() - timedelta(seconds=1))
            ).rowcount
        victim.start()
        victim.wait()
        timings["kill and restart"] = time.monotonic() - t

        # -- wait until nothing is left to send -----------------------------------------------
        def drained() -> bool:
            states = {r["state"] for r in _outbox(db)}
            return not states & {"pending", "claimed", "sending", "failed"}

        t = time.monotonic()
        if not _wait(drained, 60, 0.2):
            problems.append(f"outbox not drained after 60 s: "
                            f"{Counter(r['state'] for r in _outbox(db))}")
        timings["drain"] = time.monotonic() - t
        time.sleep(1.5)  # one more worker round: nothing more must go out
        mails = mailbox.snapshot()

        # -- what was stored, what went out --------------------------------------------------
        from assistant.db.schema import answers, handoffs

        with db.connect() as c:
            stored = [dict(r._mapping) for r in c.execute(sa.select(handoffs))]
            answer_rows = [dict(r._mapping) for r in c.execute(sa.select(answers))]
        rows = _outbox(db)
        by_email = Counter(h["person_email"] for h in stored)
        by_key = Counter(h["request_key"] for h in stored)
        expected = {f"personne{ex.index:02d}@example.net" for ex in exchanges}
        if set(by_email) != expected or any(n != 1 for n in by_email.values()):
            problems.append(f"requests stored: {len(stored)} (expected each of the "
                            f"{CONVERSATIONS} once): {sorted(by_email.items())}")
        if any(n != 1 for n in by_key.values()):
            problems.append(f"a request key stored twice: {by_key.most_common(3)}")

        requests_to_org = Counter()
        copies = Counter()
        for m in mails:
            got = re.search(r"n° (\d+)", m.subject)
            if m.subject.startswith("Demande de mise en relation"):
                if m.rcpt != [ORGANISATION_EMAIL]:
                    problems.append(f"request mailed to {m.rcpt}: {m.subject}")
                requests_to_org[int(got.group(1))] += 1
            elif m.subject.startswith("Votre demande"):
                copies[(int(got.group(1)), tuple(m.rcpt))] += 1
            else:
                problems.append(f"unexpected e-mail: {m.subject} to {m.rcpt}")
        uncertain = []
        for h in stored:
            sent = requests_to_org[h["id"]]
            if h["delivery"] == "sent" and sent != 1:
                problems.append(f"request n° {h['id']} ({h['person_email']}) marked sent, "
                                f"mailed {sent} times to the organisation")
            elif h["delivery"] == "uncertain":
                uncertain.append(h["id"])
                if sent > 1:
                    problems.append(f"request n° {h['id']} uncertain, mailed {sent} times")
            elif h["delivery"] not in ("sent", "uncertain"):
                problems.append(f"request n° {h['id']} delivery {h['delivery']!r} "
                                f"({h['last_error']}), mailed {sent} times")
            person_copies = copies[(h["id"], (h["person_email"],))]
            copy_row = next((r for r in rows if r["handoff_id"] == h["id"]
                             and r["kind"] == "copy"), None)
            if person_copies > 1:
                problems.append(f"the person of n° {h['id']} got {person_copies} copies")
            if h["delivery"] == "sent" and copy_row is None:
                problems.append(f"request n° {h['id']} sent, but no copy queued for the person")
            if copy_row and copy_row["state"] == "sent" and person_copies != 1:
                problems.append(f"copy of n° {h['id']} marked sent, received {person_copies}")
        interrupted = sum(r["state"] == "sending" and r["kind"] == "request"
                          for r in killed_during)
        if len(uncertain) > interrupted:
            problems.append(f"{len(uncertain)} uncertain requests ({uncertain}), but the kill "
                            f"interrupted {interrupted} sending of a request")
        stray = set(requests_to_org) - {h["id"] for h in stored}
        if stray:
            problems.append(f"e-mails for requests not stored: {sorted(stray)}")
        # the kill hit an e-mail in 'sending': it is marked uncertain (request) or given up as
        # uncertain (copy), never sent again
        for r in killed_during:
            if r["state"] == "sending":
                now = next(x for x in rows if x["id"] == r["id"])
                if now["state"] != "uncertain":
                    problems.append(f"the e-mail being sent at the kill ({r['kind']} of n° "
                                    f"{r['handoff_id']}) is now {now['state']!r}, not uncertain")

        # no answer lost: each conversation's answer stored once, and the requests point to it
        per_conversation = Counter(a["conversation_id"] for a in answer_rows)
        for ex in exchanges:
            if per_conversation[ex.session_id] != 1:
                problems.append(f"conversation {ex.index}: {per_conversation[ex.session_id]} "
                                "answers stored (expected 1)")
        answer_ids = {a["id"]: a["conversation_id"] for a in answer_rows}
        for h in stored:
            if answer_ids.get(h["answer_id"]) != h["conversation_id"]:
                problems.append(f"request n° {h['id']} points to answer {h['answer_id']} of "
                                f"another conversation")
        numbers = Counter(ex.number for ex in submitted)
        if any(n > 1 for n in numbers.values()):
            problems.append(f"two forms were told the same number: {numbers.most_common(3)}")

        timings["total"] = time.monotonic() - t0
        summary = (
            f"nginx {BALANCE}; {len(submitted)}/{CONVERSATIONS} forms sent; {len(mails)} e-mails "
            f"({mails_at_kill} before the kill); killed {victim.name} while "
            f"it held {[(r['kind'], r['handoff_id'], r['state']) for r in killed_during]} "
            f"({expired} lease(s) ended); outbox {Counter(r['state'] for r in rows)}; "
            f"uncertain {uncertain}; timings "
            + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
        )
        print(summary)
        if problems:
            logs = "\n".join(
                f"--- {s.name}: first tracebacks\n{_tracebacks(s.log_text()) or '(none)'}"
                for s in servers
            )
            raise AssertionError(
                f"{len(problems)} problem(s); {summary}\n" + "\n".join(problems[:40])
                + f"\n{logs}\n--- nginx access log (last 30 lines)\n"
                + "\n".join(nginx.access_log()[-30:])
            )
    finally:
        for c in clients:
            c.close()
        nginx.stop()
        for s in servers:
            s.stop()
        db.dispose()


# -- the fast one: three workers on one outbox ----------------------------------------------


def test_three_workers_on_one_outbox_send_each_email_once(
    database: str, tmp_path: Path, mailbox: Mailbox
):
    from assistant.db import HandoffRequest, Store
    from assistant.handoff import Mailer, deliver_due

    store = Store.open(database, spool_dir=tmp_path / "spool")
    n = 30
    ids = [
        store.create_handoff(
            HandoffRequest(
                organisation=f"Organisation {i}", message="Bonjour, je voudrais être accompagné.",
                person_name=f"Personne {i}", person_email=f"personne{i}@example.net",
                contact_email=f"org{i}@example.org",
            ),
            "pending",
        )
        for i in range(n)
    ]
    mailbox.delay = 0.03  # the workers overlap for a while
    mailer = Mailer(host="127.0.0.1", port=mailbox.port, sender="assistant@test.invalid")
    db = _engine(database)

    def due() -> bool:
        return any(r["state"] in ("pending", "claimed", "sending", "failed") for r in _outbox(db))

    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update({
        "ASSISTANT_DATABASE_URL": database, "ASSISTANT_DATA_DIR": str(tmp_path / "cli"),
        "ASSISTANT_SERVER_ID": "cli", "ASSISTANT_SMTP_HOST": "127.0.0.1",
        "ASSISTANT_SMTP_PORT": str(mailbox.port), "ASSISTANT_MAIL_FROM": "assistant@test.invalid",
    })
    command = Path(sys.executable).with_name("assistant")
    cmd = [str(command)] if command.exists() else [sys.executable, "-m", "assistant.cli"]
    reports: dict[str, list] = {"thread-1": [], "thread-2": []}
    errors: list[str] = []
    go = threading.Event()

    def loop(name: str) -> None:
        own = Store(database, spool_dir=tmp_path / name)  # as a server of its own
        go.wait()
        deadline = time.monotonic() + 60
        try:
            while time.monotonic() < deadline:
                reports[name].append(deliver_due(own, mailer, public_url=None, worker=name))
                if not due():
                    return
                time.sleep(0.02)
            errors.append(f"{name}: still due after 60 s")
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(f"{name}: {type(err).__name__}: {err}")
        finally:
            own.dispose()

    t0 = time.monotonic()
    threads = [threading.Thread(target=loop, args=(name,)) for name in reports]
    for t in threads:
        t.start()
    store.dispose()  # from here on, a connection to the database is the command's

    def others_connected() -> bool:
        with db.connect() as c:
            return bool(c.exec_driver_sql(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).scalar())

    cli = subprocess.Popen([*cmd, "handoffs", "deliver"], env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
    # the command takes a second or two to import: the threads start once it has connected
    _wait(lambda: others_connected() or cli.poll() is not None, 30, 0.01)
    go.set()
    out, _ = cli.communicate(timeout=120)
    for t in threads:
        t.join(timeout=90)
    elapsed = time.monotonic() - t0

    mails = mailbox.snapshot()
    to_org = Counter(m.rcpt[0] for m in mails if m.subject.startswith("Demande"))
    copies = Counter(m.rcpt[0] for m in mails if m.subject.startswith("Votre demande"))
    states = Counter((r["kind"], r["state"]) for r in _outbox(db))
    sent_by = {name: sum(r.sent for r in rs) for name, rs in reports.items()}
    got = re.search(r"sent (\d+)", out or "")
    sent_by["cli"] = int(got.group(1)) if got else None
    print(f"sent by {sent_by}; {len(mails)} e-mails in {elapsed:.1f} s")
    db.dispose()
    assert not errors, errors
    assert cli.returncode == 0, out
    assert to_org == {f"org{i}@example.org": 1 for i in range(n)}, to_org
    assert copies == {f"personne{i}@example.net": 1 for i in range(n)}, copies
    assert states == {("request", "sent"): n, ("copy", "sent"): n}, states
    assert sum(v or 0 for v in sent_by.values()) == n, (sent_by, out)
    # the three ran together (else this test would prove nothing about claims)
    assert sum(1 for v in sent_by.values() if v) >= 2, sent_by
    assert len(ids) == len(set(ids)) == n
