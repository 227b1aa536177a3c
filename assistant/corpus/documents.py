"""The corpus schema: what a document is, validated field by field.

Documents come from Markdown files with YAML front matter (``corpus/``) or from JSON Lines records;
both end up as the same :class:`Document`. Unknown fields are kept in ``metadata``.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from functools import cache
from typing import Any, Literal
from urllib.parse import urlparse

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from ..config import DATA_DIR
from ..language import vocab

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,120}$")
Kind = Literal["organisation", "call", "guide"]
Recurrence = Literal["one_off", "annual", "recurring", "ongoing"]
Status = Literal["open", "closed", "permanent", "unknown", "upcoming"]


VOCABULARIES = {
    "audiences": (vocab.AUDIENCES, "audience"),
    "needs": (vocab.NEEDS, "need"),
    "themes": (vocab.THEMES, "theme"),
    "stages": (vocab.STAGES, "stage"),
    "zones": (vocab.ZONES, "zone"),
}


def _territory_codes(v: Any) -> list[str]:
    """Territory codes checked against the official lists (FR, REG:84, DEP:69, ...)."""
    from ..language.territory import CODE_RE, gazetteer

    out = []
    for code in _listify(v) or []:
        code = str(code).strip().upper()
        if not CODE_RE.match(code):
            raise ValueError(f"'{code}' is not a territory code (FR, REG:84, DEP:69, ...)")
        if gazetteer().get(code) is None:
            raise ValueError(f"territory '{code}' does not exist in the official lists")
        out.append(code)
    return out


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    organisation: str | None = None
    name: str | None = None
    role: str | None = None
    email: str | None = None
    phone: str | None = None
    url: str | None = None
    #: where this contact serves when narrower than its document ("la Banque alimentaire
    #: d'Auvergne" in the page of the region's food banks): offered only for those places
    territories: list[str] = Field(default_factory=list)

    @field_validator("territories")
    @classmethod
    def _contact_territories(cls, v: list[str]) -> list[str]:
        return _territory_codes(v)

    @field_validator("email")
    @classmethod
    def _email(cls, v: str | None) -> str | None:
        if v and not re.match(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", v, re.I):
            raise ValueError(f"'{v}' is not an e-mail address")
        return v

    _url = field_validator("url")(classmethod(lambda cls, v: _web_address(v)))

    def channels(self) -> list[str]:
        return [c for c in (self.email, self.phone, self.url) if c]

    def reachable(self) -> bool:
        """An e-mail, a phone or a page of the organisation's own (a press article is none)."""
        return bool(self.email or self.phone or (self.url and not is_press(self.url)))


