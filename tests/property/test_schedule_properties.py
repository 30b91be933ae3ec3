"""Fuzzed schedules: whatever the amounts, tenor and rounding, a schedule sums exactly to
what is financed, its margins to the margin, recognition never goes back and never
recognises more than the margin, and lateness never changes what is owed."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from kasir.financing import schedule

FIRST = dt.date(2026, 1, 5)


@st.composite
def terms(draw):
    tenor = draw(st.integers(1, 60))
    cost = draw(st.integers(1, 50_000_000)) * 100
    margin = draw(st.integers(0, 10_000_000)) * 100
    down = draw(st.integers(0, max(0, cost + margin - 100))) // 100 * 100
    rounding = draw(st.sampled_from([100, 10_000, 50_000, 100_000]))
    method = draw(st.sampled_from(["proportional", "annuity"]))
    frequency = draw(st.sampled_from(["weekly", "fortnightly", "monthly"]))
    return tenor, cost, margin, down, rounding, method, frequency


@settings(max_examples=200, deadline=None)
@given(terms(), st.lists(st.integers(1, 2_000_000_00), max_size=80))
def test_schedule_and_recognition_invariants(t, payments):
    tenor, cost, margin, down, rounding, method, frequency = t
    financed = cost + margin - down
    margin = min(margin, financed)
    inst, last = schedule.plan(financed, tenor, rounding)
    assert inst > 0 and last > 0 and inst * (tenor - 1) + last == financed
    lines = schedule.build(FIRST, frequency, tenor, inst, last, margin, method)
    assert sum(x.amount for x in lines) == financed
    assert sum(x.margin for x in lines) == margin
    assert all(x.margin >= 0 and x.principal >= 0 for x in lines)
    assert [x.due_date for x in lines] == sorted(x.due_date for x in lines)
    collected, before = 0, 0
    for p in payments:
        collected = min(financed, collected + p)
        now = schedule.recognized(lines, margin, collected, method)
        assert before <= now <= margin
        before = now
        assert schedule.paid_installments(lines, collected) \
            == schedule.paid_installments(list(lines), collected) \
            == schedule.standing(lines, collected, FIRST).paid_installments
        assert now == schedule.recognized(list(lines), margin, collected, method)
    assert schedule.recognized(lines, margin, financed, method) == margin
    early = schedule.standing(lines, collected, FIRST)
    late = schedule.standing(lines, collected, FIRST + dt.timedelta(days=4000))
    assert late.due == financed  # everything due, nothing added for the time
    assert late.arrears == financed - collected
    assert early.arrears <= late.arrears
