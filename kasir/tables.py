"""Every table of the cooperative, on the ledger's metadata: one schema, one migration
chain. Alembic imports this module so that ``alembic check`` sees them all."""

from __future__ import annotations

from kasir.cash.models import CashCount
from kasir.financing.models import Contract, FinancingEvent, FinancingProduct, ScheduleLine
from kasir.imports.models import ImportedEvent
from kasir.members.models import Group, Member
from kasir.receipts.models import Receipt, ReceiptCounter
from kasir.savings.models import SavingsProduct
from kasir.settings import BookSetting
from kasir.users.models import Request, User, UserEvent
from ledger.schema import Base

__all__ = ["Base", "BookSetting", "CashCount", "Contract", "FinancingEvent", "FinancingProduct",
           "Group", "ImportedEvent", "Member", "Receipt", "ReceiptCounter", "Request",
           "SavingsProduct", "ScheduleLine", "User", "UserEvent"]
