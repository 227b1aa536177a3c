"""The chat (Chainlit), mounted in the web app (:mod:`assistant.web.app`). The logic lives in
the engine, render.py and the handoff package; this module wires them to the chat events (the
forms under an answer besides a handoff are in :mod:`.answer_actions`).

Nothing here depends on which server a message reaches: what a conversation learnt is saved with
each answer and restored after a reconnection to another server; buttons and forms carry signed
tokens (:mod:`.signing`) rather than ids into this process' memory; citations are links to
``/sources/...`` that any server answers. The session keeps only plain JSON values (and the
engine's conversation object), so Chainlit can free it when the person leaves.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import asdict

import chainlit as cl

from assistant.answer import Answer, ContactCard
from assistant.db import StoreUnavailable
from assistant.engine import Conversation
from assistant.errors import AssistantError
from assistant.handoff import delivery_for, draft_message, register, validate
from assistant.handoff.form import sent_text
from assistant.language.profile import Profile
from assistant.language.text import clean_text
from assistant.web import answer_actions  # noqa: F401 (registers its callbacks)
from assistant.web.render import (
    REFINE_PROMPT,
    channel_text,
    element_name,
    marker_labels,
    plain_answer,
    refine_choices,
    reply_choices,
    retrieval_summary,
)
from assistant.web.services import services
from assistant.web.signing import EXPIRED, read_token, sign, unsign
from assistant.web.sources import source_url

log = logging.getLogger("assistant.chat")

NEW_SEARCH = "Nouvelle recherche"
WELCOME = (
    "Bonjour ! Je vous aide à trouver **qui peut financer ou accompagner** votre projet à impact "
    "social : incubateurs, prêts d'honneur, garanties, subventions, appels à projets, réseaux. "
    "Chaque réponse cite ses sources [n] et se termine par les contacts à joindre ; je peux "
    "aussi transmettre votre demande à l'un d'eux.\n\n"
    "Dites-moi où se situe votre projet, ce que vous cherchez et où vous en êtes."
)
EXAMPLES = [
    "Qui peut financer mon projet de mobilité rurale dans le Rhône ?",
    "Quel incubateur accepte une association qui n'a qu'une idée, à Lyon ?",
    "Je crée une SCIC alimentaire à Villeurbanne : quels prêts ou garanties ?",
]


# -- the session -----------------------------------------------------------------------------


def _conversation_id() -> str:
    """This conversation's id in the database: the Chainlit session's (the same after a
    reconnection to another server), or a new one after "Nouvelle recherche"."""
    return cl.user_session.get("conversation_id") or cl.context.session.id


def _conversation(conv_id: str) -> Conversation:
    """What the conversation learnt: in this server's session, else restored from the
    database (the person reconnected to another server)."""
    conversation = cl.user_session.get("conversation")
    if conversation is None:
        profile = None
        try:
            profile = Profile.from_dict(services().store.conversation_profile(conv_id))
        except StoreUnavailable:
            pass
        conversation = Conversation(profile=profile)
        cl.user_session.set("conversation", conversation)
    return conversation


def _fresh_session() -> None:
    """A new conversation: nothing learnt yet, a new id for the database."""
    cl.user_session.set("conversation", Conversation())
    cl.user_session.set("conversation_id", str(uuid.uuid4()))


def _reply_actions(choices: list[str]) -> list[cl.Action]:
    """Buttons whose text is sent as the person's reply."""
    return [cl.Action(name="reply", payload={"q": c}, label=c) for c in choices]


@cl.on_chat_start
async def start() -> None:
    cl.user_session.set("conversation", Conversation())
    actions = [cl.Action(name="example", payload={"q": q}, label=q) for q in EXAMPLES]
    await cl.Message(content=WELCOME, actions=actions).send()


@cl.action_callback("reply")
@cl.action_callback("example")
async def on_example(action: cl.Action) -> None:
    question = str(action.payload.get("q") or "")
    await cl.Message(content=question, author="Vous", type="user_message").send()
    await respond(question)


@cl.action_callback("new_search")
async def on_new_search(action: cl.Action) -> None:
    await new_search()


async def new_search() -> None:
    _fresh_session()
    await cl.Message(
        content="**Nouvelle recherche** : je repars de zéro (lieu, besoin, structure). "
        "Décrivez votre projet."
    ).send()


