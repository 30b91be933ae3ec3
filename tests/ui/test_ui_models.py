"""Every table model passes Qt's own model tester, empty and filled."""

from __future__ import annotations

from kasir.journal import service as journal
from reports.ledger_reports import trial_balance
from ui.models.chart import ChartModel
from ui.models.journal import EntryLinesModel, JournalModel, shown_lines
from ui.models.trial_balance import TrialBalanceModel, lines_of


def test_chart_model(qtmodeltester, book):
    qtmodeltester.check(ChartModel())
    qtmodeltester.check(ChartModel(journal.chart(book)))


def test_journal_models(qtmodeltester, demo_book):
    def fetch(offset: int, limit: int):  # noqa: ANN202
        return journal.journal(demo_book, limit=limit, offset=offset)

    lazy = JournalModel(fetch, page=30)  # nothing loaded: pages come as fetchMore asks
    qtmodeltester.check(lazy)
    while lazy.canFetchMore():  # the tester keeps watching the inserted pages
        lazy.fetchMore()
    assert lazy.rowCount() == len(journal.journal(demo_book)) > 30
    # A loaded model is checked fresh: Qt's tester calls fetchMore from inside its own
    # modelReset handler, before it marks the reset as finished, so a reset under the
    # tester reports a false "change in flight" (views fetch later, from a timer).
    loaded = JournalModel(fetch, page=30)
    loaded.reload()
    assert loaded.rowCount() == 30 and loaded.canFetchMore()
    qtmodeltester.check(loaded)
    names = {p.code: p.name for p in journal.parties(demo_book)}
    members_entry = next(r for r in loaded.rows if r.memo.startswith("Simpanan wajib"))
    lines = EntryLinesModel(shown_lines(journal.entry_lines(demo_book, members_entry.id), names))
    qtmodeltester.check(lines)
    assert lines.index(1, 2).data() in {f"{code} {name}" for code, name in names.items()}


def test_trial_balance_model(qtmodeltester, demo_book):
    model = TrialBalanceModel()
    qtmodeltester.check(model)
    model.set_rows(lines_of(trial_balance(demo_book)))
    qtmodeltester.check(model)
