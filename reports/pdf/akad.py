"""The akad summary (*ringkasan akad*) on A4: what the member signs she understood.

For a murabahah it discloses the cost price (Fatwa DSN-MUI 04/2000 requires it), the
margin and the selling price, the down payment and what is left to pay, the tenor and
the installment, the full schedule, the method by which the margin is recognised, the
flat rate beside the effective rate (the flat figure is not an effective rate), what she
pays on settling early under this method (Fatwa 153/2022: unearned margin is never
billed) and the ta'zir fine, if the akad has one, which goes to the benevolence fund and
is never income. A qard prints its amount, its fixed fee, and that only the principal is
repaid. Signatures: the member, the group leader (the group's guarantee), and the board.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    TableStyle,
)

from kasir.numbers import format_amount, format_date_long, format_date_short, format_rupiah
from ledger.money import ZERO, Money
from reports.papers import ContractPaper
from reports.pdf.base import (
    FONT_BOLD,
    FONT_COND,
    FONT_COND_BOLD,
    GREY_TEXT,
    INK,
    RULE,
    SHADE,
    SHADE_LIGHT,
    TA_CENTER,
    TA_RIGHT,
    Grid,
    Signer,
    coop_header,
    esc,
    place_date,
    register_fonts,
    sealed_footer,
    signature_block,
    style,
    write_flowing,
)

MARGIN = 16 * mm
PERIODS = {"weekly": ("minggu", "mingguan"), "fortnightly": ("dua minggu", "dua mingguan"),
           "monthly": ("bulan", "bulanan")}
METHODS = {
    "proportional": "proporsional: margin diakui sebanding dengan angsuran yang diterima",
    "annuity": "anuitas (efektif): margin tiap angsuran dihitung dari sisa pokok",
}
PURCHASE = {"direct": "dibeli langsung oleh koperasi",
            "wakalah": "dibeli oleh anggota sebagai wakil koperasi (wakalah)"}
FUNDS = {"own": "modal koperasi", "kebajikan": "dana kebajikan (maal)"}


def percent(text: str) -> str:
    """``12.00`` -> ``12,00%``."""
    return text.replace(".", ",") + "%"


def period_words(frequency: str) -> tuple[str, str]:
    return PERIODS.get(frequency, (frequency, frequency))


def facts_table(rows: Sequence[tuple[str, str, str]], width: float, *,
                strong: Sequence[int] = ()) -> Grid:
    """The terms two by two (label, amount), the ``strong`` ones shaded; their notes are
    printed under the table (``notes``)."""
    label = style("ak-label", 9, leading=11.5)
    value = style("ak-value", 9.5, font=FONT_BOLD, leading=11.5, align=TA_RIGHT)
    half = (len(rows) + 1) // 2
    data, commands = [], []
    for i in range(half):
        line: list[object] = []
        for col, j in enumerate((i, i + half)):
            if j < len(rows):
                line += [Paragraph(esc(rows[j][0]), label), Paragraph(esc(rows[j][1]), value)]
                if j in strong:
                    commands.append(("BACKGROUND", (2 * col, i), (2 * col + 1, i), SHADE_LIGHT))
            else:
                line += ["", ""]
        data.append(line)
    w = width / 2
    table = Grid(data, colWidths=[w * 0.58, w * 0.42, w * 0.58, w * 0.42])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -2), 0.3, RULE),
        ("LINEBEFORE", (2, 0), (2, -1), 0.8, INK),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 5), ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        *commands,
    ]))
    return table


def notes(rows: Sequence[tuple[str, str, str]]) -> str:
    """``Label: note.`` for every term that has a note, in one small paragraph."""
    return " ".join(f"<b>{esc(a)}</b>: {esc(c)}." for a, _b, c in rows if c)


def parties(p: ContractPaper, width: float) -> Grid:
    """Who and what: the member beside the goods (or the qard's purpose)."""
    label = style("ak-pl", 8.5, leading=10.5, color=GREY_TEXT)
    value = style("ak-pv", 9.5, leading=12)
    bold = style("ak-pb", 10, font=FONT_BOLD, leading=12.5)
    r = p.page.row
    left = [("Anggota", Paragraph(f"{esc(p.member_name)} ({esc(r.member)})", bold)),
            ("Alamat", Paragraph(esc(p.member_address) or "–", value)),
            ("Kelompok", Paragraph(esc(p.group) or "–", value)),
            ("Ketua kelompok", Paragraph(esc(p.leader) or "–", value))]
    if r.kind == "murabahah":
        right = [("Barang", Paragraph(esc(r.goods) or "–", bold)),
                 ("Pemasok", Paragraph(esc(p.page.supplier) or "–", value)),
                 ("Pembelian", Paragraph(esc(PURCHASE.get(p.page.purchase_mode,
                                                          p.page.purchase_mode)), value)),
                 ("Produk", Paragraph(esc(p.product), value))]
    else:
        right = [("Keperluan", Paragraph(esc(r.goods) or "–", bold)),
                 ("Sumber dana", Paragraph(esc(FUNDS.get(p.page.fund, p.page.fund)), value)),
                 ("Produk", Paragraph(esc(p.product), value))]
    half = width / 2
    rows = []
    for i in range(max(len(left), len(right))):
        a = left[i] if i < len(left) else ("", "")
        b = right[i] if i < len(right) else ("", "")
        rows.append([Paragraph(esc(a[0]), label), a[1], Paragraph(esc(b[0]), label), b[1]])
    table = Grid(rows, colWidths=[31 * mm, half - 31 * mm, 26 * mm, half - 26 * mm])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("LINEBEFORE", (2, 0), (2, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), SHADE_LIGHT),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, 0), 3), ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ]))
    return table


