"""Text to what is spoken: sentence chunks, language runs, and the spoken form of each.

A chunk is what the reader sees highlighted and hears as one audio file: a
sentence, or a clause of a long one, cut at Chinese and Latin sentence
punctuation. Each chunk is cut again into language runs, because Chinese is
spoken with espeak-ng's pinyin voice from pinyin made here, and Latin text
(English words, e-mail addresses, web addresses) with an English voice.

Offsets are in characters of the text given, so a page script can map a
chunk back onto the text nodes it came from and highlight it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import UNIT_PATTERN, normalize
from .pinyin import to_pinyin

#: Chunks longer than this are cut at a clause mark, so the first audio
#: comes quickly and the highlight follows the voice closely.
SOFT_MAX_CHARS = 60
#: A chunk is never longer than this, even without punctuation.
HARD_MAX_CHARS = 120

_SENTENCE_END = re.compile(r"[。!?;!?;…]+[”’」』)\]]*|(?<=[A-Za-z0-9])[.!?;]+(?=\s)|\n+")
_CLAUSE_END = re.compile(r"[,,、::]")
_LATIN = re.compile(
    # A unit symbol after a number (3.5km, 200MW) is said in Chinese: not a Latin run.
    rf"(?P<unit>(?<=\d)\s*(?:{UNIT_PATTERN})(?![A-Za-z]))|"
    r"(?:https?://|www\.)[^\s\u3000-\u9fff\uff00-\uffef]+"  # web address
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail address
    # Words, and the numbers between or after them ("April 30 2013"): a number
    # inside English is said in English. Not one a Chinese character, a unit or
    # a per cent sign follows ("Report 2023年" says 二零二三年).
    r"|[A-Za-z][A-Za-z'’&.\-]*(?:\s+(?:[A-Za-z][A-Za-z'’&.\-]*|\d(?:[\d,.]*\d)?(?![\d.,]*[A-Za-z%\u3400-\u9fff])))*"
)
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[A-Za-z]")
_SPEAKABLE = re.compile(r"[\w\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Run:
    """One language run of a chunk: ``lang`` "zh" (spoken from ``spoken`` pinyin) or "en"."""

    text: str
    lang: str
    spoken: str


@dataclass(frozen=True, slots=True)
class Chunk:
    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Chunk]:
    """Cut ``text`` into sentence-sized chunks with their offsets; blank chunks are dropped."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        pieces.append((start, m.end()))
        start = m.end()
    if start < len(text):
        pieces.append((start, len(text)))
    chunks: list[Chunk] = []
    for begin, end in pieces:
        for a, b in _cut_long(text, begin, end):
            # Trim whitespace so offsets point at what is said.
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if a < b and _SPEAKABLE.search(text, a, b):
                chunks.append(Chunk(a, b, text[a:b]))
    return chunks


def _cut_long(text: str, begin: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    while end - begin > SOFT_MAX_CHARS:
        cut = 0
        for m in _CLAUSE_END.finditer(text, begin + 8, begin + HARD_MAX_CHARS):
            cut = m.end()
            if cut - begin >= SOFT_MAX_CHARS:
                break
        if not cut or end - cut < 4:
            cut = begin + HARD_MAX_CHARS if end - begin > HARD_MAX_CHARS else end
        out.append((begin, cut))
        begin = cut
    if begin < end:
        out.append((begin, end))
    return out


def _english_spoken(text: str) -> str:
    # espeak-ng's English voice spells "www", says "dot"; "@" needs a word.
    return re.sub(r"\s+", " ", text.replace("@", " at ").replace("/", " slash ")).strip()


def language_runs(text: str) -> list[Run]:
    """Cut one chunk into Chinese and Latin runs, each with what the engine speaks.

    A chunk with no Chinese character at all is English whole, figures and
    punctuation included (an English table cell, "Notebooks: 3,718").
    """
    if not has_han(text) and _LETTER.search(text):
        return [Run(text.strip(), "en", _english_spoken(text))]
    raw: list[tuple[str, str]] = []
    position = 0
    for m in _LATIN.finditer(text):
        if m.group("unit"):
            continue
        if m.start() > position:
            raw.append(("zh", text[position : m.start()]))
        raw.append(("en", m.group(0)))
        position = m.end()
    if position < len(text):
        raw.append(("zh", text[position:]))
    runs: list[Run] = []
    for lang, piece in raw:
        if lang == "zh":
            spoken = to_pinyin(normalize(piece))
            if not spoken.replace(",", "").strip():
                continue
        else:
            spoken = _english_spoken(piece)
        if runs and runs[-1].lang == lang:
            last = runs.pop()
            joiner = ", " if lang == "zh" else " "
            runs.append(Run(last.text + piece, lang, last.spoken + joiner + spoken))
        else:
            runs.append(Run(piece.strip(), lang, spoken))
    return runs


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))
