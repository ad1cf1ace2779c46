"""Command line: parse options, call one library function, report.

The only place that prints or exits. Exit status: 0 success, 1 content that
fails a check (e.g. an English edition withheld), 2 bad input or usage.
Errors print as one line ``path[:line]: category: message``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from functools import partial
from pathlib import Path

from toolkit.catalogs.checks import ERROR
from toolkit.convert.simplify import article_text
from toolkit.editions import DEFAULT_PROFILE, PROFILES
from toolkit.errors import ConfigError, EnvironmentProblem, ToolkitError
from toolkit.files import write_atomic
from toolkit.model import article_json
from toolkit.pdf.cluster import Credentials, lay_out
from toolkit.pdf.extension import PINNED, install, verify
from toolkit.pdf.fonts import FACES, check_environment, missing_message
from toolkit.pdf.preview import first_page_png
from toolkit.pipeline.build import build
from toolkit.pipeline.snapshot import load_source, project_phrases
from toolkit.project import load_project
from toolkit.web.app import is_loopback, serve
from toolkit.workflow.review import review
from toolkit.workflow.status import check, status
from toolkit.workflow.transfer import export, import_files
from toolkit.workflow.new import new_desk
from toolkit.workflow.update import bring_up_to_date, extract


def _project(args):
    return load_project(Path(args.project))


def _path(args, value: str) -> Path:
    """A path given on the command line, relative to ``-C DIR`` (as make -C
    and git -C read them), so one project's files never mix with another's."""
    return Path(args.project) / value


def _build(args):
    sources = [_path(args, s) for s in args.sources] or None
    bar = _ProgressBar(enabled=not args.quiet and not getattr(args, "json", False))
    try:
        result = build(_project(args), sources, _path(args, args.output) if args.output else None,
                       opencc=args.opencc, editions=tuple(args.edition),
                       allow_incomplete=args.allow_incomplete, encoding=args.encoding,
                       phrases=_path(args, args.opencc_phrases) if args.opencc_phrases else None,
                       profile=args.profile, force=args.force, clean=args.clean,
                       processes=args.jobs, executor=_executor(args), progress=bar.update)
    finally:
        bar.close()
    if getattr(args, "json", False):

        print(json.dumps({"built": [str(p) for p in result.written],
                          "unchanged": [str(p) for p in result.unchanged],
                          "withheld": [str(w) for w in result.withheld],
                          "withheld_editions": [w.as_json() for w in result.withheld],
                          "failed": result.failed,
                          "drafts": [str(p) for p in result.drafts],
                          "removed_drafts": [str(p) for p in result.removed_drafts],
                          "orphaned": [str(p) for p in result.orphaned],
                          "warnings": result.warnings, "seconds": round(result.seconds, 3)},
                         ensure_ascii=False, indent=2))
        return result
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if not args.quiet:
        for path in result.written:
            print(f"wrote {path}")
    for problem in [*map(str, result.withheld), *result.failed]:
        print(problem, file=sys.stderr)
    for path in result.orphaned:
        print(f"{path}: its article's source is gone"
              + (" (removed)" if getattr(args, "clean", False) else " (--clean removes it)"))
    for path in result.removed_drafts:
        print(f"removed {path} (a draft its edition no longer needs)")
    drafts = set(result.drafts)
    pdfs = sum(p.suffix == ".pdf" and p not in drafts for p in result.written)
    print(f"built {pdfs} PDFs, {len(result.unchanged) - len(drafts & set(result.unchanged))} "
          f"unchanged, {len(result.withheld)} withheld"
          + (f" ({len(drafts)} as drafts)" if drafts else "")
          + f", {len(result.failed)} articles failed ({result.seconds:.1f} s)")
    return result


class _ProgressBar:
    """tqdm's bar on stderr while PDFs are written, only on a terminal (a
    script's or CI's log gets the summary line alone), made at the first PDF
    so a no-op build never imports tqdm."""

    def __init__(self, enabled: bool):
        self.enabled = enabled and sys.stderr.isatty()
        self.bar = None

    def update(self, done: int, total: int, path: Path) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            # lazy: tqdm (≈35 ms): only for a progress bar on a terminal
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="PDF", file=sys.stderr, leave=False,
                            dynamic_ncols=True)
        self.bar.set_postfix_str(path.name, refresh=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _executor(args):
    """What lays out the PDFs: this machine's cores, or a Dask cluster."""
    if args.executor == "local":
        return None

    tls = (args.tls_ca_file, args.tls_cert, args.tls_key)
    credentials = Credentials(*(str(_path(args, f)) for f in tls)) if all(tls) else None
    return partial(lay_out, scheduler=args.scheduler, credentials=credentials,
                   insecure=args.insecure_cluster)


