"""The window's "Check the book" without Qt: the seal shown, seals and backups checked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from factories import ACTOR, rp
from kasir.book import seals
from kasir.book import service as book_service
from kasir.savings import service as savings
from ui.presenters.check_presenter import CheckPresenter, anchors_in

from .conftest import TODAY


def test_anchors_are_read_one_per_line():
    assert anchors_in("K7Q2-9XMD-4T /12\n\n  /media/usb/buku.kasir  \r\n") == [
        "K7Q2-9XMD-4T /12", "/media/usb/buku.kasir"]


def test_a_sound_book_and_the_seals_it_still_holds(today_book):
    page = CheckPresenter(today_book)
    shown = page.seal_text()
    assert shown == str(seals.current(today_book))
    assert seals.log_path().read_text("utf-8").count(shown.split(" /")[0]) == 1
    savings.deposit(today_book, ACTOR, "A-001", "sukarela", rp(5_000), TODAY)
    result = page.check(shown)
    assert result.sound and result.findings == []
    assert "masih memuat riwayat" in result.summary and shown in result.summary


def test_a_history_cut_short_is_named_against_a_written_seal(today_book, tmp_path: Path,
                                                             sqlite_only):
    old = tmp_path / "lama.kasir"
    book_service.back_up(today_book.path, old)
    savings.deposit(today_book, ACTOR, "A-001", "sukarela", rp(5_000), TODAY)
    written = CheckPresenter(today_book).seal_text()
    today_book.engine.dispose()
    shutil.copyfile(old, today_book.path)  # an older copy put in its place
    result = CheckPresenter(today_book).check(f"{written}\n{old}")
    assert not result.sound
    assert any("terpotong" in f or "dipotong" in f for f in result.findings), result.findings
    assert f" {len(result.findings)} masalah" in result.summary


@pytest.mark.parametrize("junk", ["K7Q2", "bukan segel"])
def test_what_is_neither_a_seal_nor_a_backup_is_said(today_book, junk):
    result = CheckPresenter(today_book).check(junk)
    assert not result.sound and junk in result.findings[0]
