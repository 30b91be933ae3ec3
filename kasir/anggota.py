"""Members (anggota) and groups (kelompok).

A member is also a ledger *party*: her savings and financing are the lines that
carry her party on the control accounts, so every balance of hers is a query
over the journal and her sub-ledger reconciles to the books by construction.
Member numbers are kept exactly as the cooperative writes them: they are
printed in her passbook.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kasir.book import Book
from kasir.errors import N_, KasirError
from kasir.models import Anggota, Kelompok
from ledger.money import ZERO, Money
from ledger.schema import Party

WEEKDAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


@dataclass(frozen=True, slots=True)
class GroupInput:
    code: str
    name: str = ""
    village: str = ""
    meeting_weekday: int | None = None
    facilitator: str = ""
    leader_number: str | None = None


@dataclass(frozen=True, slots=True)
class MemberInput:
    number: str
    name: str
    joined: dt.date
    group_code: str | None = None
    nik: str | None = None
    gender: str | None = None
    address: str = ""
    village: str = ""
    phone: str = ""
    wajib_amount: Money = ZERO
    wajib_period: str = "weekly"


@dataclass(frozen=True, slots=True)
class MemberRow:
    number: str
    name: str
    group_code: str | None
    village: str
    status: str
    joined: dt.date


def add_group(s: Session, g: GroupInput) -> int:
    code = g.code.strip()
    if not code:
        raise KasirError(N_("A group needs a code."))
    if g.meeting_weekday is not None and not 0 <= g.meeting_weekday <= 6:
        raise KasirError(N_("The meeting day must be Monday to Sunday."))
    if s.scalar(select(Kelompok.id).where(Kelompok.code == code)) is not None:
        raise KasirError(N_("Group {code} already exists."), code=code)
    group = Kelompok(code=code, name=g.name.strip() or code, village=g.village.strip(),
                     meeting_weekday=g.meeting_weekday, facilitator=g.facilitator.strip(),
                     leader_number=g.leader_number, active=True)
    s.add(group)
    s.flush()
    return group.id


def _check_nik(nik: str | None) -> str | None:
    if nik is None or not nik.strip():
        return None
    nik = nik.strip()
    if not (len(nik) == 16 and nik.isdigit() and nik.isascii()):
        raise KasirError(N_("The NIK must be 16 digits."))
    return nik


def add_member(s: Session, m: MemberInput) -> int:
    number, name = m.number.strip(), " ".join(m.name.split())
    if not number or not name:
        raise KasirError(N_("A member needs a number and a name."))
    if len(number) > 40 or len(name) > 200:
        raise KasirError(N_("The member number or name is too long."))
    if s.scalar(select(Party.id).where(Party.code == number)) is not None:
        raise KasirError(N_("Member number {code} is already in use."), code=number)
    if m.gender not in (None, "P", "L"):
        raise KasirError(N_("Gender must be P (perempuan) or L (laki-laki)."))
    if m.wajib_amount.is_negative():
        raise KasirError(N_("The amount cannot be negative."))
    group_id = None
    if m.group_code:
        group_id = s.scalar(select(Kelompok.id).where(Kelompok.code == m.group_code))
        if group_id is None:
            raise KasirError(N_("There is no group {code}."), code=m.group_code)
    party = Party(code=number, name=name, kind="member")
    s.add(party)
    s.flush()
    member = Anggota(party_id=party.id, number=number, name=name, nik=_check_nik(m.nik),
                     gender=m.gender, address=m.address.strip(), village=m.village.strip(),
                     phone=m.phone.strip(), kelompok_id=group_id, joined=m.joined,
                     status="active", wajib_amount=m.wajib_amount.sen,
                     wajib_period=m.wajib_period)
    s.add(member)
    s.flush()
    return member.id


def get_member(s: Session, number: str) -> Anggota:
    member = s.scalar(select(Anggota).where(Anggota.number == number))
    if member is None:
        raise KasirError(N_("There is no member {member}."), member=number)
    return member


def search(s: Session, text: str = "", *, group_code: str | None = None,
           status: str | None = None, limit: int = 100) -> list[MemberRow]:
    """By number or any part of the name, case-insensitive; exact number first."""
    q = select(Anggota.number, Anggota.name, Kelompok.code, Anggota.village, Anggota.status,
               Anggota.joined).outerjoin(Kelompok, Kelompok.id == Anggota.kelompok_id)
    text = text.strip()
    if text:
        like = f"%{text.lower()}%"
        q = q.where(or_(func.lower(Anggota.name).like(like),
                        func.lower(Anggota.number).like(like)))
    if group_code:
        q = q.where(Kelompok.code == group_code)
    if status:
        q = q.where(Anggota.status == status)
    q = q.order_by((func.lower(Anggota.number) != text.lower()), Anggota.number).limit(limit)
    return [MemberRow(*row) for row in s.execute(q)]


def search_members(book: Book, text: str = "", **kw: object) -> list[MemberRow]:
    with book.read_session() as s:
        return search(s, text, **kw)  # type: ignore[arg-type]


def create_group(book: Book, g: GroupInput) -> None:
    book.run(lambda s: add_group(s, g))


def create_member(book: Book, m: MemberInput) -> None:
    book.run(lambda s: add_member(s, m))


# --- editing (the settings and member pages) ------------------------------------------


@dataclass(frozen=True, slots=True)
class GroupRow:
    code: str
    name: str
    village: str
    meeting_weekday: int | None
    facilitator: str
    leader_number: str | None
    active: bool
    members: int  # active members in the group


def group_rows(s: Session) -> list[GroupRow]:
    counts = {gid: n for gid, n in s.execute(
        select(Anggota.kelompok_id, func.count(Anggota.id))
        .where(Anggota.status == "active").group_by(Anggota.kelompok_id))}
    return [GroupRow(g.code, g.name, g.village, g.meeting_weekday, g.facilitator,
                     g.leader_number, bool(g.active), int(counts.get(g.id, 0)))
            for g in s.scalars(select(Kelompok).order_by(Kelompok.code))]


def update_group(s: Session, code: str, g: GroupInput) -> None:
    """Change a group's name, village, meeting day and facilitator (its code stays)."""
    group = s.scalar(select(Kelompok).where(Kelompok.code == code))
    if group is None:
        raise KasirError(N_("There is no group {code}."), code=code)
    if g.meeting_weekday is not None and not 0 <= g.meeting_weekday <= 6:
        raise KasirError(N_("The meeting day must be Monday to Sunday."))
    group.name = g.name.strip() or group.code
    group.village = g.village.strip()
    group.meeting_weekday = g.meeting_weekday
    group.facilitator = g.facilitator.strip()
    group.leader_number = g.leader_number
    s.flush()


