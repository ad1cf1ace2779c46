"""Damage in a source text: mojibake, markup, pinyin left behind.

A text copied from a page that an earlier tool decoded wrongly carries
characters no Chinese writer chose: U+FFFD, ``?`` inside Han runs, clusters
of rare characters and stray Latin or Cyrillic letters (``跟茠漱Q年``,
``?qū)Я髦``). Those are reported, line by line, not repaired: only the
editor can know what the text said. Runs on the NFC text before punctuation
is normalised (a ``?`` next to a Han character would become ``？`` there).
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass

from toolkit.han import HAN_RE
from toolkit.read.chars import is_pinyin_syllable

#: Above this share of Han characters inside damaged runs, a source is refused.
MAX_DAMAGED_SHARE = 0.30

_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>|&(?:[A-Za-z]{2,8}|#\d{2,6}|#x[0-9A-Fa-f]{2,5});")
_PINYIN_LEFT = re.compile(r"[(（]([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿüv]{1,7})[)）]")
_QUESTION = re.compile(r"\?+")


@dataclass(frozen=True)
class Damage:
    line: int
    message: str
    #: Han characters inside the damaged run (for the share that refuses a source)
    han: int = 0


@functools.cache
def _uncommon() -> re.Pattern:
    """A character outside what Chinese text is made of: the frequent levels
    of GB 2312 and Big5 (as :func:`toolkit.read.decode.plausibility` counts them),
    ASCII, CJK and full-width punctuation, ordinary symbols. One regex class,
    so a megabyte is scanned in C."""
    common = set()
    for lead in range(0xB0, 0xD8):  # GB 2312 level 1
        common.update(bytes([lead, trail]).decode("gb2312", "ignore") for trail in range(0xA1, 0xFF))
    for lead in range(0xA4, 0xC7):  # Big5 level 1
        for trail in [*range(0x40, 0x7F), *range(0xA1, 0xFF)]:
            common.add(bytes([lead, trail]).decode("big5", "ignore"))
    common.discard("")
    listed = "".join(sorted(common)).replace("\\", "").replace("]", "").replace("^", "").replace("-", "")
    return re.compile(f"[^\\x00-\\x7f\\s\u3000-\u303f\uff00-\uffef“”‘’—…·–{listed}]")


#: Written Cantonese (Hong Kong papers quote speech in it): 佢喺度, 冇咗, 嘅, 睇, 諗.
#: Outside the frequent sets of GB 2312 and Big5, but chosen by the writer.
CANTONESE = frozenset(
    "佢哋喺嘅嘢咗冇睇瞓諗咁啲嗰噉乜冚唔㗎喇囉咩嚟畀俾攞揾搵嘥嬲餸攰咪曱甴嘈啱咋嘞吖喎嘛囖嚿哂晒"
    "揸揼擰撳氹掟搲搣瞌噏嗱嗌靚冧踎㩒揞孖嫲咭掂咧喐郁嘟啩呢嚡氽摞搞蹓唞嘆凼叻嗮嘆揦佬乸腍啖")


def _is_letter_of_another_script(ch: str) -> bool:
    """A letter that is not Han: Latin, Cyrillic, Greek, kana, Hangul, Thai…"""
    return unicodedata.category(ch).startswith("L") and not HAN_RE.match(ch)


def _glued_letter(text: str, index: int) -> bool:
    """A letter of another script glued between two Han characters: the
    second byte of a double-byte character read in the wrong encoding
    (跟茠漱Q年, 浣犲ソ). A language menu (ไทย, 日本語, Русский) or a Latin
    name stands apart, with spaces or punctuation around it."""
    return (0 < index < len(text) - 1 and _is_letter_of_another_script(text[index])
            and HAN_RE.match(text[index - 1]) is not None
            and (HAN_RE.match(text[index + 1]) is not None
                 or _is_letter_of_another_script(text[index + 1])
                 and not text[index + 1].isascii()))


def _suspects(text: str) -> tuple[list[int], set[int]]:
    """Places that may be damage: rare Han characters (not written
    Cantonese), U+FFFD, and letters of another script glued into Han text
    (the second set; the strong sign). Symbols (emoji, box rules ──) are
    never mojibake's product here: a decoder's wrong guess gives letters."""
    found, glued = set(), set()
    for match in _uncommon().finditer(text):
        ch, index = match.group(0), match.start()
        if ch == "\ufffd":
            found.add(index)
        elif HAN_RE.match(ch):
            if ch not in CANTONESE:
                found.add(index)
        elif _glued_letter(text, index):
            glued.add(index)
    # A glued ASCII letter only counts beside other damage: look near what was found.
    glued |= {i for start in list(found) for i in range(start - 2, start + 3)
              if 0 < i < len(text) - 1 and text[i].isascii() and text[i].isalpha()
              and not text[i - 1].isascii() and not text[i - 1].isspace()
              and not text[i + 1].isascii() and not text[i + 1].isspace()}
    return sorted(found | glued), glued


def _runs(suspects: list[int]):
    """Spans where two or more suspect characters fall within three
    characters of each other (``茠漱Q``: 茠 and Q, 漱 between them)."""
    start = previous = None
    for index in suspects:
        if previous is not None and index - previous <= 2:
            previous = index
            continue
        if start is not None and previous > start:
            yield start, previous + 1
        start = previous = index
    if start is not None and previous > start:
        yield start, previous + 1


def _is_mojibake(text: str, start: int, end: int, glued: set[int]) -> bool:
    """A run of rare characters is damage when a letter of another script is
    glued into it, or when it holds three or more distinct rare Han
    characters close together: real text uses one rare word at a time
    (忡忡, 踉蹌, a rare surname), a wrong decoding makes a string of them."""
    if any(start <= index < end for index in glued):
        return True
    # Within one stretch of letters: 忡忡，踉蹌 is two words, not one string.
    for stretch in _NOT_A_LETTER.split(text[start:end]):
        rare = {ch for ch in stretch if HAN_RE.match(ch) and ch not in CANTONESE
                and _uncommon().match(ch)}
        if len(rare) >= 3:
            return True
    return False


_NOT_A_LETTER = re.compile(r"[\W_]+")


#: UTF-8 read as Latin-1 or cp1252: ä¸­æ–‡ for 中文.
_LATIN1_MOJIBAKE = re.compile("[\u00c0-\u00ff][\u0080-\u00ff\u2018-\u203a\u0152-\u0178]{2,}")
#: A question mark ends a clause: after it comes a space, the line's end,
#: punctuation or a closing bracket. A '?' inside Han text (a name's lost
#: character: 陳?明) has a Han character or a letter right after it.
_QUESTION_MARK_AFTER = re.compile(r"[\s\W_]|$")
#: Words that ask, closing a clause: …是什么?, …吗?, …多少?
_ASKING = re.compile(r"(?:吗|嗎|呢|什么|甚麼|什麼|怎么|怎麼|怎样|怎樣|为何|為何|为什么|為什麼|如何|"
                     r"哪里|哪裡|哪儿|谁|誰|是否|多少|几时|幾時|何时|何時|么|麼)[^\s,.:;!?，。：；！？]{0,2}$")
#: A headline set in half-width marks runs its answer on after a colon:
#: 如何评判一个城市的好坏?专家:有三个标准, 险被迷晕?警方:他…
_COLON_AFTER = re.compile(r"[\u4e00-\u9fff]{1,8}:")


def _asks(text: str, start: int) -> bool:
    """Whether the single '?' at ``start`` reads as a question mark: its
    clause closes with a word that asks (``是什么?``), or a colon follows
    a few characters on (``好坏?专家:…``). A name's lost character has
    neither (``蔡英?表示``, ``王?明本人``). Looks only near the mark."""
    before = text[max(0, start - 12):start]
    return bool(_ASKING.search(before)) or bool(_COLON_AFTER.match(text, start + 1))


def find_damage(text: str, first_line: int = 1) -> list[Damage]:
    """Every damaged place in an NFC text, by line. Each kind of damage is
    one regex pass over the whole text; Python only runs at the finds."""
    newlines = [m.start() for m in re.finditer("\n", text)]

    def line_of(offset: int) -> int:
        return bisect.bisect_left(newlines, offset) + first_line

    def column(offset: int) -> int:
        return offset - text.rfind("\n", 0, offset)

    found: list[Damage] = []
    for match in re.finditer("\ufffd+", text) if "\ufffd" in text else ():
        run = len(match.group(0))
        found.append(Damage(line_of(match.start()), f"{run} replacement characters (U+FFFD): "
                                                     "text lost in an earlier decoding", run))
    for match in _QUESTION.finditer(text) if "?" in text else ():
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if (HAN_RE.match(before) or HAN_RE.match(after)) and not (
                HAN_RE.match(before) and _QUESTION_MARK_AFTER.match(after)) and not (
                len(match.group(0)) == 1 and HAN_RE.match(before)
                and _asks(text, match.start())):
            found.append(Damage(line_of(match.start()), f"'?' inside Chinese text at column "
                                                         f"{column(match.start())}: characters "
                                                         "lost in an earlier decoding", 1))
    suspects, glued = _suspects(text)
    for start, end in _runs(suspects):
        run = text[start:end]
        if "\n" in run or set(run) <= {"\ufffd"} or not _is_mojibake(text, start, end, glued):
            continue
        found.append(Damage(line_of(start), f"mojibake {run!r}: characters outside the common "
                                            "sets of Chinese text",
                            max(1, len(HAN_RE.findall(run)))))
    for match in _LATIN1_MOJIBAKE.finditer(text):
        found.append(Damage(line_of(match.start()), f"mojibake {match.group(0)!r}: UTF-8 read "
                                                     "as Latin-1 in an earlier decoding", 1))
    for match in _MARKUP.finditer(text) if "<" in text or "&" in text else ():
        found.append(Damage(line_of(match.start()),
                            f"markup left in the text: {match.group(0)[:40]!r}"))
    for match in _PINYIN_LEFT.finditer(text):
        if is_pinyin_syllable(match.group(1)):
            found.append(Damage(line_of(match.start()),
                                f"pinyin {match.group(0)!r} left in the text (not after a Han "
                                "character, so not removed as a gloss)"))
    return sorted(found, key=lambda d: d.line)


def damaged_share(damage: list[Damage], text: str) -> float:
    """Share of the text's Han characters that sit in damaged runs."""
    damaged = sum(d.han for d in damage)
    # No more Han characters than non-ASCII ones: count them (a full scan)
    # only when the share could come near the limit.
    if damaged <= MAX_DAMAGED_SHARE * 0.5 * (len(text) - len(text.encode("ascii", "ignore"))):
        return damaged / max(1, len(text))
    total = len(HAN_RE.findall(text))
    return damaged / total if total else 0.0
