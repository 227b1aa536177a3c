"""Chainlit app: ``assistant serve`` runs it. The logic lives in the engine and in render.py."""

from __future__ import annotations

import threading

import chainlit as cl

from assistant.engine import Conversation, Engine
from assistant.errors import AssistantError
from assistant.ui.render import element_name, passage_card, reply_choices, retrieval_summary

ENGINE = Engine()


def _warm_up() -> None:
    """Load the model and the index while the first visitor reads the welcome message."""
    try:
        ENGINE.retriever()
    except Exception:  # noqa: BLE001 - the first question will show the problem in French
        pass


threading.Thread(target=_warm_up, daemon=True).start()

WELCOME = (
    "Bonjour ! Je vous aide à trouver **qui peut financer ou accompagner** votre projet à impact "
    "social : incubateurs, prêts d'honneur, garanties, subventions, appels à projets, réseaux. "
    "Chaque réponse cite ses sources [n] et se termine par les contacts à joindre.\n\n"
    "Dites-moi où se situe votre projet, ce que vous cherchez et où vous en êtes."
)
EXAMPLES = [
    "Qui peut financer mon projet de mobilité rurale dans le Rhône ?",
    "Quel incubateur accepte une association qui n'a qu'une idée, à Lyon ?",
    "Je crée une SCIC alimentaire à Villeurbanne : quels prêts ou garanties ?",
]


@cl.on_chat_start
async def start() -> None:
    cl.user_session.set("conversation", Conversation())
    actions = [cl.Action(name="example", payload={"q": q}, label=q) for q in EXAMPLES]
    await cl.Message(content=WELCOME, actions=actions).send()


@cl.action_callback("reply")
@cl.action_callback("example")
async def on_example(action: cl.Action) -> None:
    question = action.payload["q"]
    await cl.Message(content=question, author="Vous", type="user_message").send()
    await respond(question)


@cl.on_message
async def on_message(message: cl.Message) -> None:
    await respond(message.content)


async def respond(question: str) -> None:
    conversation: Conversation = cl.user_session.get("conversation") or Conversation()
    cl.user_session.set("conversation", conversation)
    async with cl.Step(name="Recherche dans le corpus", type="retrieval", show_input=False) as step:
        try:
            answer = await cl.make_async(ENGINE.ask)(question, conversation)
        except AssistantError as err:
            step.output = "Erreur"
            await cl.Message(content=err.french).send()
            return
        except Exception:  # noqa: BLE001 - the user gets a message, the log gets the trace
            import logging

            logging.getLogger("assistant").exception("answer failed")
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
    actions = [cl.Action(name="reply", payload={"q": c}, label=c) for c in reply_choices(answer)]
    msg = cl.Message(content="", elements=elements, actions=actions)
    for i, line in enumerate(answer.answer.split("\n")):
        await msg.stream_token(("\n" if i else "") + line)
    await msg.update()
