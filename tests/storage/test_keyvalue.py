"""The KeyValue store's writes: replace in place, remove on None, and never lose a race on a new key."""

from __future__ import annotations

import threading

from storage.db import Database
from storage.queries.keyvalue import load_namespace, put_value


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
