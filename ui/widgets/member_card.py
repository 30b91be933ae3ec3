"""The member's card: who she is and what she holds, readable at a glance.

Her name large, then number, group, village and status; one tile per savings
product with its balance; and what is due (simpanan wajib in arrears,
financing not yet repaid). The cashier and the member page show the same card.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kasir.i18n import _
from kasir.numbers import format_rupiah
from kasir.savings.queries import MemberPage
from ui.presenters import labels
from ui.presenters.cashier_presenter import short_name

TILE = ("QFrame#tile {{ background: {bg}; border: 1px solid {border}; border-radius: 4px; }}")
NORMAL = TILE.format(bg="#f7f9fc", border="#d5dde8")
CHOSEN = TILE.format(bg="#e3f2fd", border="#1565c0")


class BalanceTile(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 6)
        layout.setSpacing(0)
        self.title = QLabel(self)
        self.title.setStyleSheet("color: #455a64;")
        self.amount = QLabel(self)
        self.amount.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        big = QFont(self.font())
        big.setPointSizeF(big.pointSizeF() * 1.3)
        big.setBold(True)
        self.amount.setFont(big)
        layout.addWidget(self.title)
        layout.addWidget(self.amount)
        self.set_chosen(False)

    def set_chosen(self, chosen: bool) -> None:
        self.setStyleSheet(CHOSEN if chosen else NORMAL)


class MemberCard(QFrame):
    """Shows one ``MemberPage``; empty until a member is chosen."""

    def __init__(self, parent: QWidget | None = None, tiles: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("memberCard")
        self.page: MemberPage | None = None
        self.with_tiles = tiles
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.name = QLabel(self)
        self.name.setObjectName("memberName")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.name.setFont(font)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel(self)
        self.facts.setObjectName("memberFacts")
        self.facts.setWordWrap(True)
        layout.addWidget(self.name)
        layout.addWidget(self.facts)
        self.tiles_row = QGridLayout()
        self.tiles_row.setHorizontalSpacing(6)
        layout.addLayout(self.tiles_row)
        self.tiles: dict[str, BalanceTile] = {}
        dues = QHBoxLayout()
        self.dues = QLabel(self)
        self.dues.setObjectName("memberDues")
        self.dues.setWordWrap(True)
        dues.addWidget(self.dues, 1)
        layout.addLayout(dues)
        self.show_page(None)

    def show_page(self, page: MemberPage | None, chosen: tuple[str, ...] = ()) -> None:
        self.page = page
        if page is None:
            self.name.setText(_("No member chosen"))
            self.name.setStyleSheet("color: #90a4ae;")
            self.facts.setText(_("Type her number or part of her name in the search field."))
            self.dues.setText("")
            self.dues.setVisible(False)
            self._tiles([])
            return
        d = page.detail
        self.name.setText(d.name)
        self.name.setStyleSheet("")
        group = f"{d.group_code} {d.group_name or ''}".strip() if d.group_code else _("no group")
        status = labels.member_status(d.status)
        if d.status != "active":
            status = f"<b style='color:#b71c1c'>{status}</b>"
        facts = [f"<b>{d.number}</b>", _("group {group}").format(group=group)]
        if d.village:
            facts.append(d.village)
        facts.append(status)
        self.facts.setText(" · ".join(facts))
        self._tiles([(a.product, f"{n}. {short_name(a)}", a.balance)
                     for n, a in enumerate(page.accounts, start=1)])
        self.set_chosen(chosen)
        self.dues.setText(self._dues_text(page))
        self.dues.setVisible(True)

    def _dues_text(self, page: MemberPage) -> str:
        d = page.detail
        parts = []
        if d.status == "active" and d.wajib_amount:
            if page.arrears:
                parts.append("<span style='color:#b71c1c'><b>" + _(
                    "Simpanan wajib in arrears: {amount}").format(
                    amount=format_rupiah(page.arrears)) + "</b></span>")
            else:
                parts.append("<span style='color:#1b5e20'>" + _(
                    "Simpanan wajib paid up ({amount} {period})").format(
                    amount=format_rupiah(d.wajib_amount),
                    period=labels.wajib_period(d.wajib_period)) + "</span>")
        if d.financing_outstanding.is_positive():
            parts.append("<span style='color:#e65100'>" + _(
                "Financing still owed: {amount}").format(
                amount=format_rupiah(d.financing_outstanding)) + "</span>")
        if d.profit_share_owed.is_positive():
            parts.append("<span style='color:#0d47a1'><b>" + _(
                "Profit share waiting for her: {amount}").format(
                amount=format_rupiah(d.profit_share_owed)) + "</b></span>")
        return " &nbsp;·&nbsp; ".join(parts) or _("Nothing due.")

    def _tiles(self, rows: list[tuple[str, str, object]]) -> None:
        """One tile per product; kept when the products are the same (every keystroke
        redraws the card), rebuilt when another book's products differ."""
        if not self.with_tiles:
            return
        if [code for code, _t, _a in rows] != list(self.tiles):
            for tile in self.tiles.values():
                self.tiles_row.removeWidget(tile)
                tile.hide()
                tile.deleteLater()
            self.tiles = {}
            for col, (code, _title, _amount) in enumerate(rows):
                tile = BalanceTile(self)
                tile.amount.setObjectName(f"balance_{code}")
                self.tiles_row.addWidget(tile, 0, col)
                self.tiles[code] = tile
        for code, title, amount in rows:
            tile = self.tiles[code]
            tile.title.setText(title)
            tile.amount.setText(format_rupiah(amount))  # type: ignore[arg-type]

    def set_chosen(self, chosen: tuple[str, ...]) -> None:
        for code, tile in self.tiles.items():
            tile.set_chosen(code in chosen)

    def balance_text(self, product: str) -> str:
        tile = self.tiles.get(product)
        return tile.amount.text() if tile is not None else ""
