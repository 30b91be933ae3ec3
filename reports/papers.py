"""What the printed papers say, as plain data: receipt, passbook, cash book.

Builders in ``reports`` fill these from the book; renderers in ``reports.pdf``
turn them into paper. Keeping the two apart lets tests check the figures
without reading a PDF, and the PDF without a database.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from kasir.financing.portfolio import Klass, Portfolio
from kasir.financing.queries import ContractPage
from kasir.meetings.queries import Sheet
from ledger.money import Money

METERAI_THRESHOLD = Money.rupiah(5_000_000)  # UU 10/2020 Pasal 3(2): above Rp5.000.000


@dataclass(frozen=True, slots=True)
class Cooperative:
    name: str
    address: str = ""
    legal_number: str = ""  # badan hukum, if any
    place: str = ""  # town for the place-date line: "Lebak, 28 November 2026"


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    label: str  # e.g. "Simpanan wajib (4 minggu)"
    amount: Money


@dataclass(frozen=True, slots=True)
class ReceiptData:
    """A kuitansi. ``direction`` is ``in`` when the cooperative receives money
    (the member is the payer, *Penyetor*) and ``out`` when it pays a member
    (the member signs as *Penerima*)."""

    coop: Cooperative
    number: str  # "0001/KW/XI/2026"
    date: dt.date
    direction: str  # "in" | "out"
    party_name: str
    party_number: str
    amount: Money
    purpose: str  # "Untuk pembayaran" line
    lines: tuple[ReceiptLine, ...] = ()
    channel: str = "cash"  # "cash" | "bank"
    cashier: str = ""
    meterai: bool = False  # print the Rp10.000 meterai box
    copy_label: str = ""  # "Lembar anggota" / "Arsip"; empty prints both copies
    reversed_note: str = ""  # set when the operation was later reversed
    seal: str = ""  # the book's seal when printed: "K7Q2-9XMD-4T /1234"


@dataclass(frozen=True, slots=True)
class PassbookLine:
    date: dt.date
    code: str  # SP setoran pokok, SW wajib, SS sukarela, TR tarik, BH bagi hasil, PJK pajak
    debit: Money  # tarik (out of the savings)
    credit: Money  # setor (into the savings)
    balance: Money
    reference: str = ""  # entry or receipt number


@dataclass(frozen=True, slots=True)
class PassbookData:
    """A member's buku simpanan for one product."""

    coop: Cooperative
    member_number: str
    member_name: str
    address: str
    group: str
    product: str  # "Simpanan Sukarela (Wadiah)"
    opening: Money
    lines: tuple[PassbookLine, ...]
    printed_on: dt.date
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    seal: str = ""

    @property
    def closing(self) -> Money:
        return self.lines[-1].balance if self.lines else self.opening


@dataclass(frozen=True, slots=True)
class CashBookRow:
    date: dt.date
    reference: str  # entry number
    description: str
    receipt: Money  # masuk
    payment: Money  # keluar
    balance: Money


@dataclass(frozen=True, slots=True)
class CashCountSummary:
    date: dt.date
    counted: Money
    book: Money
    difference: Money  # counted - book
    note: str = ""


@dataclass(frozen=True, slots=True)
class CashBookData:
    """Buku kas harian: one account (cash box), a range of days."""

    coop: Cooperative
    account: str  # "1101 Kas"
    date_from: dt.date
    date_to: dt.date
    opening: Money
    rows: tuple[CashBookRow, ...]
    counts: tuple[CashCountSummary, ...] = field(default=())
    printed_on: dt.date | None = None
    seal: str = ""

    @property
    def closing(self) -> Money:
        return self.rows[-1].balance if self.rows else self.opening


@dataclass(frozen=True, slots=True)
class ContractPaper:
    """One contract as its akad summary and its installment card print it."""

    coop: Cooperative
    page: ContractPage
    member_name: str
    member_address: str
    group: str  # "K01 Mawar"
    leader: str  # the group's leader (ketua kelompok), by name
    product: str  # the product's name
    treasurer: str
    as_of: dt.date
    printed_on: dt.date
    seal: str = ""


@dataclass(frozen=True, slots=True)
class SheetPaper:
    """The collection sheets of one meeting day, one per group."""

    coop: Cooperative
    sheets: tuple[Sheet, ...]
    leaders: dict[str, str]  # group code -> the leader's name
    facilitators: dict[str, str]
    names: dict[str, str]  # member number -> name (who paid for whom)
    treasurer: str
    printed_on: dt.date
    seal: str = ""


@dataclass(frozen=True, slots=True)
class PortfolioPaper:
    coop: Cooperative
    portfolio: Portfolio
    classes: tuple[Klass, ...]
    printed_on: dt.date
    seal: str = ""
