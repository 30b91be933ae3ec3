"""Loading a chart of accounts from its CSV form.

The default chart (``resources/coa/default_chart.csv``) follows the domain
reference: four-digit codes whose first digit is the class, headings above the
postable accounts, contra accounts flagged. A chart is data, so it is read from
a file rather than written out in code.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from sqlalchemy import Connection, insert, inspect, select

from ledger.schema import ACCOUNT_CLASSES, Account


@dataclass(frozen=True, slots=True)
class AccountSpec:
    code: str
    parent: str | None
    account_class: str
    normal_side: str
    is_contra: bool
    is_header: bool
    name_id: str
    name_en: str
    note: str | None
    owner: str = "journal"  # the service that alone may move it (see ``Account.owner``)


def parse_chart(csv_text: str) -> list[AccountSpec]:
    """Parse and check a chart: unique codes, known classes, parents defined first."""
    specs: list[AccountSpec] = []
    seen: set[str] = set()
    for row in csv.DictReader(io.StringIO(csv_text)):
        spec = AccountSpec(
            code=row["code"].strip(), parent=(row["parent"] or "").strip() or None,
            account_class=row["class"].strip(), normal_side=row["normal"].strip(),
            is_contra=row["contra"].strip() == "1", is_header=row["header"].strip() == "1",
            name_id=row["name_id"].strip(), name_en=row["name_en"].strip(),
            note=(row.get("note") or "").strip() or None,
            owner=(row.get("owner") or "").strip() or "journal",
        )
        if spec.code in seen:
            raise ValueError(f"account {spec.code} appears twice in the chart")
        if spec.parent is not None and spec.parent not in seen:
            raise ValueError(f"account {spec.code}: parent {spec.parent} must come before it")
        if spec.account_class not in ACCOUNT_CLASSES:
            raise ValueError(f"account {spec.code}: unknown class {spec.account_class}")
        if spec.normal_side not in ("D", "C"):
            raise ValueError(f"account {spec.code}: normal side must be D or C")
        seen.add(spec.code)
        specs.append(spec)
    return specs


def insert_chart(conn: Connection, specs: list[AccountSpec]) -> int:
    """Insert accounts not yet present (by code); returns how many were added."""
    existing = {code: aid for code, aid in conn.execute(
        select(Account.__table__.c.code, Account.__table__.c.id))}
    # a migration older than the owner column inserts the chart without it
    with_owner = "owner" in {c["name"] for c in inspect(conn).get_columns("account")}
    added = 0
    for spec in specs:
        if spec.code in existing:
            continue
        values = dict(
            code=spec.code, parent_id=existing.get(spec.parent) if spec.parent else None,
            name_id=spec.name_id, name_en=spec.name_en, account_class=spec.account_class,
            normal_side=spec.normal_side, is_contra=spec.is_contra, is_header=spec.is_header,
            active=True, note=spec.note,
        )
        if with_owner:
            values["owner"] = spec.owner
        result = conn.execute(insert(Account.__table__).values(**values))
        existing[spec.code] = result.inserted_primary_key[0]
        added += 1
    return added
