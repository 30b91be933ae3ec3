"""Every member's passbook at once (``kasir statement --all``), on every core.

Each passbook is read and drawn in a worker process that opened the book itself (its own
engine; it only reads). The worker writes the finished PDF under a temporary name beside
its target; this process renames each into place as it arrives, in the members' order,
so a file under a passbook's name is always whole, and a failure leaves no temporary
file behind. The files are not synced one by one: the folder is synced once at the end,
and the seal log gets its lines (one per passbook, one seal: nothing is posted while
they print) in one write.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from kasir.book import seals
from kasir.db import make_engine
from kasir.replacing import put_in_place
from kasir.uow import Book
from reports.member_papers import passbook_data
from reports.pdf.passbook import render_passbook

_BOOK: Book | None = None  # the book as a worker opened it


@dataclass(frozen=True, slots=True)
class _Job:
    number: str
    product: str
    size: str
    date_from: dt.date | None
    date_to: dt.date | None
    today: dt.date
    seal: str
    target: Path


def _open_in_worker(url: str, path: Path | None) -> None:
    global _BOOK
    _BOOK = Book(url, path, make_engine(url))


def _draw(job: _Job) -> tuple[str, float]:
    """One passbook drawn to a temporary file beside its target: (its name, seconds)."""
    started = time.perf_counter()
    book = _BOOK
    assert book is not None
    data = book.read(lambda s: passbook_data(s, job.number, job.product, job.date_from,
                                             job.date_to, job.today))
    fd, tmp = tempfile.mkstemp(dir=job.target.parent, prefix=f".{job.target.name}.",
                               suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            render_passbook(replace(data, seal=job.seal), fh, size=job.size)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp, time.perf_counter() - started


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


@contextlib.contextmanager
def _executor(book: Book, workers: int) -> Iterator[Executor | None]:
    if workers <= 1:
        yield None
        return
    methods = multiprocessing.get_all_start_methods()
    # fork starts a worker in milliseconds; it opens its own connections (NullPool: the
    # parent holds none open while they start)
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_open_in_worker,
                               initargs=(book.url, book.path))
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def write_passbooks(book: Book, numbers: Sequence[str], product: str,
                    targets: Sequence[Path], *, size: str = "A5",
                    date_from: dt.date | None = None, date_to: dt.date | None = None,
                    workers: int | None = None,
                    progress: Callable[[int, int], None] | None = None) -> list[float]:
    """Each member's passbook at its target; the seconds each took to read and draw."""
    seal = seals.current(book)
    jobs = [_Job(n, product, size, date_from, date_to, book.clock.today(), str(seal), t)
            for n, t in zip(numbers, targets, strict=True)]
    workers = min(default_workers() if workers is None else workers, len(jobs))
    seconds: list[float] = []
    try:
        with _executor(book, workers) as pool:
            if pool is None:
                global _BOOK
                _BOOK = book
                results: Iterator[tuple[str, float]] = map(_draw, jobs)
            else:
                results = pool.map(_draw, jobs, chunksize=4)
            for job, (tmp, took) in zip(jobs, results, strict=True):
                put_in_place(tmp, job.target)
                seconds.append(took)
                if progress is not None:
                    progress(len(seconds), len(jobs))
    except BaseException:
        _remove_leftovers(jobs)
        raise
    if jobs:
        _sync_folders({job.target.parent for job in jobs})
        seals.record_many(book, [f"buku simpanan {n} {product}" for n in numbers], seal)
    return seconds


def _remove_leftovers(jobs: Sequence[_Job]) -> None:
    """The temporary files of passbooks drawn but not yet put in place."""
    for job in jobs:
        for tmp in job.target.parent.glob(f".{job.target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                tmp.unlink()


def _sync_folders(folders: set[Path]) -> None:
    for folder in folders:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue  # a system that cannot open a folder (Windows) keeps it its own way
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)
