"""Staff accounts and sessions, and the throttling of wrong passwords that every server shares.

Throttling must stop guessing without giving a stranger a way to lock a real member out:

- per **address**: many failures from one address within a window make that address wait
  (only the guesser is blocked);
- per **account and address**: a few failures for one account from one address make the next
  try from that address wait a delay that doubles with each failure (never a lock: the member,
  from their own address, is not affected by a stranger's failures);
- per **account**, whatever the address: past many failures, a short constant delay slows a
  guessing spread over many addresses, still without locking anyone out.

A right password clears the account's counters for that address. Unknown and known names cost the
same work: an unknown name is checked against a dummy hash made once per process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from ..errors import AssistantError, UsageError
from .core import rows, utcnow
from .rows import Staff, StaffMember, StaffSession
from .schema import login_failures, staff, staff_sessions

_SCRYPT = (2**14, 8, 1)
MIN_PASSWORD = 10
SESSION_HOURS = 12
#: failures are counted over this window, then forgotten
WINDOW = timedelta(minutes=15)
#: an address that fails this often within the window waits (at most MAX_ADDRESS_WAIT)
ADDRESS_FREE = 20
MAX_ADDRESS_WAIT = timedelta(minutes=15)
#: failures for one account from one address before the doubling delay starts
PAIR_FREE = 5
MAX_PAIR_WAIT = timedelta(minutes=5)
#: failures for one account from everywhere before the constant short delay
ACCOUNT_FREE = 20
ACCOUNT_WAIT = timedelta(seconds=3)


class LoginThrottled(AssistantError):
    """Too many wrong passwords from this address (or for this account): wait ``seconds``."""

    def __init__(self, seconds: int) -> None:
        self.seconds = max(1, seconds)
        super().__init__(
            f"Too many failed logins: try again in {self.seconds} s.",
            f"Trop d'essais de connexion : réessayez dans {self.seconds} secondes.",
        )


def hash_password(password: str) -> str:
    n, r, p = _SCRYPT
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${n}${r}${p}${b64(salt).decode()}${b64(digest).decode()}"


def new_password_hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(
            f"The password must have at least {MIN_PASSWORD} characters.",
            f"Le mot de passe doit faire au moins {MIN_PASSWORD} caractères.",
        )
    return hash_password(password)


def verify_password(password: str, stored: str) -> bool:
    try:
        algo, n, r, p, salt, digest = stored.split("$")
        if algo != "scrypt":
            return False
        got = hashlib.scrypt(
            password.encode(),
            salt=base64.b64decode(salt),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(base64.b64decode(digest)),
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, base64.b64decode(digest))


@cache
def _dummy_hash() -> str:
    """Checked against for unknown names, so that they cost the same single scrypt run."""
    return hash_password(secrets.token_urlsafe(16))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _keys(username: str, address: str) -> tuple[str, str, str]:
    name = username.strip().lower()[:120]
    addr = (address or "unknown")[:60]
    return f"ip:{addr}", f"pair:{name}|{addr}", f"acct:{name}"


def _wait(conn: Connection, keys: tuple[str, str, str], now: datetime) -> int:
    """Seconds to wait before this try is allowed (0: go on)."""
    found = {
        r["key"]: r
        for r in rows(conn.execute(login_failures.select().where(login_failures.c.key.in_(keys))))
    }
    waits = [timedelta(0)]
    rules = (
        # 4 s, then twice as long after each failure (times are kept to the second)
        (keys[0], ADDRESS_FREE, lambda n: min(timedelta(seconds=2 ** (n - ADDRESS_FREE + 2)),
                                              MAX_ADDRESS_WAIT)),
        (keys[1], PAIR_FREE, lambda n: min(timedelta(seconds=2 ** (n - PAIR_FREE + 2)),
                                           MAX_PAIR_WAIT)),
        (keys[2], ACCOUNT_FREE, lambda _n: ACCOUNT_WAIT),
    )
    for key, free, delay in rules:
        row = found.get(key)
        if row is None or row["last_at"] is None or now - row["first_at"] > WINDOW:
            continue
        if row["failures"] >= free:
            waits.append(row["last_at"] + delay(row["failures"]) - now)
    return max(0, int(max(waits).total_seconds() + 0.999))


def _fail(conn: Connection, keys: tuple[str, str, str], now: datetime) -> None:
    for key in keys:
        row = conn.execute(login_failures.select().where(login_failures.c.key == key)).first()
        if row is None:
            conn.execute(login_failures.insert().values(key=key, failures=1, first_at=now,
                                                         last_at=now))
        elif now - row.first_at > WINDOW:
            conn.execute(login_failures.update().where(login_failures.c.key == key)
                         .values(failures=1, first_at=now, last_at=now))
        else:
            conn.execute(login_failures.update().where(login_failures.c.key == key)
                         .values(failures=login_failures.c.failures + 1, last_at=now))


class StaffMixin:
    def add_staff(self, username: str, password: str) -> int:
        username = username.strip()
        if not username or len(username) > 120:
            raise UsageError("The user name must have 1 to 120 characters.")
        h = new_password_hash(password)
        with self._tx() as conn:
            row = conn.execute(sa.select(staff.c.id).where(staff.c.username == username)).first()
            if row:
                conn.execute(staff.update().where(staff.c.id == row.id).values(password_hash=h))
                conn.execute(staff_sessions.delete().where(staff_sessions.c.staff_id == row.id))
                conn.execute(login_failures.delete().where(
                    login_failures.c.key.like(f"pair:{username.lower()}|%")))
                return int(row.id)
            return int(
                conn.execute(
                    staff.insert()
                    .values(username=username, password_hash=h, created_at=utcnow())
                    .returning(staff.c.id)
                ).scalar_one()
            )

    def change_password(self, staff_id: int, current: str, new: str, keep_token: str) -> bool:
        """A staff member's own change: False when ``current`` is wrong. Every other session of
        the account ends (a stolen session cookie stops working); ``keep_token``'s goes on."""
        new_hash = new_password_hash(new)
        with self._tx() as conn:
            row = conn.execute(staff.select().where(staff.c.id == staff_id)).first()
            if row is None or not verify_password(current, row.password_hash):
                return False
            conn.execute(staff.update().where(staff.c.id == staff_id)
                         .values(password_hash=new_hash))
            conn.execute(
                staff_sessions.delete().where(
                    staff_sessions.c.staff_id == staff_id,
                    staff_sessions.c.token_hash != token_hash(keep_token),
                )
            )
            return True

    def staff_members(self) -> list[StaffMember]:
        with self._tx() as conn:
            return [
                StaffMember.of(r)
                for r in rows(
                    conn.execute(
                        sa.select(
                            staff.c.id, staff.c.username, staff.c.created_at,
                            staff.c.last_login_at,
                        ).order_by(staff.c.username)
                    )
                )
            ]

    def remove_staff(self, username: str) -> bool:
        with self._tx() as conn:
            return bool(conn.execute(staff.delete().where(staff.c.username == username)).rowcount)

    def login(self, username: str, password: str, address: str = "") -> str | None:
        """A new session token when the password is right, else None (the same work either
        way). Raises :class:`LoginThrottled` when this address must wait first."""
        keys = _keys(username, address)
        now = utcnow()
        with self._tx() as conn:
            wait = _wait(conn, keys, now)
        if wait:
            raise LoginThrottled(wait)
        with self._tx() as conn:
            row = conn.execute(staff.select().where(staff.c.username == username.strip())).first()
            stored = row.password_hash if row else _dummy_hash()
            if not verify_password(password, stored) or row is None:
                _fail(conn, keys, now)
                return None
            conn.execute(login_failures.delete().where(login_failures.c.key.in_(keys[:2])))
            token = secrets.token_urlsafe(32)
            conn.execute(staff_sessions.delete().where(staff_sessions.c.expires_at < now))
            conn.execute(
                staff_sessions.insert().values(
                    token_hash=token_hash(token),
                    staff_id=row.id,
                    csrf=secrets.token_urlsafe(24),
                    created_at=now,
                    expires_at=now + timedelta(hours=SESSION_HOURS),
                )
            )
            conn.execute(staff.update().where(staff.c.id == row.id).values(last_login_at=now))
            return token

    def login_wait(self, username: str, address: str = "") -> int:
        """Seconds this address must wait before trying a password of this account (0: go)."""
        with self._tx() as conn:
            return _wait(conn, _keys(username, address), utcnow())

    def login_failed(self, username: str, address: str = "") -> None:
        """A wrong password given elsewhere than at login (changing one's password)."""
        with self._tx() as conn:
            _fail(conn, _keys(username, address), utcnow())

    def session(self, token: str | None) -> StaffSession | None:
        if not token:
            return None
        q = (
            sa.select(
                staff.c.id, staff.c.username, staff_sessions.c.csrf, staff_sessions.c.expires_at
            )
            .select_from(staff_sessions.join(staff, staff.c.id == staff_sessions.c.staff_id))
            .where(staff_sessions.c.token_hash == token_hash(token))
        )
        with self._tx() as conn:
            row = conn.execute(q).first()
        if row is None or row.expires_at < utcnow():
            return None
        return StaffSession(Staff(row.id, row.username), row.csrf)

    def logout(self, token: str) -> None:
        with self._tx() as conn:
            conn.execute(
                staff_sessions.delete().where(staff_sessions.c.token_hash == token_hash(token))
            )
