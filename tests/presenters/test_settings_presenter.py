"""The settings page's calls, without Qt: the cooperative, groups, savings products."""

from __future__ import annotations

from factories import ACTOR, rp
from kasir.book import cooperative
from kasir.book.cooperative import CoopSettings
from kasir.members import service as members
from kasir.members.rules import GroupInput
from kasir.savings import service as savings
from kasir.savings.queries import ProductRow
from kasir.uow import Book
from ledger.money import ZERO
from ui.presenters.outcome import Outcome
from ui.presenters.settings_presenter import SettingsPresenter, read_product_change


def products(settings: SettingsPresenter) -> dict[str, ProductRow]:
    return {p.code: p for p in settings.products()}


def test_the_cooperatives_details_are_saved_and_an_empty_name_refused(today_book: Book):
    settings = SettingsPresenter(today_book, ACTOR)
    coop = CoopSettings("  KSPPS   Maju Bersama ", "Jl. Raya 1", "Lebak", "Ibu  Ratna")
    assert settings.save_cooperative(coop) == Outcome("Data koperasi sudah disimpan.", "ok")
    assert settings.cooperative() == CoopSettings("KSPPS Maju Bersama", "Jl. Raya 1", "Lebak",
                                                  "Ibu Ratna")
    refused = settings.save_cooperative(CoopSettings("  ", "Jl. Lain", "Serang", ""))
    assert refused == Outcome("Koperasi perlu nama.", "error")
    assert cooperative.cooperative(today_book).place == "Lebak"  # nothing was saved


def test_a_group_is_created_then_changed(today_book: Book):
    settings = SettingsPresenter(today_book, ACTOR)
    assert settings.create_group(GroupInput("K01", "Anggrek")) == Outcome(
        "Kelompok K01 sudah ada.", "error")
    assert settings.create_group(GroupInput("K03", "Anggrek", "Cibeber", 4)) == Outcome(
        "Kelompok K03 sudah ditambahkan.", "ok")
    rows = {g.code: g for g in settings.groups()}
    assert (rows["K03"].name, rows["K03"].meeting_weekday, rows["K03"].members) == (
        "Anggrek", 4, 0)
    mawar = rows["K01"]
    changed = GroupInput(mawar.code, mawar.name, mawar.village, mawar.meeting_weekday,
                         "Bu Yanti", mawar.leader_number)
    assert settings.update_group("K01", changed) == Outcome("Kelompok K01 sudah disimpan.",
                                                            "ok")
    assert members.groups(today_book)[0].facilitator == "Bu Yanti"
    assert settings.update_group("K09", GroupInput("K09")).kind == "error"


def test_the_mudharabah_nisbah_is_changed_and_101_refused(today_book: Book):
    settings = SettingsPresenter(today_book, ACTOR)
    mudharabah = products(settings)["mudharabah"]
    assert mudharabah.nisbah_percent == "30"
    change = read_product_change(mudharabah, mudharabah.name_id, "", "32,5")
    assert change == (mudharabah.name_id, ZERO, 3250)
    assert settings.update_product("mudharabah", change) == Outcome(
        "Produk simpanan sudah disimpan.", "ok")
    assert products(settings)["mudharabah"].nisbah_percent == "32.5"
    too_much = read_product_change(mudharabah, "", "", "101")
    assert too_much == Outcome("Nisbah harus antara 0 dan 100 persen.", "error")
    assert settings.update_product("mudharabah", ("", ZERO, 10_100)) == too_much
    assert read_product_change(mudharabah, "", "", "abc") == Outcome(
        "“abc” bukan persentase; ketik seperti 30 atau 27,5.", "error")
    assert savings.products(today_book)[3].nisbah_percent == "32.5"  # unchanged since


def test_other_products_keep_no_nisbah_and_take_a_usual_amount(today_book: Book):
    settings = SettingsPresenter(today_book, ACTOR)
    sukarela = products(settings)["sukarela"]
    change = read_product_change(sukarela, " Sukarela ", "10.000", "99")
    assert change == ("Sukarela", rp(10_000), None)  # the nisbah field is not read
    assert settings.update_product("sukarela", change).ok
    assert products(settings)["sukarela"].default_amount == rp(10_000)
    assert settings.update_product("sukarela", ("", ZERO, 3_000)) == Outcome(
        "Hanya simpanan mudharabah yang memiliki nisbah bagi hasil.", "error")
    bad = read_product_change(sukarela, "", "sepuluh", "")
    assert isinstance(bad, Outcome) and "bukan jumlah uang" in bad.text


def test_the_cashiers_threshold_is_kept_in_the_book(today_book: Book):
    settings = SettingsPresenter(today_book, ACTOR)
    assert settings.confirm_above() == "5.000.000"  # the default: Rp5.000.000
    assert settings.save_confirm_above("2.000.000").ok
    assert settings.confirm_above() == "2.000.000"
    assert cooperative.confirm_above(today_book) == rp(2_000_000)
    typo = settings.save_confirm_above("1,000,000")
    assert typo.kind == "error" and "1.000.000?" in typo.text
    assert settings.save_confirm_above("-5").kind == "error"
    assert cooperative.confirm_above(today_book) == rp(2_000_000)  # nothing was saved
    assert settings.save_confirm_above("0").ok  # every amount is asked about
    assert cooperative.confirm_above(today_book) == ZERO
