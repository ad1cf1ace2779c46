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

Dask runs whatever its peers send, so the cluster must be trusted: a
``tls://`` scheduler with certificates for scheduler, workers and this
client (Dask's ``Security``) is the set-up; a plain ``tcp://`` one is
refused unless the caller says ``insecure``. What comes back is taken as
data only: the client deserialises nothing but msgpack, a worker answers
plain values (a PDF's bytes, or an error's words), and the bytes must parse
as a PDF before they are written. The templates sent to workers follow the
sources' rules: inside the project, no link leading out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import ConfigError, EnvironmentProblem, ToolkitError, one_line
from toolkit.files import check_inside
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


@dataclass(frozen=True)
class Credentials:
    """This client's TLS files for a ``tls://`` scheduler (paths): the CA
    that signed the cluster's certificates, and this client's own."""

    ca_file: str
    cert: str
    key: str


def lay_out(documents: Iterable[Document], jobs: int | None = None,
            count: int | None = None, *, scheduler: str,
            credentials: Credentials | None = None, insecure: bool = False
            ) -> Iterator[Outcome]:
    """Each document's PDF as a worker of ``scheduler`` returns it (``jobs``
    is the cluster's business: every worker thread takes work). A ``tls://``
    scheduler needs ``credentials``; any other is refused unless
    ``insecure``."""
    documents = list(documents)
    if not documents:
        return
    try:
        # lazy: distributed takes ≈0.3 s to import: only with --executor dask
        from distributed import Client, as_completed
        from distributed.security import Security
    except ImportError:
        raise EnvironmentProblem("--executor dask needs the package 'distributed': "
                                 "pip install 'bilingual-brief-toolkit[dask]'") from None
    if scheduler.startswith("tls://"):
        if credentials is None:
            raise EnvironmentProblem("a tls:// scheduler needs this client's certificate: "
                                     "--tls-ca-file, --tls-cert and --tls-key", scheduler)
        security = Security(tls_ca_file=credentials.ca_file, tls_client_cert=credentials.cert,
                            tls_client_key=credentials.key, require_encryption=True)
    elif insecure:
        security = None
    else:
        raise EnvironmentProblem(
            "refused: a scheduler without TLS lets any peer run code on its workers, and its "
            "workers on this build; set the cluster up with TLS (see the README) and give a "
            "tls:// address, or add --insecure-cluster on a network you trust", scheduler)
    try:
        # Only msgpack comes back: a worker's answer is data, never a pickle.
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False,
                        security=security, deserializers=["msgpack"])
    except (OSError, TimeoutError, ValueError, TypeError) as error:
        raise EnvironmentProblem(f"cannot reach the Dask scheduler: {error}", scheduler) from None
    futures: dict = {}  # the jobs still out (cancelled if the build stops)
    try:
        check_workers(client, scheduler)
        files = client.scatter([template_files(documents[0].base_url, _project_of(documents[0]))],
                               broadcast=True)[0]
        futures.update({client.submit(_lay_out_on_worker, documents[i], files, pure=False): i
                        for i in order(documents)})
        for future in as_completed(futures, loop=client.loop):
            index = futures.pop(future)
            if future.status == "finished":
                try:
                    answer = future.result()
                except TypeError:  # not msgpack: a worker that sends objects is not ours
                    answer = None
                future.release()
                yield index, received(answer)
                continue
            # (the error itself is not fetched: it would be a pickle from a worker)
            yield index, LayoutFailed("on the cluster: the worker failed or died too often")
    finally:
        for future in futures:
            future.cancel()
        client.close()


def received(answer) -> bytes | LayoutFailed:
    """A worker's answer (see :func:`_lay_out_on_worker`), checked: a PDF's
    bytes that parse as one, or its error raised or reported; anything else
    is a failure, never written."""
    match list(answer) if isinstance(answer, (list, tuple)) else None:
        case ["pdf", bytes() as pdf] if _is_pdf(pdf):
            return pdf
        case ["config", str() as message, str() | None as path, int() | None as line]:
            raise ConfigError(message, path, line)
        case ["failed", str() as text]:
            return LayoutFailed(f"on the cluster: {text[:500]}")
    return LayoutFailed("on the cluster: the worker sent back something that is not a PDF")


def _is_pdf(data: bytes) -> bool:
    if not data.startswith(b"%PDF-"):
        return False
    # lazy: pdfium (≈35 ms): only when a cluster's PDF is checked
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        return False
    try:
        return len(document) > 0
    finally:
        document.close()


def template_files(folder: Path, project_root: Path | None = None) -> dict[str, bytes]:
    """Every file of the templates folder, by path relative to it; with
    ``project_root``, a link leading out of the project is refused, as for
    sources (nothing outside the project travels to the workers)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if project_root is not None:
            check_inside(path, project_root, ConfigError)
        if path.is_file():
            found[path.relative_to(folder).as_posix()] = path.read_bytes()
    return found


def _lay_out_on_worker(document: Document, files: dict[str, bytes]):
    """On a worker: plain data only, msgpack's kind (the client takes no
    pickle): ``("pdf", bytes)``, ``("config", message, path, line)`` for a
    template's fault, or ``("failed", text)``."""
    hook = os.environ.get(KILL_HOOK)
    if hook:
        try:
            os.unlink(hook)
        except FileNotFoundError:
            pass
        else:
            os._exit(1)
    try:
        return ("pdf", lay_out_one(document, files))
    except ToolkitError as error:
        path = str(error.path) if error.path is not None else None
        return ("config", error.message, path, error.line)
    except Exception as error:  # noqa: BLE001 - reported as words, the document fails alone
        return ("failed", one_line(error))


def worker_report() -> dict:
    """What a worker's PDFs depend on: run on every worker and here."""
    # lazy: importlib.metadata (≈12 ms): only with --executor dask
    from importlib import metadata

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
    except Exception as error:  # noqa: BLE001 - words, never an object the client unpickles
        report["environment"] = f"{type(error).__name__}: {error}"
    return report


def check_workers(client, scheduler: str) -> None:
    """Refuse, naming the worker, when one would make different PDFs."""
    try:
        reports = client.run(worker_report)
    except TypeError:  # not msgpack: not one of ours
        raise EnvironmentProblem("a worker answered its check with something other than "
                                 "plain data", scheduler) from None
    if not reports:
        raise EnvironmentProblem("the Dask scheduler has no workers", scheduler)
    here = worker_report()
    for worker, report in sorted(reports.items()):
        if not isinstance(report, dict) or set(report) != set(here):
            raise EnvironmentProblem(f"worker {worker} answered its check with "
                                     f"something else than a report", scheduler)
        if report["environment"] != "ok":
            raise EnvironmentProblem(f"worker {worker}: {report['environment']}", scheduler)
        for what, wrong in (("the toolkit's files", "toolkit"),
                            ("WeasyPrint's version", "weasyprint"), ("the fonts", "fonts")):
            if report[wrong] != here[wrong]:
                detail = "" if wrong == "toolkit" else f" ({report[wrong]} here {here[wrong]})"
                raise EnvironmentProblem(
                    f"worker {worker}: {what} differ from this machine's{detail}; "
                    "install the same toolkit and system packages there", scheduler)


def _project_of(document: Document) -> Path:
    """The project whose templates a document links (the templates folder's
    parent, as :class:`~toolkit.project.Project` lays it out)."""
    return Path(document.base_url).parent
