"""Importing a business-event file (``*.events.jsonl``, ``spec/events.md``).

The file never names accounts: Kasir derives every entry from its own rules.
An import is one transaction (all or nothing), idempotent (each event's
identity is the digest of its canonical content; an event seen before is
skipped and counted), and an audit of the old books: check fields are
recomputed and a disagreement refuses the file, naming file, line and field.

This version imports the savings, funds, expense and asset events; financing
and year-end events are refused with a clear message until their services
exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kasir import anggota, simpanan
from kasir.book import Book
from kasir.errors import N_, KasirError
from kasir.models import Anggota, ImportedEvent
from kasir.settings import set_setting
from ledger import posting
from ledger.entry import EntryDraft, LineDraft, PostingContext, validate
from ledger.errors import InvalidDraft, LedgerError
from ledger.money import ZERO, Money
from ledger.schema import Party, utcnow

NOT_YET = {"murabahah_contract", "installment", "murabahah_settlement", "murabahah_writeoff",
           "writeoff_recovery", "qard_disbursed", "qard_repayment", "qard_writeoff",
           "year_closed", "shu_distributed", "zakat_accrued"}
EXPENSE_ACCOUNTS = {"payroll": "6201", "rent": "6206", "utilities": "6211",
                    "stationery": "6203", "transport": "6202", "bank_charges": "6209",
                    "meeting": "6202", "rat": "6204", "other": "6299"}
ZIS_FUNDS = {"zakat": "7301", "infaq": "7302", "sadaqah": "7302"}
MAAL_CHANNELS = {"cash": "7101", "bank": "7102"}
FUND_ACCOUNTS = {"education": "2110", "social": "2111"}
PRODUCTS = ("pokok", "wajib", "sukarela", "mudharabah")
BATCH = 1000


class EventError(KasirError):
    """A bad event; the whole file was refused."""


@dataclass
class ImportResult:
    events: int = 0
    imported: int = 0
    skipped: int = 0
    entries: int = 0
    by_type: dict[str, int] = field(default_factory=dict)


@dataclass
class _Event:
    line: int
    data: dict[str, Any]

    @property
    def type(self) -> str:
        return str(self.data.get("type"))


def digest(data: dict[str, Any]) -> str:
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def read_events(path: Path) -> Iterator[_Event]:
    with open(path, encoding="utf-8-sig") as fh:
        for no, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw, parse_float=_refuse_float)
            except _FloatRefused as exc:
                raise EventError(N_("{file}:{line}: amounts are never floating-point numbers "
                                    "({value}); write whole rupiah or a decimal string."),
                                 file=path.name, line=no, value=str(exc)) from None
            except json.JSONDecodeError as exc:
                raise EventError(N_("{file}:{line}: not valid JSON ({reason})."),
                                 file=path.name, line=no, reason=exc.msg) from None
            if not isinstance(data, dict):
                raise EventError(N_("{file}:{line}: each line must be one JSON object."),
                                 file=path.name, line=no)
            yield _Event(no, data)


class _FloatRefused(Exception):
    pass


def _refuse_float(text: str) -> Any:
    raise _FloatRefused(text)


class _Importer:
    def __init__(self, s: Session, source: str, user: str,
                 progress: Callable[[int], None] | None) -> None:
        self.s = s
        self.source = source
        self.user = user
        self.progress = progress
        self.ctx: PostingContext = posting.load_context(s)
        self.result = ImportResult()
        self.last_date: dt.date | None = None
        self.seen = {d for (d,) in s.execute(select(ImportedEvent.digest))}
        self.ev: _Event | None = None
        self.pending: list[EntryDraft] = []
        self.imported_rows: list[dict[str, Any]] = []
        self.members: dict[str, Anggota] = {}  # held for the whole import (identity map)
        self.now = utcnow()

    # --- field access with errors naming line and field -----------------------------
    def fail(self, field_name: str, reason: str, **params: Any) -> EventError:
        assert self.ev is not None
        return EventError(N_("{file}:{line}: {field}: {reason}"), file=self.source,
                          line=self.ev.line, field=field_name,
                          reason=_Reason(reason, params))

    def get(self, name: str, default: Any = ...) -> Any:
        assert self.ev is not None
        if name not in self.ev.data:
            if default is ...:
                raise self.fail(name, N_("this field is required"))
            return default
        return self.ev.data[name]

    def text(self, name: str, default: Any = ...) -> str:
        value = self.get(name, default)
        if not isinstance(value, str):
            raise self.fail(name, N_("must be text"))
        return value

    def money(self, name: str, default: Any = ...) -> Money:
        value = self.get(name, default)
        if isinstance(value, Money):
            return value
        if isinstance(value, bool) or not isinstance(value, int | str):
            raise self.fail(name, N_("must be whole rupiah or a decimal string"))
        try:
            amount = Money.rupiah(int(value) if isinstance(value, int) else Decimal(value))
        except (InvalidOperation, ValueError, OverflowError):
            raise self.fail(name, N_("{value} is not an amount"), value=value) from None
        if amount.is_negative():
            raise self.fail(name, N_("cannot be negative"))
        return amount

    def positive(self, name: str) -> Money:
        amount = self.money(name)
        if not amount:
            raise self.fail(name, N_("must be more than zero"))
        return amount

    def date(self, name: str = "date", default: Any = ...) -> dt.date:
        value = self.get(name, default)
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise self.fail(name, N_("{value} is not a date (YYYY-MM-DD)"), value=value) from None

    def choice(self, name: str, options: Iterable[str], default: Any = ...) -> str:
        value = self.get(name, default)
        options = tuple(options)
        if value not in options:
            raise self.fail(name, N_("must be one of {options}"), options=", ".join(options))
        return str(value)

    # --- driving ------------------------------------------------------------------
    def run(self, events: Iterable[_Event]) -> ImportResult:
        for ev in events:
            self.ev = ev
            self.result.events += 1
            handler = HANDLERS.get(ev.type)
            if ev.type in NOT_YET:
                raise self.fail("type", N_("{type} events cannot be imported by this version "
                                           "of Kasir yet"), type=ev.type)
            if handler is None:
                raise self.fail("type", N_("unknown event type {type}"), type=ev.type)
            key = digest(ev.data)
            day = self.date()
            if self.last_date and day < self.last_date:
                raise self.fail("date", N_("dates go backwards ({date} after {previous})"),
                                date=day.isoformat(), previous=self.last_date.isoformat())
            self.last_date = day
            if key in self.seen:
                self.result.skipped += 1
            else:
                try:
                    handler(self, day)
                except EventError:
                    raise
                except LedgerError as exc:
                    raise self.fail("type", exc.template, **exc.params) from None
                seq = ev.data.get("seq")
                self.imported_rows.append({"digest": key, "type": ev.type, "date": day,
                                           "seq": seq if isinstance(seq, int) else None,
                                           "source": self.source, "imported_at": self.now})
                self.seen.add(key)
                self.result.imported += 1
                self.result.by_type[ev.type] = self.result.by_type.get(ev.type, 0) + 1
            if len(self.pending) >= BATCH:
                self.flush()
            if self.progress and self.result.events % 500 == 0:
                self.progress(self.result.events)
        self.flush()
        self.s.flush()
        return self.result

    def post(self, day: dt.date, memo: str, lines: list[LineDraft], operation: str) -> None:
        self.queue(EntryDraft(day, memo, tuple(lines), operation=operation))

    def queue(self, draft: EntryDraft) -> None:
        """Entries are posted in batches; a handler that reads balances flushes first.
        Each draft is checked as it is queued, so a refusal names its own line."""
        problems = validate(draft, self.ctx)
        if problems:
            raise InvalidDraft(problems)
        self.pending.append(draft)
        self.result.entries += 1

    def flush(self) -> None:
        if self.pending:
            posting.post_many(self.s, self.pending, user=self.user, ctx=self.ctx)
            self.pending = []
        if self.imported_rows:
            self.s.execute(insert(ImportedEvent.__table__), self.imported_rows)
            self.imported_rows = []

    def channel(self, name: str, default: Any = ...) -> str:
        return simpanan.CHANNEL_ACCOUNTS[self.choice(name, ("cash", "bank"), default)]


class _Reason:
    """A nested, translatable reason inside the file:line:field message."""

    def __init__(self, template: str, params: dict[str, Any]) -> None:
        self.template, self.params = template, params

    def __str__(self) -> str:
        from kasir.i18n import _shown, gettext

        params = {k: _shown(v) for k, v in self.params.items()}
        return gettext(self.template).format(**params)


# --- handlers, one per event type ------------------------------------------------------

def _coop_founded(im: _Importer, day: dt.date) -> None:
    name = im.text("name", "")
    if name:
        set_setting(im.s, "name", name)
    grant = im.money("grant", ZERO)
    if grant:
        equity = "2202" if im.get("repayable", False) is True else "4201"
        im.post(day, f"Modal program {name}".strip(),
                [LineDraft(im.channel("deposit_to"), debit=grant),
                 LineDraft(equity, credit=grant)], "coop_founded")


def _group_created(im: _Importer, day: dt.date) -> None:
    weekday = im.get("meeting_weekday", None)
    if weekday is not None and (isinstance(weekday, bool) or not isinstance(weekday, int)):
        raise im.fail("meeting_weekday", N_("must be a number from 0 (Monday) to 6"))
    anggota.add_group(im.s, anggota.GroupInput(
        code=im.text("group_id"), name=im.text("name", ""), village=im.text("village", ""),
        meeting_weekday=weekday))


def _member_created(im: _Importer, day: dt.date) -> None:
    number = im.text("member_id")
    anggota.add_member(im.s, anggota.MemberInput(
        number=number, name=im.text("name"), joined=im.date("joined", day.isoformat()),
        group_code=im.text("group_id", "") or None, village=im.text("village", ""),
        wajib_amount=im.money("wajib_weekly", ZERO), wajib_period="weekly"))
    im.ctx.parties[number] = im.s.scalar(select(Party.id).where(Party.code == number))


def _deposit(im: _Importer, day: dt.date) -> None:
    number, product = im.text("member_id"), im.choice("product", PRODUCTS)
    if number not in im.members:
        im.members[number] = anggota.get_member(im.s, number)
    im.queue(simpanan.deposit_draft(im.s, number, product, im.positive("amount"), day=day,
                                    channel=im.choice("channel", ("cash", "bank"), "cash"),
                                    member=im.members[number]))


def _withdrawal(im: _Importer, day: dt.date) -> None:
    number = im.text("member_id")
    product = im.choice("product", ("sukarela", "mudharabah"))
    im.flush()  # the balance check reads the journal
    simpanan.withdraw(im.s, number, product, im.positive("amount"), day=day,
                      channel=im.choice("channel", ("cash", "bank"), "cash"), user=im.user,
                      receipt=False, ctx=im.ctx)
    im.result.entries += 1
    if "balance_after" in im.ev.data:  # type: ignore[union-attr]
        expected, actual = im.money("balance_after"), simpanan.balance(im.s, number, product)
        if expected != actual:
            raise im.fail("balance_after", N_("the file says {expected}, Kasir computes "
                                              "{actual}"), expected=expected, actual=actual)


def _member_exit(im: _Importer, day: dt.date) -> None:
    expected = {p: im.money(p, ZERO) for p in PRODUCTS if p != "mudharabah" or p in im.ev.data}  # type: ignore[union-attr]
    im.flush()  # the exit reads every balance
    simpanan.member_exit(im.s, im.text("member_id"), day=day,
                         paid_from=im.choice("paid_from", ("cash", "bank"), "cash"),
                         user=im.user, expected=expected, ctx=im.ctx)
    im.result.entries += 1


def _zis_received(im: _Importer, day: dt.date) -> None:
    kind = im.choice("kind", tuple(ZIS_FUNDS))
    amount = im.positive("amount")
    cash = MAAL_CHANNELS[im.choice("channel", ("cash", "bank"), "cash")]
    member = im.get("member_id", None)
    im.post(day, f"Penerimaan {kind}" + (f" dari {member}" if member else ""),
            [LineDraft(cash, debit=amount), LineDraft(ZIS_FUNDS[kind], credit=amount)],
            "zis_received")


def _zis_distributed(im: _Importer, day: dt.date) -> None:
    kind = im.choice("kind", tuple(ZIS_FUNDS))
    amount = im.positive("amount")
    cash = MAAL_CHANNELS[im.choice("paid_from", ("cash", "bank"), "cash")]
    im.post(day, f"Penyaluran {kind} {im.get('program', '')}".strip(),
            [LineDraft(ZIS_FUNDS[kind], debit=amount), LineDraft(cash, credit=amount)],
            "zis_distributed")


def _kebajikan_disbursed(im: _Importer, day: dt.date) -> None:
    amount = im.positive("amount")
    im.post(day, f"Penggunaan dana kebajikan {im.get('purpose', '')}".strip(),
            [LineDraft("2121", debit=amount), LineDraft(im.channel("paid_from", "cash"),
                                                        credit=amount)], "kebajikan_disbursed")


def _fund_used(im: _Importer, day: dt.date) -> None:
    fund = im.choice("fund", tuple(FUND_ACCOUNTS))
    amount = im.positive("amount")
    im.post(day, f"Penggunaan dana {fund}", [
        LineDraft(FUND_ACCOUNTS[fund], debit=amount),
        LineDraft(im.channel("paid_from", "cash"), credit=amount)], "fund_used")


def _expense(im: _Importer, day: dt.date) -> None:
    category = im.choice("category", tuple(EXPENSE_ACCOUNTS))
    amount = im.positive("amount")
    memo = im.get("memo", "") or f"Beban {category}"
    im.post(day, str(memo)[:500], [LineDraft(EXPENSE_ACCOUNTS[category], debit=amount),
                                   LineDraft(im.channel("paid_from", "cash"), credit=amount)],
            "expense")


def _bank_profit_share(im: _Importer, day: dt.date) -> None:
    amount = im.positive("amount")
    im.post(day, f"Bagi hasil bank {im.get('bank', '')}".strip(),
            [LineDraft("1111", debit=amount), LineDraft("5301", credit=amount)],
            "bank_profit_share")


def _non_halal_received(im: _Importer, day: dt.date) -> None:
    amount = im.positive("amount")
    im.post(day, "Penerimaan non-halal (bunga bank konvensional) ke dana kebajikan",
            [LineDraft(im.channel("channel", "bank"), debit=amount),
             LineDraft("2121", credit=amount)], "non_halal_received")


def _cash_transfer(im: _Importer, day: dt.date) -> None:
    src, dst = im.channel("from"), im.channel("to")
    if src == dst:
        raise im.fail("to", N_("must differ from {other}"), other="from")
    amount = im.positive("amount")
    im.post(day, "Pemindahan kas dan bank", [LineDraft(dst, debit=amount),
                                             LineDraft(src, credit=amount)], "cash_transfer")


def _asset_purchased(im: _Importer, day: dt.date) -> None:
    cost = im.positive("cost")
    im.post(day, f"Pembelian inventaris {im.text('asset_id')} ({im.get('kind', '')})",
            [LineDraft("1501", debit=cost), LineDraft(im.channel("paid_from", "cash"),
                                                      credit=cost)], "asset_purchased")


def _depreciation(im: _Importer, day: dt.date) -> None:
    lines = im.get("lines")
    if not isinstance(lines, list) or not lines:
        raise im.fail("lines", N_("must be a list of assets and amounts"))
    total = ZERO
    for item in lines:
        if not isinstance(item, dict):
            raise im.fail("lines", N_("must be a list of assets and amounts"))
        total += im.money("amount", item.get("amount")) if "amount" in item else ZERO
    if "total" in im.ev.data and im.money("total") != total:  # type: ignore[union-attr]
        raise im.fail("total", N_("the file says {expected}, Kasir computes {actual}"),
                      expected=im.money("total"), actual=total)
    if total:
        im.post(day, "Penyusutan inventaris", [LineDraft("6205", debit=total),
                                               LineDraft("1502", credit=total)], "depreciation")


def _asset_disposed(im: _Importer, day: dt.date) -> None:
    cost, accumulated = im.positive("cost"), im.money("accumulated")
    if accumulated != cost:
        raise im.fail("accumulated", N_("only a fully depreciated asset can be retired here"))
    im.post(day, f"Penghapusan inventaris {im.text('asset_id')}",
            [LineDraft("1502", debit=accumulated), LineDraft("1501", credit=cost)],
            "asset_disposed")


HANDLERS: dict[str, Callable[[_Importer, dt.date], None]] = {
    "coop_founded": _coop_founded, "group_created": _group_created,
    "member_created": _member_created, "deposit": _deposit, "withdrawal": _withdrawal,
    "member_exit": _member_exit, "zis_received": _zis_received,
    "zis_distributed": _zis_distributed, "kebajikan_disbursed": _kebajikan_disbursed,
    "fund_used": _fund_used, "expense": _expense, "bank_profit_share": _bank_profit_share,
    "non_halal_received": _non_halal_received, "cash_transfer": _cash_transfer,
    "asset_purchased": _asset_purchased, "depreciation": _depreciation,
    "asset_disposed": _asset_disposed,
}


def import_events(book: Book, path: Path, *, user: str = "",
                  progress: Callable[[int], None] | None = None) -> ImportResult:
    """Import a whole file in one transaction; refuse it whole on the first bad event."""
    path = Path(path)
    events = list(read_events(path))
    return book.run(lambda s: _Importer(s, path.name, user, progress).run(events), retries=0)
