"""Builds on a Dask cluster: ``toolkit build --executor dask`` (issue 13, part 4).

The tests start their own ``LocalCluster`` of two worker processes on
127.0.0.1; nothing outside the test process is assumed.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from support import ROOT, SAMPLE_SLUG
from toolkit.pdf import cluster as toolkit_cluster
from toolkit.cli import main


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory):
    from distributed import LocalCluster

    hook = tmp_path_factory.mktemp("hook") / "kill-one-worker"
    # The workers inherit the test hook's variable; the file it names only
    # exists while a test wants a worker to die.
    os.environ[toolkit_cluster.KILL_HOOK] = str(hook)
    try:
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address="127.0.0.1:0") as local:  # a free port
            yield local.scheduler_address, hook
    finally:
        del os.environ[toolkit_cluster.KILL_HOOK]


def build(project: Path, out: Path, *argv: str) -> int:
    if "--scheduler" in argv and argv[argv.index("--scheduler") + 1].startswith("tcp://"):
        argv = (*argv, "--insecure-cluster")  # the test cluster has no TLS: a trusted network
    return main(["-C", str(project), "build", "--quiet", "-o", str(out), *argv])


def same_pdfs(one: Path, other: Path) -> None:
    names = sorted(p.name for p in one.glob("*.pdf"))
    assert names and names == sorted(p.name for p in other.glob("*.pdf"))
    for name in names:
        assert (one / name).read_bytes() == (other / name).read_bytes(), name


def test_a_cluster_makes_the_same_pdfs_as_this_machine(dask_cluster, project_copy, tmp_path,
                                                       capsys):
    scheduler, _ = dask_cluster
    assert build(project_copy, tmp_path / "local") == 0
    assert build(project_copy, tmp_path / "dask", "--executor", "dask",
                 "--scheduler", scheduler) == 0
    same_pdfs(tmp_path / "local", tmp_path / "dask")


def test_a_worker_killed_mid_build_loses_nothing(dask_cluster, project_copy, tmp_path, capsys):
    scheduler, hook = dask_cluster
    sources = project_copy / "sources"
    for n in range(3):  # more jobs than workers, so the death leaves work behind
        (sources / f"copy-{n}.txt").write_bytes((sources / f"{SAMPLE_SLUG}.txt").read_bytes())
    assert build(project_copy, tmp_path / "local", "--edition", "zh-Hans") == 0
    hook.write_text("the first worker to take a job dies in it\n")
    assert build(project_copy, tmp_path / "dask", "--edition", "zh-Hans", "--executor", "dask",
                 "--scheduler", scheduler) == 0
    assert not hook.exists()  # a worker did die, mid-job
    same_pdfs(tmp_path / "local", tmp_path / "dask")
    assert len(list((tmp_path / "dask").glob("*.pdf"))) == 4


def test_a_worker_unlike_this_machine_is_refused_by_name(dask_cluster, project_copy, tmp_path,
                                                         capsys, monkeypatch):
    scheduler, _ = dask_cluster
    # This process now differs from the workers (they keep the real files).
    monkeypatch.setattr(toolkit_cluster, "toolkit_fingerprint", lambda: "another checkout")
    status = build(project_copy, tmp_path / "dask", "--executor", "dask", "--scheduler", scheduler)
    err = capsys.readouterr().err
    assert status == 2
    assert err.startswith(f"{scheduler}: environment: worker tcp://127.0.0.1:")
    assert "the toolkit's files differ" in err
    assert not list((tmp_path / "dask").glob("*.pdf"))


def test_an_unreachable_scheduler_is_one_line_and_exit_2(project_copy, tmp_path, capsys,
                                                          monkeypatch):
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{probe.getsockname()[1]}"
    monkeypatch.setattr(toolkit_cluster, "CONNECT_TIMEOUT", 2)
    status = build(project_copy, tmp_path / "dask", "--executor", "dask", "--scheduler", address)
    err = capsys.readouterr().err
    assert status == 2 and err.startswith(f"{address}: environment: cannot reach")
    assert len(err.strip().splitlines()) == 1


def test_scheduler_and_executor_go_together(project_copy, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["-C", str(project_copy), "build", "--scheduler", "tcp://127.0.0.1:1"])
    assert exit_.value.code == 2
    assert "go together" in capsys.readouterr().err


def test_a_worker_lays_out_from_the_files_sent_not_its_disk():
    """A worker has no copy of the project: the templates' files travel with
    the job, and the PDF is the same as one laid out from the folder."""
    from toolkit.pipeline.build import render_documents
    from toolkit.project import load_project
    from toolkit.pdf.workers import Document, lay_out_one

    project = load_project(ROOT)
    job, html = next((job, html) for job, html in render_documents(project)
                     if job.edition.name == "zh-Hans")
    files = toolkit_cluster.template_files(project.templates_dir)
    elsewhere = Path("/nonexistent/templates")
    sent = lay_out_one(Document(html.replace(str(project.templates_dir), str(elsewhere)),
                                elsewhere, {"profile": "screen"}), files)
    here = lay_out_one(Document(html, project.templates_dir, {"profile": "screen"}))
    assert sent == here


# -- A cluster that trusts no stranger (issue 21) ------------------------------

def test_a_scheduler_without_tls_is_refused_unless_the_caller_says_so(project_copy, tmp_path,
                                                                      capsys):
    status = main(["-C", str(project_copy), "build", "--quiet", "-o", str(tmp_path / "d"),
                   "--executor", "dask", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("tcp://127.0.0.1:9: environment: refused:")
    assert "--insecure-cluster" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "d").exists() or not list((tmp_path / "d").glob("*.pdf"))


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory):
    """A LocalCluster on 127.0.0.1 that speaks TLS only, with certificates
    for scheduler, workers and client (one temporary CA), as files."""
    from distributed import LocalCluster
    from distributed.security import Security

    security = Security.temporary()
    folder = tmp_path_factory.mktemp("tls")
    for name, pem in (("ca.pem", security.tls_ca_file), ("cert.pem", security.tls_client_cert),
                      ("key.pem", security.tls_client_key)):
        (folder / name).write_text(pem)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1",
                      protocol="tls://", security=security,
                      dashboard_address="127.0.0.1:0") as local:
        yield local.scheduler_address, folder


def test_a_tls_cluster_makes_the_same_pdfs(tls_cluster, project_copy, tmp_path, capsys):
    scheduler, tls = tls_cluster
    assert scheduler.startswith("tls://")
    assert build(project_copy, tmp_path / "local", "--edition", "zh-Hans") == 0
    assert build(project_copy, tmp_path / "tls", "--edition", "zh-Hans", "--executor", "dask",
                 "--scheduler", scheduler, "--tls-ca-file", str(tls / "ca.pem"),
                 "--tls-cert", str(tls / "cert.pem"), "--tls-key", str(tls / "key.pem")) == 0
    same_pdfs(tmp_path / "local", tmp_path / "tls")
    # without this client's certificate there is no way in
    status = build(project_copy, tmp_path / "none", "--edition", "zh-Hans", "--executor", "dask",
                   "--scheduler", scheduler)
    err = capsys.readouterr().err
    assert status == 2 and f"{scheduler}: environment: a tls:// scheduler needs" in err


def test_what_a_worker_sends_back_is_checked_before_it_is_written():
    """A worker answers plain data; anything but a PDF that parses is a
    failure of that document, never written (and never unpickled)."""
    from toolkit.errors import ConfigError
    from toolkit.pdf.cluster import received
    from toolkit.pdf.workers import Document, LayoutFailed, lay_out_one

    pdf = lay_out_one(Document("<p>一</p>", ROOT / "templates", {"profile": "screen"}))
    assert received(("pdf", pdf)) == pdf and received(["pdf", pdf]) == pdf
    for answer in (("pdf", b"%PDF-1.7 but no document"), ("pdf", b"<html>"), pdf, None,
                   {"pdf": pdf}, ("pdf", "text"), ("anything", pdf)):
        assert isinstance(received(answer), LayoutFailed), answer
    with pytest.raises(ConfigError) as error:
        received(("config", "missing, and the template links it", "templates/x.css", None))
    assert str(error.value) == "templates/x.css: config: missing, and the template links it"


def test_a_template_linked_from_outside_the_project_is_not_sent(project_copy, tmp_path):
    from toolkit.errors import ConfigError
    from toolkit.pdf.cluster import template_files

    secret = tmp_path / "secret.css"
    secret.write_text("/* not for the workers */\n")
    (project_copy / "templates" / "extra.css").symlink_to(secret)
    with pytest.raises(ConfigError) as error:
        template_files(project_copy / "templates", project_copy)
    assert "extra.css" in str(error.value)
    (project_copy / "templates" / "extra.css").unlink()
    assert "brief.css" in template_files(project_copy / "templates", project_copy)
