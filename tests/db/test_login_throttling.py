"""Wrong passwords (issue 14): guessing is slowed, shared by every server (the database keeps
the counters), and a stranger cannot lock a real member out; known and unknown names cost the same
single password check."""

from __future__ import annotations

from datetime import timedelta

import pytest

from assistant.db import LoginThrottled, Store
from assistant.db import staff as staff_module
from assistant.db.staff import ACCOUNT_FREE, ADDRESS_FREE, PAIR_FREE

PASSWORD = "correct horse battery"


def _later(store: Store, seconds: int) -> None:
    """Move every failure's time back, as if ``seconds`` had passed."""
    from assistant.db.schema import login_failures

    back = timedelta(seconds=seconds)
    with store.engine.begin() as conn:
        for row in conn.execute(login_failures.select()).all():
            conn.execute(
                login_failures.update()
                .where(login_failures.c.key == row.key)
                .values(first_at=row.first_at - back, last_at=row.last_at - back)
            )


def test_a_strangers_failures_never_lock_the_member_out(store: Store):
    store.add_staff("marie", PASSWORD)
    # a stranger tries 40 passwords for marie from one address, then from another
    for i in range(40):
        try:
            assert store.login("marie", f"guess {i}", "203.0.113.9") is None
        except LoginThrottled:
            _later(store, 400)
    # marie, from her own address, logs in at once
    assert store.login("marie", PASSWORD, "198.51.100.7")


def test_one_address_guessing_one_account_waits_longer_each_time(store: Store):
    store.add_staff("marie", PASSWORD)
    for i in range(PAIR_FREE):
        assert store.login("marie", f"guess {i}", "203.0.113.9") is None
    with pytest.raises(LoginThrottled) as first:
        store.login("marie", PASSWORD, "203.0.113.9")  # even the right one must wait
    assert first.value.seconds >= 1
    assert "réessayez dans" in first.value.french
    _later(store, first.value.seconds)
    assert store.login("marie", "guess again", "203.0.113.9") is None
    with pytest.raises(LoginThrottled) as second:
        store.login("marie", "guess", "203.0.113.9")
    assert second.value.seconds > first.value.seconds  # the delay doubles
    _later(store, second.value.seconds)
    assert store.login("marie", PASSWORD, "203.0.113.9")  # then the right password works
    # and the counters of that address for marie are cleared
    assert store.login("marie", "a typo", "203.0.113.9") is None
    assert store.login("marie", PASSWORD, "203.0.113.9")


def test_an_address_that_guesses_many_names_is_blocked(store: Store):
    store.add_staff("marie", PASSWORD)
    for i in range(ADDRESS_FREE):
        assert store.login(f"user{i}", "guess", "203.0.113.9") is None
    with pytest.raises(LoginThrottled):
        store.login("marie", PASSWORD, "203.0.113.9")
    assert store.login("marie", PASSWORD, "198.51.100.7")  # other addresses are not


def test_guessing_spread_over_addresses_is_slowed_without_lock(store: Store):
    store.add_staff("marie", PASSWORD)
    for i in range(ACCOUNT_FREE):
        assert store.login("marie", "guess", f"203.0.113.{i}") is None
    with pytest.raises(LoginThrottled) as err:
        store.login("marie", "guess", "198.51.100.7")
    assert err.value.seconds <= 3  # a short delay, never a lockout
    _later(store, 4)
    assert store.login("marie", PASSWORD, "198.51.100.7")


def test_the_counters_are_shared_by_every_server(db_url: str, tmp_path):
    a, b = Store.open(db_url, tmp_path / "a"), Store.open(db_url, tmp_path / "b")
    try:
        a.add_staff("marie", PASSWORD)
        for i in range(PAIR_FREE):
            (a if i % 2 else b).login("marie", f"guess {i}", "203.0.113.9")
        with pytest.raises(LoginThrottled):
            b.login("marie", PASSWORD, "203.0.113.9")
    finally:
        a.dispose()
        b.dispose()


def test_known_and_unknown_names_cost_one_password_check(store: Store, monkeypatch):
    store.add_staff("marie", PASSWORD)
    store.login("nobody", "warm up the dummy hash", "192.0.2.1")
    calls = {"verify": 0, "hash": 0}
    verify, hash_ = staff_module.verify_password, staff_module.hash_password

    def counting_verify(*args):
        calls["verify"] += 1
        return verify(*args)

    def counting_hash(*args):
        calls["hash"] += 1
        return hash_(*args)

    monkeypatch.setattr(staff_module, "verify_password", counting_verify)
    monkeypatch.setattr(staff_module, "hash_password", counting_hash)
    for name in ("marie", "nobody", "someone-else"):
        calls.update(verify=0, hash=0)
        assert store.login(name, "wrong password", "192.0.2.2") is None
        assert calls == {"verify": 1, "hash": 0}, name
