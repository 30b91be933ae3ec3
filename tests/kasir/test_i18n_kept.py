"""The catalog Babel read is kept between starts, and never outlives its ``.po``."""

from __future__ import annotations

from importlib.resources import files

from kasir import i18n


def _po() -> bytes:
    return files("resources").joinpath("locale/id/LC_MESSAGES/kasir.po").read_bytes()


def test_the_kept_reading_is_the_catalog_itself():
    i18n.catalog.cache_clear()
    first = i18n.catalog("id")  # parsed, then kept
    kept = i18n._kept_reading("id", _po())
    assert kept.is_file()
    i18n.catalog.cache_clear()
    assert i18n.catalog("id") == first == i18n._read_po(_po(), "id")
    assert first["Cash"] != "Cash"  # really Indonesian


def test_a_changed_po_is_never_answered_from_an_old_reading():
    data = _po()
    assert i18n._kept_reading("id", data) != i18n._kept_reading("id", data + b"\n")


def test_a_damaged_kept_reading_is_read_again(tmp_path):
    i18n.catalog.cache_clear()
    i18n.catalog("id")
    kept = i18n._kept_reading("id", _po())
    kept.write_text("{not json", encoding="utf-8")
    i18n.catalog.cache_clear()
    assert i18n.catalog("id") == i18n._read_po(_po(), "id")
    i18n.catalog.cache_clear()