class Window(BaseModel):
    """When an annual or recurring call usually opens and closes, read from its past editions."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    opens: int | None = Field(default=None, ge=1, le=12)
    closes: int | None = Field(default=None, ge=1, le=12)
    #: the years of the past editions the months were read from
    seen: list[int] = Field(default_factory=list)


class SourceRef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str
    checked: date | None = None


@cache
def _press_domains() -> frozenset[str]:
    path = DATA_DIR / "press_domains.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def is_press(url: str) -> bool:
    """A page of the press, an aggregator or a directory: a source, not a contact channel."""
    host = (urlparse(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in _press_domains())


def _web_address(v: str | None) -> str | None:
    if v and not v.startswith(("http://", "https://")):
        raise ValueError(f"'{v}' is not a web address (http:// or https://)")
    return v


def _listify(v: Any) -> Any:
    if v is None:
        return []
    if isinstance(v, str):
        return [x.strip() for x in v.replace(";", ",").split(",") if x.strip()]
    return v


class Document(BaseModel):
    """One corpus document. ``text`` is the Markdown body; ``origin`` says where it came from."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    kind: Kind
    title: str = Field(min_length=3)
    summary: str = ""
    url: str | None = None
    organisation: str | None = None
    territories: list[str] = Field(default_factory=lambda: ["FR"])
    excluded_territories: list[str] = Field(default_factory=list)
    audiences: list[str] = Field(default_factory=list)
    needs: list[str] = Field(default_factory=list)
    themes: list[str] = Field(default_factory=list)
    stages: list[str] = Field(default_factory=list)
    zones: list[str] = Field(default_factory=list)
    amount: str | None = None
    opens: date | None = None
    deadline: date | None = None
    recurrence: Recurrence | None = None
    usual_window: Window | None = None
    #: the organisation takes requests from project holders (an adviser answers): it gets a
    #: contact card and a handoff button. Registries, ministries, platforms and aids to
    #: individuals are sources, not contacts. None: decided from the kind (organisations do).
    takes_requests: bool | None = None
    #: the national network this document belongs to ("france-active", "initiative-france",
    #: "dla", "cress", ...): its most local member for the place asked is the one to contact
    network: str | None = None
    #: the network whose local service takes the applications of a national scheme (FONJEP
    #: posts and the FDVA: "sdjes"; the IAE conventionnement and the ESUS approval: "ddets"):
    #: answers name that service for the person's place, and give its contact
    applied_through: str | None = None
    #: what a project must be about for this document to fit, when its themes say too little
    #: (an eco-organism's fund for textiles: "textile", "vêtements", "friperie"...): the
    #: question has to name one of them
    subjects: list[str] = Field(default_factory=list)
    #: other names people use for it, beside its title, organisation and acronym ("les
    #: sessions d'accueil" for the Cantal's sessions d'accueil d'actifs): a question naming one
    #: is about this document
    aliases: list[str] = Field(default_factory=list)
    contacts: list[Contact] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)
    last_checked: date | None = None
    text: str = ""
    origin: str = ""
    metadata: dict[str, Any] = Field(default_factory=dict)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not ID_RE.match(v):
            raise ValueError(f"'{v}' must be lower case letters, digits and '-'")
        return v

    @field_validator(
        "territories",
        "excluded_territories",
        "audiences",
        "needs",
        "themes",
        "stages",
        "aliases",
        mode="before",
    )
    @classmethod
    def _lists(cls, v: Any) -> Any:
        return _listify(v)

    @field_validator("territories", "excluded_territories")
    @classmethod
    def _territories(cls, v: list[str]) -> list[str]:
        return _territory_codes(v)

    @field_validator("audiences", "needs", "themes", "stages", "zones")
    @classmethod
    def _vocabulary(cls, v: list[str], info: ValidationInfo) -> list[str]:
        table, what = VOCABULARIES[info.field_name]
        return _check_vocab(v, table, what)

    _url = field_validator("url")(classmethod(lambda cls, v: _web_address(v)))

    @model_validator(mode="after")
    def _dates(self) -> Document:
        if self.opens and self.deadline and self.opens > self.deadline:
            raise ValueError(f"opens ({self.opens}) is after deadline ({self.deadline})")
        return self

    def content_hash(self) -> str:
        """Hash of the whole document (not ``origin``; fields left at their default do not count,
        so a field added to the schema later changes no hash): tells changed from unchanged."""
        payload = self.model_dump(mode="json", exclude={"origin"}, exclude_defaults=True)
        return _digest(payload)

    def embed_hash(self) -> str:
        """Hash of what the passages are made of: a new deadline or contact re-embeds nothing."""
        return _digest([self.title, self.summary, self.organisation, self.amount, self.text])

    def status(self, today: date) -> Status:
        """open, closed, upcoming, permanent (no deadline, open all year) or unknown."""
        if self.kind != "call":
            return "permanent"
        if self.deadline and self.deadline < today:
            return "closed"
        if self.opens and self.opens > today:
            return "upcoming"
        if self.deadline:
            return "open"
        if self.recurrence == "ongoing":
            return "permanent"
        return "unknown"


def _digest(payload: Any) -> str:
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def _check_vocab(values: list[str], allowed: dict[str, str], what: str) -> list[str]:
    out = []
    for value in values:
        key = str(value).strip().lower()
        if key not in allowed:
            raise ValueError(f"unknown {what} '{value}' (allowed: {', '.join(allowed)})")
        out.append(key)
    return out


FIELDS = set(Document.model_fields)
