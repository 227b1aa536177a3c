"""The support-staff pages at ``/staff``: review answers, feedback and handoff requests.

Server-rendered HTML (Jinja2, autoescaped: a question or a passage is always shown as text), no
JavaScript, usable with the keyboard. Every page and action needs a session opened with a user
name and password (scrypt hash in the database; accounts are made with ``assistant staff add``).
Forms carry a per-session token (CSRF) and the cookie is ``HttpOnly`` and ``SameSite=Strict``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from ..config import HANDOFF_STATUSES, REMIND_DAYS
from ..db import (
    DELIVERY_LABELS,
    DOCUMENT_FLAGS,
    FEEDBACK_REASONS,
    REVIEW_STATES,
    SATISFACTION,
    LoginThrottled,
    Store,
    StoreUnavailable,
    days_unchanged,
    needs_reminder,
    paris_time,
    utcnow,
)
from ..db.staff import SESSION_HOURS
from ..errors import UsageError
from ..handoff.mail import request_text
from .render import KIND_FR, STATUS_FR, answer_html
from .staff_content import DONE, delivery_label, mailto, reviewed_csv, to_forward

log = logging.getLogger("assistant.staff")
COOKIE = "assistant_staff"
TEMPLATES = Path(__file__).parent / "templates"
PAGE_SIZE = 50  # rows per table on the dashboard
HEADERS = {
    # one script, served here (staff.js: "copier le message"); everything works without it
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}

JINJA = Environment(
    loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True
)
JINJA.filters["dt"] = lambda d: paris_time(d).strftime("%d/%m/%Y %H:%M") if d else "—"
JINJA.filters["answer_html"] = lambda text, anchor="": Markup(answer_html(text or "", anchor))


JINJA.globals.update(
    KINDS=KIND_FR,
    SOURCE_STATUS=STATUS_FR,
    delivery_label=delivery_label,
    to_forward=to_forward,
    mailto=mailto,
    request_text=request_text,
    STATUSES=HANDOFF_STATUSES,
    DELIVERY=DELIVERY_LABELS,
    REASONS=FEEDBACK_REASONS,
    REVIEWS=REVIEW_STATES,
    SATISFACTION=SATISFACTION,
    FLAGS=DOCUMENT_FLAGS,
)


class _With:
    """A row with values computed for a page (days unchanged, a parsed profile), read like the
    row itself (``x.name`` or ``x["name"]``)."""

    def __init__(self, row, **extra) -> None:
        self._row = row
        self.__dict__.update(extra)

    def __getattr__(self, name: str):
        return getattr(self._row, name)

    def __getitem__(self, name: str):
        return self.__dict__[name] if name in self.__dict__ else self._row[name]

    def get(self, name: str, default=None):
        try:
            return self[name]
        except (KeyError, AttributeError):
            return default


def build_router(
    get_store: Callable[[], Store],
    list_documents: Callable[[], list],
    on_flags_changed: Callable[[], None] = lambda: None,
    index_status: Callable[[], str | None] = lambda: None,
    preview: Callable[[str], list[dict]] | None = None,
) -> APIRouter:
    """``list_documents`` returns the indexed documents (for hide/promote); ``index_status``
    what is wrong with a newly published index version (the previous one still serves);
    ``preview`` ranks the documents for a question, with and without promotion
    (:func:`.staff_content.rank_preview`)."""
    router = APIRouter(prefix="/staff")

    def page(template: str, code: int = 200, **ctx) -> HTMLResponse:
        problem = None
        if ctx.get("session"):
            try:
                problem = index_status()
            except Exception:  # noqa: BLE001 - a banner must never break a page
                problem = None
        html = JINJA.get_template(template).render(index_problem=problem, **ctx)
        return HTMLResponse(html, status_code=code, headers=HEADERS)

    def done(request: Request) -> str | None:
        return DONE.get(str(request.query_params.get("fait") or ""))

    def unavailable(err: StoreUnavailable) -> HTMLResponse:
        log.warning("staff page: %s", err)
        return page("staff_error.html", 503, message=err.french, session=None)

    def current(request: Request):
        return get_store().session(request.cookies.get(COOKIE))

    def to_login() -> RedirectResponse:
        return RedirectResponse("/staff/login", status_code=303, headers=HEADERS)

    def redirect(target: str) -> RedirectResponse:
        return RedirectResponse(target, status_code=303, headers=HEADERS)

    def error(session, code: int, message: str) -> HTMLResponse:
        return page("staff_error.html", code, session=session, message=message)

    async def guarded(request: Request, action: Callable, post: bool = False) -> Response:
        """Runs ``action(session, form)`` for a logged-in staff member, in a worker thread (the
        database calls must not block the chat's event loop). One place for the rules every page
        follows: no session → login page; a POST without the session's token → refused; database
        down → the 503 page; an unknown request or answer → a 404 page saying so."""
        form = await request.form() if post else None
        try:
            session = await run_in_threadpool(current, request)
            if session is None:
                return to_login()
            if post and form.get("csrf") != session.csrf:
                return error(None, 403, "Formulaire expiré ou invalide : rechargez la page et "
                                        "recommencez.")
            try:
                return await run_in_threadpool(action, session, form)
            except UsageError as err:  # e.g. a request deleted meanwhile by `assistant forget`
                return error(session, 404, err.french)
        except StoreUnavailable as err:
            log.warning("staff page: %s", err)
            return page("staff_error.html", 503, message=err.french, session=None)

    @router.get("/login", response_class=HTMLResponse)
    def login_form(request: Request):
        return page("staff_login.html", error=None, username="", session=None)

    @router.post("/login", response_class=HTMLResponse)
    async def login(request: Request):
        form = await request.form()
        username = str(form.get("username") or "").strip()[:120]
        password = str(form.get("password") or "")
        # the client's address: a proxy's X-Forwarded-For is read only from the addresses in
        # ASSISTANT_TRUSTED_PROXIES (uvicorn's proxy headers, set by `assistant serve`)
        ip = request.client.host if request.client else "?"
        try:
            token = await run_in_threadpool(get_store().login, username, password, ip)
        except LoginThrottled as err:
            return page("staff_login.html", 429, session=None, username=username,
                        error=err.french)
        except StoreUnavailable as err:
            log.warning("staff login: %s", err)
            return page("staff_error.html", 503, message=err.french, session=None)
        if token is None:
            return page(
                "staff_login.html",
                401,
                session=None,
                username=username,
                error="Identifiant ou mot de passe incorrect.",
            )
        resp = redirect("/staff")
        resp.set_cookie(
            COOKIE,
            token,
            max_age=SESSION_HOURS * 3600,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/staff",
        )
        return resp

    @router.post("/logout")
    async def logout(request: Request):
        def act(session, form):
            get_store().logout(request.cookies.get(COOKIE, ""))
            resp = to_login()
            resp.delete_cookie(COOKIE, path="/staff")
            return resp

        return await guarded(request, act, post=True)

    @router.get("/password", response_class=HTMLResponse)
    async def password_form(request: Request):
        def act(session, form):
            return page("staff_password.html", session=session, error=None, done=False)

        return await guarded(request, act)

    @router.post("/password", response_class=HTMLResponse)
    async def password_change(request: Request):
        def act(session, form):
            current_pw = str(form.get("current") or "")
            new, again = str(form.get("new") or ""), str(form.get("again") or "")
            ip = request.client.host if request.client else "?"

            def refuse(code: int, message: str) -> HTMLResponse:
                return page("staff_password.html", code, session=session, error=message,
                            done=False)

            wait = get_store().login_wait(session.staff.username, ip)
            if wait:
                return refuse(429, LoginThrottled(wait).french)
            if new != again:
                return refuse(400, "Les deux nouveaux mots de passe ne sont pas identiques.")
            if new == current_pw:
                return refuse(400, "Le nouveau mot de passe doit être différent de l'actuel.")
            try:
                changed = get_store().change_password(
                    session.staff.id, current_pw, new, request.cookies.get(COOKIE, "")
                )
            except UsageError as err:
                return refuse(400, err.french)
            if not changed:
                get_store().login_failed(session.staff.username, ip)
                return refuse(401, "Le mot de passe actuel est incorrect.")
            return page("staff_password.html", session=session, error=None, done=True)

        return await guarded(request, act, post=True)

    @router.get("", response_class=HTMLResponse)
    @router.get("/", response_class=HTMLResponse)
    async def dashboard(request: Request, status: str | None = None, handoffs_from: str = "0",
                        conversations_from: str = "0"):
        waiting = status == "waiting"
        status = status if status in HANDOFF_STATUSES else None
        handoffs_from, conversations_from = _offset(handoffs_from), _offset(conversations_from)

        def act(session, form):
            store = get_store()
            now = utcnow()
            # one row more than shown tells whether an older page exists
            hs = store.handoffs(status=status, limit=PAGE_SIZE + 1, offset=handoffs_from,
                                waiting=waiting, now=now)
            hs = [_With(h, days=days_unchanged(h, now), remind=needs_reminder(h, now))
                  for h in hs]
            cs = store.recent_conversations(limit=PAGE_SIZE + 1, offset=conversations_from)
            return page(
                "staff_home.html",
                session=session,
                filter_status="waiting" if waiting else status,
                n_waiting=store.count_handoffs(waiting=True, now=now),
                remind_days=REMIND_DAYS,
                handoffs=hs[:PAGE_SIZE],
                conversations=cs[:PAGE_SIZE],
                handoffs_from=handoffs_from,
                conversations_from=conversations_from,
                more_handoffs=len(hs) > PAGE_SIZE,
                more_conversations=len(cs) > PAGE_SIZE,
                page_size=PAGE_SIZE,
                feedback=store.recent_feedback(limit=30),
                satisfaction=store.satisfaction_counts(),
                spooled=len(store.spooled()),
            )

        return await guarded(request, act)

    @router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
    async def conversation(request: Request, conversation_id: str):
        def act(session, form):
            conv = get_store().conversation(conversation_id)
            if conv is None:
                return error(session, 404, "Conversation introuvable (supprimée ou purgée ?).")
            answers = [_With(a, profile=json.loads(a.profile or "{}")) for a in conv.answers]
            return page("staff_conversation.html", session=session,
                        conv=_With(conv, answers=answers), notice=done(request))

        return await guarded(request, act)

    @router.post("/answers/{answer_id}/review")
    async def review(request: Request, answer_id: int):
        def act(session, form):
            state = str(form.get("state") or "")
            if state not in REVIEW_STATES:
                return error(session, 400, "Choisissez « vérifiée » ou « fausse ».")
            store = get_store()
            store.review_answer(answer_id, state, str(form.get("note") or "")[:4000],
                                session.staff.username)
            row = store.answer(answer_id)
            return redirect(f"/staff/conversations/{row['conversation_id']}?fait=relecture"
                            f"#answer-{answer_id}")

        return await guarded(request, act, post=True)

    @router.get("/handoffs/{handoff_id}", response_class=HTMLResponse)
    async def handoff(request: Request, handoff_id: int):
        def act(session, form):
            h = get_store().handoff(handoff_id)
            if h is None:
                return error(session, 404, "Demande introuvable.")
            notice = done(request)
            if request.query_params.get("fait") == "statut":
                notice = f"Statut enregistré : {HANDOFF_STATUSES.get(h.status, h.status)}."
            return page("staff_handoff.html", session=session, h=h, notice=notice)

        return await guarded(request, act)

    @router.post("/handoffs/{handoff_id}/status")
    async def handoff_status(request: Request, handoff_id: int):
        def act(session, form):
            status = str(form.get("status") or "")
            if status not in HANDOFF_STATUSES:
                return error(session, 400, "Statut inconnu.")
            get_store().set_handoff_status(handoff_id, status, session.staff.username,
                                           str(form.get("note") or "")[:2000])
            return redirect(f"/staff/handoffs/{handoff_id}?fait=statut")

        return await guarded(request, act, post=True)

    @router.post("/handoffs/{handoff_id}/retry")
    async def handoff_retry(request: Request, handoff_id: int):
        def act(session, form):
            get_store().retry_delivery(handoff_id, session.staff.username)
            return redirect(f"/staff/handoffs/{handoff_id}?fait=relance")

        return await guarded(request, act, post=True)

    @router.get("/documents", response_class=HTMLResponse)
    async def documents(request: Request, q: str = "", essai: str = "", doc: str = ""):
        def act(session, form):
            flags = get_store().document_flags()
            docs = list_documents()
            needle = q.strip().lower()
            if needle:
                docs = [
                    d for d in docs
                    if needle in f"{d.id} {d.title} {d.organisation or ''}".lower()
                ]
            docs.sort(key=lambda d: (d.id not in flags, d.title.lower()))
            trial = None
            if essai.strip() and preview is not None:
                try:
                    trial = preview(essai.strip()[:500])
                except Exception:  # noqa: BLE001 - the index may be loading: say so
                    log.warning("document preview failed", exc_info=True)
                    trial = []
            return page("staff_documents.html", session=session, docs=docs, flags=flags, q=q,
                        essai=essai, trial=trial, focus=doc, notice=done(request))

        return await guarded(request, act)

    @router.post("/documents/{doc_id}")
    async def flag_document(request: Request, doc_id: str):
        def act(session, form):
            state = str(form.get("state") or "")
            if state not in (*DOCUMENT_FLAGS, "normal"):
                return error(session, 400, "Choix inconnu.")
            if doc_id not in {d.id for d in list_documents()}:
                return error(session, 404, "Document inconnu de l'index.")
            get_store().set_document_flag(doc_id, None if state == "normal" else state,
                                          session.staff.username,
                                          str(form.get("note") or "")[:2000])
            on_flags_changed()
            return redirect(f"/staff/documents?fait={state}&doc={quote(doc_id)}#essai")

        return await guarded(request, act, post=True)

    @router.get("/staff.js")
    def script() -> Response:
        return Response((TEMPLATES / "staff.js").read_text(encoding="utf-8"),
                        media_type="text/javascript; charset=utf-8",
                        headers={**HEADERS, "Cache-Control": "max-age=3600"})

    @router.get("/export.csv")
    async def export(request: Request):
        def act(session, form):
            return Response(
                reviewed_csv(get_store().reviewed_answers()),
                media_type="text/csv; charset=utf-8",  # with a BOM, ";": French Excel
                headers={
                    **HEADERS,
                    "Content-Disposition": 'attachment; filename="reponses-relues.csv"',
                },
            )

        return await guarded(request, act)

    return router


def _offset(text: str) -> int:
    """A page offset from the address bar; anything odd reads as the first page."""
    return int(text) if text.isdigit() and len(text) < 7 else 0
