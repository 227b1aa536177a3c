"""What the web app's parts share in one process: the settings, the store, the engine, the
mailer. Made on first use (importing a module starts nothing: no thread, no connection)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from functools import cache

from ..db import FlagReader, Store
from ..engine import Engine
from ..errors import AssistantError
from ..handoff import Mailer
from ..settings import Settings, settings

log = logging.getLogger("assistant.web")


@dataclass
class Services:
    settings: Settings
    store: Store
    flags: FlagReader
    engine: Engine
    mailer: Mailer | None
    #: set when a handoff is registered: the worker sends it without waiting its interval
    wake: threading.Event = field(default_factory=threading.Event)


@cache
def services() -> Services:
    s = settings()
    store = Store.lazy(s.database_url, s.spool)
    flags = FlagReader(store)
    try:
        mailer = Mailer.from_settings(s)
    except AssistantError as err:  # `assistant serve` checks first; `uvicorn` alone may not
        log.error("SMTP settings ignored: %s", err)
        mailer = None
    return Services(s, store, flags, Engine(flags=flags), mailer)