def _status(result) -> int:
    """2 when an article failed, 1 when an edition was withheld, else 0."""
    return 2 if result.failed else 1 if result.withheld else 0


def cmd_build(args) -> int:
    return _status(_build(args))


def cmd_preview(args) -> int:
    """Build, then draw each edition's first page: from the PDF just written,
    and from the one already there when the build had nothing to do (a
    picture is redrawn only when it is missing or older than its PDF)."""
    result = _build(args)
    drafts = set(result.drafts)
    for pdf in (path for path in [*result.written, *result.unchanged]
                if path.suffix == ".pdf" and path.is_file()):
        png = pdf.with_suffix(".png")
        if pdf in drafts or not png.is_file() or png.stat().st_mtime_ns < pdf.stat().st_mtime_ns:
            print(f"wrote {first_page_png(pdf, png)}")
        else:
            print(f"{png} is up to date")
    return _status(result)


def cmd_new(args) -> int:
    folder = Path(args.project) / args.folder
    written = new_desk(folder, templates=args.templates, sample=args.sample, force=args.force)
    for path in written:
        print(f"wrote {path}")
    there = f"cd {args.folder} && " if args.folder not in (".", "") else ""
    print(f"a new desk in {folder}. Next:\n"
          f"  {there}toolkit build          # the Chinese edition of every article in sources/\n"
          "  toolkit update         # the catalogs to translate (locales/en/LC_MESSAGES/)\n"
          "  toolkit serve          # translate and review in the browser, with live drafts")
    return 0


def cmd_doctor(args) -> int:
    try:
        install()  # verifies cffi and WeasyPrint against what the extension was written for
    except OSError as error:  # Pango itself missing: WeasyPrint cannot even load
        raise EnvironmentProblem(missing_message(
            [f"Pango, which WeasyPrint lays text out with ({error})"],
            ["libpango-1.0-0", "libpangoft2-1.0-0", "fonts-noto-cjk", "fonts-noto-core",
             "libharfbuzz-subset0"])) from None
    verify()
    check_environment()
    print(f"ok: WeasyPrint uses HarfBuzz's subsetter; fonts {', '.join(map(repr, FACES))} "
          "found; layout "
          f"extension verified against {', '.join(f'{k} {v}' for k, v in PINNED.items())}")
    return 0


def cmd_serve(args) -> int:
    project = _project(args)  # a bad project is one line and exit 2, before the server starts
    if not is_loopback(args.host):
        if args.allow_remote is None:
            raise ConfigError(f"--host {args.host} opens the desk (every translation, and the "
                              "right to change them) to the network: add --allow-remote to "
                              "mean it", str(project.root))
        print(f"toolkit serve: warning: listening on {args.host}: anyone who can reach it and "
              "has the printed link can read and change every translation; the link travels "
              "unencrypted", file=sys.stderr)
    serve(Path(args.project), args.host, args.port, tuple(args.allow_remote or ()))
    return 0


def cmd_convert(args) -> int:
    project = _project(args)
    phrases = project_phrases(project, _path(args, args.opencc_phrases)
                              if args.opencc_phrases else None)
    item = load_source(project, _path(args, args.file), args.opencc, args.encoding, phrases)
    for warning in item.warnings():
        print(warning, file=sys.stderr)
    if args.report:

        write_atomic(_path(args, args.report), item.report().encode("utf-8"))
    if args.json:

        sys.stdout.write(article_json(item.article))
    else:
        sys.stdout.write(article_text(item.article))
    return 0


