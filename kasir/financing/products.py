"""Financing products: the settings a cooperative may change, each change waiting for a
ketua's approval (the service), and how a fee or fine typed by a person is read."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kasir.errors import N_, KasirError
from kasir.financing.models import FINE_ACCOUNTS, FREQUENCIES, METHODS, FinancingProduct
from kasir.financing.rules import product
from kasir.numbers import parse_amount
from ledger.money import Money


def parse_fee(text: str) -> Money:
    """A fee or fine typed by a person: a fixed rupiah amount, never a percentage (a qard's
    fee scaling with the amount lent would be riba in disguise, domain.md §1.2 Q2)."""
    if "%" in text or "persen" in text.lower():
        raise KasirError(N_("A fee or fine is a fixed amount in rupiah, never a "
                            "percentage."))
    return parse_amount(text, allow_zero=True)


PRODUCT_FIELDS = ("name_id", "frequency", "rounding", "margin_method", "admin_fee", "tazir",
                  "fine_account")


def update_product(s: Session, code: str, changes: dict[str, object]) -> FinancingProduct:
    """Change a product's settings (amounts in sen). A fine is never pointed at an income
    account (Fatwa 17, 123/2018); a fee is a fixed amount; contracts already signed keep
    the terms of their akad."""
    prod = product(s, code)
    unknown = set(changes) - set(PRODUCT_FIELDS)
    if unknown:
        raise KasirError(N_("A financing product has no setting {name}."),
                         name=", ".join(sorted(unknown)))
    fine = changes.get("fine_account")
    if fine is not None and fine not in FINE_ACCOUNTS:
        raise KasirError(N_("A fine (ta'zir) goes to the benevolence fund ({accounts}), never "
                            "to income or any other account."),
                         accounts=", ".join(FINE_ACCOUNTS))
    if changes.get("frequency") is not None and changes["frequency"] not in FREQUENCIES:
        raise KasirError(N_("Installments fall weekly, fortnightly or monthly."))
    if changes.get("margin_method") is not None and changes["margin_method"] not in METHODS:
        raise KasirError(N_("Margin is recognised proportionally or by annuity."))
    if prod.kind == "qard" and changes.get("margin_method") == "annuity":
        raise KasirError(N_("A qard has no margin to recognise."))
    for name in ("rounding", "admin_fee", "tazir"):
        value = changes.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)
                                  or value < (1 if name == "rounding" else 0)):
            raise KasirError(N_("A fee or fine is a fixed amount in rupiah, never a "
                                "percentage."))
    if changes.get("name_id") is not None and not str(changes["name_id"]).strip():
        raise KasirError(N_("A product needs a name."))
    for name, value in changes.items():
        if value is not None:
            setattr(prod, name, value.strip() if isinstance(value, str) else value)
    s.flush()
    return prod
