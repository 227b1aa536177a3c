"""Chainlit app: ``assistant serve`` runs it. The logic lives in the engine, render.py, handoff.py
and store.py; this file wires them to the chat events.

Also served by this process: the support-staff pages at ``/staff`` (staff.py) and a background
worker that sends stored handoff requests (with retries) and purges old conversations.
"""

from __future__ import annotations

import logging
import re
import threading
import uuid
from dataclasses import asdict
from datetime import timedelta

import chainlit as cl
import chainlit.server as chainlit_server
from chainlit.server import app as server

from assistant.answer import Answer
from assistant.config import ServerSettings
from assistant.engine import Conversation, Engine
from assistant.errors import AssistantError
from assistant.handoff import Mailer, deliver_due, delivery_for, draft_message, register, validate
from assistant.store import FEEDBACK_REASONS, FlagReader, Store, StoreUnavailable
from assistant.ui import followup, staff
from assistant.ui.render import (
    REFINE_PROMPT,
    channel_text,
    element_name,
    passage_card,
    refine_choices,
    reply_choices,
    retrieval_summary,
)

log = logging.getLogger("assistant.chat")

STORE = Store.lazy()
FLAGS = FlagReader(STORE)
ENGINE = Engine(flags=FLAGS)
# `assistant serve` checks these settings before starting; started otherwise (chainlit run), a
# wrong one is logged and its default used: the chat must answer, and requests are kept anyway
try:
    MAILER = Mailer.from_env()
except AssistantError as err:
    log.error("SMTP settings ignored: %s", err)
    MAILER = None
try:
    SETTINGS = ServerSettings.from_env()
except AssistantError as err:
    log.error("%s Using the defaults.", err)
    SETTINGS = ServerSettings()
RETENTION = timedelta(days=SETTINGS.retention_days)
WAKE = threading.Event()
NEW_SEARCH = "Nouvelle recherche"


def _warm_up() -> None:
    """Load the model and the index while the first visitor reads the welcome message."""
    try:
        ENGINE.retriever()
    except Exception:  # noqa: BLE001 - the first question will show the problem in French
        pass


def _worker() -> None:
    """Send due handoff requests, import spooled ones, purge old conversations (daily)."""
    import time

    last_purge = float("-inf")
    while True:
        try:
            report = deliver_due(STORE, MAILER, public_url=SETTINGS.public_url)
            if report.sent or report.failed or report.imported or report.followups:
                log.info("handoffs: %s", report)
            if time.monotonic() - last_purge > 86400:
                log.info("purge: %s", STORE.purge(RETENTION))
                last_purge = time.monotonic()
        except StoreUnavailable as err:
            log.warning("worker: %s", err)
        except Exception:  # noqa: BLE001 - the worker must survive anything and retry later
            log.exception("worker failed")
        WAKE.wait(SETTINGS.worker_interval)
        WAKE.clear()


threading.Thread(target=_warm_up, daemon=True).start()
threading.Thread(target=_worker, daemon=True, name="handoff-worker").start()

# -- no outbound request: the page template links KaTeX's stylesheet on a CDN (math, unused) --
_template = chainlit_server.get_html_template


def _local_template(*args, **kwargs) -> str:
    return re.sub(r'<link[^>]+href="https://cdn\.jsdelivr\.net/[^"]*"[^>]*>', "",
                  _template(*args, **kwargs))


chainlit_server.get_html_template = _local_template

# -- staff and follow-up pages: before Chainlit's catch-all route that serves the chat -----
_routes = server.router.routes
_before = len(_routes)
server.include_router(
    staff.build_router(
        lambda: STORE,
        lambda: list(ENGINE.index.documents.values()),
        on_flags_changed=FLAGS.invalidate,
    )
)
server.include_router(followup.build_router(lambda: STORE))
_added = _routes[_before:]
del _routes[_before:]
_routes[0:0] = _added

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