def terms_rows(p: ContractPaper) -> tuple[list[tuple[str, str, str]], list[int]]:
    pg, r = p.page, p.page.row
    once, each = period_words(pg.frequency)
    financed = r.price - r.down_payment
    last = pg.schedule[-1].amount if pg.schedule else r.installment
    inst_note = f"per {once}" + (f", angsuran terakhir {format_rupiah(last)}"
                                 if last != r.installment else "")
    tenor = (f"{r.tenor} kali {each}", f"mulai {format_date_long(pg.first_due)}")
    if r.kind == "qard":
        rows = [("Jumlah pinjaman (qard)", format_rupiah(r.price), "dikembalikan pokoknya saja"),
                ("Biaya administrasi", format_rupiah(pg.admin_fee),
                 "biaya riil, jumlah tetap; tidak bergantung pada besar pinjaman atau lamanya"),
                ("Jangka waktu", *tenor),
                ("Angsuran", format_rupiah(r.installment), inst_note)]
        return rows, [0]
    rows = [("Harga beli", format_rupiah(pg.cost),
             "harga perolehan barang, diungkapkan kepada anggota (Fatwa DSN-MUI 04/2000)"),
            ("Margin", format_rupiah(pg.margin),
             "keuntungan koperasi, tetap sejak akad dan tidak bertambah bila terlambat"),
            ("Harga jual", format_rupiah(r.price), "harga beli + margin"),
            ("Uang muka", format_rupiah(r.down_payment), "dibayar sebelum akad"),
            ("Pokok pembiayaan", format_rupiah(pg.cost - r.down_payment),
             "harga beli − uang muka"),
            ("Jumlah diangsur", format_rupiah(financed), "harga jual − uang muka"),
            ("Jangka waktu", *tenor),
            ("Angsuran", format_rupiah(r.installment), inst_note)]
    if pg.admin_fee:
        rows.append(("Biaya administrasi", format_rupiah(pg.admin_fee),
                     "biaya riil, dibayar saat akad"))
    return rows, [2, 5, 7]


def early_example(p: ContractPaper) -> tuple[int, Money, Money, Money] | None:
    """After which installment, what is still owed, the unearned margin, what she pays."""
    sched = p.page.schedule
    if len(sched) < 2:
        return None
    k = len(sched) // 2
    rest = sched[k:]
    owed = sum((x.amount for x in rest), ZERO)
    unearned = sum((x.margin for x in rest), ZERO)
    return k, owed, unearned, owed - unearned


