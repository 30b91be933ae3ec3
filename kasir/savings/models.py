"""The savings product table (``produk_simpanan``)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ledger.schema import Base


class SavingsProduct(Base):
    """A savings product as this cooperative runs it (simpanan pokok, wajib,
    sukarela/wadiah, mudharabah), with the account its balances live in."""

    __tablename__ = "produk_simpanan"
    __table_args__ = (
        CheckConstraint("kind IN ('pokok', 'wajib', 'wadiah', 'mudharabah')", name="kind"),
    )

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    name_id: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    account_code: Mapped[str] = mapped_column(String(20))
    passbook_code: Mapped[str] = mapped_column(String(4))  # SP, SW, SS, SM
    withdrawable: Mapped[bool] = mapped_column(Boolean, default=False)
    default_amount: Mapped[int] = mapped_column(BigInteger, default=0)  # sen
    nisbah_anggota_bp: Mapped[int] = mapped_column(Integer, default=0)  # basis points
    active: Mapped[bool] = mapped_column(Boolean, default=True)
