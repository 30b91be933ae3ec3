"""Shared pieces of the papers: safe writing, place-date line, metadata, fonts."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pdf_samples import COOP, DAY, reader, receipt_420k

from reports.pdf import render_receipt
from reports.pdf.base import place_date, register_fonts, write_pdf


def test_place_date_line():
    assert place_date(COOP, DAY) == "Lebak, 28 November 2026"
    assert place_date(replace(COOP, place=""), DAY) == "28 November 2026"


def test_fonts_register_once():
    register_fonts()
    register_fonts()


def test_failure_leaves_no_file_and_no_temporary(tmp_path: Path):
    target = tmp_path / "kertas.pdf"

    def broken(out):
        out.write(b"%PDF-1.4 half")
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError):
        write_pdf(target, broken)
    assert list(tmp_path.iterdir()) == []


def test_failure_keeps_the_old_file(tmp_path: Path):
    target = tmp_path / "kertas.pdf"
    target.write_bytes(b"old paper")

    def broken(out):
        raise RuntimeError("no")

    with pytest.raises(RuntimeError):
        write_pdf(target, broken)
    assert target.read_bytes() == b"old paper"
    assert [p.name for p in tmp_path.iterdir()] == ["kertas.pdf"]


def test_replaces_an_old_file_and_accepts_a_str_path(tmp_path: Path):
    target = tmp_path / "kertas.pdf"
    target.write_bytes(b"old paper")
    render_receipt(receipt_420k(), str(target))
    assert target.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["kertas.pdf"]


def test_writes_into_a_binary_file_object_after_what_is_there():
    buffer = io.BytesIO()
    buffer.write(b"")
    render_receipt(receipt_420k(), buffer)
    assert buffer.getvalue().startswith(b"%PDF")
    assert buffer.getvalue().rstrip().endswith(b"%%EOF")


def test_metadata_is_fixed():
    buffer = io.BytesIO()
    render_receipt(receipt_420k(), buffer)
    meta = reader(buffer.getvalue()).metadata
    assert meta.title == "Kuitansi 0001/KW/XI/2026"
    assert meta.author == COOP.name
    assert meta.creator == "Kasir"
    assert meta["/CreationDate"].startswith("D:2000")  # ReportLab's invariant date


def test_a_fresh_process_can_render_without_any_setup(tmp_path: Path):
    # fonts must be registered by the renderers themselves, not by an earlier
    # test; the kuitansi (a bare canvas, measured before it is drawn) goes first
    code = (
        "import sys, pdf_samples as s\n"
        "from reports.pdf import render_receipt, render_passbook, render_cash_book\n"
        "render_receipt(s.receipt_420k(), sys.argv[1] + '/k.pdf')\n"
        "render_passbook(s.passbook(5), sys.argv[1] + '/p.pdf')\n"
        "render_cash_book(s.cash_book(), sys.argv[1] + '/c.pdf')\n"
    )
    here = Path(__file__).parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(here), str(here.parent.parent)])}
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, env=env,
                   timeout=60)
    for name in ("k.pdf", "p.pdf", "c.pdf"):
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