def disclosures(p: ContractPaper) -> list[str]:
    """The paragraphs (ReportLab markup) that tell her how the margin works."""
    pg, r = p.page, p.page.row
    if r.kind == "qard":
        out = ["<b>Qard (pinjaman kebajikan).</b> Anggota hanya mengembalikan pokok pinjaman. "
               "Tidak ada margin, tidak ada bunga, dan tidak ada denda yang menjadi pendapatan "
               "koperasi (Fatwa DSN-MUI 19/2001). Bila anggota tidak mampu membayar, jangka "
               "waktu dapat diperpanjang."]
        if r.tazir:
            out.append(_tazir(r.tazir))
        return out
    once, _each = period_words(pg.frequency)
    out = [f"<b>Pengakuan margin.</b> Metode {esc(METHODS.get(pg.margin_method, pg.margin_method))}.",
           f"<b>Tingkat margin.</b> Margin ini setara <b>{percent(pg.flat_rate_year)} per tahun "
           f"secara flat</b> (dihitung dari pokok pembiayaan awal), atau <b>"
           f"{percent(pg.effective_rate_year)} per tahun secara efektif</b> (dihitung dari "
           "sisa pokok yang benar-benar masih dipakai). Angka flat bukan tingkat efektif."]
    ex = early_example(p)
    text = ("<b>Pelunasan dipercepat (Fatwa DSN-MUI 153/2022).</b> Bila anggota melunasi "
            "lebih cepat, koperasi hanya menagih sisa pokok; margin yang belum menjadi hak "
            "koperasi tidak ditagih. Kolom terakhir jadwal menunjukkan jumlah pelunasan "
            "setelah tiap angsuran.")
    if ex:
        k, owed, unearned, pays = ex
        text += (f" Contoh: setelah angsuran ke-{k}, sisa angsuran {format_rupiah(owed)} "
                 f"dikurangi margin yang belum menjadi hak {format_rupiah(unearned)}, "
                 f"sehingga anggota membayar <b>{format_rupiah(pays)}</b>.")
    out.append(text)
    out.append(_tazir(r.tazir) if r.tazir else
               "<b>Keterlambatan.</b> Akad ini tanpa denda keterlambatan (ta'zir). "
               "Keterlambatan tidak pernah menambah margin.")
    return out


def _tazir(amount: Money) -> str:
    return (f"<b>Denda keterlambatan (ta'zir).</b> {format_rupiah(amount)} setiap kali "
            "terlambat, hanya bagi anggota mampu yang menunda pembayaran; untuk dana "
            "kebajikan, bukan pendapatan koperasi (Fatwa DSN-MUI 17/2000). Keterlambatan "
            "tidak pernah menambah margin.")


def schedule_table(p: ContractPaper, width: float) -> Grid:
    pg, r = p.page, p.page.row
    murabahah = r.kind == "murabahah"
    head = (["No", "Jatuh tempo", "Pokok", "Margin", "Angsuran", "Sisa angsuran",
             "Pelunasan dipercepat"] if murabahah else
            ["No", "Jatuh tempo", "Angsuran", "Sisa pinjaman"])
    owed = r.price - r.down_payment
    unearned = pg.margin
    head_style = style("ak-th", 8.5, font=FONT_COND_BOLD, leading=10, align=TA_CENTER)
    rows: list[list[object]] = [[Paragraph(h, head_style) for h in head]]
    for x in pg.schedule:
        owed -= x.amount
        unearned -= x.margin
        if murabahah:
            rows.append([str(x.seq), format_date_short(x.due_date), format_amount(x.principal),
                         format_amount(x.margin), format_amount(x.amount),
                         format_amount(owed) if owed else "–",
                         format_amount(owed - unearned) if owed else "–"])
        else:
            rows.append([str(x.seq), format_date_short(x.due_date), format_amount(x.amount),
                         format_amount(owed) if owed else "–"])
    total = sum((x.amount for x in pg.schedule), ZERO)
    if murabahah:
        rows.append(["", "Jumlah", format_amount(sum((x.principal for x in pg.schedule), ZERO)),
                     format_amount(sum((x.margin for x in pg.schedule), ZERO)),
                     format_amount(total), "", ""])
        fractions = (0.07, 0.15, 0.15, 0.13, 0.15, 0.16, 0.19)
    else:
        rows.append(["", "Jumlah", format_amount(total), ""])
        fractions = (0.10, 0.30, 0.30, 0.30)
    table = Grid(rows, colWidths=[width * f for f in fractions], repeatRows=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), FONT_COND_BOLD, 8.5),
        ("FONT", (0, 1), (-1, -1), FONT_COND, 9),
        ("FONT", (0, -1), (-1, -1), FONT_COND_BOLD, 9),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("BACKGROUND", (0, -1), (-1, -1), SHADE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), ["#FFFFFF", "#F2F2F2"]),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("ALIGN", (0, 1), (1, -1), "CENTER"),
        ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("BOX", (0, 0), (-1, -1), 0.8, INK),
        ("INNERGRID", (0, 0), (-1, -1), 0.25, RULE),
        ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def signers(p: ContractPaper) -> list[Signer]:
    return [Signer("Anggota", p.member_name, caption="Yang menerima,"),
            Signer("Ketua Kelompok", p.leader, caption="Penjamin,"),
            Signer("Ketua", caption="Pengurus,"),
            Signer("Bendahara", p.treasurer, caption="Pengurus,")]


