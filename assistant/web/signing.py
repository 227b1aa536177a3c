"""Signed payloads for the chat's buttons and forms.

A button or a form carries what it is about (the contact card, the answer, the conversation) in
a token signed with the service's secret, instead of an id into server memory: any server behind
the proxy can act on it, nothing has to be kept per session, and a visitor cannot forge one for
an answer of another conversation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from ..settings import settings

#: said when a button's token is no longer valid (another search, another key)
EXPIRED = (
    "Ce bouton appartient à une recherche précédente : reposez votre question pour retrouver "
    "les contacts."
)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(data: dict, key: bytes | None = None) -> str:
    body = _b64(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode())
    mac = hmac.new(key or settings().signing_key(), body.encode(), hashlib.sha256).digest()
    return f"{body}.{_b64(mac)}"


def unsign(token: object, key: bytes | None = None) -> dict | None:
    """The signed data, or None for anything else (forged, damaged, not a token)."""
    if not isinstance(token, str) or token.count(".") != 1 or len(token) > 20000:
        return None
    body, mac = token.split(".")
    want = hmac.new(key or settings().signing_key(), body.encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(_unb64(mac), want):
            return None
        data = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def read_token(payload: dict, kind: str) -> dict | None:
    """The signed data of a button's payload, if it is a token of this kind."""
    data = unsign(payload.get("t") if isinstance(payload, dict) else None)
    return data if data and data.get("k") == kind else None
