"""The forms under an answer besides a handoff: "M'envoyer cette réponse" (the answer and its
sources by e-mail, sent by the outbox worker) and the feedback ("Utile", "À corriger" and its
form). Chainlit callbacks, registered when :mod:`.chat` imports this module."""

from __future__ import annotations

import chainlit as cl

from assistant.db import FEEDBACK_REASONS, StoreUnavailable
from assistant.errors import AssistantError
from assistant.handoff.form import EMAIL_RE
from assistant.language.text import clean_text
from assistant.web.render import answer_mail
from assistant.web.services import services
from assistant.web.signing import EXPIRED, read_token, sign, unsign


@cl.action_callback("answer_mail_submit")
async def on_answer_mail_submit(action: cl.Action) -> dict:
    """ "M'envoyer cette réponse": stored with the person's consent, sent by the worker (the
    same outbox, retries and exactly-once as requests); one request per form, however often
    it is submitted."""
    svc = services()
    form = unsign(action.payload.get("form_id"))
    if not form or form.get("k") != "answer_mail":
        return {"ok": False, "error": "Ce formulaire a expiré : reposez votre question."}
    email = clean_text(str(action.payload.get("email") or "")).strip()
    if not EMAIL_RE.match(email):
        return {"ok": False, "field": "email",
                "error": "Cette adresse e-mail ne semble pas valide (exemple : prenom@exemple.fr)."}
    if action.payload.get("consent") is not True:
        return {"ok": False, "field": "consent",
                "error": "Sans votre accord, je ne peux pas enregistrer votre adresse : cochez "
                         "la case."}
    if svc.mailer is None:
        return {"ok": False, "error": "L'envoi d'e-mails n'est pas configuré sur ce service : "
                                      "copiez la réponse à la place."}
    try:
        row = await cl.make_async(svc.store.answer)(int(form["a"]))
        if row is None or row["conversation_id"] != form.get("c"):
            return {"ok": False, "error": "Cette réponse n'est plus enregistrée : reposez votre "
                                          "question."}
        subject, body = answer_mail(row)
        number = await cl.make_async(svc.store.create_answer_mail)(
            form["r"], email, subject, body, form.get("c"), int(form["a"])
        )
    except StoreUnavailable as err:
        return {"ok": False, "error": err.french}
    svc.wake.set()
    return {"ok": True, "number": number,
            "text": f"C'est noté (envoi n° {number}) : la réponse et ses sources partent par "
                    f"e-mail à {email} dans quelques instants."}


@cl.action_callback("feedback_up")
async def on_feedback_up(action: cl.Action) -> None:
    data = read_token(action.payload, "feedback")
    if data is None:
        await cl.context.emitter.send_toast(EXPIRED, "error")
        return
    try:
        await cl.make_async(services().store.add_feedback)(int(data["a"]), 1, None, None,
                                                          str(data["c"]))
    except AssistantError as err:
        await cl.context.emitter.send_toast(err.french, "error")
        return
    await action.remove()
    await cl.context.emitter.send_toast("Merci pour votre retour !", "success")


@cl.action_callback("feedback_down")
async def on_feedback_down(action: cl.Action) -> None:
    data = read_token(action.payload, "feedback")
    if data is None:
        await cl.context.emitter.send_toast(EXPIRED, "error")
        return
    form = sign({"k": "feedback_form", "c": data["c"], "a": data["a"]})
    element = cl.CustomElement(
        name="FeedbackForm",
        props={"form_id": form, "reasons": [[k, v] for k, v in FEEDBACK_REASONS.items()],
               "question": str(data.get("q") or "")},
        display="inline",
    )
    # under the answer it is about, not at the bottom of the chat
    if action.forId:
        await element.send(for_id=action.forId)
    else:
        await cl.Message(content="Aidez-nous à corriger cette réponse :",
                         elements=[element]).send()


@cl.action_callback("feedback_submit")
async def on_feedback_submit(action: cl.Action) -> dict:
    form = unsign(action.payload.get("form_id"))
    if not form or form.get("k") != "feedback_form":
        return {"ok": False, "error": "Ce formulaire a expiré."}
    reason = action.payload.get("reason") or None
    comment = clean_text(str(action.payload.get("comment") or ""))[:2000]
    if reason is not None and reason not in FEEDBACK_REASONS:
        return {"ok": False, "error": "Motif inconnu."}
    if reason is None and not comment.strip():
        return {"ok": False, "error": "Choisissez un motif ou écrivez un commentaire."}
    try:
        await cl.make_async(services().store.add_feedback)(
            int(form["a"]), -1, reason, comment, str(form["c"])
        )
    except AssistantError as err:
        return {"ok": False, "error": err.french}
    return {"ok": True}