def cmd_extract(args) -> int:
    _report(extract(_project(args)))
    return 0


def cmd_update(args) -> int:
    # (the templates too: one command brings everything up to date)
    _report(bring_up_to_date(_project(args), locales=tuple(args.locale) or None,
                             memory=args.tm))
    return 0


def cmd_status(args) -> int:
    rows = status(_project(args), tuple(args.locale) or None, tuple(args.slugs))
    if args.json:

        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    header = ("locale", "domain", "translated", "fuzzy", "untranslated", "approved",
              "source chars covered")
    table = [header] + [
        (r["locale"], r["domain"], str(r["translated"]), str(r["fuzzy"]), str(r["untranslated"]),
         str(r["approved"]),
         f"{r['translated_chars']}/{r['source_chars']} "
         f"({100 * r['translated_chars'] / max(1, r['source_chars']):.0f}%)")
        for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(w) if i < 2 else cell.rjust(w)
                        for i, (cell, w) in enumerate(zip(row, widths))).rstrip())
    return 0


def cmd_check(args) -> int:
    findings = check(_project(args), tuple(args.locale) or None, slugs=tuple(args.slugs))
    if args.json:

        print(json.dumps([dataclasses.asdict(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            print(finding)
    errors = sum(f.severity == ERROR for f in findings)
    print(f"{errors} errors, {len(findings) - errors} warnings", file=sys.stderr)
    return 1 if errors else 0


def cmd_review(args) -> int:
    decide = None
    if not args.all:
        if not sys.stdin.isatty():
            print("review: not a terminal: --all approves every translated message",
                  file=sys.stderr)
            return 2

        def decide(message):
            print(f"\n{message.id}\n→ {message.string}")
            answer = input("approve? [y]es / [n]o / [q]uit: ").strip().lower()
            return None if answer.startswith("q") else answer.startswith("y")

    approved = review(_project(args), tuple(args.slugs), tuple(args.locale) or None, decide)
    for path, count in approved.items():
        print(f"{path}: {count} approved")
    if not approved:
        print("nothing to approve (no translated message waits for review)")
    return 0


def cmd_export(args) -> int:
    project = _project(args)
    out_dir = _path(args, args.output) if args.output else project.root / "dist"
    for path in export(project, args.format, out_dir, tuple(args.locale) or None,
                       tuple(args.slugs)):
        print(f"wrote {path}")
    return 0


def cmd_import(args) -> int:
    project = _project(args)
    # all the files or none: a bad one leaves every catalog as it was
    for target, result in import_files(project, [_path(args, f) for f in args.files]):
        print(f"{target}: {result.updated} updated, {result.unchanged} unchanged"
              + (f", {result.unknown} not in the catalog (a stale export?)"
                 if result.unknown else "") + (f"; {result.note}" if result.note else ""))
    return 0


def _report(written) -> None:
    for path in written.changed:
        print(f"wrote {path}")
    if written.unchanged:
        print(f"{len(written.unchanged)} catalogs unchanged")


def _build_options(command) -> None:
    command.add_argument("sources", nargs="*", metavar="SOURCE",
                         help="source articles (default: every article under sources/)")
    command.add_argument("-o", "--output", metavar="DIR", help="write here instead of dist/")
    _reading_options(command)
    command.add_argument("--edition", action="append", default=[], metavar="EDITION",
                         help="build only this edition (repeatable; default: all): zh-Hans, "
                              "and for each of the project's locales the locale (en) and its "
                              "paired edition (bilingual for the first, bilingual-<locale>)")
    command.add_argument("--profile", choices=PROFILES, default=DEFAULT_PROFILE,
                         help="screen: tagged PDF declaring PDF/UA-1 (default); press: 3 mm "
                              "bleed and crop marks; archive: PDF/A-3u with source and catalogs "
                              "attached")
    command.add_argument("--jobs", type=_positive, metavar="N",
                         help="processes that lay out PDFs (default: one per core)")
    command.add_argument("--executor", choices=("local", "dask"), default="local",
                         help="where PDFs are laid out: this machine's cores (default) or a "
                              "Dask distributed cluster (needs --scheduler)")
    command.add_argument("--scheduler", metavar="ADDRESS",
                         help="the Dask scheduler's address, e.g. tls://10.0.0.5:8786")
    command.add_argument("--tls-ca-file", metavar="FILE",
                         help="a tls:// cluster: the CA that signed its certificates")
    command.add_argument("--tls-cert", metavar="FILE", help="a tls:// cluster: this client's "
                                                            "certificate")
    command.add_argument("--tls-key", metavar="FILE", help="a tls:// cluster: this client's key")
    command.add_argument("--insecure-cluster", action="store_true",
                         help="accept a scheduler without TLS (any peer of it can run code on "
                              "its workers and they on this build): a network you trust only")
    command.add_argument("-q", "--quiet", action="store_true",
                         help="no progress bar and no 'wrote' lines: the summary, warnings "
                              "and errors only")
    command.add_argument("--force", action="store_true",
                         help="rebuild every output, changed or not")
    command.add_argument("--clean", action="store_true",
                         help="remove the outputs of articles whose source is gone")
    command.add_argument("--allow-incomplete", action="store_true",
                         help="build translated editions even with untranslated or fuzzy "
                              "messages (a draft: missing segments stay in Chinese, marked in "
                              "the margin)")


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return int(value)


def _slug_arguments(command) -> None:
    command.add_argument("slugs", nargs="*", metavar="SLUG",
                         help="only these articles (default: all; 'labels' for the templates')")


def _locale_option(command) -> None:
    command.add_argument("--locale", action="append", default=[], metavar="LOCALE",
                         help="only this locale (repeatable; default: the project's locales)")


def _reading_options(command) -> None:
    command.add_argument("--opencc", metavar="CONFIG",
                         help="OpenCC config: t2s, tw2s, tw2sp, hk2s, hk2sp or a .json file "
                              "(default: the project's, else t2s)")
    command.add_argument("--opencc-phrases", metavar="FILE",
                         help="phrases that override OpenCC, 'Traditional<TAB>Simplified' "
                              "per line (default: the project's)")
    command.add_argument("--encoding", metavar="NAME",
                         help="the sources' encoding (default: detected among UTF-8, UTF-16 "
                              "with BOM, Big5 and GB18030)")


class _Version(argparse.Action):
    """``--version``: the installed distribution's version, looked up only
    when asked (importlib.metadata costs every command's start otherwise)."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, help="print the toolkit's version")

    def __call__(self, parser, namespace, values, option_string=None):
        # lazy: importlib.metadata (≈10 ms): only for --version
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"toolkit {version('bilingual-brief-toolkit')}")
        except PackageNotFoundError:
            print("toolkit (not installed: run from a checkout)")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="toolkit", description=(
        "Chinese source articles → Simplified text → gettext catalogs → PDF briefs."))
    p.add_argument("--version", action=_Version)
    p.add_argument("-C", "--project", default=".", metavar="DIR",
                   help="the publishing project's folder (default: the current one)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the PDF editions into dist/")
    _build_options(b)
    b.add_argument("--json", action="store_true",
                   help="print what was built, unchanged, withheld and failed as JSON")
    b.set_defaults(func=cmd_build)

    pv = sub.add_parser("preview", help="build, then render each edition's first page to "
                                        "dist/<slug>.<edition>.png")
    _build_options(pv)
    pv.set_defaults(func=cmd_preview)

    nw = sub.add_parser("new", help="make a new desk: settings, sources/, locales/")
    nw.add_argument("folder", metavar="DIR", help="the new desk's folder (made if missing)")
    nw.add_argument("--templates", action="store_true",
                    help="copy the design (templates and stylesheet) in, to change it")
    nw.add_argument("--sample", action="store_true",
                    help="with the sample article, its translation and its settings")
    nw.add_argument("--force", action="store_true",
                    help="into a folder that is not empty (no file of it is overwritten)")
    nw.set_defaults(func=cmd_new)

    d = sub.add_parser("doctor", help="check that fonts and HarfBuzz's subsetter are installed")
    d.set_defaults(func=cmd_doctor)

    sv = sub.add_parser("serve", help="review translations and preview the editions in the "
                                      "browser (a local web server)")
    sv.add_argument("--port", type=_positive, default=8000, help="default: 8000")
    sv.add_argument("--host", default="127.0.0.1",
                    help="the address to listen on (default: 127.0.0.1, this machine only; "
                         "::1 for IPv6)")
    sv.add_argument("--allow-remote", nargs="*", metavar="NAME",
                    help="listen on an address other machines reach (with --host), and "
                         "answer to these host names too")
    sv.set_defaults(func=cmd_serve)

    c = sub.add_parser("convert", help="print the normalised Simplified text of an article")
    c.add_argument("file", metavar="FILE")
    _reading_options(c)
    c.add_argument("--json", action="store_true",
                   help="print the structured document (fields named as in the model)")
    c.add_argument("--report", metavar="FILE",
                   help="also write the conversion report (glosses, punctuation, conversions, "
                        "characters worth a human look) to FILE")
    c.set_defaults(func=cmd_convert)

    e = sub.add_parser("extract", help="write locales/<domain>.pot for every article and the labels")
    e.set_defaults(func=cmd_extract)

    u = sub.add_parser("update", help="merge the templates into locales/<locale>/LC_MESSAGES/*.po")
    _locale_option(u)
    u.add_argument("--tm", action="store_true",
                   help="pre-fill untranslated messages from close matches in the project's "
                        "other catalogs (marked fuzzy, with the match score in a comment)")
    u.set_defaults(func=cmd_update)

    st = sub.add_parser("status", help="translated / fuzzy / untranslated per catalog")
    _slug_arguments(st)
    _locale_option(st)
    st.add_argument("--json", action="store_true", help="print the table as JSON")
    st.set_defaults(func=cmd_status)

    ch = sub.add_parser("check", help="quality checks over the catalogs (exit 1 on errors)")
    _slug_arguments(ch)
    _locale_option(ch)
    ch.add_argument("--json", action="store_true",
                    help="the findings as JSON, each with its XLIFF unit id")
    ch.set_defaults(func=cmd_check)

    rv = sub.add_parser("review", help="approve translated messages after a read "
                                       "(# approved: who date, lapses when either text changes)")
    rv.add_argument("slugs", nargs="*", metavar="SLUG", help="only these articles")
    _locale_option(rv)
    rv.add_argument("--all", action="store_true",
                    help="approve every translated message without asking (for scripts)")
    rv.set_defaults(func=cmd_review)

    ex = sub.add_parser("export", help="export catalogs for CAT tools (XLIFF 1.2 or TMX)")
    _slug_arguments(ex)
    ex.add_argument("--format", choices=("xliff", "tmx"), required=True)
    ex.add_argument("-o", "--output", metavar="DIR", help="write here instead of dist/")
    _locale_option(ex)
    ex.set_defaults(func=cmd_export)

    im = sub.add_parser("import", help="take translations from XLIFF files into the catalogs")
    im.add_argument("files", nargs="+", metavar="FILE.xlf")
    im.set_defaults(func=cmd_import)
    return p


def main(argv: list[str] | None = None) -> int:
    options = parser()
    args = options.parse_args(argv)
    executor = getattr(args, "executor", "local")
    if (executor == "dask") != bool(getattr(args, "scheduler", None)):
        options.error("--executor dask and --scheduler ADDRESS (e.g. tls://host:8786) "
                      "go together")
    tls = [getattr(args, name, None) for name in ("tls_ca_file", "tls_cert", "tls_key")]
    if any(tls) and not all(tls):
        options.error("--tls-ca-file, --tls-cert and --tls-key go together")
    try:
        return args.func(args)
    except ToolkitError as error:
        print(f"{error}", file=sys.stderr)
        return error.exit_status
    except BrokenPipeError:  # `toolkit convert FILE | head`
        return 0
    except OSError as error:  # a file or folder the system refused: full, read-only, not a folder
        place = f"{error.filename}: " if error.filename else ""
        print(f"{place}io: {error.strerror or error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
