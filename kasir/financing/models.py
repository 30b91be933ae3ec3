"""The financing tables: products, contracts (akad), their schedules and their events.

A contract keeps its terms (cost, margin, price, down payment, tenor, installment)
and its running totals (what was collected, the margin recognised, what was
cleared by a settlement or a write-off); each money event on it is one
``financing_event`` row tied to its journal entry, so the totals can always be
recomputed from the events and the events from the journal (``verify`` does
both). Terms are fixed at the akad: the database refuses to change them after
(``FINANCING_TRIGGERS``). A contract's first schedule is not stored: it is what
its fixed terms make (``queries.terms_lines``); a rescheduling writes its new
version, append-only like the events, instead of rewriting anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kasir.accounts import AccountRole
from ledger.schema import Base, utcnow

KINDS = ("murabahah", "qard")
FREQUENCIES = ("weekly", "fortnightly", "monthly")
METHODS = ("proportional", "annuity")
STATUSES = ("applied", "approved", "purchasing", "purchased", "active", "settled",
            "written_off", "cancelled", "rejected")
OPEN = ("active",)
# A contract's running totals, each the sum of the same column of its events.
TOTALS = ("collected", "recognized", "cleared", "margin_cleared", "loss", "recovered")  # contracts on which the member owes money
BEFORE_AKAD = ("applied", "approved", "purchasing", "purchased")
# Where a fine (ta'zir) may go: the benevolence money held, or the maal book's fund.
FINE_ACCOUNTS = (AccountRole.BENEVOLENCE_HELD, AccountRole.BENEVOLENCE_FUND)


class FinancingProduct(Base):
    """A financing product as the cooperative runs it, with the accounts it posts to."""

    __tablename__ = "financing_product"
    __table_args__ = (
        CheckConstraint("kind IN ('murabahah', 'qard')", name="kind"),
        CheckConstraint("frequency IN ('weekly', 'fortnightly', 'monthly')", name="frequency"),
        CheckConstraint("margin_method IN ('proportional', 'annuity')", name="margin_method"),
        CheckConstraint("fund IN ('own', 'kebajikan')", name="fund"),
        CheckConstraint("rounding >= 1 AND admin_fee >= 0 AND tazir >= 0", name="amounts"),
        # a fine is never income: it goes to the benevolence money (Fatwa 17, 123/2018)
        CheckConstraint("fine_account IN ('2121', '7303')", name="fine_account"),
    )

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    frequency: Mapped[str] = mapped_column(String(12), default="weekly")
    rounding: Mapped[int] = mapped_column(BigInteger, default=10_000)  # sen (Rp100)
    margin_method: Mapped[str] = mapped_column(String(12), default="proportional")
    admin_fee: Mapped[int] = mapped_column(BigInteger, default=0)  # sen, a fixed amount
    tazir: Mapped[int] = mapped_column(BigInteger, default=0)  # sen per late payment; 0: none
    fund: Mapped[str] = mapped_column(String(12), default="own")  # qard: whose money
    receivable_account: Mapped[str] = mapped_column(String(20))
    deferred_margin_account: Mapped[str] = mapped_column(String(20), default="")
    income_account: Mapped[str] = mapped_column(String(20), default="")
    allowance_account: Mapped[str] = mapped_column(String(20), default="")
    fine_account: Mapped[str] = mapped_column(String(20), default=AccountRole.BENEVOLENCE_HELD)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Contract(Base):
    """One akad (murabahah) or one benevolent loan (qard), from application to its end."""

    __tablename__ = "financing_contract"
    __table_args__ = (
        CheckConstraint("kind IN ('murabahah', 'qard')", name="kind"),
        CheckConstraint("status IN ('applied', 'approved', 'purchasing', 'purchased', "
                        "'active', 'settled', 'written_off', 'cancelled', 'rejected')",
                        name="status"),
        CheckConstraint("frequency IN ('weekly', 'fortnightly', 'monthly')", name="frequency"),
        CheckConstraint("margin_method IN ('proportional', 'annuity')", name="margin_method"),
        CheckConstraint("cost >= 0 AND margin >= 0 AND price = cost + margin", name="price"),
        CheckConstraint("kind = 'murabahah' OR margin = 0", name="qard_no_margin"),
        CheckConstraint("down_payment >= 0 AND down_payment < price", name="down_payment"),
        CheckConstraint("tenor >= 1 AND installment > 0 AND last_installment > 0",
                        name="installments"),
        CheckConstraint("collected >= 0 AND recognized >= 0 AND recognized <= margin",
                        name="totals"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)  # MRB000001, the akad no.
    kind: Mapped[str] = mapped_column(String(12))
    product_code: Mapped[str] = mapped_column(ForeignKey("financing_product.code"))
    member_id: Mapped[int] = mapped_column(ForeignKey("anggota.id"), index=True)
    goods: Mapped[str] = mapped_column(String(200), default="")  # or the qard's purpose
    supplier: Mapped[str] = mapped_column(String(200), default="")
    purchase_mode: Mapped[str] = mapped_column(String(12), default="direct")  # or wakalah
    fund: Mapped[str] = mapped_column(String(12), default="own")
    # terms: fixed at the akad
    cost: Mapped[int] = mapped_column(BigInteger)  # sen; a qard's amount
    margin: Mapped[int] = mapped_column(BigInteger, default=0)
    price: Mapped[int] = mapped_column(BigInteger)
    down_payment: Mapped[int] = mapped_column(BigInteger, default=0)
    admin_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    tazir: Mapped[int] = mapped_column(BigInteger, default=0)  # fixed in the akad
    tenor: Mapped[int] = mapped_column(Integer)
    frequency: Mapped[str] = mapped_column(String(12), default="weekly")
    installment: Mapped[int] = mapped_column(BigInteger)
    last_installment: Mapped[int] = mapped_column(BigInteger)
    first_due: Mapped[dt.date] = mapped_column(Date)
    margin_method: Mapped[str] = mapped_column(String(12), default="proportional")
    # the way there
    status: Mapped[str] = mapped_column(String(12), default="applied")
    applied_on: Mapped[dt.date] = mapped_column(Date)
    applied_by: Mapped[str] = mapped_column(String(60), default="")
    approved_by: Mapped[str] = mapped_column(String(60), default="")
    akad_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    restructured: Mapped[bool] = mapped_column(Boolean, default=False)
    schedule_version: Mapped[int] = mapped_column(Integer, default=1)
    # running totals (sen), kept by the financing rules, checked by verify
    down_payment_held: Mapped[int] = mapped_column(BigInteger, default=0)  # 2103, before akad
    collected: Mapped[int] = mapped_column(BigInteger, default=0)  # toward price - down pmt
    recognized: Mapped[int] = mapped_column(BigInteger, default=0)  # margin recognised
    cleared: Mapped[int] = mapped_column(BigInteger, default=0)  # receivable waived/written off
    margin_cleared: Mapped[int] = mapped_column(BigInteger, default=0)  # MMD not recognised
    loss: Mapped[int] = mapped_column(BigInteger, default=0)  # written off, net of margin
    recovered: Mapped[int] = mapped_column(BigInteger, default=0)
    note: Mapped[str] = mapped_column(Text, default="")


class ScheduleLine(Base):
    """One installment of a contract's schedule (``version`` grows with a rescheduling)."""

    __tablename__ = "financing_schedule"
    __table_args__ = (
        UniqueConstraint("contract_id", "version", "seq", name="uq_financing_schedule_line"),
        CheckConstraint("amount = principal + margin AND amount > 0 AND margin >= 0",
                        name="parts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("financing_contract.id"), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    seq: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[int] = mapped_column(BigInteger)
    principal: Mapped[int] = mapped_column(BigInteger)
    margin: Mapped[int] = mapped_column(BigInteger)
    contract: Mapped[Contract] = relationship(lazy="raise")


class FinancingEvent(Base):
    """Something that moved a contract's money, tied to its journal entry.

    The receivable goes down by ``collected + cleared`` (money paid; what a settlement
    discount or a write-off removed), the deferred margin by ``recognized +
    margin_cleared`` (margin recognised as income; margin never earned). A reversal is a row with the
    amounts negated, pointing at the row it undoes."""

    __tablename__ = "financing_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("financing_contract.id"), index=True)
    entry_key: Mapped[str | None] = mapped_column(String(64), index=True)  # journal uuid
    date: Mapped[dt.date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(24))
    collected: Mapped[int] = mapped_column(BigInteger, default=0)
    recognized: Mapped[int] = mapped_column(BigInteger, default=0)
    cleared: Mapped[int] = mapped_column(BigInteger, default=0)
    margin_cleared: Mapped[int] = mapped_column(BigInteger, default=0)
    tazir: Mapped[int] = mapped_column(BigInteger, default=0)
    down_payment: Mapped[int] = mapped_column(BigInteger, default=0)
    loss: Mapped[int] = mapped_column(BigInteger, default=0)
    recovered: Mapped[int] = mapped_column(BigInteger, default=0)
    payer: Mapped[str] = mapped_column(String(60), default="")  # tanggung renteng: who paid
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("financing_event.id"))
    status_before: Mapped[str] = mapped_column(String(12), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(60), default="")
    # set on a new row so it needs no flush for its contract's id (an import adds many)
    contract: Mapped[Contract] = relationship(lazy="raise")


@dataclass(slots=True)
class StepEvent:
    """A money step's event before it is written: plain values, so an import can write
    thousands in one statement (``row``) and a service one row (``orm``)."""

    contract: Contract
    entry_key: str | None
    date: dt.date
    kind: str
    status_before: str
    created_by: str
    collected: int = 0
    recognized: int = 0
    cleared: int = 0
    margin_cleared: int = 0
    tazir: int = 0
    down_payment: int = 0
    loss: int = 0
    recovered: int = 0
    payer: str = ""
    note: str = ""

    def fields(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__ if name != "contract"}

    def orm(self) -> FinancingEvent:
        return FinancingEvent(contract=self.contract, **self.fields())

    def row(self) -> tuple[object, ...]:
        """For a bulk insert (in the order of ``ROW_COLUMNS``; the time it is written and
        ``reverses_id``, none, are the batch's), once the contract has its id."""
        return (self.contract.id, self.entry_key, self.date, self.kind, self.status_before,
                self.created_by, self.collected, self.recognized, self.cleared,
                self.margin_cleared, self.tazir, self.down_payment, self.loss, self.recovered,
                self.payer, self.note)

    ROW_COLUMNS = ("contract_id", "entry_key", "date", "kind", "status_before", "created_by",
                   "collected", "recognized", "cleared", "margin_cleared", "tazir",
                   "down_payment", "loss", "recovered", "payer", "note")
