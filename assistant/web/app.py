"""The web application: ours (FastAPI), with Chainlit's chat mounted in it.

    uvicorn --factory assistant.web.app:create_app --host 127.0.0.1 --port 8000 [--workers 4]

(`assistant serve` runs that.) The app owns ``/staff`` (support staff), ``/suivi`` (the follow-up
links of e-mails) and ``/sources`` (the citations' side panels), and runs the e-mail worker in
its lifespan. Chainlit keeps its own routes; its element files go to a folder of this server
(``<data>/servers/<server id>``), so a server that stops never removes another one's files.
Several processes and hosts can run it behind one proxy, on one PostgreSQL database.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import time
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

from fastapi import FastAPI

from ..db import StoreUnavailable
from ..settings import Settings, settings

log = logging.getLogger("assistant.web")
HERE = Path(__file__).resolve().parent
#: the folder of the chat's interface, in the per-server folder (see _interface)
INTERFACE = "interface"
#: the page of Chainlit's interface links a stylesheet on a CDN (for maths, unused here): the
#: per-server copy of the page goes without it, so that the chat makes no outbound request
CDN_LINK = "https://cdn.jsdelivr.net/"


def _chainlit_dist() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("chainlit")
    return Path(spec.origin).parent / "frontend" / "dist"


def _interface(root: Path) -> None:
    """``root/interface``: Chainlit's built interface (its files linked, not copied), with its
    page rewritten in French (``lang="fr"``) and without the CDN stylesheet; chosen by
    ``custom_build`` in the config."""
    import re

    dist = _chainlit_dist()
    target = root / INTERFACE
    target.mkdir(parents=True, exist_ok=True)
    for item in dist.iterdir():
        if item.name == "index.html":
            continue
        link = target / item.name
        if not link.exists():
            link.symlink_to(item)
    page = (dist / "index.html").read_text(encoding="utf-8")
    page = re.sub(r'<link[^>]+href="' + re.escape(CDN_LINK) + r'[^"]*"[^>]*>', "", page)
    # nor connections opened in advance to font hosts it does not use; and the page is French
    page = re.sub(r'<link rel="preconnect"[^>]*>', "", page)
    page = page.replace('<html lang="en">', '<html lang="fr">')
    (target / "index.html").write_text(page, encoding="utf-8")


def prepare_root(s: Settings) -> Path:
    """This server's Chainlit folder: its config, public files and welcome page linked from
    the package, its element files (``.files``) and interface of its own."""
    root = s.files_dir()
    root.mkdir(parents=True, exist_ok=True)
    for name in (".chainlit", "public", "chainlit.md"):
        link = root / name
        if not link.exists():
            link.symlink_to(HERE / name)
    _interface(root)
    return root


def _sweep_old_roots(s: Settings, older_than: float = 86400.0) -> None:
    """Folders of servers that stopped long ago (each process has its own): removed."""
    parent = s.files_dir().parent
    if not parent.is_dir():
        return
    now = time.time()
    for folder in parent.iterdir():
        if folder == s.files_dir() or not folder.is_dir():
            continue
        try:
            if now - folder.stat().st_mtime > older_than:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


async def _worker(stop: asyncio.Event) -> None:
    """Send due e-mails (each exactly once, whatever the number of servers), import spooled
    requests, purge old conversations once a day."""
    from ..handoff import deliver_due
    from .services import services

    svc = services()
    s = svc.settings
    last_purge = float("-inf")
    while not stop.is_set():
        try:
            report = await asyncio.to_thread(
                deliver_due, svc.store, svc.mailer, None, s.public_url, s.server_id
            )
            if any(vars(report).values()):
                log.info("e-mails: %s", report)
            if time.monotonic() - last_purge > 86400:
                purged = await asyncio.to_thread(
                    svc.store.purge, timedelta(days=s.retention_days)
                )
                log.info("purge: %s", purged)
                last_purge = time.monotonic()
        except StoreUnavailable as err:
            log.warning("worker: %s", err)
        except Exception:  # noqa: BLE001 - the worker must survive anything and retry later
            log.exception("worker failed")
        woken = await asyncio.to_thread(svc.wake.wait, s.worker_interval)
        if woken:
            svc.wake.clear()


@asynccontextmanager
async def lifespan(app: FastAPI):
    from .services import services

    svc = services()
    _sweep_old_roots(svc.settings)
    stop = asyncio.Event()
    # the model and the index load while the first visitor reads the welcome message
    warm = asyncio.create_task(asyncio.to_thread(_warm_up))
    worker = asyncio.create_task(_worker(stop))
    try:
        yield
    finally:
        stop.set()
        svc.wake.set()
        for task in (worker, warm):
            task.cancel()
            try:
                await task
            except (asyncio.CancelledError, Exception):  # noqa: BLE001 - shutting down
                pass
        shutil.rmtree(svc.settings.files_dir() / ".files", ignore_errors=True)


def _warm_up() -> None:
    from .services import services

    try:
        services().engine.retriever()
    except Exception:  # noqa: BLE001 - the first question shows the problem in French
        log.warning("index not loaded yet", exc_info=True)


def create_app() -> FastAPI:
    """The app (a factory: each worker process makes its own, with its own element folder)."""
    s = settings()
    root = prepare_root(s)
    # Chainlit reads its folder when first imported: set before
    os.environ["CHAINLIT_APP_ROOT"] = str(root)
    for flag in ("CI", "DEBUG", "HEADLESS", "WATCH", "NO_CACHE"):
        os.environ.pop(flag, None)  # read by Chainlit as modes of its own
    from chainlit.utils import mount_chainlit

    from . import followup, sources, staff
    from .services import services
    from .staff_content import rank_preview

    app = FastAPI(lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)

    def documents() -> list:
        return list(services().engine.index.documents.values())

    app.include_router(
        staff.build_router(
            lambda: services().store,
            documents,
            on_flags_changed=lambda: services().flags.invalidate(),
            index_status=lambda: services().engine.index_problem,
            preview=lambda question: rank_preview(services().engine, question),
        )
    )
    app.include_router(followup.build_router(lambda: services().store))
    app.include_router(sources.build_router(lambda: services().engine.retriever().library))
    mount_chainlit(app, target=str(HERE / "chat.py"), path="/")
    return app
