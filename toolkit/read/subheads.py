"""Subheads a page prints without marking them, and lines that are never one.

Many mainland pages set the whole article as text divided by ``<br>`` or as
plain ``<p>`` lines: a subhead there is only a short line between
paragraphs, without a sentence's end, with prose after it (``国内资讯``,
``【某报】某某：某事 某某走强``). And a line in bold or on its own is not a
subhead when it is a sentence (it ends with 。 or ！), an attribution
(``——（宋）陆游``), a label waiting for its text (``点评：``) or a site's
notice (``转载请注明出处：…``). Plain functions over text and an lxml tree;
:mod:`toolkit.read.html` weighs them with the page's marked subheads.
"""

from __future__ import annotations

import re

from toolkit.han import has_han

#: A subhead in unmarked text may run long (a digest's headline of the story
#: under it) but is shorter than this.
PLAIN_SUBHEAD_MAX_CHARS = 60
#: Text this long with a sentence's end is a paragraph of prose.
_PROSE_MIN_CHARS = 20
_SENTENCE_END = re.compile(r"[。！？!?…]")
_SENTENCE_MARK = re.compile(r"[。；;]")
#: A site's notice: the reprint terms, the copyright, a disclaimer.
NOTICE = re.compile(r"^(?:转载请注明|轉載請註明|转载请注明出处|未经授权|未經授權|版权所有|版權所有|"
                    r"版权声明|版權聲明|免责声明|免責聲明|声明[：:]|聲明[：:]|本文来源|本文來源|"
                    r"本文系|本文為|本文为)")


#: A line that starts or ends mid-sentence (但…, …的, …是) runs on: no subhead.
_RUNS_ON = re.compile(r"^(?:但|而|并|並|所以|因此|然而|可是|以及|或者)|"
                      r"(?:是|的|和|与|與|及|但|而|把|被|让|讓)$")


def _words(text: str | None) -> str:
    return " ".join((text or "").split())


def never_a_heading(text: str) -> bool:
    """Whether a line cannot be a subhead whatever its markup: a sentence
    (ending in 。 or ！; a question may be a subhead), an attribution
    (``——（宋）陆游``), a label's word whose text follows (``点评：``), a notice."""
    text = _words(text)
    if not text.startswith(("“", "「", "『", '"')):
        text = text.rstrip("”」』\"")  # (a sentence that ends in a quotation ends with it)
    return (text.endswith(("。", "！", "!", "；", ";", "，", ","))
            or text.startswith(("—", "－－", "--"))
            # (a label's word waits for its text: 点评：, 注：; a longer line
            # introduces what follows: 英国《泰晤士报》：)
            or (text.endswith(("：", ":")) and len(text) <= 5)
            or bool(_RUNS_ON.search(text))
            or bool(NOTICE.match(text)))


def is_notice(text: str) -> bool:
    """Whether a line is a site's notice (转载请注明出处：…, 版权所有, 免责声明)."""
    return bool(NOTICE.match(_words(text)))


def _is_prose(text: str) -> bool:
    return len(text) >= _PROSE_MIN_CHARS and bool(_SENTENCE_END.search(text))


def _could_be_subhead(text: str) -> bool:
    return (2 <= len(text) <= PLAIN_SUBHEAD_MAX_CHARS and has_han(text)
            # (a comma makes a clause: a line with one, unmarked, is a sentence)
            and not _SENTENCE_MARK.search(text) and "，" not in text
            and not never_a_heading(text)
            and not text.endswith(("）", ")")) and not re.search(r"\d{1,2}:\d{2}", text))


def _lines(element) -> list[str]:
    """The lines of a block divided by ``<br>``s (its text and tails)."""
    parts = [element.text or ""]
    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
        elif child.tag == "br":
            parts += ["\n", child.tail or ""]
        elif child.tag in ("p", "div", "table", "ul", "ol", "section"):
            if _words(child.text_content()):
                return []  # (blocks inside: their own lines are read as blocks)
            parts += ["\n", child.tail or ""]  # (an empty block is a spacer: a break)
        else:
            parts += [child.text_content(), child.tail or ""]
    return [line for line in (_words(part) for part in "".join(parts).split("\n")) if line]


def subheads_in_lines(lines: list[str]) -> list[tuple[str, str]]:
    """``(subhead, the line after it)`` among a run of lines: a line that
    could be a subhead with prose after it (or another such line and then
    prose), and prose or nothing (the start) before it."""
    found = []
    for index, text in enumerate(lines):
        if not _could_be_subhead(text):
            continue
        before = lines[index - 1] if index else ""
        if before and not _is_prose(before) and not (
                found and found[-1][0] == before):
            continue
        after = lines[index + 1:index + 3]
        if not after:
            continue
        if _is_prose(after[0]) and len(after[0]) > len(text):
            found.append((text, after[0]))
        elif len(after) == 2 and _could_be_subhead(after[0]) and _is_prose(after[1]) \
                and (not before or _is_prose(before)):
            found.append((text, after[0]))
    return found


def plain_subheads(tree) -> tuple[tuple[str, str], ...]:
    """``(subhead, what follows it)`` for lines that stand as subheads in
    unmarked text: inside a block divided by ``<br>``s, and among a run of
    sibling ``<p>``s with no markup of their own (at least three paragraphs
    of prose, so that a page's header lines are not taken)."""
    found: list[tuple[str, str]] = []
    for element in tree.xpath("//body//*[br]"):
        if element.tag in ("script", "style", "a"):
            continue
        lines = _lines(element)
        if sum(_is_prose(line) for line in lines) >= 2:
            found += subheads_in_lines(lines)
    for parent in tree.xpath("//body//*[p]"):
        paragraphs = [p for p in parent if isinstance(p.tag, str) and p.tag == "p"]
        lines = []
        for paragraph in paragraphs:
            if paragraph.find(".//img") is not None or paragraph.find(".//a") is not None:
                lines.append("")  # (a picture or a link breaks the run)
                continue
            lines.append(_words(paragraph.text_content()))
        if sum(_is_prose(line) for line in lines) < 3:
            continue
        runs, run = [], []
        for line in lines:
            if line:
                run.append(line)
            else:
                runs.append(run)
                run = []
        runs.append(run)
        for run in runs:
            found += subheads_in_lines(run)
    return tuple(dict.fromkeys(found))
