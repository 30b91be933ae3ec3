"""Reversing a month's profit sharing takes each share back out of savings: it is
refused when a member has already drawn on it (``kasir.journal.reversals``)."""

from __future__ import annotations

from kasir.journal.reversals import register
from kasir.savings.reversal import savings_stay_covered

register("profit_share", check=savings_stay_covered)
