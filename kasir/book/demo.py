"""A small, realistic demo cooperative a new user can explore without fear.

Two groups of five women meeting weekly, the programme grant arriving at the
bank, simpanan pokok on joining, simpanan wajib every meeting, some voluntary
savings and infak, the office's monthly costs, one mistaken entry reversed
with its reason, the first three months closed, and murabahah sales and a qard
paid at the meetings (``demo_financing``). Deterministic: the same
book every time.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from kasir.accounts import AccountRole as A
from kasir.actor import Actor
from kasir.book.demo_financing import add_financing
from kasir.members import rules as members
from kasir.settings import set_setting
from kasir.uow import Book
from ledger import periods, posting
from ledger.entry import EntryDraft, LineDraft
from ledger.money import Money

DEMO_NAME = "ISM Sejahtera Mandiri (Contoh)"
DEMO_ACTOR = Actor("demo")  # who "posted" the demo's history

GROUPS = {
    "Mawar": (0, ["Siti Aminah", "Nur Hasanah", "Sri Wahyuni", "Dewi Lestari", "Rina Marlina"]),
    "Melati": (2, ["Ani Suryani", "Yuli Astuti", "Euis Komariah", "Tati Rohayati",
                   "Lilis Suryani"]),
}
START = dt.date(2026, 7, 1)
END = dt.date(2026, 11, 27)
POKOK = Money.rupiah(50_000)
WAJIB = Money.rupiah(5_000)


def _rp(amount: int) -> Money:
    return Money.rupiah(amount)


def _two(day: dt.date, memo: str, debit: str, credit: str, amount: Money,
         party: str | None = None, operation: str = "manual") -> EntryDraft:
    return EntryDraft(day, memo, (LineDraft(debit, debit=amount, party_code=party),
                                  LineDraft(credit, credit=amount, party_code=party)),
                      operation=operation)


def _members() -> list[tuple[str, str, str, int]]:
    out = []
    n = 0
    for group, (weekday, names) in GROUPS.items():
        for name in names:
            n += 1
            out.append((f"A-{n:03d}", name, group, weekday))
    return out


def demo_entries() -> list[EntryDraft]:
    members = _members()
    entries = [
        _two(START, "Hibah modal program Klaster Mandiri", A.BANK, A.DONATED_CAPITAL,
             _rp(50_000_000)),
        _two(dt.date(2026, 7, 2), "Tarik tunai dari bank untuk kas", A.CASH, A.BANK,
             _rp(5_000_000)),
    ]
    joining = dt.date(2026, 7, 6)
    entries.append(EntryDraft(joining, "Simpanan pokok anggota baru", (
        LineDraft(A.CASH, debit=Money(POKOK.sen * len(members))),
        *(LineDraft(A.SIMPANAN_POKOK, credit=POKOK, party_code=code) for code, *_ in members),
    ), operation="deposit:pokok"))
    day = joining
    week = 0
    while day <= END:
        week += 1
        for group, (weekday, _names) in GROUPS.items():
            meeting = day + dt.timedelta(days=weekday)
            if meeting > END:
                continue
            codes = [c for c, _n, g, _w in members if g == group]
            lines = [LineDraft(A.CASH, debit=Money(WAJIB.sen * len(codes)))]
            lines += [LineDraft(A.SIMPANAN_WAJIB, credit=WAJIB, party_code=c) for c in codes]
            entries.append(EntryDraft(meeting, f"Simpanan wajib pertemuan Kelompok {group} "
                                               f"minggu ke-{week}", tuple(lines),
                                      operation="deposit:wajib"))
            if week % 3 == 0:
                saver = codes[week % len(codes)]
                entries.append(_two(meeting, "Setoran simpanan sukarela", A.CASH, A.WADIAH,
                                    _rp(25_000 + 5_000 * (week % 4)), saver,
                                    "deposit:sukarela"))
            if week % 4 == 1:
                entries.append(_two(meeting, f"Kotak infak pertemuan Kelompok {group}",
                                    A.MAAL_CASH, A.INFAQ_FUND, _rp(15_000 + 1_000 * week),
                                    operation="zis_received"))
        day += dt.timedelta(days=7)
    month = START
    while month <= END:
        entries.append(_two(month.replace(day=25), "Pembelian ATK dan cetak kartu", A.STATIONERY,
                            A.CASH, _rp(150_000)))
        entries.append(_two(month.replace(day=26), "Transport pendamping ke pertemuan",
                            A.MEETINGS_AND_TRANSPORT, A.CASH, _rp(200_000)))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    entries.sort(key=lambda e: e.date)
    return entries


MISTAKE = _two(dt.date(2026, 10, 14), "Biaya fotokopi laporan", A.RAT_EXPENSE, A.CASH,
               _rp(75_000))
CORRECTION = _two(dt.date(2026, 10, 14), "Biaya fotokopi laporan", A.STATIONERY, A.CASH,
                  _rp(75_000))


def build_demo(book: Book, actor: Actor = DEMO_ACTOR) -> None:
    """Fill a new, empty book with the demo cooperative (one transaction)."""
    user = actor.user

    def work(s: Session) -> None:
        set_setting(s, "name", DEMO_NAME)
        set_setting(s, "address", "Desa Sukamaju, Kec. Cibeber, Kab. Lebak, Banten")
        set_setting(s, "demo", "1")
        set_setting(s, "place", "Lebak")
        set_setting(s, "treasurer", "Nur Aini")
        for group, (weekday, _names) in GROUPS.items():
            members.add_group(s, members.GroupInput(
                code=f"K-{group.upper()}", name=f"Kelompok {group}", village="Sukamaju",
                meeting_weekday=weekday, facilitator="Ratna Dewi"))
        for code, name, group, _weekday in _members():
            members.add_member(s, members.MemberInput(
                number=code, name=name, joined=dt.date(2026, 7, 6),
                group_code=f"K-{group.upper()}", village="Sukamaju", gender="P",
                wajib_amount=WAJIB, wajib_period="weekly"))
        ctx = posting.load_context(s)
        posting.post_many(s, demo_entries(), user=user, ctx=ctx)
        wrong = posting.post(s, MISTAKE, user=user, ctx=ctx)
        posting.reverse(s, wrong.id, reason="Salah akun: fotokopi laporan adalah beban ATK, "
                        "bukan beban RAT", day=MISTAKE.date, user=user,
                        memo=f"Pembalikan {wrong.label}")
        posting.post(s, CORRECTION, user=user, ctx=ctx)
        for month in (7, 8, 9):
            periods.close_period(s, 2026, month, user=user, note="Tutup buku bulanan")
        add_financing(s, actor, END)
    book.run(work)
