"""The page a person reaches from the follow-up e-mail: did the request help?

No login: the link's secret (only its hash is stored) identifies the request. The page shows
only the request's number and organisation, never the person's details or message.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ..db import SATISFACTION, Store, StoreUnavailable
from .staff import HEADERS, JINJA

log = logging.getLogger("assistant.followup")


def build_router(get_store: Callable[[], Store]) -> APIRouter:
    router = APIRouter(prefix="/suivi")

    def page(code: int = 200, **ctx) -> HTMLResponse:
        html = JINJA.get_template("followup.html").render(SATISFACTION=SATISFACTION, **ctx)
        return HTMLResponse(html, status_code=code, headers=HEADERS)

    def gone() -> HTMLResponse:
        return page(404, h=None, error="Ce lien n'est plus valable : la demande a été supprimée, "
                    "ou le lien a été coupé en deux par votre messagerie (copiez-le en entier).")

    @router.get("/{token}", response_class=HTMLResponse)
    async def form(token: str):
        try:
            h = await run_in_threadpool(get_store().followup, token)
        except StoreUnavailable as err:
            log.warning("follow-up page: %s", err)
            return page(503, h=None, error=err.french)
        if h is None:
            return gone()
        return page(h=h, error=None, done=False)

    @router.post("/{token}", response_class=HTMLResponse)
    async def answer(request: Request, token: str):
        data = await request.form()
        choice = str(data.get("satisfaction") or "")
        comment = str(data.get("comment") or "")[:2000]
        try:
            if choice not in SATISFACTION:
                h = await run_in_threadpool(get_store().followup, token)
                if h is None:
                    return gone()
                return page(400, h=h, done=False, comment=comment,
                            error="Choisissez « oui » ou « non » avant d'envoyer.")
            h = await run_in_threadpool(get_store().answer_followup, token, choice, comment)
        except StoreUnavailable as err:
            log.warning("follow-up answer: %s", err)
            return page(503, h=None, error=err.french)
        if h is None:
            return gone()
        return page(h=h, error=None, done=True)

    return router
