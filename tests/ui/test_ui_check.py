"""File → Check the book: the seal shown, a seal from a paper checked, findings listed."""

from __future__ import annotations

import pytest

from kasir import i18n
from kasir.book import seals
from ui.dialogs.check_dialog import AnchorFilePicker, CheckDialog
from ui.presenters.check_presenter import CheckPresenter


@pytest.fixture(autouse=True)
def english() -> None:
    i18n.set_language("en")


def test_the_seal_is_shown_and_a_paper_seal_checked(qtbot, demo_book, tmp_path, monkeypatch):
    dialog = CheckDialog(CheckPresenter(demo_book))
    qtbot.addWidget(dialog)
    assert dialog.seal.text() == str(seals.current(demo_book))
    dialog.anchors.setPlainText(dialog.seal.text())
    dialog.check_button.click()
    assert dialog.status.kind == "ok" and "still holds the history" in dialog.status.text()
    assert dialog.findings.isHidden()
    dialog.anchors.setPlainText("ABCD-EFGH-JK /999999")  # a seal the book never reached
    junk = tmp_path / "bukan.kasir"
    junk.write_text("bukan buku", "utf-8")
    monkeypatch.setattr(AnchorFilePicker, "ask", classmethod(lambda cls, parent: junk))
    dialog.add_backup()
    assert dialog.anchors.toPlainText() == f"ABCD-EFGH-JK /999999\n{junk}"
    dialog.check_button.click()
    assert dialog.status.kind == "error" and "2 problem(s)" in dialog.status.text()
    assert not dialog.findings.isHidden()
    shown = [dialog.findings.item(i).text() for i in range(dialog.findings.count())]
    assert any("no longer holds record 999999" in t for t in shown)
    assert any("neither a seal nor a Kasir backup" in t for t in shown)
