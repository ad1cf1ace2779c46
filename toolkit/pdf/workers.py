"""Lay out many documents: HTML → PDF bytes on this machine's cores.

A build hands :func:`lay_out` its documents and writes each PDF as it comes
back, so the parent never holds more than the PDFs in flight (memory stays
flat as a batch grows) and a progress bar moves with the work. An executor is
a function of the same shape: :func:`toolkit.pdf.cluster.lay_out` sends the same
documents to a Dask cluster.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.errors import ToolkitError, one_line
from toolkit.han import HAN_RE
from toolkit.pdf.fonts import check_environment
from toolkit.pdf.write import html_to_pdf, prepare


@dataclass(frozen=True)
class Document:
    """One PDF to lay out: its HTML, the templates folder its links resolve
    against, and the print profile's options."""

    html: str
    base_url: Path
    options: dict = field(default_factory=dict)

    @property
    def cost(self) -> int:
        """A layout cost estimate: Han characters weigh about four Latin ones
        (CJK fonts cost the most to lay out and subset)."""
        return len(self.html) + 4 * len(HAN_RE.findall(self.html))


class LayoutFailed(Exception):
    """One document could not be laid out (its article fails alone)."""


#: What an executor yields for each document: its index and its PDF, or why not.
Outcome = tuple[int, "bytes | LayoutFailed"]


def order(documents: list[Document]) -> list[int]:
    """Longest first: the batch ends when its last document does, so the
    big ones should not start last."""
    return sorted(range(len(documents)), key=lambda i: -documents[i].cost)


def lay_out(documents: Iterable[Document], jobs: int | None = None,
            count: int | None = None) -> Iterator[Outcome]:
    """Each document's PDF, as it is ready, laid out by ``jobs`` forked
    workers (default: one per core) or, for one document or one job, here.
    ``documents`` may be a generator (``count`` says how many it yields):
    each is sent as soon as it is made, so the workers start on the first
    while the caller makes the rest. (Warming the workers' fonts up while the
    first is made was measured too: no gain within the machine's noise.)

    The workers inherit the imported WeasyPrint, the layout extension and the
    checked environment, which is why this process prepares first (a fresh
    interpreter would pay ~0.7 s of imports again); they live for the whole
    batch, keeping the font configuration and HarfBuzz data warm between
    documents. A :class:`ToolkitError` (a template's missing file) stops
    the batch; any other failure fails its document alone.
    """
    prepare()
    check_environment()
    if count is None:
        documents = list(documents)
        count = len(documents)
    workers = min(count, jobs or os.cpu_count() or 1)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        for index, document in enumerate(documents):
            yield index, _outcome(lay_out_one, document)
        return
    # What the workers inherit (the imported modules, the parsed C types)
    # lives as long as they do: frozen, the collector neither scans it at
    # every full collection nor writes to its pages, which would copy them.
    # (Unfrozen when the pool is done: a long-lived caller's garbage must
    # stay collectable.)
    gc.collect()
    gc.freeze()
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                                 initializer=die_with_parent) as pool:
            futures = {}
            try:
                for index, document in enumerate(documents):
                    futures[pool.submit(lay_out_one, document)] = index
                for future in as_completed(futures):
                    try:
                        yield futures[future], future.result()
                    except BrokenProcessPool:
                        yield futures[future], LayoutFailed("a layout worker died")
                    except ToolkitError:
                        raise
                    except Exception as error:  # noqa: BLE001 - one document's own failure
                        yield futures[future], _failure(error)
            finally:
                for future in futures:
                    future.cancel()
    finally:
        gc.unfreeze()


def lay_out_one(document: Document, files: dict[str, bytes] | None = None) -> bytes:
    return html_to_pdf(document.html, document.base_url, document.options, files)


def _outcome(function, *args) -> bytes | LayoutFailed:
    try:
        return function(*args)
    except ToolkitError:
        raise
    except Exception as error:  # noqa: BLE001 - one document's own failure
        return _failure(error)


def _failure(error: BaseException) -> LayoutFailed:
    return LayoutFailed(one_line(error))


def die_with_parent() -> None:
    """In a forked worker: be killed when the parent dies (``kill -9`` of a
    build must not leave workers behind). Linux's PR_SET_PDEATHSIG; elsewhere
    the pool's own shutdown is all there is."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the call: follow it
        os._exit(1)
