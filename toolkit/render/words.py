"""Chinese text → its words (jieba's dictionary), and text whose lines may
break only between them.

Han text breaks anywhere, so a headline balanced to even widths could end a
line inside a place name (``…，金 / 山区召开…``); Latin tokens inside
Chinese text (``by-nc-sa``, ``AI+``, ``5G``, URLs) could break at a hyphen
or a slash. :func:`glue_words` puts U+2060 WORD JOINER between the
characters of each word, which every line breaker (Pango's, a browser's)
honours, and which draws nothing: the PDF's text layer is unchanged.

jieba's dictionary (350,000 words) is read once per process, never through
jieba's own cache (a file in the shared temporary folder that another user
could write, loaded by path): the words, sorted, are kept as one block of
bytes in the toolkit's private cache (:mod:`toolkit.cache`) and looked up by
bisection, which costs milliseconds to load where jieba's prefix dictionary
costs half a second to build (0.15 s from its cache).
"""

from __future__ import annotations

import array
import bisect
import functools
import logging
import os
import re
from dataclasses import dataclass

from markupsafe import Markup

from toolkit import cache
from toolkit.han import HAN, HAN_RE
from toolkit.render.filters import han_latin_spacing, keep_tail

WORD_JOINER = "\u2060"

# A token that never breaks inside, in Chinese text: a URL, or a run of Latin
# letters or digits with the signs that join one (by-nc-sa, AI+, 5G, 2,600, 1.5%).
UNBREAKABLE = re.compile(
    r"(?:https?://|www\.)[^\s\u3000-\u303f\uff00-\uffef\u3400-\u9fff\"'<>“”‘’]+"
    r"|[A-Za-z0-9](?:[A-Za-z0-9+.,:%/&_'’-]*[A-Za-z0-9%+])?")
HAN_STRETCH = re.compile(f"[{HAN}]+")


@dataclass(frozen=True)
class Dictionary:
    """jieba's dictionary as jieba's tokenizer reads it (``FREQ``: a word's
    frequency, 0 for a prefix of a word, absent otherwise), kept as sorted
    lines ``word freq`` in one block of bytes with their offsets."""

    lines: bytes
    offsets: array.array
    total: int

    def _find(self, key: bytes) -> int:
        return bisect.bisect_left(_Words(self), key)

    def __contains__(self, fragment: str) -> bool:
        key = fragment.encode()
        index = self._find(key)
        return index < len(self.offsets) and _Words(self)[index].startswith(key)

    def get(self, fragment: str, default=None):
        key = fragment.encode()
        index = self._find(key)
        if index < len(self.offsets) and _Words(self)[index] == key:
            start = self.offsets[index] + len(key) + 1
            return int(self.lines[start:self.lines.index(b"\n", start)])
        return 0 if fragment in self else default

    def __getitem__(self, fragment: str) -> int:
        found = self.get(fragment)
        if found is None:
            raise KeyError(fragment)
        return found


class _Words:
    """The sorted words of a :class:`Dictionary`, as a sequence to bisect."""

    def __init__(self, dictionary: Dictionary):
        self.lines, self.offsets = dictionary.lines, dictionary.offsets

    def __len__(self) -> int:
        return len(self.offsets)

    def __getitem__(self, index: int) -> bytes:
        start = self.offsets[index]
        return self.lines[start:self.lines.index(b" ", start)]


def _read_jieba_dictionary(path: str) -> Dictionary:
    entries, total = {}, 0
    with open(path, "rb") as fh:
        for line in fh:
            word, freq = line.split()[:2]
            entries[word] = int(freq)  # a repeated word: the last one, as jieba
            total += int(freq)
    lines, offsets = bytearray(), array.array("I")
    for word in sorted(entries):  # UTF-8 bytes sort as their code points
        offsets.append(len(lines))
        lines += word + b" " + str(entries[word]).encode() + b"\n"
    return Dictionary(bytes(lines), offsets, total)


