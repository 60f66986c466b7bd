"""The KeyValue store's writes: replace in place, remove on None, and never lose a race on a new key."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from storage.db import Database
from storage.queries.keyvalue import (
    claim_lock,
    clear_locks,
    load_keys,
    load_namespace,
    put_value,
    release_lock,
    renew_lock,
)


def test_put_replaces_and_none_removes(db: Database) -> None:
    db.call(put_value, namespace="user_data", key="7", value={"draft": 1})
    db.call(put_value, namespace="user_data", key="7", value={"draft": 2})
    db.call(put_value, namespace="user_data", key="8", value={})
    assert db.call(load_namespace, namespace="user_data") == {"7": {"draft": 2}, "8": {}}
    db.call(put_value, namespace="user_data", key="7", value=None)
    db.call(put_value, namespace="user_data", key="missing", value=None)
    assert db.call(load_namespace, namespace="user_data") == {"8": {}}
    assert db.call(load_namespace, namespace="other") == {}


def test_concurrent_first_writes_of_one_key_all_succeed(db: Database) -> None:
    # The periodic persistence job and a step's own save used to both find no row and both INSERT.
    barrier = threading.Barrier(8)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        barrier.wait()
        try:
            db.call(put_value, namespace="user_data", key="42", value={"n": n})
        except BaseException as error:  # collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    stored = db.call(load_namespace, namespace="user_data")
    assert set(stored) == {"42"} and stored["42"]["n"] in range(8)


def test_a_lock_is_held_until_released_or_its_lease_runs_out(db: Database) -> None:
    t0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    lease = timedelta(seconds=20)

    def claim(at: datetime) -> bool:
        return db.call(claim_lock, key=":7", now=at, stale_before=at - lease)

    assert claim(t0)
    assert not claim(t0 + timedelta(seconds=5))  # held by the first claim
    assert db.call(renew_lock, key=":7", claimed_at=t0, now=t0 + timedelta(seconds=10))
    assert not claim(t0 + timedelta(seconds=25))  # the renewed lease runs to 0:30
    db.call(release_lock, key=":7", claimed_at=t0)  # an old claim's release takes nothing
    assert not claim(t0 + timedelta(seconds=26))
    lapsed = t0 + timedelta(seconds=31)
    assert claim(lapsed)  # its holder is presumed dead
    assert not db.call(renew_lock, key=":7", claimed_at=t0 + timedelta(seconds=10), now=lapsed)
    db.call(release_lock, key=":7", claimed_at=lapsed)
    assert claim(lapsed + timedelta(seconds=1))


def test_forgetting_one_bots_locks_leaves_the_others(db: Database) -> None:
    now = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    for key in (":1", ":2", "tinh-b:1", "tinh_b:1"):
        assert db.call(claim_lock, key=key, now=now, stale_before=now - timedelta(seconds=20))
    assert db.call(clear_locks, scope="") == 2
    assert db.call(clear_locks, scope="tinh_b") == 1  # "_" is not a wildcard here
    assert set(db.call(load_namespace, namespace="user_lock")) == {"tinh-b:1"}


def test_load_keys_reads_several_pairs_at_once(db: Database) -> None:
    db.call(put_value, namespace="conversation:progress", key="[7, 7]", value=3)
    db.call(put_value, namespace="user_data", key="7", value={"d": 1})
    wanted = [("conversation:progress", "[7, 7]"), ("conversation:task_edit", "[7, 7]"), ("user_data", "7")]
    assert db.call(load_keys, wanted=wanted) == {
        ("conversation:progress", "[7, 7]"): 3,
        ("user_data", "7"): {"d": 1},
    }
    assert db.call(load_keys, wanted=[]) == {}