def update_member(s: Session, m: MemberInput) -> None:
    """Change a member's details; her number (printed in her passbook) stays."""
    member = get_member(s, m.number.strip())
    name = " ".join(m.name.split())
    if not name:
        raise KasirError(N_("A member needs a number and a name."))
    if len(name) > 200:
        raise KasirError(N_("The member number or name is too long."))
    if m.gender not in (None, "P", "L"):
        raise KasirError(N_("Gender must be P (perempuan) or L (laki-laki)."))
    if m.wajib_amount.is_negative():
        raise KasirError(N_("The amount cannot be negative."))
    if m.wajib_period not in ("weekly", "monthly"):
        raise KasirError(N_("Simpanan wajib is paid weekly or monthly."))
    group_id = None
    if m.group_code:
        group_id = s.scalar(select(Kelompok.id).where(Kelompok.code == m.group_code))
        if group_id is None:
            raise KasirError(N_("There is no group {code}."), code=m.group_code)
    member.name = name
    member.nik = _check_nik(m.nik)
    member.gender = m.gender
    member.address = m.address.strip()
    member.village = m.village.strip()
    member.phone = m.phone.strip()
    member.kelompok_id = group_id
    member.joined = m.joined
    member.wajib_amount = m.wajib_amount.sen
    member.wajib_period = m.wajib_period
    party = s.get(Party, member.party_id)
    if party is not None:
        party.name = name
    s.flush()
