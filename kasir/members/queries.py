"""What the screens and papers read about members and groups (plain rows, no ORM)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kasir.members.models import Group, Member


@dataclass(frozen=True, slots=True)
class MemberRow:
    number: str
    name: str
    group_code: str | None
    village: str
    status: str
    joined: dt.date


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


def search(s: Session, text: str = "", *, group_code: str | None = None,
           status: str | None = None, limit: int = 100) -> list[MemberRow]:
    """By number or any part of the name, case-insensitive; exact number first."""
    q = select(Member.number, Member.name, Group.code, Member.village, Member.status,
               Member.joined).outerjoin(Group, Group.id == Member.kelompok_id)
    text = text.strip()
    if text:
        like = f"%{text.lower()}%"
        q = q.where(or_(func.lower(Member.name).like(like),
                        func.lower(Member.number).like(like)))
    if group_code:
        q = q.where(Group.code == group_code)
    if status:
        q = q.where(Member.status == status)
    q = q.order_by((func.lower(Member.number) != text.lower()), Member.number).limit(limit)
    return [MemberRow(*row) for row in s.execute(q)]


def group_rows(s: Session) -> list[GroupRow]:
    counts = {gid: n for gid, n in s.execute(
        select(Member.kelompok_id, func.count(Member.id))
        .where(Member.status == "active").group_by(Member.kelompok_id))}
    return [GroupRow(g.code, g.name, g.village, g.meeting_weekday, g.facilitator,
                     g.leader_number, bool(g.active), int(counts.get(g.id, 0)))
            for g in s.scalars(select(Group).order_by(Group.code))]


def next_member_number(s: Session) -> str:
    """A suggestion for a new member: the highest number's digits plus one ("A-011")."""
    numbers = list(s.scalars(select(Member.number).order_by(Member.id.desc()).limit(200)))
    best: tuple[int, str, int, str] | None = None
    for number in numbers:
        match = re.fullmatch(r"(.*?)(\d+)(\D*)", number)
        if match is None:
            continue
        value = int(match.group(2))
        if best is None or value > best[0]:
            best = (value, match.group(1), len(match.group(2)), match.group(3))
    if best is None:
        return "A-001" if not numbers else ""
    value, prefix, width, suffix = best
    return f"{prefix}{value + 1:0{width}d}{suffix}"


def member_numbers(s: Session) -> list[str]:
    return list(s.scalars(select(Member.number).order_by(Member.number)))


def names(s: Session, *, active_only: bool = False) -> dict[str, str]:
    """Member number -> name."""
    q = select(Member.number, Member.name)
    if active_only:
        q = q.where(Member.status == "active")
    return {number: name for number, name in s.execute(q)}


@dataclass(frozen=True, slots=True)
class MemberCard:
    """Who she is, as a paper's header prints it."""

    number: str
    name: str
    address: str
    group: str  # "K01 Mawar", or the code alone


def card(s: Session, number: str) -> MemberCard | None:
    row = s.execute(select(Member.number, Member.name, Member.address, Member.village,
                           Group.code, Group.name)
                    .outerjoin(Group, Group.id == Member.kelompok_id)
                    .where(Member.number == number)).first()
    if row is None:
        return None
    number, name, address, village, gcode, gname = row
    group = "" if gcode is None else (gcode if gname in ("", gcode) else f"{gcode} {gname}")
    return MemberCard(number, name, ", ".join(x for x in (address, village) if x), group)
