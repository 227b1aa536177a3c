"""Every e-mail exactly once (issue 14): claimed before it is sent, marked sending, then sent; a
dead worker's claim is taken again, a sending interrupted by a crash is never sent again by itself.
Runs on SQLite and on a real PostgreSQL server (the ``store`` fixture)."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import timedelta

from factories import execute, make_request

from assistant.db import Store, utcnow
from assistant.db.handoffs import LEASE, MAX_ATTEMPTS
from assistant.handoff import Mailer, deliver_due


class RecordingMailer(Mailer):
    """A mailer that records what it would send (thread-safe), optionally failing."""

    def __init__(self, fail: bool = False, **kw) -> None:
        super().__init__(host="smtp.invalid", **kw)
        object.__setattr__(self, "sent", [])
        object.__setattr__(self, "fail", fail)
        object.__setattr__(self, "lock", threading.Lock())

    def send(self, msg) -> None:
        if self.fail:
            raise ConnectionRefusedError("refused")
        with self.lock:
            self.sent.append((msg["To"], msg["Subject"]))


def test_a_request_is_claimed_sent_and_its_copy_queued(store: Store):
    hid = store.create_handoff(make_request(), "pending")
    manual = store.create_handoff(make_request(contact_email=None), "manual")
    assert store.outbox_counts() == {"pending": 1}  # a manual request has no e-mail
    item = store.claim_next("w1")
    assert item is not None and (item.kind, item.handoff_id, item.state) == ("request", hid,
                                                                              "claimed")
    assert item.handoff.person_name == "Élodie Martin"
    assert store.claim_next("w2") is None  # claimed: nobody else takes it
    assert not store.mark_sending(item, "w2")  # nor sends it
    assert store.mark_sending(item, "w1")
    store.record_sent(item, ack=True)
    h = store.handoff(hid)
    assert (h.delivery, h.attempts) == ("sent", 1) and h.sent_at is not None
    copy = store.claim_next("w2")
    assert copy is not None and (copy.kind, copy.handoff_id) == ("copy", hid)
    assert store.mark_sending(copy, "w2")
    store.record_sent(copy)
    assert store.claim_next("w1") is None
    assert store.outbox_counts() == {"sent": 2}
    assert [e.detail for e in store.handoff(hid).events][-2:] == [
        "envoyée", "copie envoyée à la personne"
    ]
    assert store.handoff(manual).delivery == "manual"


def test_failures_back_off_then_give_up_until_staff_retries(store: Store):
    hid = store.create_handoff(make_request(), "pending")
    now = utcnow()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        execute(store, "UPDATE outbox SET next_attempt_at = :t", t=now)
        item = store.claim_next("w", now)
        assert item is not None and item.attempts == attempt - 1
        assert store.mark_sending(item, "w")
        gave_up = store.record_failed(item, "ConnectionRefusedError: refused", now)
        assert gave_up == (attempt == MAX_ATTEMPTS)
        if not gave_up:
            assert store.claim_next("w", now) is None  # not due before its next attempt
            h = store.handoff(hid)
            assert (h.delivery, h.attempts) == ("failed", attempt)
            assert h.next_attempt_at > now
    assert store.handoff(hid).delivery == "gave_up"
    assert store.claim_next("w", now + timedelta(days=365)) is None
    store.retry_delivery(hid, "marie")
    assert store.handoff(hid).delivery == "pending"
    item = store.claim_next("w")
    assert item is not None and item.handoff_id == hid
    store.retry_delivery(hid, "marie")  # a second click while it is claimed: nothing changes
    assert store.outbox_counts() == {"claimed": 1}


def test_a_dead_workers_claim_is_taken_again(store: Store):
    hid = store.create_handoff(make_request(), "pending")
    item = store.claim_next("dead")
    assert item is not None
    # the worker died before sending: once its lease is over, another takes the e-mail
    assert store.claim_next("alive") is None
    later = utcnow() + LEASE + timedelta(seconds=1)
    again = store.claim_next("alive", later)
    assert again is not None and again.handoff_id == hid
    assert not store.mark_sending(item, "dead")  # the dead worker's claim is lost
    assert store.mark_sending(again, "alive")


def test_a_sending_interrupted_by_a_crash_is_never_sent_again(store: Store):
    """Between "sending" and "sent" the mail server may have taken the e-mail: it is marked
    uncertain for staff, never sent again by itself; staff may ask for a new attempt."""
    hid = store.create_handoff(make_request(), "pending")
    item = store.claim_next("w")
    assert store.mark_sending(item, "w")
    # ... the process is killed here ...
    assert store.recover_interrupted() == 0  # its lease is not over yet
    later = utcnow() + LEASE + timedelta(seconds=1)
    assert store.claim_next("other", later) is None  # a sending is never claimed again
    assert store.recover_interrupted(later) == 1
    h = store.handoff(hid)
    assert h.delivery == "uncertain"
    assert "envoi interrompu" in h.events[-1].detail
    mailer = RecordingMailer()
    deliver_due(store, mailer, now=later + timedelta(hours=1), worker="other")
    assert mailer.sent == []
    store.retry_delivery(hid, "marie")  # staff checked: it never arrived
    deliver_due(store, mailer, worker="other")
    assert len(mailer.sent) == 2  # the request and, then, the person's copy


def test_workers_in_parallel_send_each_email_once(store: Store):
    """Three workers on one database (the old code sent 28 of 30 requests three times)."""
    ids = [
        store.create_handoff(make_request(person_email=f"p{i}@example.org"), "pending")
        for i in range(30)
    ]
    mailer = RecordingMailer()
    errors: list[BaseException] = []

    def work(name: str) -> None:
        try:
            for _ in range(3):
                deliver_due(store, mailer, worker=name)
        except BaseException as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    deliver_due(store, mailer, worker="last")  # copies queued by the others' last sends
    counts = Counter(mailer.sent)
    assert max(counts.values()) == 1, [k for k, v in counts.items() if v > 1]
    requests = [k for k in counts if k[1].startswith("Demande de mise en relation")]
    copies = [k for k in counts if k[1].startswith("Votre demande")]
    assert len(requests) == 30 and len(copies) == 30
    assert {store.handoff(i).delivery for i in ids} == {"sent"}


def test_followups_and_answers_by_email_go_once(store: Store):
    hid = store.create_handoff(make_request(), "pending")
    mailer = RecordingMailer()
    deliver_due(store, mailer, public_url="https://chat.example.org")
    store.set_handoff_status(hid, "done", "marie")
    mid = store.create_answer_mail("k" * 36, "camille@example.org", "Votre réponse",
                                   "Le texte de la réponse.", None, None)
    assert store.create_answer_mail("k" * 36, "camille@example.org", "Votre réponse",
                                    "Le texte de la réponse.", None, None) == mid
    for _ in range(3):
        deliver_due(store, mailer, public_url="https://chat.example.org")
    subjects = [s for _, s in mailer.sent]
    assert sum(s.endswith("avez-vous été aidé·e ?") for s in subjects) == 1
    assert subjects.count("Votre réponse") == 1
    assert store.handoff(hid).followup_sent_at is not None


def test_without_public_address_no_followup_is_queued(store: Store):
    hid = store.create_handoff(make_request(), "pending")
    mailer = RecordingMailer()
    deliver_due(store, mailer)
    store.set_handoff_status(hid, "done", "marie")
    deliver_due(store, mailer)
    assert not any(s.endswith("aidé·e ?") for _, s in mailer.sent)
    assert "followup" not in {k for k in store.outbox_counts()}