@cl.on_message
async def on_message(message: cl.Message) -> None:
    text = clean_text(message.content or "")  # lone surrogates, control characters
    if text.strip().lower().rstrip(" .!") in ("nouvelle recherche", "recommencer"):
        await new_search()
        return
    await respond(text)


# -- answering -------------------------------------------------------------------------------


async def respond(question: str) -> None:
    svc = services()
    conv_id = _conversation_id()
    conversation = _conversation(conv_id)
    async with cl.Step(name="Recherche dans le corpus", type="retrieval", show_input=False) as step:
        try:
            answer = await cl.make_async(svc.engine.ask)(question, conversation)
        except AssistantError as err:
            step.output = "Erreur"
            await cl.Message(content=err.french).send()
            return
        except Exception:  # noqa: BLE001 - the user gets a message, the log gets the trace
            log.exception("answer failed")
            step.output = "Erreur"
            await cl.Message(
                content="Désolé, une erreur interne m'empêche de répondre. "
                "Réessayez dans un instant."
            ).send()
            return
        step.output = retrieval_summary(answer)
    elements = [
        cl.Text(name=element_name(s), url=source_url(s.chunk_id, s.n), display="side")
        for s in answer.sources
    ]
    msg = cl.Message(content="", elements=elements)
    # streamed by paragraph: the lead shows at once; one frame per token would only add latency
    for i, block in enumerate(answer.answer.split("\n\n")):
        await msg.stream_token(("\n\n" if i else "") + block)
    answer_id = await _save(conv_id, answer)
    msg.actions = _actions(answer, conv_id, answer_id)
    if answer.found or answer.sources:
        msg.elements.append(_tools(answer, conv_id, answer_id))
    await msg.update()
    refine = refine_choices(answer)
    if refine:
        await cl.Message(content=REFINE_PROMPT, actions=_reply_actions(refine)).send()
    if answer_id is None:
        await cl.Message(
            content="_La base de données est momentanément indisponible : cet échange n'est pas "
            "enregistré pour relecture (la réponse ci-dessus reste valable)._"
        ).send()
    # the person asked to be put in touch ("mettez-moi en relation avec eux"): the form at once
    card = getattr(answer, "handoff_to", None)
    if isinstance(card, ContactCard):
        await open_handoff(card, conv_id, answer_id, answer.question)


def _tools(answer: Answer, conv_id: str, answer_id: int | None) -> cl.CustomElement:
    """Under the answer: "Copier la réponse" (plain text with its sources), "M'envoyer cette
    réponse" (when e-mails can be sent and the answer is stored), and the accessible names of
    its [n] chips ("source 1 : <titre>")."""
    mail = None
    if answer_id is not None and services().mailer is not None:
        mail = sign({"k": "answer_mail", "c": conv_id, "a": answer_id, "r": str(uuid.uuid4())})
    props = {
        "text": plain_answer(answer.question, answer.answer, answer.sources, answer.contacts),
        "labels": marker_labels(answer.sources),
        "mail": mail,
        "consent_text": (
            "J'accepte que mon adresse e-mail soit enregistrée pour cet envoi. Elle est effacée "
            "avec la conversation (après un an par défaut), et je peux demander sa suppression "
            "à tout moment."
        ),
    }
    return cl.CustomElement(name="AnswerTools", props=props, display="inline")


async def _save(conv_id: str, answer: Answer) -> int | None:
    try:
        return await cl.make_async(services().store.save_answer)(conv_id, answer)
    except StoreUnavailable as err:
        log.warning("answer not stored: %s", err)
    except Exception:  # noqa: BLE001 - storing must never cost the person their answer
        log.exception("answer not stored")
    return None


def _actions(answer: Answer, conv_id: str, answer_id: int | None) -> list[cl.Action]:
    actions = _reply_actions(reply_choices(answer))
    for card in answer.contacts:
        token = sign({"k": "handoff", "c": conv_id, "a": answer_id, "card": asdict(card),
                      "q": answer.question})
        actions.append(
            cl.Action(
                name="handoff",
                payload={"t": token},
                label=f"Être mis en relation : {card.organisation}",
                icon="send",
                tooltip="Transmettre votre demande à cette organisation",
            )
        )
    if answer_id is not None and answer.found:
        token = sign({"k": "feedback", "c": conv_id, "a": answer_id,
                      "q": answer.question[:300]})
        actions += [
            cl.Action(name="feedback_up", payload={"t": token}, label="Utile",
                      icon="thumbs-up", tooltip="Cette réponse m'a aidé"),
            cl.Action(name="feedback_down", payload={"t": token},
                      label="À corriger", icon="thumbs-down",
                      tooltip="Signaler une erreur dans cette réponse"),
        ]
    actions.append(
        cl.Action(name="new_search", payload={}, label=NEW_SEARCH, icon="rotate-ccw",
                  tooltip="Oublier le lieu, le besoin et la structure, et repartir de zéro")
    )
    return actions