@functools.cache
def tokenizer():
    """jieba's tokenizer on its own dictionary, loaded once per process
    (from the private cache when it holds it) and silent."""
    # lazy: jieba (and its HMM tables, ≈25 ms): only when Chinese headlines are set
    import jieba

    # jieba logs "Building prefix dict…" to stderr when it loads a dictionary
    # itself; it never does here, and library code never prints.
    logging.getLogger("jieba").setLevel(logging.WARNING)
    path = os.path.join(os.path.dirname(jieba.__file__), jieba.DEFAULT_DICT_NAME)
    # (jieba's version and its dictionary's size key the cache: the
    # dictionary is its data)
    key = (f"jieba {jieba.__version__}", os.path.getsize(path))
    folder = cache.cache_dir("words")
    entry = folder / "jieba-dictionary.pickle"
    private = cache.private_folder(folder)
    found = cache.recall(entry, lambda value: value[0] == key) if private else None
    if found is not None:
        dictionary = Dictionary(found[1], array.array("I", found[2]), found[3])
    else:
        dictionary = _read_jieba_dictionary(path)
        if private:
            cache.store(entry, (key, dictionary.lines, dictionary.offsets.tobytes(),
                                dictionary.total))
    words = jieba.Tokenizer()
    words.FREQ, words.total, words.initialized = dictionary, dictionary.total, True
    return words


def words(text: str) -> list[str]:
    """``text`` cut into words (jieba's, in Han text), unbreakable Latin
    tokens and single other characters; they join back into ``text``."""
    out: list[str] = []
    last = 0
    for match in UNBREAKABLE.finditer(text):
        out += _han_words(text[last:match.start()])
        out.append(match.group())
        last = match.end()
    return out + _han_words(text[last:])


def _han_words(text: str) -> list[str]:
    out: list[str] = []
    last = 0
    for match in HAN_STRETCH.finditer(text):
        out += list(text[last:match.start()])
        out += tokenizer().cut(match.group(), HMM=True)
        last = match.end()
    return out + list(text[last:])


def _alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


#: A URL longer than this may break after a slash (a zero-width space
#: there: Pango gives no break between a slash and a letter), so that one
#: longer than a line does not run off the page. The space draws nothing
#: and maps to no text.
LONG_URL = 40
ZERO_WIDTH_SPACE = "\u200b"


def _glued(token: str) -> str:
    """A word joiner wherever a line could break inside ``token``: between
    any two characters but letters and digits (which never break apart) and
    before a percent sign; a long URL keeps its breaks after slashes."""
    if len(token) < 2:
        return token
    # (a URL, or an address without its scheme: gov.cn/zwgk/…)
    long_url = len(token) > LONG_URL and (token.lower().startswith(("http", "www."))
                                          or "/" in token)
    out = [token[0]]
    for before, after in zip(token, token[1:]):
        if long_url and before == "/" and after != "/":
            out.append(ZERO_WIDTH_SPACE)
        elif not (_alnum(before) and (_alnum(after) or after == "%")):
            out.append(WORD_JOINER)
        out.append(after)
    return "".join(out)


def glue_words(text: str) -> str:
    """Chinese ``text`` that breaks only between words: a word joiner
    between the characters of each word and unbreakable token."""
    if not HAN_RE.search(text):
        return text
    return "".join(_glued(token) for token in words(text))


def glue_tokens(text: str) -> str:
    """``text`` whose Latin tokens and URLs never break inside (Han text
    around them breaks as before: body text, justified by the character)."""
    return UNBREAKABLE.sub(lambda match: _glued(match.group()), text)


def _joiners_as_references(markup: Markup) -> Markup:
    # a character reference: the HTML (and a diff of it) shows where they are
    return Markup(str(markup).replace(WORD_JOINER, "&#8288;"))


def headline(text: str) -> Markup:
    """A Chinese title or heading as HTML: lines break only between words
    (and after punctuation), Han–Latin gaps marked as everywhere."""
    return _joiners_as_references(han_latin_spacing(glue_words(text)))


def chinese_text(text: str) -> Markup:
    """Chinese text as HTML: Latin tokens unbroken, Han–Latin gaps marked."""
    return _joiners_as_references(han_latin_spacing(glue_tokens(text)))


def chinese_paragraph(text: str) -> Markup:
    """A Chinese paragraph as HTML: :func:`chinese_text`, its last two Han
    characters kept together."""
    return _joiners_as_references(keep_tail(glue_tokens(text)))