def _session_state() -> tuple[Conversation, str, dict]:
    conversation = cl.user_session.get("conversation")
    if conversation is None:
        conversation = Conversation()
        cl.user_session.set("conversation", conversation)
    conv_id = cl.user_session.get("conversation_id")
    if conv_id is None:
        conv_id = str(uuid.uuid4())
        cl.user_session.set("conversation_id", conv_id)
    forms = cl.user_session.get("forms")
    if forms is None:
        forms = {}
        cl.user_session.set("forms", forms)
    return conversation, conv_id, forms


def _fresh_session() -> None:
    """A new conversation: nothing learnt yet, a new id for the database, no open form."""
    cl.user_session.set("conversation", Conversation())
    cl.user_session.set("conversation_id", str(uuid.uuid4()))
    cl.user_session.set("forms", {})


def _reply_actions(choices: list[str]) -> list[cl.Action]:
    """Buttons whose text is sent as the person's reply."""
    return [cl.Action(name="reply", payload={"q": c}, label=c) for c in choices]


@cl.on_chat_start
async def start() -> None:
    _fresh_session()
    actions = [cl.Action(name="example", payload={"q": q}, label=q) for q in EXAMPLES]
    await cl.Message(content=WELCOME, actions=actions).send()


@cl.action_callback("reply")
@cl.action_callback("example")
async def on_example(action: cl.Action) -> None:
    question = action.payload["q"]
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
    if message.content.strip().lower().rstrip(" .!") in ("nouvelle recherche", "recommencer"):
        await new_search()
        return
    await respond(message.content)


async def respond(question: str) -> None:
    conversation, conv_id, forms = _session_state()
    async with cl.Step(name="Recherche dans le corpus", type="retrieval", show_input=False) as step:
        try:
            answer = await cl.make_async(ENGINE.ask)(question, conversation)
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
        cl.Text(name=element_name(s), content=passage_card(s), display="side")
        for s in answer.sources
    ]
    msg = cl.Message(content="", elements=elements)
    # streamed by paragraph: the lead shows at once; one frame per token would only add latency
    for i, block in enumerate(answer.answer.split("\n\n")):
        await msg.stream_token(("\n\n" if i else "") + block)
    answer_id = await _save(conv_id, answer)
    ids = cl.user_session.get("answer_ids") or {}
    ids[(conv_id, len(conversation.turns) - 1)] = answer_id
    cl.user_session.set("answer_ids", ids)
    msg.actions = _actions(answer, len(conversation.turns) - 1, answer_id)
    await msg.update()
    refine = refine_choices(answer)
    if refine:
        await cl.Message(
            content=REFINE_PROMPT,
            actions=_reply_actions(refine),
        ).send()
    if answer_id is None:
        await cl.Message(
            content="_La base de données est momentanément indisponible : cet échange n'est pas "
            "enregistré pour relecture (la réponse ci-dessus reste valable)._"
        ).send()


async def _save(conv_id: str, answer: Answer) -> int | None:
    try:
        return await cl.make_async(STORE.save_answer)(conv_id, answer)
    except StoreUnavailable as err:
        log.warning("answer not stored: %s", err)
    except Exception:  # noqa: BLE001 - storing must never cost the person their answer
        log.exception("answer not stored")
    return None


