"""Builders of the financing papers: the akad summary, the installment card, the group
meeting's collection sheet and the portfolio's quality.

The faces read the book through the financing and meeting services and hand over what
they read (a ``ContractPage``, the ``Sheet`` of each group, the ``Portfolio``); these
builders add what only a paper needs — the cooperative's header, the member's card, the
group's leader and facilitator, the treasurer, the seal of the book as it was printed
(noted in this computer's seal log) — and ``reports.pdf`` draws it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from kasir.book import seals
from kasir.financing import portfolio as quality
from kasir.financing import queries as financing
from kasir.financing.portfolio import Portfolio
from kasir.financing.queries import ContractPage
from kasir.meetings.queries import Sheet
from kasir.members import queries as members
from kasir.settings import get_setting
from kasir.uow import Book
from reports.member_papers import cooperative
from reports.papers import ContractPaper, PortfolioPaper, SheetPaper
from reports.pdf.akad import render_akad
from reports.pdf.collection_sheet import render_collection_sheets
from reports.pdf.installment_card import render_card
from reports.pdf.portfolio import render_portfolio


def _leaders(s: Session) -> tuple[dict[str, str], dict[str, str]]:
    names = members.names(s)
    leaders, facilitators = {}, {}
    for g in members.group_rows(s):
        leaders[g.code] = names.get(g.leader_number or "", "")
        facilitators[g.code] = g.facilitator
    return leaders, facilitators


def contract_paper(book: Book, page: ContractPage, as_of: dt.date) -> ContractPaper:
    def read(s: Session) -> ContractPaper:
        card = members.card(s, page.row.member)
        products = {p.code: p.name for p in financing.product_rows(s)}
        leaders, _f = _leaders(s)
        group_code = page.row.group
        return ContractPaper(
            coop=cooperative(s), page=page, member_name=card.name if card else page.row.name,
            member_address=card.address if card else "",
            group=card.group if card else group_code, leader=leaders.get(group_code, ""),
            product=products.get(page.row.product, page.row.product),
            treasurer=get_setting(s, "treasurer") or "", as_of=as_of,
            printed_on=book.clock.today())
    return book.read(read)


def _sealed(book: Book, what: str) -> str:
    return str(seals.record(book, what))


def write_akad(book: Book, page: ContractPage, out: Path | BinaryIO) -> None:
    paper = contract_paper(book, page, page.row.akad_on or book.clock.today())
    render_akad(replace(paper, seal=_sealed(book, f"ringkasan akad {page.row.number}")), out)


def write_card(book: Book, page: ContractPage, as_of: dt.date, out: Path | BinaryIO) -> None:
    paper = contract_paper(book, page, as_of)
    render_card(replace(paper, seal=_sealed(book, f"kartu angsuran {page.row.number}")), out)


def write_collection_sheets(book: Book, sheets: Sequence[Sheet],
                            out: Path | BinaryIO) -> None:
    def read(s: Session) -> SheetPaper:
        leaders, facilitators = _leaders(s)
        return SheetPaper(cooperative(s), tuple(sheets), leaders, facilitators,
                          members.names(s), get_setting(s, "treasurer") or "",
                          book.clock.today())
    paper = book.read(read)
    day = sheets[0].day if sheets else book.clock.today()
    groups = ",".join(sh.group for sh in sheets)
    render_collection_sheets(replace(paper, seal=_sealed(
        book, f"lembar kolektif {groups} {day.isoformat()}")), out)


def write_portfolio(book: Book, p: Portfolio, out: Path | BinaryIO) -> None:
    paper = book.read(lambda s: PortfolioPaper(cooperative(s), p, quality.classes(s),
                                               book.clock.today()))
    render_portfolio(replace(paper, seal=_sealed(book, f"kolektibilitas {p.day.isoformat()}")),
                     out)
