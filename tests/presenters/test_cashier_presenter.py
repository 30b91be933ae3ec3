"""The cashier without Qt: its rules (keys, products per operation, default amounts) and
the desk's calls on a real book (finding and taking her, posting once, receipts)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factories import ACTOR, rp
from kasir import i18n
from kasir.i18n import _
from kasir.savings import service as savings
from kasir.uow import Book
from ledger import queries
from ui.presenters.cash_count_presenter import evaluate
from ui.presenters.cashier_desk import CashierDesk
from ui.presenters.cashier_presenter import (
    DEPOSIT,
    EXIT,
    INSTALLMENT,
    OPERATION_LABELS,
    TRANSFER,
    WITHDRAW,
    CashierForm,
    CashierPresenter,
    Request,
    key_of,
    operation_keys,
)
from ui.presenters.outcome import Outcome

from .conftest import TODAY

DAY = dt.date(2026, 11, 20)


@pytest.fixture
def presenter(members_book):
    return CashierPresenter(savings.member_page(members_book, "A-002", DAY))


def test_operation_keys_follow_the_language():
    keys = operation_keys()
    assert keys.pop(key_of(_(OPERATION_LABELS[INSTALLMENT]))) == INSTALLMENT  # A Angsuran
    assert keys == {"s": DEPOSIT, "t": WITHDRAW, "p": TRANSFER, "k": EXIT}
    i18n.set_language("en")
    assert operation_keys() == {"d": DEPOSIT, "w": WITHDRAW, "t": TRANSFER, "x": EXIT,
                                "i": INSTALLMENT}


def test_products_per_operation_and_the_wajib_arrears_offered(presenter):
    form = CashierForm(DEPOSIT)
    form, problem = presenter.pick_product(form, 2)
    assert problem is None and (form.product, form.amount) == ("wajib", "35.000")
    withdraw = presenter.pick_operation(form, WITHDRAW)
    same, problem = presenter.pick_product(withdraw, 1)
    assert same is withdraw and "hanya bisa dibayarkan" in i18n.message(problem)
    transfer = presenter.pick_operation(form, TRANSFER)
    transfer, _p = presenter.pick_product(transfer, 3)
    assert presenter.wants_destination(transfer)
    unchanged, problem = presenter.pick_product(transfer, 3)
    assert i18n.message(problem) == "Pilih dua produk simpanan yang berbeda."
    transfer, _p = presenter.pick_product(transfer, 4)
    assert (transfer.product, transfer.to_product) == ("sukarela", "mudharabah")


def test_what_enter_would_post(presenter):
    assert not presenter.evaluate(CashierForm(DEPOSIT, "sukarela")).can_post
    bad = presenter.evaluate(CashierForm(DEPOSIT, "sukarela", amount="12.34"))
    assert bad.problem is not None and not bad.can_post
    request = presenter.request(CashierForm(DEPOSIT, "sukarela", amount="1.250.000"))
    assert request.amount == rp(1_250_000) and request.number == "A-002"
    leaving = presenter.request(CashierForm(EXIT))
    assert leaving.expected == {"pokok": rp(50_000), "sukarela": rp(40_000)}
    assert presenter.describe(request) == ("Setoran Simpanan Sukarela (Wadiah) Rp1.250.000 — "
                                           "Nur Hasanah (A-002)")


def test_cash_count_figures():
    state = evaluate({100_000: "2", 500: "3", 100: ""}, rp(201_000))
    assert (state.total, state.difference) == (rp(201_500), rp(500)) and state.over
    wrong = evaluate({1_000: "1,5"}, rp(0))
    assert 1_000 in wrong.errors


# --- the desk: the calls, on a real book --------------------------------------------------
def posted_count(book: Book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


def balance(book: Book, number: str, product: str) -> object:
    account = savings.member_page(book, number).account(product)
    assert account is not None
    return account.balance


def desk_for(book: Book, number: str) -> CashierDesk:
    """The desk with ``number`` taken, as Enter in the search leaves it."""
    desk = CashierDesk(book, ACTOR)
    assert desk.take(number) is None
    return desk


def prepared(desk: CashierDesk) -> Request:
    request = desk.prepare()
    assert isinstance(request, Request), request
    return request


def test_search_preview_and_take(today_book):
    desk = CashierDesk(today_book, ACTOR)
    assert desk.day == TODAY  # the date field's default: the book's clock
    assert desk.search("zzz") == Outcome("Tidak ada anggota dengan nomor atau nama “zzz”.",
                                         "hint")
    assert desk.search("siti") is None
    assert [m.number for m in desk.matches] == ["A-001", "A-010"]
    assert desk.preview(0, "") is False and desk.preview_page is None  # nothing typed yet
    assert desk.preview(0, "siti") is True and desk.preview_page.name == "Siti Aminah"
    assert desk.preview(0, "siti") is False  # the same match: not read again
    screen = desk.screen()
    assert screen.card[0] is desk.preview_page and screen.enabled == (False, False, False)
    assert screen.guide == Outcome("Enter memilih Siti Aminah; ↑↓ memilih yang lain.", "hint")
    assert desk.prepare() == Outcome("Ketik nomor anggota atau sebagian namanya, lalu Enter.",
                                     "hint")
    assert desk.to_take("siti", 1) == "A-010"  # the highlighted match
    desk.search("a-01")
    assert desk.to_take("A-011", 0) == "A-011"  # the exact number, wherever it is listed
    assert desk.take("X-999") == Outcome("Tidak ada anggota X-999.", "error")
    assert desk.page is None
    assert desk.take("A-011") is None
    assert desk.page.name == "Ani Suryani" and desk.preview_page is None
    assert desk.form == CashierForm(DEPOSIT) and desk.screen().enabled == (True, True, True)
    assert desk.screen().guide == Outcome("Pilih simpanan dengan tombol angkanya.", "hint")
    desk.new_operation(forget=True)  # typing in the search again: the next member
    assert desk.page is None


def test_a_deposit_posts_once_with_its_key(today_book, tmp_path: Path):
    before = posted_count(today_book)
    desk = desk_for(today_book, "A-001")
    assert desk.choose_product(3) is None
    desk.edit(amount="250.000")
    assert desk.advance() == ("amount", None)
    request, key = prepared(desk), desk.key
    done = desk.post(request, tmp_path)
    assert done == Outcome("Diposting: Setoran Simpanan Sukarela (Wadiah) Rp250.000 — Siti "
                           "Aminah (A-001). Kuitansi 0001/KW/XI/2026.", "ok")
    assert balance(today_book, "A-001", "sukarela") == rp(250_000)
    assert posted_count(today_book) == before + 1
    assert desk.key != key and desk.form == CashierForm(DEPOSIT)  # ready for the next one
    assert desk.page.account("sukarela").balance == rp(250_000)  # her page read again
    # the same prepared operation again (a double Enter, a retry): the first posting
    desk.key = key
    again = desk.post(request, tmp_path)
    assert again == done and desk.last_result.duplicate
    assert balance(today_book, "A-001", "sukarela") == rp(250_000)
    assert posted_count(today_book) == before + 1


def test_the_receipt_pdf_is_written_to_the_folder_given(today_book, tmp_path: Path):
    desk = desk_for(today_book, "A-002")
    desk.choose_product(4)
    desk.edit(amount="10.000")
    assert desk.post(prepared(desk), tmp_path / "kertas").ok
    receipt = tmp_path / "kertas" / "Kuitansi" / "Kuitansi 0001-KW-XI-2026.pdf"
    assert desk.last_receipt == receipt and receipt.read_bytes().startswith(b"%PDF")
    assert desk.last_result.receipt == "0001/KW/XI/2026"
    # a folder that cannot be written: posted all the same, and said so
    blocked = tmp_path / "berkas"
    blocked.write_text("not a folder")
    desk.choose_product(4)
    desk.edit(amount="5.000")
    outcome = desk.post(prepared(desk), blocked)
    assert outcome.kind == "hint" and outcome.text.startswith(
        "Diposting: Setoran Simpanan Mudharabah Rp5.000 — Nur Hasanah (A-002). Kuitansi "
        "0002/KW/XI/2026. Berkas kuitansi tidak dapat ditulis: ")
    assert desk.last_receipt is None and desk.last_result.receipt == "0002/KW/XI/2026"
    assert balance(today_book, "A-002", "mudharabah") == rp(15_000)


def test_a_withdrawal_beyond_the_balance_is_refused_in_indonesian(today_book, tmp_path: Path):
    before = posted_count(today_book)
    desk = desk_for(today_book, "A-002")
    desk.new_operation(WITHDRAW)
    assert desk.choose_product(1) == Outcome("Simpanan Pokok hanya bisa dibayarkan saat "
                                             "anggota keluar dari koperasi.", "error")
    assert desk.form.product is None
    assert desk.choose_product(3) is None
    assert desk.screen().available == "Saldo Sukarela: Rp40.000"
    desk.edit(amount="50.000")
    key, form, papers = desk.key, desk.form, tmp_path / "kertas"
    outcome = desk.post(prepared(desk), papers)
    assert outcome == Outcome("Penarikan Rp50.000 dari Simpanan Sukarela (Wadiah) milik A-002 "
                              "melebihi saldonya Rp40.000.", "error")
    assert posted_count(today_book) == before
    assert balance(today_book, "A-002", "sukarela") == rp(40_000)
    assert (desk.key, desk.form) == (key, form)  # she corrects the amount and goes on
    assert desk.last_result is None and not papers.exists()
    desk.edit(amount="40.000")
    assert desk.post(prepared(desk), papers).ok
    assert balance(today_book, "A-002", "sukarela") == rp(0)


def test_a_typing_mistake_is_refused_before_any_call(today_book):
    desk = desk_for(today_book, "A-010")
    desk.choose_product(3)
    desk.edit(amount="12.34")
    assert desk.prepare() == Outcome("“12.34” bukan jumlah uang; ketik seperti 1.234.567 atau "
                                     "1.234.567,50.", "error")
    assert desk.screen().guide == Outcome("", "plain")  # judged on Enter, not while typing


def test_a_transfer_has_no_receipt(today_book, tmp_path: Path):
    desk = desk_for(today_book, "A-002")
    desk.new_operation(TRANSFER)
    desk.choose_product(3)
    assert desk.advance() == ("stay", Outcome("Pilih simpanan tujuan pemindahan dengan tombol "
                                              "angkanya.", "hint"))
    assert desk.screen().pad[3] == "Ke"
    assert desk.choose_product(3) == Outcome("Pilih dua produk simpanan yang berbeda.", "error")
    desk.choose_product(4)
    desk.edit(amount="15.000")
    papers = tmp_path / "kertas"
    outcome = desk.post(prepared(desk), papers)
    assert outcome == Outcome("Diposting: Pindah buku Simpanan Sukarela (Wadiah) → Simpanan "
                              "Mudharabah Rp15.000 — Nur Hasanah (A-002). Entri 2026/000003.",
                              "ok")
    assert desk.last_result.receipt is None and desk.last_receipt is None
    assert not papers.exists()  # no paper at all
    assert balance(today_book, "A-002", "sukarela") == rp(25_000)
    assert balance(today_book, "A-002", "mudharabah") == rp(15_000)


def test_an_exit_pays_out_every_balance(today_book, tmp_path: Path):
    desk = desk_for(today_book, "A-002")
    desk.new_operation(EXIT)
    assert desk.advance() == ("post", None)
    screen = desk.screen()
    assert screen.exit_amount == "90.000" and screen.enabled == (True, False, True)
    request = prepared(desk)
    assert request.expected == {"pokok": rp(50_000), "sukarela": rp(40_000)}
    outcome = desk.post(request, tmp_path, paid_from="bank")
    assert outcome == Outcome("Diposting: Anggota keluar Rp90.000 — Nur Hasanah (A-002). "
                              "Kuitansi 0001/KW/XI/2026.", "ok")
    page = savings.member_page(today_book, "A-002")
    assert not page.active and page.total == rp(0)
    assert {a.product: a.balance for a in page.accounts} == {
        p: rp(0) for p in ("pokok", "wajib", "sukarela", "mudharabah")}
    assert desk.last_receipt is not None and desk.last_receipt.exists()
    assert desk.screen().guide == Outcome("Anggota A-002 sudah keluar dari koperasi.", "error")
    # a member with nothing to pay out leaves all the same, without a receipt
    empty = desk_for(today_book, "A-001")
    empty.new_operation(EXIT)
    assert empty.post(prepared(empty), tmp_path) == Outcome(
        "Siti Aminah sudah keluar dari koperasi; tidak ada saldo yang dibayarkan.", "ok")
    assert empty.last_receipt is None and not empty.page.active


def test_another_day_reads_her_balances_as_they_were(today_book):
    desk = desk_for(today_book, "A-002")
    assert desk.reload(dt.date(2026, 10, 10)) is None  # before the sukarela deposit of 12 Oct
    assert desk.day == dt.date(2026, 10, 10)
    assert desk.page.account("sukarela").balance == rp(0)
    assert desk.page.account("pokok").balance == rp(50_000)