def _actions(answer: Answer, turn: int, answer_id: int | None) -> list[cl.Action]:
    actions = _reply_actions(reply_choices(answer))
    for i, card in enumerate(answer.contacts):
        actions.append(
            cl.Action(
                name="handoff",
                payload={"turn": turn, "card": i},
                label=f"Être mis en relation : {card.organisation}",
                icon="send",
                tooltip="Transmettre votre demande à cette organisation",
            )
        )
    if answer_id is not None and answer.found:
        actions += [
            cl.Action(name="feedback_up", payload={"answer_id": answer_id}, label="Utile",
                      icon="thumbs-up", tooltip="Cette réponse m'a aidé"),
            cl.Action(name="feedback_down", payload={"answer_id": answer_id},
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
    conversation, conv_id, forms = _session_state()
    try:
        turn = conversation.turns[int(action.payload["turn"])]
        card = turn.contacts[int(action.payload["card"])]
    except (KeyError, IndexError, ValueError, TypeError):
        await cl.Message(
            content="Cette réponse appartient à une recherche précédente : reposez votre "
            "question pour retrouver les contacts."
        ).send()
        return
    form_id = uuid.uuid4().hex[:12]
    card_dict = asdict(card)
    forms[form_id] = {
        "kind": "handoff",
        "card": card_dict,
        "answer_id": (cl.user_session.get("answer_ids") or {}).get(
            (conv_id, int(action.payload["turn"]))
        ),
        "request_key": str(uuid.uuid4()),
    }
    props = {
        "form_id": form_id,
        "organisation": card.organisation,
        "draft": draft_message(card, conversation.turns, conversation.profile),
        "channel": channel_text(card, delivery_for(card_dict, MAILER)),
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
    _conversation, conv_id, forms = _session_state()
    form = forms.get(str(action.payload.get("form_id")))
    if not form or form["kind"] != "handoff":
        return {"ok": False, "errors": {"_form": "Ce formulaire a expiré : relancez la mise en "
                                        "relation depuis la réponse."}}
    fields = dict(action.payload, request_key=form["request_key"])
    req, errors = validate(fields, form["card"], conv_id, form["answer_id"])
    if req is None:
        return {"ok": False, "errors": errors}
    try:
        registered = await cl.make_async(register)(
            STORE, req, delivery_for(form["card"], MAILER), bool(MAILER and MAILER.ack)
        )
    except Exception:  # noqa: BLE001 - the form keeps everything; the person can retry
        log.exception("handoff could not be stored nor spooled")
        return {"ok": False, "errors": {"_form": (
            "Votre demande n'a pas pu être enregistrée (incident technique). Rien n'a été "
            "envoyé et vos informations sont toujours dans le formulaire : réessayez dans un "
            "instant."
        )}}
    WAKE.set()
    await cl.Message(content=registered.text).send()
    return {"ok": True, "text": registered.text, "number": registered.number}


# -- feedback --------------------------------------------------------------------------------


@cl.action_callback("feedback_up")
async def on_feedback_up(action: cl.Action) -> None:
    try:
        await cl.make_async(STORE.add_feedback)(int(action.payload["answer_id"]), 1)
    except AssistantError as err:
        await cl.context.emitter.send_toast(err.french, "error")
        return
    await action.remove()
    await cl.context.emitter.send_toast("Merci pour votre retour !", "success")


@cl.action_callback("feedback_down")
async def on_feedback_down(action: cl.Action) -> None:
    _conversation, _conv_id, forms = _session_state()
    form_id = uuid.uuid4().hex[:12]
    forms[form_id] = {"kind": "feedback", "answer_id": int(action.payload["answer_id"])}
    element = cl.CustomElement(
        name="FeedbackForm",
        props={"form_id": form_id, "reasons": [[k, v] for k, v in FEEDBACK_REASONS.items()]},
        display="inline",
    )
    await cl.Message(content="Aidez-nous à corriger cette réponse :", elements=[element]).send()


@cl.action_callback("feedback_submit")
async def on_feedback_submit(action: cl.Action) -> dict:
    _conversation, _conv_id, forms = _session_state()
    form = forms.get(str(action.payload.get("form_id")))
    if not form or form["kind"] != "feedback":
        return {"ok": False, "error": "Ce formulaire a expiré."}
    reason = action.payload.get("reason") or None
    comment = str(action.payload.get("comment") or "")[:2000]
    if reason is not None and reason not in FEEDBACK_REASONS:
        return {"ok": False, "error": "Motif inconnu."}
    if reason is None and not comment.strip():
        return {"ok": False, "error": "Choisissez un motif ou écrivez un commentaire."}
    try:
        await cl.make_async(STORE.add_feedback)(form["answer_id"], -1, reason, comment)
    except AssistantError as err:
        return {"ok": False, "error": err.french}
    return {"ok": True}