def title_of(p: ContractPaper) -> str:
    return ("RINGKASAN AKAD MURABAHAH" if p.page.row.kind == "murabahah"
            else "RINGKASAN AKAD QARD")


def _story(p: ContractPaper, width: float) -> list[Flowable]:
    r = p.page.row
    heading = style("ak-h", 10, font=FONT_BOLD, leading=13)
    body = style("ak-body", 8.5, leading=11)
    when = format_date_long(r.akad_on) if r.akad_on else "belum ditandatangani"
    rows, strong = terms_rows(p)
    story: list[Flowable] = [
        coop_header(p.coop, width),
        Spacer(1, 4 * mm),
        Paragraph(title_of(p), style("ak-title", 14, font=FONT_BOLD, leading=17,
                                     align=TA_CENTER)),
        Paragraph(f"No. akad <b>{esc(r.number)}</b> · Tanggal akad {esc(when)}",
                  style("ak-sub", 10, leading=13, align=TA_CENTER)),
        Spacer(1, 3 * mm),
        parties(p, width),
        Spacer(1, 3 * mm),
        Paragraph("Harga dan pembayaran", heading),
        Spacer(1, 1.5 * mm),
        facts_table(rows, width, strong=strong),
        Spacer(1, 1 * mm),
        Paragraph(notes(rows), style("ak-notes", 7.5, leading=9.5, color=GREY_TEXT)),
        Spacer(1, 2.5 * mm),
    ]
    for text in disclosures(p):
        story += [Paragraph(text, body), Spacer(1, 1 * mm)]
    story += [
        Spacer(1, 1.5 * mm),
        Paragraph("Jadwal angsuran", heading),
        Spacer(1, 1.5 * mm),
        schedule_table(p, width),
        Spacer(1, 3 * mm),
        KeepTogether([
            Paragraph("Dengan menandatangani ringkasan ini, anggota menyatakan telah menerima "
                      "penjelasan atas " + ("harga, margin, " if r.kind == "murabahah" else
                                            "jumlah pinjaman, ")
                      + "jadwal angsuran, dan ketentuan di atas.", body),
            Spacer(1, 2 * mm),
            Paragraph(esc(place_date(p.coop, r.akad_on or p.printed_on)),
                      style("ak-place", 9.5, leading=12, align=TA_RIGHT)),
            Spacer(1, 1 * mm),
            signature_block(signers(p), width, space=15 * mm),
        ]),
    ]
    return story


def render_akad(p: ContractPaper, out: Path | str | BinaryIO) -> None:
    register_fonts()
    width = A4[0] - 2 * MARGIN
    title = title_of(p)
    story = _story(p, width)

    write_flowing(out, story, pagesize=A4, margin=MARGIN, top=10 * mm, bottom=16 * mm,
                  title=f"{title.title()} {p.page.row.number}", author=p.coop.name,
                  footer=sealed_footer(f"{title.capitalize()} {p.page.row.number} · "
                                       f"{p.member_name[:40]} ({p.page.row.member})",
                                       p.printed_on, p.seal))


__all__ = ["percent", "period_words", "render_akad"]
