"""The maal book's operations, as posting rules (recipes) and the drafts they make."""

from __future__ import annotations

import datetime as dt

from kasir.accounts import CHANNELS, MAAL_CHANNELS, AccountRole
from kasir.errors import N_, KasirError
from kasir.recipes import Recipe
from ledger.entry import EntryDraft
from ledger.money import Money

# Each kind of giving and the fund it belongs to (sadaqah is kept with infak).
ZIS_FUNDS = {"zakat": AccountRole.ZAKAT_FUND, "infaq": AccountRole.INFAQ_FUND,
             "sadaqah": AccountRole.INFAQ_FUND}

ZIS_RECEIVED = Recipe("zis_received", None, None)  # maal cash or bank -> the fund
ZIS_DISTRIBUTED = Recipe("zis_distributed", None, None)  # the fund -> maal cash or bank
BENEVOLENCE_DISBURSED = Recipe("kebajikan_disbursed", AccountRole.BENEVOLENCE_HELD, None)
NON_HALAL_CHANNELS = {**CHANNELS, "conventional": AccountRole.CONVENTIONAL_BANK}
NON_HALAL_RECEIVED = Recipe("non_halal_received", None, AccountRole.BENEVOLENCE_HELD)


def _fund(kind: str) -> str:
    if kind not in ZIS_FUNDS:
        raise KasirError(N_("There is no fund for {kind}; choose zakat, infaq or sadaqah."),
                         kind=kind)
    return ZIS_FUNDS[kind]


def _channel(channels: dict[str, AccountRole], channel: str) -> str:
    if channel not in channels:
        raise KasirError(N_("Money moves by cash or bank, not {channel}."), channel=channel)
    return channels[channel]


def _positive(amount: Money) -> None:
    if amount.sen <= 0:
        raise KasirError(N_("The amount must be more than zero."))


def zis_received(day: dt.date, kind: str, amount: Money, *, channel: str = "cash",
                 member: str | None = None, key: str | None = None) -> EntryDraft:
    """Zakat, infak or sedekah received into the maal book's cash or bank."""
    _positive(amount)
    memo = f"Penerimaan {kind}" + (f" dari {member}" if member else "")
    return ZIS_RECEIVED.draft(day, amount, memo, debit=_channel(MAAL_CHANNELS, channel),
                              credit=_fund(kind), key=key)


def zis_distributed(day: dt.date, kind: str, amount: Money, *, paid_from: str = "cash",
                    programme: str = "", key: str | None = None) -> EntryDraft:
    """A fund given out (zakat only to the eight asnaf), from the maal cash or bank."""
    _positive(amount)
    return ZIS_DISTRIBUTED.draft(day, amount, f"Penyaluran {kind} {programme}".strip(),
                                 debit=_fund(kind),
                                 credit=_channel(MAAL_CHANNELS, paid_from), key=key)


def benevolence_disbursed(day: dt.date, amount: Money, *, paid_from: str = "cash",
                          purpose: str = "", key: str | None = None) -> EntryDraft:
    """Benevolence money held by the cooperative, given out."""
    _positive(amount)
    return BENEVOLENCE_DISBURSED.draft(
        day, amount, f"Penggunaan dana kebajikan {purpose}".strip(),
        credit=_channel(CHANNELS, paid_from), key=key)


def non_halal_received(day: dt.date, amount: Money, *, channel: str = "bank",
                       key: str | None = None) -> EntryDraft:
    """Conventional-bank interest: held for the benevolence fund, never income. It arrives
    in the cash box, the Sharia bank account, or the conventional account that earned it."""
    _positive(amount)
    return NON_HALAL_RECEIVED.draft(
        day, amount, "Penerimaan non-halal (bunga bank konvensional) ke dana kebajikan",
        debit=_channel(NON_HALAL_CHANNELS, channel), key=key)
