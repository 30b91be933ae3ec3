"""A generated history with financing (murabahah sales, installments with ta'zir fines,
early settlements, write-offs, qard) imports with every check field agreeing, and the
trial balance equals the generator's independently computed balances, account by
account and member by member."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from factories import ACTOR
from kasir.imports import service as imports
from kasir.imports.events import EventError
from ledger import queries
from ledger.money import Money

GENERATOR = Path(__file__).resolve().parents[3] / "shared" / "tools" / "gen_workload.py"

# The generator's accounts and the Kasir accounts that hold the same money (the maal
# book keeps its own cash, bank and benevolence fund; both count for the generator's one).
BUCKETS: dict[str, tuple[str, ...]] = {
    "Assets:Cash:Teller": ("1101", "7101"), "Assets:Bank:Syariah": ("1111", "7102"),
    "Assets:Financing:Murabahah:Receivable": ("1301",),
    "Assets:Financing:Murabahah:DeferredMargin": ("1302",),
    "Assets:Financing:Qard": ("1311", "7201"), "Assets:Fixed:Cost": ("1501",),
    "Assets:Fixed:AccumulatedDepreciation": ("1502",), "Equity:Grant": ("4201", "2202"),
    "Equity:Members:Pokok": ("4101",), "Equity:Members:Wajib": ("4102",),
    "Liabilities:Savings:Wadiah": ("2101",), "Liabilities:Kebajikan": ("2121", "7303"),
    "Liabilities:ZIS:Infaq": ("7302",), "Liabilities:ZIS:Zakat": ("7301",),
    "Income:Murabahah:Margin": ("5101",), "Income:Fees:Admin": ("5201",),
    "Income:Bank:ProfitShare": ("5301",), "Income:Recovery": ("5401",),
    "Expenses:Payroll": ("6201",), "Expenses:Transport": ("6202",),
    "Expenses:Stationery": ("6203",), "Expenses:Depreciation": ("6205",),
    "Expenses:Rent": ("6206",), "Expenses:BankCharges": ("6209",),
    "Expenses:Utilities": ("6211",), "Expenses:FinancingLoss": ("6207", "6208"),
}
PER_MEMBER = {"Assets:Financing:Murabahah:Receivable": "1301",
              "Assets:Financing:Murabahah:DeferredMargin": "1302",
              "Assets:Financing:Qard": "1311"}


def bucket_of(account: str) -> str:
    for name in sorted(BUCKETS, key=len, reverse=True):
        if account == name or account.startswith(name + ":"):
            return name
    raise AssertionError(f"no Kasir account for the generator's {account}")


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    """Sixty members for most of a year (no year-end): sales, fines, settlements,
    write-offs and qard."""
    if not GENERATOR.exists():
        pytest.skip("the workload generator (../shared/tools) is not beside the project")
    out = tmp_path_factory.mktemp("gen") / "w"
    subprocess.run([sys.executable, str(GENERATOR), "--members", "60", "--years", "0.95",
                    "--start", "2021-01-04", "--seed", "2", "--out", str(out),
                    "--format", "jsonl"], check=True, capture_output=True)
    return Path(f"{out}.events.jsonl"), json.loads(Path(f"{out}.expected.json")
                                                   .read_text())["balances"]


def test_generated_history_equals_the_generators_balances(book, history):
    path, expected = history
    kinds = Counter(json.loads(line)["type"] for line in path.read_text().splitlines())
    assert {"murabahah_contract", "installment", "murabahah_settlement",
            "murabahah_writeoff", "qard_disbursed", "qard_repayment"} <= set(kinds)
    assert "year_closed" not in kinds
    result = imports.import_event_file(book, ACTOR, path)
    assert result.imported == result.events == sum(kinds.values())
    with book.read_session() as s:
        tb = queries.trial_balance(s)
        assert tb.balanced
        got = {row.code: (row.debit - row.credit).sen // 100 for row in tb.rows}
        want: Counter[str] = Counter()
        for account, amount in expected.items():
            want[bucket_of(account)] += amount
        mapped = {code for codes in BUCKETS.values() for code in codes}
        assert {c for c, v in got.items() if v} <= mapped, "an account the generator lacks"
        for name, codes in BUCKETS.items():
            assert sum(got.get(c, 0) for c in codes) == want.get(name, 0), name
        for prefix, code in PER_MEMBER.items():
            for account, amount in expected.items():
                if account.startswith(prefix + ":M"):
                    member = account.rsplit(":", 1)[1]
                    assert queries.balance(s, code, None, member) == Money.rupiah(amount), \
                        (account, member)
    again = imports.import_event_file(book, ACTOR, path)
    assert (again.imported, again.skipped) == (0, result.events)


CONTRACT = {"type": "murabahah_contract", "date": "2026-01-06", "contract_id": "MRB1",
            "member_id": "M1", "goods": "mesin jahit", "cost": 5000000, "margin": 540000,
            "price": 5540000, "tenor": 12, "frequency": "monthly", "installment": 420000,
            "last_installment": 420000, "first_due": "2026-02-06", "down_payment": 500000,
            "paid_from": "cash"}
BASE = [
    {"type": "coop_founded", "date": "2026-01-05", "name": "Uji", "grant": 10000000,
     "deposit_to": "cash"},
    {"type": "group_created", "date": "2026-01-05", "group_id": "G1", "village": "Sukamaju"},
    {"type": "member_created", "date": "2026-01-05", "member_id": "M1", "group_id": "G1",
     "name": "Siti", "joined": "2026-01-05"},
    CONTRACT,
]


def _import(book, tmp_path: Path, events: list[dict]):
    from factories import write_events
    return imports.import_event_file(book, ACTOR, write_events(tmp_path, events,
                                                               "uji.events.jsonl"))


def test_worked_example_imports_to_the_rupiah(book, tmp_path):
    """domain.md §1.1: six installments of 420.000 recognise 45.000 margin each; early
    settlement after the sixth pays 2.250.000 and recognises the 270.000 left."""
    pay = [{"type": "installment", "date": f"2026-{m:02d}-06", "contract_id": "MRB1",
            "member_id": "M1", "amount": 420000, "margin_recognized": 45000,
            "outstanding_after": 5040000 - 420000 * (m - 1)} for m in range(2, 8)]
    settle = {"type": "murabahah_settlement", "date": "2026-07-10", "contract_id": "MRB1",
              "member_id": "M1", "outstanding": 2520000, "deferred_margin": 270000,
              "discount": 270000, "cash_received": 2250000}
    _import(book, tmp_path, BASE + pay + [settle])
    with book.read_session() as s:
        assert queries.balance(s, "1301") == Money(0)
        assert queries.balance(s, "1302") == Money(0)
        assert queries.normal_balance(s, "5101") == Money.rupiah(270000)  # 6 × 45.000
        assert queries.normal_balance(s, "2103") == Money(0)


@pytest.mark.parametrize("bad, needle", [
    ({"type": "installment", "date": "2026-02-06", "contract_id": "MRB1", "member_id": "M1",
      "amount": 420000, "margin_recognized": 50000}, ":5: margin_recognized: the file says "
                                                     "Rp50.000, Kasir computes Rp45.000"),
    ({"type": "installment", "date": "2026-02-06", "contract_id": "MRB1", "member_id": "M1",
      "amount": 6000000}, ":5: amount: Rp6.000.000 is more than the Rp5.040.000 still owed"),
    ({"type": "installment", "date": "2026-02-06", "contract_id": "MRB9", "member_id": "M1",
      "amount": 1000}, ":5: contract_id: There is no contract MRB9"),
    ({**CONTRACT, "contract_id": "MRB2", "price": 5600000}, ":5: price: must be cost + margin"),
    ({**CONTRACT, "goods": "kambing"}, ":5: contract_id: Contract number MRB1 is already"),
    ({**CONTRACT, "contract_id": "MRB2", "installment": 400000},
     ":5: installment: The installments do not add up"),
    ({"type": "murabahah_settlement", "date": "2026-02-06", "contract_id": "MRB1",
      "member_id": "M1", "outstanding": 5040000, "deferred_margin": 540000,
      "discount": 600000}, ":5: discount: The discount must be from zero to the unearned"),
])
def test_bad_financing_event_refuses_the_whole_file(book, tmp_path, bad, needle):
    from kasir.i18n import message, set_language

    set_language("en")
    with pytest.raises(EventError) as err:
        _import(book, tmp_path, BASE + [bad])
    assert needle in message(err.value)
    with book.read_session() as s:
        assert queries.count_posted(s) == 0


def _writeoff(number: str, member: str, day: str) -> dict:
    return {"type": "murabahah_writeoff", "date": day, "contract_id": number,
            "member_id": member}


@pytest.mark.parametrize("day", ["2027-07-01", "2027-06-15"])
def test_write_offs_draw_on_the_allowance_as_it_runs_down(book, tmp_path, day):
    """Two write-offs in one file: the second draws on what the first left of the
    allowance (PPAP), the rest of its loss to expense, as two write-offs at the desk
    would; a write-off dated before the allowance was formed finds none."""
    from kasir.financing import service as financing

    later = {**CONTRACT, "date": "2026-10-06", "contract_id": "MRB2", "member_id": "M2",
             "first_due": "2026-11-06"}
    second = {"type": "member_created", "date": "2026-01-05", "member_id": "M2",
              "group_id": "G1", "name": "Ani", "joined": "2026-01-05"}
    _import(book, tmp_path, [*BASE[:3], second, *BASE[3:], later])
    assert financing.post_allowance(book, ACTOR, dt.date(2027, 6, 30))
    with book.read_session() as s:
        formed = queries.normal_balance(s, "1391")
    loss = Money.rupiah(5040000 - 540000)  # each: owed less the margin never earned
    assert loss < formed < loss + loss  # one contract is macet, the other not yet
    (tmp_path / "two").mkdir()
    _import(book, tmp_path / "two", [_writeoff("MRB1", "M1", day),
                                     _writeoff("MRB2", "M2", day)])
    used = min(formed, loss + loss) if day > "2027-06-30" else Money(0)
    with book.read_session() as s:
        assert queries.normal_balance(s, "1391") == formed - used
        assert queries.normal_balance(s, "6208") == loss + loss - used
        assert queries.balance(s, "1301") == Money(0)


def test_an_event_row_is_in_the_order_of_its_columns():
    """The import writes contract events as bare rows: each value under its own column."""
    import dataclasses

    from kasir.financing.models import Contract, StepEvent

    c = Contract(id=7)
    values = {f.name: n for n, f in enumerate(dataclasses.fields(StepEvent)) if n}
    ev = StepEvent(c, **{name: f"v{n}" for name, n in values.items()})  # type: ignore[arg-type]
    row = dict(zip(StepEvent.ROW_COLUMNS, ev.row()))
    assert row == {"contract_id": 7, **{name: f"v{n}" for name, n in values.items()}}
