"""The member register's rules, at the level of one session (no commit here).

A member is also a ledger *party*: her savings and financing are the lines that
carry her party on the control accounts, so every balance of hers is a query
over the journal and her sub-ledger reconciles to the books by construction.
Member numbers are kept exactly as the cooperative writes them: they are
printed in her passbook.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kasir.errors import N_, KasirError
from kasir.members.models import Group, Member
from ledger.money import ZERO, Money
from ledger.schema import Party

GENDERS = (None, "P", "L")
WAJIB_PERIODS = ("weekly", "monthly")


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


def _check_weekday(weekday: int | None) -> None:
    if weekday is not None and not 0 <= weekday <= 6:
        raise KasirError(N_("The meeting day must be Monday to Sunday."))


def add_group(s: Session, g: GroupInput) -> int:
    group = new_group(g, lambda code: s.scalar(select(Group.id).where(Group.code == code))
                      is not None)
    s.add(group)
    s.flush()
    return group.id


def new_group(g: GroupInput, in_use: Callable[[str], bool]) -> Group:
    """The group ``add_group`` adds, checked against the codes ``in_use`` says are taken:
    an import holds them (and writes its new groups with its own rows)."""
    code = g.code.strip()
    if not code:
        raise KasirError(N_("A group needs a code."))
    _check_weekday(g.meeting_weekday)
    if in_use(code):
        raise KasirError(N_("Group {code} already exists."), code=code)
    return Group(code=code, name=g.name.strip() or code, village=g.village.strip(),
                 meeting_weekday=g.meeting_weekday, facilitator=g.facilitator.strip(),
                 leader_number=g.leader_number, active=True)


def update_group(s: Session, code: str, g: GroupInput) -> None:
    """Change a group's name, village, meeting day and facilitator (its code stays)."""
    group = s.scalar(select(Group).where(Group.code == code))
    if group is None:
        raise KasirError(N_("There is no group {code}."), code=code)
    _check_weekday(g.meeting_weekday)
    group.name = g.name.strip() or group.code
    group.village = g.village.strip()
    group.meeting_weekday = g.meeting_weekday
    group.facilitator = g.facilitator.strip()
    group.leader_number = g.leader_number
    s.flush()


def _check_nik(nik: str | None) -> str | None:
    if nik is None or not nik.strip():
        return None
    nik = nik.strip()
    if not (len(nik) == 16 and nik.isdigit() and nik.isascii()):
        raise KasirError(N_("The NIK must be 16 digits."))
    return nik


def _group_id(s: Session, code: str | None) -> int | None:
    if not code:
        return None
    group_id = s.scalar(select(Group.id).where(Group.code == code))
    if group_id is None:
        raise KasirError(N_("There is no group {code}."), code=code)
    return group_id


def _check_details(m: MemberInput, name: str) -> None:
    if len(name) > 200:
        raise KasirError(N_("The member number or name is too long."))
    if m.gender not in GENDERS:
        raise KasirError(N_("Gender must be P (perempuan) or L (laki-laki)."))
    if m.wajib_amount.is_negative():
        raise KasirError(N_("The amount cannot be negative."))


def add_member(s: Session, m: MemberInput) -> int:
    member = new_member(m, lambda number: s.scalar(select(Party.id).where(Party.code == number))
                        is not None, lambda code: _group_id(s, code))
    s.add(member)
    s.flush()
    return member.id


def new_member(m: MemberInput, in_use: Callable[[str], bool],
               group_id: Callable[[str | None], int | None]) -> Member:
    """The member (with her ledger party) ``add_member`` adds, checked against the numbers
    ``in_use`` says are taken and the groups ``group_id`` finds: an import holds both
    (and writes its new members with its own rows)."""
    number, name = m.number.strip(), " ".join(m.name.split())
    if not number or not name:
        raise KasirError(N_("A member needs a number and a name."))
    if len(number) > 40:
        raise KasirError(N_("The member number or name is too long."))
    if in_use(number):
        raise KasirError(N_("Member number {code} is already in use."), code=number)
    _check_details(m, name)
    kelompok_id = group_id(m.group_code)
    party = Party(code=number, name=name, kind="member")
    return Member(party=party, number=number, name=name, nik=_check_nik(m.nik),
                  gender=m.gender, address=m.address.strip(), village=m.village.strip(),
                  phone=m.phone.strip(), kelompok_id=kelompok_id, joined=m.joined,
                  status="active", exited_on=None, wajib_amount=m.wajib_amount.sen,
                  wajib_period=m.wajib_period)


def update_member(s: Session, m: MemberInput) -> None:
    """Change a member's details; her number (printed in her passbook) stays."""
    member = get_member(s, m.number.strip())
    name = " ".join(m.name.split())
    if not name:
        raise KasirError(N_("A member needs a number and a name."))
    _check_details(m, name)
    if m.wajib_period not in WAJIB_PERIODS:
        raise KasirError(N_("Simpanan wajib is paid weekly or monthly."))
    member.name = name
    member.nik = _check_nik(m.nik)
    member.gender = m.gender
    member.address = m.address.strip()
    member.village = m.village.strip()
    member.phone = m.phone.strip()
    member.kelompok_id = _group_id(s, m.group_code)
    member.joined = m.joined
    member.wajib_amount = m.wajib_amount.sen
    member.wajib_period = m.wajib_period
    party = s.get(Party, member.party_id)
    if party is not None:
        party.name = name
    s.flush()


def get_member(s: Session, number: str) -> Member:
    member = s.scalar(select(Member).where(Member.number == number))
    if member is None:
        raise KasirError(N_("There is no member {member}."), member=number)
    return member


def active_member(s: Session, number: str) -> Member:
    """The member, refused when she has left (nothing more moves on her accounts)."""
    member = get_member(s, number)
    if member.status != "active":
        raise KasirError(N_("Member {member} has left the cooperative."), member=number)
    return member


def mark_exited(member: Member, day: dt.date) -> None:
    member.status = "exited"
    member.exited_on = day


def reactivate(member: Member) -> None:
    """A reversed exit: her savings are back on her accounts, and so is she."""
    member.status, member.exited_on = "active", None
