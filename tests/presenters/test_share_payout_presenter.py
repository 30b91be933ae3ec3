"""The profit share of a member who left before it was posted, paid from her page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from factories import ACTOR, rp, worked_example_month
from kasir.clock import FixedClock
from kasir.profit_share import service as profit_share
from kasir.savings import service as savings
from ui.presenters.members_presenter import MemberPagePresenter


def test_her_page_shows_the_share_and_pays_it_with_a_receipt(book, tmp_path: Path):
    book.run(worked_example_month)
    savings.update_product(book, ACTOR, "mudharabah", nisbah_bp=3000)
    savings.exit_member(book, ACTOR, "A", dt.date(2026, 11, 25))
    profit_share.post(book, ACTOR, 2026, 11)
    book.clock = FixedClock(dt.date(2026, 12, 2))
    page = MemberPagePresenter(book, ACTOR)
    assert page.load("A") is None
    owed = page.share_owed()
    assert owed.is_positive() and owed == profit_share.owed(book, "A")
    assert "her profit share of Rp" in page.share_question() or "bagi hasil" in \
        page.share_question()
    done = page.pay_out_share(tmp_path)
    assert done.ok and "0005/KW/XII/2026" in done.text
    assert (tmp_path / "Kuitansi" / "Kuitansi 0005-KW-XII-2026.pdf").exists()
    assert page.share_owed() == rp(0) and profit_share.owed(book, "A") == rp(0)
    again = page.pay_out_share(tmp_path)
    assert again.kind == "hint"