# -- handoff ---------------------------------------------------------------------------------


@cl.action_callback("handoff")
async def on_handoff(action: cl.Action) -> None:
    data = read_token(action.payload, "handoff")
    try:
        card = ContactCard(**data["card"]) if data else None
    except TypeError:
        card = None
    if card is None:
        await cl.Message(content=EXPIRED).send()
        return
    await open_handoff(card, str(data.get("c") or _conversation_id()), data.get("a"),
                       data.get("q"))


def _delivery(card: dict) -> str:
    """``pending`` only when this server can send e-mails: without an SMTP server, staff
    forward the request (and the person is told so)."""
    mailer = services().mailer
    return delivery_for(card, mailer) if mailer is not None else "manual"


async def open_handoff(card: ContactCard, conv_id: str, answer_id: int | None,
                       question: str | None) -> None:
    """The handoff form for this contact, with a drafted message the person edits."""
    conversation = _conversation(conv_id)
    turns = conversation.turns or []
    if not turns and question:
        # another server answered: the draft still says what was asked
        turns = [Answer(str(question), "", [], [], None, conversation.profile or Profile())]
    card_dict = asdict(card)
    form = sign({"k": "handoff_form", "c": conv_id, "a": answer_id, "card": card_dict,
                 "r": str(uuid.uuid4())})
    props = {
        "form_id": form,
        "organisation": card.organisation,
        "draft": draft_message(card, turns, conversation.profile),
        "channel": channel_text(card, _delivery(card_dict), services().mailer is not None),
        "consent_text": (
            f"J'accepte que mon nom, mes coordonnées et ce message soient enregistrés et "
            f"transmis à {card.organisation}, et relus par l'équipe d'accompagnement de "
            "l'assistant. Je peux demander leur suppression à tout moment."
        ),
    }
    element = cl.CustomElement(name="HandoffForm", props=props, display="inline")
    await cl.Message(
        content=f"**Mise en relation avec {card.organisation}** — relisez le message, "
        "modifiez-le si besoin, puis envoyez.",
        elements=[element],
    ).send()


@cl.action_callback("handoff_submit")
async def on_handoff_submit(action: cl.Action) -> dict:
    svc = services()
    form = unsign(action.payload.get("form_id"))
    if not form or form.get("k") != "handoff_form":
        return {"ok": False, "errors": {"_form": "Ce formulaire a expiré : relancez la mise en "
                                        "relation depuis la réponse."}}
    fields = {k: (clean_text(v) if isinstance(v, str) else v) for k, v in action.payload.items()}
    fields["request_key"] = form["r"]  # the same request however often it is submitted
    req, errors = validate(fields, form["card"], form.get("c"), form.get("a"))
    if req is None:
        return {"ok": False, "errors": errors}
    mailer = svc.mailer
    delivery = _delivery(form["card"])
    copy = bool(mailer and mailer.ack)
    try:
        registered = await cl.make_async(register)(svc.store, req, delivery, copy)
    except Exception:  # noqa: BLE001 - the form keeps everything; the person can retry
        log.exception("handoff could not be stored nor spooled")
        return {"ok": False, "errors": {"_form": (
            "Votre demande n'a pas pu être enregistrée (incident technique). Rien n'a été "
            "envoyé et vos informations sont toujours dans le formulaire : réessayez dans un "
            "instant."
        )}}
    svc.wake.set()
    text = registered.text
    if delivery == "pending" and registered.number is not None:
        if await _sent(registered.number):
            text = sent_text(registered.number, req, copy)
    # said once, in place of the form (no second message)
    return {"ok": True, "text": text, "number": registered.number}


async def _sent(number: int, wait: float = 6.0) -> bool:
    """Whether the worker sent the request within ``wait`` seconds (it is woken at once): the
    person is then told it was sent, not that it will be."""
    import asyncio
    import time

    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        try:
            h = await cl.make_async(services().store.handoff)(number)
        except Exception:  # noqa: BLE001 - "registered" stays true
            return False
        if h is None or h["delivery"] != "pending":
            return bool(h and h["delivery"] == "sent")
    return False
