"""Chinese characters to the tone-numbered pinyin espeak-ng's ``cmn-latn-pinyin`` voice reads.

espeak-ng's own Mandarin front end picks one reading per character and reads
some characters through English rules (国务院 as "guo-two"). Pinyin chosen
here is spoken as written, so the reading of each character is decided in
this module, in three layers:

1. pypinyin's phrase dictionary, which knows most polyphones in context
   (银行 yin2 hang2, 行长 hang2 zhang3, 重庆 chong2 qing4);
2. the operator's pronunciation file (``[speech] pronunciations``, by default
   ``config/pronunciations.txt``), for place names and terms the dictionary
   gets wrong (乐亭 lao4 ting2, 六安 lu4 an1); it is loaded into the same
   dictionary, so it also steers word segmentation;
3. the tone changes of 一 and 不 (一/不 变调, 《现代汉语词典》 conventions): 不
   before a fourth tone is bu2; 一 before a fourth tone is yi2 and before the
   other tones yi4, but stays yi1 when counted, as an ordinal or at the end of
   a word (第一, 统一, 一月, 一九九八). espeak-ng applies no tone changes itself.

Syllables come out as ``hang2``, ``lv4`` (ü written v, as espeak-ng reads
it) and ``ma5`` for the neutral tone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pypinyin
from pypinyin import Style
from pypinyin.contrib.tone_convert import to_tone

_SYLLABLE = re.compile(r"^[a-z]+[1-5]$")
#: Characters that are part of a spoken number: 一 next to these is counted, not changed.
_NUMERALS = set("零〇一二三四五六七八九十点两幺")
#: Number units: 一 before these does change (一百 yi4 bai3, 一万 yi2 wan4).
_NUMBER_UNITS = set("百千万亿")
#: 一 before these is an ordinal, a label or a range end: 一月, 一号, 一季度, 一是
#: (enumeration), 一楼, 一至九月.
_ORDINAL_AFTER = set("月号日季是楼层期级等线审类至")
#: 一 after these ends a word: 统一, 唯一, 第一, 万一, 之一.
_WORD_FINAL_AFTER = set("统唯第万同单划专逐合归之初其")
#: 为 before these introduces a value ("is"), read wei2: numbers, 负, 每, 百分之, 上午/下午.
_EQUATIVE_NEXT = set("零〇一二三四五六七八九十两幺负每百千万上下")
#: Punctuation that is a pause in speech.
_PAUSE = re.compile(r"[,,、;;::。.!!??…—\-()()《》「」“”\"'\s]+")


class PronunciationError(ValueError):
    """A line of the pronunciation file that cannot be used; the message names the line."""


def parse_pronunciations(text: str, *, source: str = "pronunciations") -> dict[str, list[str]]:
    """Parse ``词语 pin1 yin1`` lines (``#`` starts a comment) into word -> syllables."""
    entries: dict[str, list[str]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        word, *syllables = line.split()
        if len(syllables) != len(word) or not all(_SYLLABLE.match(s) for s in syllables):
            raise PronunciationError(
                f"{source}:{number}: expected a word and one tone-numbered syllable per character "
                f"(乐亭 lao4 ting2), got {raw.strip()!r}"
            )
        entries[word] = syllables
    return entries


@dataclass(frozen=True)
class Pronunciations:
    """An operator's pronunciation file, read once: its readings and its bytes
    (which go into every audio key, so a changed file never replays old audio)."""

    entries: dict[str, list[str]]
    raw: bytes


def load_pronunciations(path: str | Path) -> Pronunciations:
    p = Path(path)
    try:
        raw = p.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PronunciationError(f"{p}: cannot read pronunciation file ({exc})") from None
    return Pronunciations(parse_pronunciations(text, source=str(p)), raw)


def install_pronunciations(entries: dict[str, list[str]]) -> None:
    """Add the operator's readings to pypinyin's phrase dictionary (and its word segmenter)."""
    if entries:
        pypinyin.load_phrases_dict(
            {word: [[to_tone(s.replace("v", "ü"))] for s in syllables] for word, syllables in entries.items()}
        )


def _tone(syllable: str) -> int:
    return int(syllable[-1]) if syllable and syllable[-1].isdigit() else 0


def _tone_changes(chars: list[str], syllables: list[str]) -> None:
    """Apply the 一 and 不 tone changes in place (chars and syllables align one to one)."""
    for i, (char, syllable) in enumerate(zip(chars, syllables, strict=True)):
        nxt = syllables[i + 1] if i + 1 < len(syllables) else ""
        next_char = chars[i + 1] if i + 1 < len(chars) else ""
        if char == "不" and syllable in ("bu4", "bu2"):
            syllables[i] = "bu2" if _tone(nxt) == 4 else "bu4"
        elif char == "一" and syllable in ("yi1", "yi2", "yi4"):
            # The dictionary's own choice is not trusted (it has 一月 yi2, 一些 yi1):
            # the rule decides, from the neighbours.
            prev_char = chars[i - 1] if i else ""
            if next_char in _NUMBER_UNITS:
                # Counting: 一百 yi4 bai3, 一万 yi2 wan4, also after 之 (百分之一百).
                syllables[i] = "yi2" if _tone(nxt) == 4 else "yi4"
                continue
            if (
                not _tone(nxt)
                or prev_char == next_char  # 看一看, 说一说
                or prev_char in _WORD_FINAL_AFTER
                or prev_char in _NUMERALS
                or next_char in _ORDINAL_AFTER
                or (next_char in _NUMERALS and next_char not in _NUMBER_UNITS)
            ):
                syllables[i] = "yi1"
                continue
            syllables[i] = "yi2" if _tone(nxt) in (4, 5) else "yi4"
        elif char == "为" and syllable == "wei4" and next_char in _EQUATIVE_NEXT:
            # "标准为800元", "增速为负…": 为 as "is" before a value is wei2.
            syllables[i] = "wei2"


def to_pinyin(text: str) -> str:
    """Tone-numbered pinyin for normalised Chinese text; pauses kept as commas.

    ``text`` should already be normalised (:func:`.normalize.normalize`): digits
    and symbols left here are dropped, since there is no right syllable for them.
    """
    words: list[str] = []
    for run in _PAUSE.split(text):
        if not run:
            continue
        items = pypinyin.lazy_pinyin(run, style=Style.TONE3, neutral_tone_with_five=True)
        chars: list[str] = []
        syllables: list[str] = []
        position = 0
        for item in items:
            if _SYLLABLE.match(item):
                chars.append(run[position])
                syllables.append(item)
                position += 1
            else:
                # Not Chinese (a stray symbol or letter): no syllable to say.
                position += len(item)
        _tone_changes(chars, syllables)
        if syllables:
            words.append(" ".join(syllables))
    return ", ".join(words)
