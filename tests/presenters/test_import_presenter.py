"""The import page's calls, without Qt: choose a file, import it whole or refuse it whole."""

from __future__ import annotations

import json

import pytest

from factories import ACTOR, EVENTS, OVERDRAWN, rp, write_events
from kasir.members import service as members
from kasir.savings import rules as savings_rules
from kasir.uow import Book
from ledger import queries
from ui.presenters.import_presenter import ImportPresenter, event_name, summary
from ui.presenters.outcome import Outcome


def posted(book: Book) -> int:
    with book.read_session() as s:
        return queries.count_posted(s)


@pytest.fixture
def page(book: Book) -> ImportPresenter:
    return ImportPresenter(book, ACTOR)


def test_the_presenter_names_every_kind_of_event():
    from kasir.imports.handlers import HANDLERS
    from kasir.imports.importer import ImportResult

    assert all(event_name(code) != code for code in HANDLERS)
    assert summary(ImportResult(4, 4, 0, 2, {})) == "4 kejadian diimpor · 2 entri diposting."


def test_nothing_chosen_nothing_imported(page, book):
    assert page.file is None and page.folder() == "" and not page.can_import()
    assert page.file_text() == "Belum ada berkas yang dipilih."
    hint = Outcome("Pilih dulu berkas yang akan diimpor.", "hint")
    assert page.not_ready() == hint
    assert page.run() == hint and posted(book) == 0


def test_a_file_is_imported_with_its_progress_then_skipped_the_second_time(page, book,
                                                                           tmp_path):
    chosen = page.choose(write_events(tmp_path, EVENTS))
    assert chosen == Outcome("Tekan Impor untuk memasukkan berkas ke buku.", "hint")
    assert page.not_ready() is None and page.can_import()
    assert page.file_text() == "buku-lama.events.jsonl — 4 baris (1 KB)"
    assert page.folder() == str(tmp_path)
    assert page.starting() == Outcome("Mengimpor buku-lama.events.jsonl…", "plain")
    heard: list[int] = []
    done = page.run(heard.append)
    assert done == Outcome("4 kejadian diimpor · 2 entri diposting.", "ok")
    assert heard == page.progress_seen == [0, 4] and not page.running
    assert [(r.name, r.count) for r in page.type_rows()] == [
        ("Setoran", 2), ("Kelompok dibentuk", 1), ("Anggota masuk", 1)]
    assert page.status_bar_text() == "4 kejadian diimpor · 2 entri diposting."
    with book.read_session() as s:
        assert savings_rules.balance(s, "M1", "sukarela") == rp(120_000)
    before = posted(book)

    again = page.run()
    assert again == Outcome("0 kejadian diimpor · 0 entri diposting · 4 dilewati: sudah ada "
                            "di buku. Semua kejadian dalam berkas ini sudah pernah diimpor; "
                            "tidak ada yang berubah.", "ok")
    assert page.status_bar_text() == ("0 kejadian diimpor · 0 entri diposting · 4 dilewati: "
                                      "sudah ada di buku.")
    assert posted(book) == before and page.type_rows() == []


def test_a_big_file_reports_its_progress_from_zero_to_the_total(page, tmp_path):
    events = EVENTS[:2] + [
        {"type": "deposit", "date": "2026-01-05", "member_id": "M1", "product": "sukarela",
         "amount": 1000 + n, "channel": "cash"} for n in range(1_100)]
    page.choose(write_events(tmp_path, events))
    heard: list[int] = []
    assert page.run(heard.append).ok
    assert heard == [0, 500, 1000, 1102] and page.result is not None
    assert page.result.events == 1102 and page.result.entries == 1100


def test_a_bad_line_names_file_line_and_field_and_nothing_is_imported(page, book, tmp_path):
    page.choose(write_events(tmp_path, [*EVENTS, OVERDRAWN]))
    assert page.file_text().startswith("buku-lama.events.jsonl — 5 baris")
    outcome = page.run()
    assert outcome == Outcome(
        "buku-lama.events.jsonl:5: amount: Penarikan Rp500.000 dari Simpanan Sukarela (Wadiah) "
        "milik M1 melebihi saldonya Rp120.000.\n"
        "Tidak ada yang diimpor: seluruh berkas ditolak. Perbaiki baris itu, lalu impor "
        "berkasnya lagi.", "error")
    assert posted(book) == 0 and members.find_members(book) == []
    assert page.result is None and page.type_rows() == [] and page.status_bar_text() == ""
    assert page.can_import()                                  # corrected, it can go again


def test_a_file_that_is_not_json_names_its_line(page, book, tmp_path):
    path = tmp_path / "rusak.jsonl"
    path.write_text(json.dumps(EVENTS[0]) + "\n{tanggal: 2026-01-05\n", "utf-8")
    page.choose(path)
    outcome = page.run()
    assert outcome.kind == "error" and outcome.text.startswith("rusak.jsonl:2: bukan JSON yang sah")
    assert posted(book) == 0


def test_a_file_that_cannot_be_read_is_not_taken(page, tmp_path):
    page.choose(write_events(tmp_path, EVENTS))
    outcome = page.choose(tmp_path / "hilang.jsonl")
    assert outcome.kind == "error" and page.file is None and not page.can_import()
    assert page.file_text() == "Belum ada berkas yang dipilih."
