"""Handoff: the form, the draft, and delivery through a real SMTP server (aiosmtpd) on both
database back-ends."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import timedelta

import pytest
from pg import free_port
from smtp import SmtpServer

from assistant.answer import Answer, ContactCard, Source
from assistant.db import Store, paris_time, utcnow
from assistant.db.handoffs import MAX_ATTEMPTS, backoff
from assistant.errors import UsageError
from assistant.handoff import (
    Mailer,
    deliver_due,
    delivery_for,
    draft_message,
    register,
    validate,
)
from assistant.language.profile import Profile

CONTACT = "accueil@france-active.example.org"
MESSAGE = "Bonjour, je monte une recyclerie à Lyon et cherche un prêt d'honneur de 8 000 €."


def card(email: str | None = CONTACT) -> ContactCard:
    return ContactCard(
        organisation="France Active Auvergne-Rhône-Alpes",
        name="Claire Dubois",
        role="Chargée d'accompagnement",
        email=email,
        phone="04 72 00 00 00",
        url="https://france-active.example.org",
        document="france-active-aura",
        source=1,
        prepare=("Un budget prévisionnel",),
    )


def form(**kw) -> dict:
    values = {
        "name": "  Élodie   Martin ",
        "email": "elodie.martin@example.org",
        "phone": "",
        "message": f"  {MESSAGE}  ",
        "consent": True,
    }
    values.update(kw)
    return values


# -- the form -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"name": "   "}, "name", "Indiquez votre nom"),
        ({"name": "x" * 121}, "name", "trop long"),
        ({"email": "", "phone": ""}, "email", "adresse e-mail ou un numéro de téléphone"),
        ({"email": "elodie@"}, "email", "ne semble pas valide"),
        ({"email": "elodie martin@example.org"}, "email", "ne semble pas valide"),
        ({"email": "", "phone": "06 12 AB 56 78"}, "phone", "ne semble pas valide"),
        ({"email": "", "phone": "12 34"}, "phone", "ne semble pas valide"),
        ({"phone": "+33 6 12 34 56 78 90 12 34 56"}, "phone", "ne semble pas valide"),
        ({"message": "Bonjour, merci."}, "message", "trop court"),
        ({"message": "x" * 5001}, "message", "trop long"),
        ({"consent": False}, "consent", "Sans votre accord"),
        ({"consent": "on"}, "consent", "Sans votre accord"),
        ({"consent": None}, "consent", "Sans votre accord"),
    ],
)
def test_validate_refuses(changes: dict, field: str, words: str):
    req, errors = validate(form(**changes), asdict(card()), "conv-1", 3)
    assert req is None
    assert set(errors) == {field}
    assert words in errors[field]


def test_validate_without_organisation():
    req, errors = validate(form(), {**asdict(card()), "organisation": None}, None, None)
    assert req is None
    assert errors == {
        "_form": "Organisation inconnue : relancez la mise en relation depuis la réponse."
    }


def test_validate_reports_every_field_at_once():
    _, errors = validate({"consent": False}, asdict(card()), None, None)
    assert set(errors) == {"name", "email", "message", "consent"}


def test_validate_accepts_and_normalises():
    key = str(uuid.uuid4())
    req, errors = validate(
        form(email="", phone="+33 6 12 34 56 78", request_key=key), asdict(card()), "conv-1", 3
    )
    assert errors == {}
    assert req.person_name == "Élodie Martin"
    assert req.person_phone == "+33612345678"  # E.164, whatever the spelling
    assert req.person_email is None
    assert req.message == MESSAGE
    assert req.organisation == "France Active Auvergne-Rhône-Alpes"
    assert (req.doc_id, req.contact_role, req.contact_email) == (
        "france-active-aura",
        "Chargée d'accompagnement",
        CONTACT,
    )
    assert (req.contact_phone, req.contact_url) == ("04 72 00 00 00", card().url)
    assert (req.conversation_id, req.answer_id) == ("conv-1", 3)
    assert req.request_key == key
    assert req.consent_at <= utcnow()

    both, errors = validate(form(phone="06.12.34.56.78"), asdict(card()), None, None)
    assert errors == {}
    assert (both.person_email, both.person_phone) == ("elodie.martin@example.org", "+33612345678")
    # a key that is not a UUID is replaced by a new one
    odd, errors = validate(form(request_key="'; DROP TABLE--"), asdict(card()), None, None)
    assert errors == {}
    assert uuid.UUID(odd.request_key) and odd.request_key != "'; DROP TABLE--"


# -- the draft ------------------------------------------------------------------------------


def source(n: int, doc: str, url: str | None) -> Source:
    return Source(
        n=n,
        id=doc,
        title=f"Fiche {doc}",
        url=url,
        kind="organisation",
        organisation="Organisation",
        territories=["REG:84"],
        deadline=None,
        status="permanent",
        passage="Un passage.",
        headings=[],
        chunk_id=f"{doc}#{n}",
        last_checked=None,
    )


def test_draft_message_reads_as_a_letter():
    """Issue 13: a greeting, the project in plain sentences (never the questions pasted), what
    is asked and why this organisation was suggested (its cited source), a closing."""
    ours = "https://france-active.example.org/pret-honneur"
    other = "https://adie.example.org/microcredit"
    profile = Profile(
        territory="COM:69123",
        territory_label="Lyon (69)",
        needs=("pret_honneur",),
        themes=("economie_circulaire",),
    )
    turns = [
        Answer("Première question ?", "…"),
        Answer(
            "Quels prêts pour une recyclerie à Lyon ?",
            "…",
            sources=[source(1, "france-active-aura", ours), source(2, "adie", other)],
            profile=profile,
        ),
    ]
    text = draft_message(card(), turns, profile)
    assert text.startswith("Bonjour Claire Dubois,\n\nJe porte un projet à impact social autour "
                           "de l'économie circulaire, à Lyon (69). Je cherche un prêt d'honneur.")
    assert f"en citant « Fiche france-active-aura » ({ours})." in text
    assert "Mon projet peut-il être soutenu par France Active Auvergne-Rhône-Alpes ?" in text
    assert "Quels prêts pour une recyclerie" not in text and "Mes questions" not in text
    assert other not in text  # another organisation's source
    assert text.endswith("Bien cordialement,")


def test_draft_message_without_profile_or_sources():
    text = draft_message(card(), [Answer("Une question ?", "…")], None)
    assert "Je porte un projet à impact social." in text
    assert "Une question ?" not in text and "en citant" not in text
    nameless = ContactCard(None, None, None, CONTACT, None, None, "doc", 1)
    assert "Mon projet correspond-il à ce que propose votre structure ?" in draft_message(
        nameless, [], None)


# -- mailer settings ------------------------------------------------------------------------


def test_mailer_from_env():
    assert Mailer.from_env({}) is None
    assert Mailer.from_env({"ASSISTANT_SMTP_PORT": "2525"}) is None
    host = {"ASSISTANT_SMTP_HOST": "smtp.example.org"}
    for bad, words in (
        ({"ASSISTANT_SMTP_SECURITY": "tls"}, "ASSISTANT_SMTP_SECURITY='tls' is not usable: must "
                                             "be none, starttls or ssl"),
        ({"ASSISTANT_SMTP_PORT": "vingt-cinq"}, "ASSISTANT_SMTP_PORT='vingt-cinq' is not usable: "
                                                "must be a port number"),
        ({"ASSISTANT_SMTP_PORT": "70000"}, "must be a port number"),
        ({"ASSISTANT_MAIL_FROM": "assistant"}, "ASSISTANT_MAIL_FROM='assistant' is not usable: not "
                                               "an e-mail"),
        ({"ASSISTANT_MAIL_CC": "equipe@"}, "ASSISTANT_MAIL_CC"),
        ({"ASSISTANT_MAIL_REDIRECT": "a b@x.org"}, "ASSISTANT_MAIL_REDIRECT"),
    ):
        with pytest.raises(UsageError, match=words):
            Mailer.from_env({**host, **bad})
    plain = Mailer.from_env(host)
    assert (plain.host, plain.port, plain.security) == ("smtp.example.org", 25, "none")
    assert (plain.user, plain.password, plain.cc, plain.redirect) == (None, None, None, None)
    assert plain.sender == "assistant@localhost"
    ssl = Mailer.from_env({**host, "ASSISTANT_SMTP_SECURITY": "SSL"})
    assert (ssl.security, ssl.port) == ("ssl", 465)
    full = Mailer.from_env(
        {
            "ASSISTANT_SMTP_HOST": "smtp.example.org",
            "ASSISTANT_SMTP_PORT": "587",
            "ASSISTANT_SMTP_SECURITY": "starttls",
            "ASSISTANT_SMTP_USER": "robot",
            "ASSISTANT_SMTP_PASSWORD": "secret",
            "ASSISTANT_MAIL_FROM": "assistant@ess.example.org",
            "ASSISTANT_MAIL_CC": "equipe@ess.example.org",
            "ASSISTANT_MAIL_REDIRECT": "",
        }
    )
    assert full == Mailer(
        host="smtp.example.org",
        port=587,
        user="robot",
        password="secret",
        security="starttls",
        sender="assistant@ess.example.org",
        cc="equipe@ess.example.org",
        redirect=None,
    )


def test_delivery_for():
    with_email, without = asdict(card()), asdict(card(email=None))
    mailer = Mailer("127.0.0.1")
    redirected = Mailer("127.0.0.1", redirect="recette@ess.example.org")
    assert delivery_for(with_email, None) == "pending"
    assert delivery_for(without, None) == "manual"
    assert delivery_for(with_email, mailer) == "pending"
    assert delivery_for(without, mailer) == "manual"
    assert delivery_for(without, redirected) == "pending"


def test_register_tells_the_person(store: Store):
    req, _ = validate(form(phone="06 12 34 56 78"), asdict(card()), None, None)
    done = register(store, req, "pending")
    assert done.spooled is False and done.number == store.handoffs()[0]["id"]
    assert done.text == (
        f"Votre demande n° {done.number} est enregistrée : elle part par e-mail à "
        "France Active Auvergne-Rhône-Alpes dans quelques instants. France Active "
        "Auvergne-Rhône-Alpes vous répondra par e-mail (elodie.martin@example.org) ou par "
        "téléphone (06 12 34 56 78)."
    )
    again, _ = validate(form(), asdict(card()), None, None)
    told = register(store, again, "pending", copy=True).text
    assert told.endswith("Vous recevrez une copie de votre message par e-mail dès son envoi.")
    phone_only, _ = validate(form(email="", phone="0612345678"), asdict(card()), None, None)
    assert "copie" not in register(store, phone_only, "pending", copy=True).text
    other, _ = validate(form(), asdict(card(email=None)), None, None)
    assert "copie" not in register(store, other, "manual", copy=True).text
    other, _ = validate(form(), asdict(card(email=None)), None, None)
    manual = register(store, other, "manual")
    assert "L'équipe d'accompagnement la transmettra à France Active" in manual.text
    assert store.handoff(manual.number)["delivery"] == "manual"


# -- delivery through a real SMTP server ----------------------------------------------------


def submit(store: Store, mailer: Mailer | None, email_card: str | None = CONTACT, **kw) -> int:
    req, errors = validate(form(**kw), asdict(card(email_card)), None, None)
    assert errors == {}
    done = register(store, req, delivery_for(asdict(card(email_card)), mailer))
    assert not done.spooled
    return done.number


def test_deliver_due_sends_to_the_organisation(store: Store, smtp: SmtpServer):
    smtp.start()
    mailer = smtp.mailer(cc="equipe@ess.example.org")
    hid = submit(store, mailer, phone="06 12 34 56 78")
    report = deliver_due(store, mailer)
    assert (report.sent, report.failed, report.gave_up, report.imported) == (1, 0, 0, 0)
    assert report.acknowledged == 1

    assert len(smtp.received) == 2  # the request, then the person's copy
    [(sender, rcpt, msg)] = smtp.to_organisations
    assert smtp.received[0][2] is msg
    assert sender == "assistant@ess.example.org"
    assert rcpt == [CONTACT, "equipe@ess.example.org"]
    assert msg["To"] == CONTACT
    assert msg["Cc"] == "equipe@ess.example.org"
    assert msg["From"].addresses[0].addr_spec == "assistant@ess.example.org"
    reply_to = msg["Reply-To"].addresses[0]
    assert (reply_to.display_name, reply_to.addr_spec) == (
        "Élodie Martin",
        "elodie.martin@example.org",
    )
    assert msg["Subject"] == f"Demande de mise en relation n° {hid} — Élodie Martin"
    body = msg.get_content()
    assert MESSAGE in body
    assert f"Demande n° {hid} transmise par l'assistant" in body
    assert "De : Élodie Martin (elodie.martin@example.org ; 06 12 34 56 78)" in body
    assert "Pour : France Active Auvergne-Rhône-Alpes — Chargée d'accompagnement" in body
    assert "Accord de la personne pour transmettre ses coordonnées" in body
    consent = paris_time(store.handoff(hid)["consent_at"])
    assert f"{consent:%d/%m/%Y %H:%M} (heure de Paris)" in body
    assert "redirigé" not in body

    h = store.handoff(hid)
    assert (h["delivery"], h["attempts"], h["last_error"]) == ("sent", 1, None)
    assert h["sent_at"] is not None and h["status"] == "new"
    assert [e["detail"] for e in h["events"]][-2:] == ["envoyée", "copie envoyée à la personne"]

    # the person's copy: who has the request, what was sent; a reply reaches the organisation
    [(sender, rcpt, copy)] = smtp.copies
    assert sender == "assistant@ess.example.org" and rcpt == ["elodie.martin@example.org"]
    assert copy["To"].addresses[0].display_name == "Élodie Martin"
    assert copy["Reply-To"] == CONTACT and copy["Cc"] is None
    assert copy["Subject"] == (
        f"Votre demande n° {hid} a été transmise à France Active Auvergne-Rhône-Alpes"
    )
    text = copy.get_content()
    assert text.startswith("Bonjour Élodie Martin,")
    assert f"n° {hid} a été transmise par e-mail à France Active Auvergne-Rhône-Alpes ({CONTACT})"\
        in text
    assert "à elodie.martin@example.org ou au 06 12 34 56 78" in text
    assert "répondez à cet e-mail" in text and text.rstrip().endswith(MESSAGE)

    # nothing is sent twice
    assert deliver_due(store, mailer, now=utcnow() + timedelta(days=1)).sent == 0
    assert len(smtp.received) == 2


def test_the_copy_to_the_person_is_optional_and_never_blocks(store: Store, smtp: SmtpServer):
    smtp.start()
    # no copy when switched off, nor for a person who left only a phone number
    quiet = submit(store, smtp.mailer(ack=False))
    phone_only = submit(store, smtp.mailer(), email="", phone="06 12 34 56 78", name="Paul")
    report = deliver_due(store, smtp.mailer(ack=False))
    assert (report.sent, report.acknowledged) == (2, 0)
    assert smtp.copies == [] and len(smtp.to_organisations) == 2
    report = deliver_due(store, smtp.mailer())  # nothing due any more: no late copies either
    assert (report.sent, report.acknowledged) == (0, 0) and smtp.copies == []
    assert store.handoff(quiet)["delivery"] == store.handoff(phone_only)["delivery"] == "sent"

    # a refused copy is noted for staff; the request stays sent, and is not sent again
    smtp.recorder.refuse = "elodie.martin@example.org"
    hid = submit(store, smtp.mailer())
    report = deliver_due(store, smtp.mailer())
    assert (report.sent, report.failed, report.acknowledged) == (1, 0, 0)
    h = store.handoff(hid)
    assert h["delivery"] == "sent" and h["last_error"] is None
    assert h["events"][-1]["detail"].startswith("copie à la personne non envoyée : SMTP")
    assert deliver_due(store, smtp.mailer()).sent == 0
    assert len(smtp.to_organisations) == 3


def test_follow_up_question_once_the_request_is_done(store: Store, smtp: SmtpServer):
    import re

    smtp.start()
    mailer = smtp.mailer()
    hid = submit(store, mailer)
    phone_only = submit(store, mailer, email="", phone="06 12 34 56 78", name="Paul")
    deliver_due(store, mailer, public_url="https://assistant.example.org/")
    store.set_handoff_status(hid, "done", "marie")
    store.set_handoff_status(phone_only, "done", "marie")
    before = len(smtp.received)
    # without the chat's public address there is no link to give: nothing is sent
    assert deliver_due(store, mailer).followups == 0 and len(smtp.received) == before

    report = deliver_due(store, mailer, public_url="https://assistant.example.org/")
    assert report.followups == 1  # the person with only a phone number is not e-mailed
    [(_, rcpt, msg)] = smtp.received[before:]
    assert rcpt == ["elodie.martin@example.org"]
    assert msg["Subject"] == (f"Votre demande n° {hid} auprès de France Active "
                              "Auvergne-Rhône-Alpes : avez-vous été aidé·e ?")
    link = re.search(r"https://assistant\.example\.org/suivi/(\S+)", msg.get_content())
    assert link and store.followup(link.group(1))["id"] == hid
    assert store.handoff(hid)["events"][-1]["detail"] == "question de suivi envoyée à la personne"
    # asked once only
    assert deliver_due(store, mailer, public_url="https://assistant.example.org").followups == 0
    assert len(smtp.received) == before + 1


def test_mail_ack_setting(monkeypatch: pytest.MonkeyPatch):
    env = {"ASSISTANT_SMTP_HOST": "smtp.example.org"}
    assert Mailer.from_env(env).ack is True
    for off in ("0", "no", "Non", "false", " off "):
        assert Mailer.from_env({**env, "ASSISTANT_MAIL_ACK": off}).ack is False
    assert Mailer.from_env({**env, "ASSISTANT_MAIL_ACK": "1"}).ack is True


def test_redirect_from_env(store: Store, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch):
    smtp.start()
    monkeypatch.setenv("ASSISTANT_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("ASSISTANT_SMTP_PORT", str(smtp.port))
    monkeypatch.setenv("ASSISTANT_MAIL_FROM", "assistant@ess.example.org")
    monkeypatch.setenv("ASSISTANT_MAIL_REDIRECT", "recette@ess.example.org")
    monkeypatch.delenv("ASSISTANT_MAIL_CC", raising=False)
    monkeypatch.delenv("ASSISTANT_SMTP_USER", raising=False)
    monkeypatch.delenv("ASSISTANT_SMTP_SECURITY", raising=False)
    mailer = Mailer.from_env()
    assert mailer.redirect == "recette@ess.example.org"
    with_email = submit(store, mailer)
    without_email = submit(store, mailer, email_card=None, name="Paul Durand")
    assert store.handoff(without_email)["delivery"] == "pending"  # the redirect receives it

    report = deliver_due(store, mailer)
    assert (report.sent, report.acknowledged) == (2, 2)
    by_subject = {m["Subject"]: (rcpt, m) for _, rcpt, m in smtp.received}
    # while redirected, the person's copies go to the redirect address too, no reply-to
    assert {tuple(rcpt) for _, rcpt, _ in smtp.copies} == {("recette@ess.example.org",)}
    assert all(m["Reply-To"] is None for _, _, m in smtp.copies)
    assert all("destinataire prévu : elodie.martin@example.org" in m.get_content()
               for _, _, m in smtp.copies)
    rcpt, msg = by_subject[f"Demande de mise en relation n° {with_email} — Élodie Martin"]
    assert rcpt == ["recette@ess.example.org"] and msg["To"] == "recette@ess.example.org"
    assert f"(Envoi redirigé ; destinataire prévu : {CONTACT})" in msg.get_content()
    rcpt, msg = by_subject[f"Demande de mise en relation n° {without_email} — Paul Durand"]
    assert rcpt == ["recette@ess.example.org"]
    assert "destinataire prévu : —" in msg.get_content()
    assert {store.handoff(h)["delivery"] for h in (with_email, without_email)} == {"sent"}


def test_failure_is_kept_and_retried_after_backoff(store: Store, smtp: SmtpServer):
    mailer = smtp.mailer()
    hid = submit(store, mailer)
    now = utcnow()
    report = deliver_due(store, mailer, now=now)  # the SMTP port is closed
    assert (report.sent, report.failed, report.gave_up) == (0, 1, 0)
    h = store.handoff(hid)
    assert (h["delivery"], h["attempts"], h["status"]) == ("failed", 1, "new")
    assert h["last_error"].startswith("ConnectionRefusedError")
    assert h["next_attempt_at"] == now + backoff(1) and h["next_attempt_at"] > utcnow()
    assert h["person_name"] == "Élodie Martin" and h["message"] == MESSAGE
    assert h["events"][-1]["detail"].startswith("échec : ConnectionRefusedError")

    smtp.start()
    # not yet due: no attempt
    assert deliver_due(store, mailer, now=now + timedelta(seconds=30)).sent == 0
    assert store.handoff(hid)["attempts"] == 1 and smtp.received == []
    report = deliver_due(store, mailer, now=h["next_attempt_at"] + timedelta(seconds=1))
    assert (report.sent, report.failed) == (1, 0)
    [(_, rcpt, msg)] = smtp.to_organisations
    assert rcpt == [CONTACT] and MESSAGE in msg.get_content()
    assert len(smtp.copies) == 1
    h = store.handoff(hid)
    assert (h["delivery"], h["attempts"], h["last_error"]) == ("sent", 2, None)


def test_gives_up_after_max_attempts(store: Store, smtp: SmtpServer):
    mailer = smtp.mailer()
    hid = submit(store, mailer)
    now = utcnow()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        report = deliver_due(store, mailer, now=now)
        h = store.handoff(hid)
        assert h["attempts"] == attempt
        if attempt < MAX_ATTEMPTS:
            assert (report.failed, report.gave_up) == (1, 0)
            assert h["delivery"] == "failed"
            assert h["next_attempt_at"] == now + backoff(attempt)
            now = h["next_attempt_at"]
        else:
            assert (report.failed, report.gave_up) == (0, 1)
    assert (h["delivery"], h["next_attempt_at"]) == ("gave_up", None)
    assert h["last_error"].startswith("ConnectionRefusedError")
    assert [backoff(a).total_seconds() / 60 for a in range(1, 11)] == [
        1, 2, 4, 8, 16, 32, 64, 128, 256, 360,
    ]  # fmt: skip

    smtp.start()
    later = deliver_due(store, mailer, now=now + timedelta(days=30))
    assert (later.sent, later.failed, later.gave_up) == (0, 0, 0) and smtp.received == []
    assert store.handoff(hid)["delivery"] == "gave_up"
    # staff asks for a new attempt
    store.retry_delivery(hid, "marie")
    assert deliver_due(store, mailer).sent == 1
    assert len(smtp.to_organisations) == 1
    assert store.handoff(hid)["delivery"] == "sent"


def test_no_email_and_no_redirect_stays_manual(store: Store, smtp: SmtpServer):
    smtp.start()
    mailer = smtp.mailer()
    hid = submit(store, mailer, email_card=None)
    h = store.handoff(hid)
    assert (h["delivery"], h["next_attempt_at"], h["contact_email"]) == ("manual", None, None)
    report = deliver_due(store, mailer, now=utcnow() + timedelta(days=30))
    assert (report.sent, report.failed, report.gave_up) == (0, 0, 0)
    assert smtp.received == []
    h = store.handoff(hid)
    assert (h["delivery"], h["attempts"]) == ("manual", 0)


def test_without_mailer_requests_wait(store: Store, smtp: SmtpServer):
    smtp.start()
    hid = submit(store, None)
    assert store.handoff(hid)["delivery"] == "pending"
    report = deliver_due(store, None)
    assert (report.sent, report.failed, report.imported) == (0, 0, 0)
    assert store.handoff(hid)["attempts"] == 0
    # once SMTP is configured, the waiting request goes
    assert deliver_due(store, smtp.mailer()).sent == 1
    assert [m["To"] for _, _, m in smtp.to_organisations] == [CONTACT]


def test_deliver_due_imports_the_spool_first(store: Store, smtp: SmtpServer, tmp_path):
    smtp.start()
    mailer = smtp.mailer()
    spool = tmp_path / "spool-deliver"
    down = Store(f"postgresql://postgres@127.0.0.1:{free_port()}/down", spool_dir=spool)
    req, _ = validate(form(), asdict(card()), None, None)
    done = register(down, req, delivery_for(asdict(card()), mailer))
    down.dispose()
    assert done.spooled and done.number is None
    store.spool_dir = spool
    report = deliver_due(store, mailer)
    assert (report.imported, report.sent) == (1, 1)
    assert store.spooled() == []
    [h] = store.handoffs()
    assert h["request_key"] == req.request_key and h["delivery"] == "sent"
    subject = smtp.received[0][2]["Subject"]
    assert subject == f"Demande de mise en relation n° {h['id']} — Élodie Martin"
