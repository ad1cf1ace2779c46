"""Command line: parse options, call one library function, report.

The only place that prints or exits. Exit status: 0 success, 1 content that
fails a check (e.g. an English edition withheld), 2 bad input or usage.
Errors print as one line ``path[:line]: category: message``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ToolkitError


def _project(args):
    from .config import load_project

    return load_project(Path(args.project))


def cmd_build(args) -> int:
    from .build import build
    from .config import EDITIONS

    project = _project(args)
    sources = [Path(s) for s in args.sources] or None
    out_dir = Path(args.output) if args.output else None
    editions = tuple(dict.fromkeys(args.edition)) or None
    result = build(project, sources, out_dir, opencc=args.opencc, editions=editions or EDITIONS,
                   allow_incomplete=args.allow_incomplete, encoding=args.encoding,
                   phrases=Path(args.opencc_phrases) if args.opencc_phrases else None)
    for path in result.written:
        print(f"wrote {path}")
    for problem in result.withheld:
        print(problem, file=sys.stderr)
    return 1 if result.withheld else 0


def cmd_doctor(args) -> int:
    from .pdf import CJK_FONT, check_environment

    check_environment()
    print(f"ok: WeasyPrint uses HarfBuzz's subsetter; font {CJK_FONT!r} found")
    return 0


def cmd_convert(args) -> int:
    from .build import load_source
    from .convert import article_text

    item = load_source(_project(args), Path(args.file), args.opencc, args.encoding,
                       Path(args.opencc_phrases) if args.opencc_phrases else None)
    if args.report:
        from .files import write_atomic

        write_atomic(Path(args.report), item.report().encode("utf-8"))
    if args.json:
        from .model import article_json

        sys.stdout.write(article_json(item.article))
    else:
        sys.stdout.write(article_text(item.article))
    return 0


def cmd_extract(args) -> int:
    from .translate import extract

    _report(extract(_project(args)))
    return 0


def cmd_update(args) -> int:
    from .translate import update

    _report(update(_project(args), tuple(args.locale) or None))
    return 0


def _report(written) -> None:
    for path in written.changed:
        print(f"wrote {path}")
    if written.unchanged:
        print(f"{len(written.unchanged)} catalogs unchanged")


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


def parser() -> argparse.ArgumentParser:
    from .config import EDITIONS

    p = argparse.ArgumentParser(prog="toolkit", description=(
        "Chinese source articles → Simplified text → gettext catalogs → PDF briefs."))
    p.add_argument("-C", "--project", default=".", metavar="DIR",
                   help="the publishing project's folder (default: the current one)")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="build the PDF editions into dist/")
    b.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="source articles (default: every article under sources/)")
    b.add_argument("-o", "--output", metavar="DIR", help="write here instead of dist/")
    _reading_options(b)
    b.add_argument("--edition", action="append", default=[], choices=EDITIONS,
                   help="build only this edition (repeatable; default: all)")
    b.add_argument("--allow-incomplete", action="store_true",
                   help="build translated editions even with untranslated or fuzzy messages "
                        "(a draft: missing segments stay in Chinese, marked in the margin)")
    b.set_defaults(func=cmd_build)

    d = sub.add_parser("doctor", help="check that fonts and HarfBuzz's subsetter are installed")
    d.set_defaults(func=cmd_doctor)

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
    u.add_argument("--locale", action="append", default=[], metavar="LOCALE",
                   help="only this locale (repeatable; default: the project's locales)")
    u.set_defaults(func=cmd_update)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ToolkitError as error:
        print(f"{error}", file=sys.stderr)
        return error.exit_status
    except BrokenPipeError:  # `toolkit convert FILE | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
