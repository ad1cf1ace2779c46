"""Lay out on a Dask distributed cluster: ``toolkit build --executor dask``.

The same documents as :func:`toolkit.pdf.workers.lay_out`, sent to the workers of
a running scheduler; the PDFs come back to this process, which writes them
atomically as usual, so no shared file system is assumed. The templates
folder's files travel with the work (sent once to every worker).

Before any work is sent, every worker is checked against this machine: the
HarfBuzz subsetter and the CJK face, the toolkit's own files, WeasyPrint's
version and the font files the brief's faces resolve to (by name and size).
A worker that differs would make different PDFs, or slow ones, so the build
refuses, naming it.

A worker that dies mid-build loses nothing: the scheduler gives its jobs to
another worker (Dask retries a job whose worker died up to
``distributed.scheduler.allowed-failures`` times, then the job is reported
failed, and its article with it).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

from toolkit.errors import EnvironmentProblem, ToolkitError
from toolkit.fingerprint import toolkit_fingerprint
from toolkit.pdf.fonts import FACES, check_environment, resolved_font
from toolkit.pdf.workers import Document, LayoutFailed, Outcome, lay_out_one, order
from toolkit.pdf.write import prepare

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 10
#: Test hook (see tests/test_cluster.py): the path of a file whose removal a
#: worker wins once, then the winner dies at once, in the middle of a job,
#: as a machine that loses power would. Deterministic: one death, whichever
#: worker takes a job first.
KILL_HOOK = "TOOLKIT_TEST_KILL_ONE_WORKER"


def lay_out(documents: Iterable[Document], jobs: int | None = None,
            count: int | None = None, *, scheduler: str) -> Iterator[Outcome]:
    """Each document's PDF as a worker of ``scheduler`` returns it (``jobs``
    is the cluster's business: every worker thread takes work)."""
    documents = list(documents)
    if not documents:
        return
    try:
        # lazy: distributed takes ≈0.3 s to import: only with --executor dask
        from distributed import Client, as_completed
    except ImportError:
        raise EnvironmentProblem("--executor dask needs the package 'distributed': "
                                 "pip install 'bilingual-brief-toolkit[dask]'") from None
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        raise EnvironmentProblem(f"cannot reach the Dask scheduler: {error}", scheduler) from None
    futures: dict = {}  # the jobs still out (cancelled if the build stops)
    try:
        check_workers(client, scheduler)
        files = client.scatter([template_files(documents[0].base_url)], broadcast=True)[0]
        futures.update({client.submit(_lay_out_on_worker, documents[i], files, pure=False): i
                        for i in order(documents)})
        for future in as_completed(futures, loop=client.loop):
            index = futures.pop(future)
            if future.status == "finished":
                yield index, future.result()
                future.release()
                continue
            error = future.exception()
            if isinstance(error, ToolkitError):
                raise error
            yield index, LayoutFailed(f"on the cluster: {type(error).__name__}: "
                                      f"{str(error).splitlines()[0] if str(error) else ''}")
    finally:
        for future in futures:
            future.cancel()
        client.close()


def template_files(folder: Path) -> dict[str, bytes]:
    """Every file of the templates folder, by path relative to it."""
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def _lay_out_on_worker(document: Document, files: dict[str, bytes]) -> bytes:
    hook = os.environ.get(KILL_HOOK)
    if hook:
        try:
            os.unlink(hook)
        except FileNotFoundError:
            pass
        else:
            os._exit(1)
    return lay_out_one(document, files)


def worker_report() -> dict:
    """What a worker's PDFs depend on: run on every worker and here."""

    report: dict = {"toolkit": toolkit_fingerprint(),
                    "weasyprint": metadata.version("weasyprint"),
                    "fonts": {face: resolved_font(face, with_mtime=False).replace("\0", " ")
                              for face in FACES}}
    try:
        prepare()
        check_environment()
        report["environment"] = "ok"
    except ToolkitError as error:
        report["environment"] = error.message
    return report


def check_workers(client, scheduler: str) -> None:
    """Refuse, naming the worker, when one would make different PDFs."""
    reports = client.run(worker_report, on_error="return")
    if not reports:
        raise EnvironmentProblem("the Dask scheduler has no workers", scheduler)
    here = worker_report()
    for worker, report in sorted(reports.items()):
        if isinstance(report, BaseException):
            raise EnvironmentProblem(f"worker {worker} failed its check: "
                                     f"{type(report).__name__}: {report}", scheduler)
        if report["environment"] != "ok":
            raise EnvironmentProblem(f"worker {worker}: {report['environment']}", scheduler)
        for what, wrong in (("the toolkit's files", "toolkit"),
                            ("WeasyPrint's version", "weasyprint"), ("the fonts", "fonts")):
            if report[wrong] != here[wrong]:
                detail = "" if wrong == "toolkit" else f" ({report[wrong]} here {here[wrong]})"
                raise EnvironmentProblem(
                    f"worker {worker}: {what} differ from this machine's{detail}; "
                    "install the same toolkit and system packages there", scheduler)
