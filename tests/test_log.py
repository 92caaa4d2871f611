"""The compounding log's storage, on SQLite and on a real PostgreSQL server: versioned schema,
append-only enforced by the database, the hash chain and its audit, and real concurrent
processes (some killed mid-write) losing nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ldncalc import log
from ldncalc.errors import LogAccessError, LogError
from ldncalc.preparations.liquid import liquid
from ldncalc.prescriptions import prescription


def _register(book: log.Log, lot: str, ingredient_lot: str = "NX2291") -> log.Entry:
    result = liquid(target="4.5mg")
    details = prescription(
        patient="Jane Doe", prescriber="Dr. Ann Smith", rx="1234567", lot=lot, date="2026-11-22"
    )
    return log.register(
        book,
        result,
        details,
        prepared_by="A. Martin",
        ingredient_lots=[f"naltrexone={ingredient_lot}"],
    )


# 4.5 mg at 1 mg/mL for 30 days: 2 tablets of 50 mg (100 mg) in 100 mL; these pass exactly
GOOD = ["naltrexone=2", "water=100mL"]


def test_a_lot_goes_from_registered_to_released(log_url: str) -> None:
    with log.open_log(log_url) as book:
        _register(book, "L1")
        assert log.show(book, "L1")[0].status == "awaiting completion"
        with pytest.raises(LogError, match="is not completed: it cannot be released"):
            log.verify(book, "L1", pharmacist="B. Chen")
        done = log.complete(book, "L1", actual=GOOD, by="A. Martin")
        assert done.body["passed"] is True
        # 2 tablets × 50 mg ÷ 100 mL = 1 mg/mL: 100 % of the label
        assert done.body["strength_made"] == "1 mg/mL"
        with pytest.raises(LogError, match="prepared this lot and cannot verify it"):
            log.verify(book, "L1", pharmacist="a. martin")
        log.verify(book, "L1", pharmacist="B. Chen")
        lot = log.show(book, "L1")[0]
        assert (lot.status, lot.verified_by) == ("released", "B. Chen")
        with pytest.raises(LogError, match=r"was already released by B\. Chen"):
            log.verify(book, "L1", pharmacist="C. Diaz")
        assert [found.lot for found in log.recall(book, ingredient_lot="NX2291")] == ["L1"]
        assert log.audit(book).ok


def test_a_list_read_from_summaries_says_what_the_full_entries_say(log_url: str) -> None:
    from ldncalc.log.lots import lot_of

    with log.open_log(log_url) as book:
        for lot in ("S1", "S2", "S3", "S4"):
            _register(book, lot)
        log.complete(book, "S2", actual=GOOD)
        log.complete(book, "S3", actual=["naltrexone=1", "water=100mL"])
        log.complete(book, "S4", actual=GOOD)
        log.verify(book, "S4", pharmacist="B. Chen")
        log.verify(book, "S3", pharmacist="B. Chen", reject="short")
        listed = log.list_lots(book)
        full = [lot_of(book.entries("lot = ?", (lot,))) for lot in ("S1", "S2", "S3", "S4")]
    assert listed == full
    assert [lot.status for lot in listed] == [
        "awaiting completion",
        "completed",
        "quarantined",
        "released",
    ]


def test_a_failed_lot_is_never_released_and_can_be_quarantined(log_url: str) -> None:
    with log.open_log(log_url) as book:
        _register(book, "L2")
        # 105 mL instead of 100 mL: +5 % is inside the 5 % tolerance, but 1 tablet short
        failed = log.complete(book, "L2", actual=["naltrexone=1", "water=105mL"], by="A. Martin")
        assert failed.body["failures"][0] == (
            "Naltrexone HCl 50 mg tablets: 1 instead of 2 (−50 %, tolerance exact count)"
        )
        with pytest.raises(LogError, match="failed its checks"):
            log.verify(book, "L2", pharmacist="B. Chen")
        log.verify(book, "L2", pharmacist="B. Chen", reject="one tablet short")
        lot = log.show(book, "L2")[0]
        assert (lot.status, lot.reason) == ("quarantined", "one tablet short")


def test_a_single_pharmacist_pharmacy_verifies_its_own_lots_and_it_is_recorded(
    log_url: str,
) -> None:
    with log.open_log(log_url) as book:
        _register(book, "L3")
        log.complete(book, "L3", actual=GOOD, by="A. Martin")
        entry = log.verify(book, "L3", pharmacist="A. Martin", single_pharmacist=True)
        assert entry.body == {"single_pharmacist": True}


def test_a_correction_is_a_new_entry_naming_what_it_corrects(log_url: str) -> None:
    with log.open_log(log_url) as book:
        _register(book, "L4")
        first = log.complete(book, "L4", actual=["naltrexone=2", "water=10mL"], by="A. Martin")
        with pytest.raises(LogError, match="is already completed"):
            log.complete(book, "L4", actual=GOOD, by="A. Martin")
        second = log.complete(
            book, "L4", actual=GOOD, by="A. Martin", correction="typed 10 mL for 100 mL"
        )
        assert second.corrects == first.seq
        assert log.show(book, "L4")[0].status == "completed"


def test_a_lot_is_registered_once(log_url: str) -> None:
    with log.open_log(log_url) as book:
        _register(book, "L5")
        with pytest.raises(LogError, match='lot="L5": is already in the compounding log'):
            _register(book, "L5")


def _raw(log_url: str) -> tuple[object, str]:
    """A connection straight to the database (what a person with the file or a login has)."""
    if log_url.startswith("postgresql://"):
        import psycopg

        return psycopg.connect(log_url, autocommit=True), "%s"
    return sqlite3.connect(log_url, isolation_level=None), "?"


def test_the_database_itself_refuses_updates_and_deletes(log_url: str) -> None:
    with log.open_log(log_url) as book:
        _register(book, "L6")
    connection, _ = _raw(log_url)
    for statement in (
        "UPDATE entries SET patient = 'John Roe'",
        "DELETE FROM entries",
        "DELETE FROM ingredient_lots",
        "UPDATE ingredient_lots SET ingredient_lot = 'X'",
    ):
        with pytest.raises(Exception, match="append-only"):
            connection.execute(statement)  # type: ignore[attr-defined]
    connection.close()  # type: ignore[attr-defined]


def test_the_audit_names_the_first_entry_changed_behind_the_triggers(log_url: str) -> None:
    with log.open_log(log_url) as book:
        for lot in ("T1", "T2", "T3"):
            _register(book, lot)
        assert log.audit(book) == log.Audit(entries=3, ok=True)
    connection, mark = _raw(log_url)
    # someone with the database's own rights drops the guard and edits entry 2
    if mark == "?":
        connection.execute("DROP TRIGGER entries_no_update")  # type: ignore[attr-defined]
    else:
        connection.execute("DROP TRIGGER entries_no_change ON entries")  # type: ignore[attr-defined]
    connection.execute("UPDATE entries SET patient = 'John Roe' WHERE seq = 2")  # type: ignore[attr-defined]
    connection.close()  # type: ignore[attr-defined]
    with log.open_log(log_url) as book:
        found = log.audit(book)
    assert (found.ok, found.first_bad, found.lot) == (False, 2, "T2")
    assert found.problem == "does not match its hash: its content was changed"


def test_an_older_log_is_upgraded_and_a_newer_one_refused(tmp_path: Path) -> None:
    from ldncalc.log import store

    path = tmp_path / "old.sqlite3"
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    connection = sqlite3.connect(path)
    connection.executescript(store._migrations("sqlite")[1])  # schema 1: no indexes
    connection.execute("INSERT INTO ldncalc_log_schema VALUES (1, '2026-01-01', 'ldncalc 0.1')")
    connection.commit()
    connection.close()
    with log.open_log(str(path)) as book:
        assert book.query("SELECT max(version) FROM ldncalc_log_schema") == [(2,)]
        assert book.query("SELECT count(*) FROM sqlite_master WHERE name = 'entries_lot'") == [(1,)]
        _register(book, "U1")
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO ldncalc_log_schema VALUES (9, '2030-01-01', 'ldncalc 9')")
    connection.commit()
    connection.close()
    with pytest.raises(LogError) as error:
        log.open_log(str(path))
    assert str(error.value) == (
        f'log="{path}": was written by a newer ldncalc (log schema 9; this one reads up to '
        "2); upgrade ldncalc"
    )


def test_a_new_log_file_is_the_owners_alone(tmp_path: Path) -> None:
    path = tmp_path / "new" / "log.sqlite3"
    log.open_log(str(path)).close()
    assert path.stat().st_mode & 0o777 == 0o600


def test_what_is_not_a_log_is_refused_in_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all, just some text to fill a page " * 100)
    text.chmod(0o600)
    with pytest.raises(LogError, match=r"is not an ldncalc compounding log \(not an SQLite"):
        log.open_log(str(text))
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    other.chmod(0o600)
    with pytest.raises(LogError, match="is a database, but not an ldncalc compounding log"):
        log.open_log(str(other))
    shared = tmp_path / "shared.sqlite3"
    log.open_log(str(shared)).close()
    shared.chmod(0o644)
    with pytest.raises(LogError) as error:
        log.open_log(str(shared))
    assert str(error.value) == (
        f'log="{shared}": may be read by other users (permissions rw-r--r--): it holds '
        f"patient data; make it the owner's alone: chmod 600 {shared}"
    )
    with pytest.raises(LogError, match=r'is a "mysql:" URL, not a log ldncalc can keep'):
        log.open_log("mysql://db/log")


def test_an_unreachable_server_is_one_line() -> None:
    with pytest.raises(
        LogAccessError, match=r"^log=\"postgresql://ldncalc:\*\*\*@127.0.0.1:1/x\": "
    ):
        log.open_log("postgresql://ldncalc:secret@127.0.0.1:1/x")


_WRITER = textwrap.dedent(
    """
    import sys
    from ldncalc import log
    from ldncalc.preparations.liquid import liquid
    from ldncalc.prescriptions import prescription

    url, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    result = liquid(target="4.5mg")
    with log.open_log(url) as book:
        print("ready", flush=True)
        for number in range(count):
            details = prescription(patient="P", rx="1", lot=f"{name}-{number}", date="2026-11-22")
            log.register(book, result, details, prepared_by=name)
            print(number, flush=True)
    """
)


def _writer(url: str, name: str, count: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _WRITER, url, name, str(count)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).parent.parent,
    )


def test_processes_registering_at_once_lose_nothing(log_url: str) -> None:
    log.open_log(log_url).close()  # created first: the writers race on appends, not on creation
    writers = [_writer(log_url, f"W{n}", 15) for n in range(4)]
    for writer in writers:
        writer.communicate(timeout=120)
        assert writer.returncode == 0
    with log.open_log(log_url) as book:
        audit = log.audit(book)
        assert audit == log.Audit(entries=60, ok=True)  # one line: seq 1…60, each after the last
        assert len(log.list_lots(book)) == 60


def test_a_process_killed_mid_write_leaves_the_log_consistent(log_url: str) -> None:
    log.open_log(log_url).close()
    # one holds the append lock with its entry written but not committed, and is killed there
    hold = textwrap.dedent(
        """
        import sys, time
        from ldncalc.log import open_log
        from ldncalc.log.store import Draft
        with open_log(sys.argv[1]) as book:
            with book.appending() as appender:
                appender.append(Draft(lot="KILLED", kind="registered", actor="x", body={}))
                print("holding", flush=True)
                time.sleep(60)
        """
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", hold, log_url], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "holding"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    # others killed at any moment of their appends
    for delay in (0.3, 0.6, 0.9):
        writer = _writer(log_url, f"K{delay}", 1000)
        assert writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
    with log.open_log(log_url) as book:
        assert log.show(book, "K0.3-0")  # each got at least one in before its end
        with pytest.raises(LogError, match="is not in the compounding log"):
            log.show(book, "KILLED")
        _register(book, "AFTER")  # the lock died with its holder
        found = log.audit(book)
        assert found.ok, found


def test_pharmacists_verifying_one_lot_at_once_release_it_once(log_url: str) -> None:
    with log.open_log(log_url) as book:
        _register(book, "V1")
        log.complete(book, "V1", actual=GOOD)
    verifier = textwrap.dedent(
        """
        import sys
        from ldncalc import log
        from ldncalc.errors import LogError
        with log.open_log(sys.argv[1]) as book:
            try:
                log.verify(book, "V1", pharmacist=sys.argv[2])
            except LogError as error:
                print(error)
            else:
                print("released")
        """
    )
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", verifier, log_url, f"Pharmacist {n}"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).parent.parent,
        )
        for n in range(4)
    ]
    said = sorted(run.communicate(timeout=120)[0].strip() for run in runs)
    assert said.count("released") == 1, said
    assert all("was already released by Pharmacist" in line for line in said[:-1]), said
    with log.open_log(log_url) as book:
        assert [entry.kind for entry in log.show(book, "V1")[1]] == [
            "registered",
            "completed",
            "released",
        ]
        assert log.audit(book).ok


def test_the_default_log_is_in_the_users_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("LDNCALC_LOG")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    with log.open_log() as book:
        assert book.location.option == "the default log"
    path = tmp_path / "data" / "ldncalc" / "log.sqlite3"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700


@given(
    bodies=st.lists(
        st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=8), max_size=3),
        min_size=1,
        max_size=8,
    ),
    data=st.data(),
)
def test_any_change_to_any_entry_is_found_at_that_entry(
    bodies: list[dict[str, object]], data: st.DataObject
) -> None:
    """The hash chain's invariant: change one column of one entry (or its body) and the
    audit names that entry, never a later one, and passes the untouched chain."""
    from ldncalc.log.chain import GENESIS, HEADER, canonical, entry_hash, first_mismatch

    rows, previous = [], GENESIS
    for seq, body in enumerate(bodies, start=1):
        row: dict[str, object] = dict.fromkeys(HEADER, "")
        row.update(seq=seq, lot=f"L{seq}", formulation_version=1, corrects=None)
        row["body"] = canonical(body)
        row["prev_hash"] = previous
        row["hash"] = previous = entry_hash(previous, row, str(row["body"]))
        rows.append(row)
    assert first_mismatch(rows) is None
    target = data.draw(st.integers(1, len(rows)))
    column = data.draw(st.sampled_from([c for c in (*HEADER, "body") if c != "seq"]))
    changed = dict(rows[target - 1])
    changed[column] = data.draw(
        st.text(min_size=1, max_size=5).filter(lambda v: v != changed[column])
    )
    found = first_mismatch([*rows[: target - 1], changed, *rows[target:]])
    assert found is not None
    assert found[0] == target
