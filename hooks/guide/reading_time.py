"""Reading time of a page, per language: words for alphabetic scripts, characters for Japanese and Chinese."""

from __future__ import annotations

import hashlib
import math
import pickle
import re

from reuse import replace_file

# Average silent reading speeds of adults, rounded, after the International Reading Speed Texts
# (IReST) study: words per minute, or characters per minute for ja and zh.
READING_SPEED = {
    "en": 228, "it": 188, "fr": 195, "de": 179, "pl": 166, "tr": 166, "pt": 181, "ru": 184,
    "ar": 138, "ja": 357, "zh": 255, "es": 218,
}
CHARACTER_SCRIPTS = {"ja", "zh"}
DEFAULT_SPEED = 200

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")
WORD = re.compile(r"\w+", re.UNICODE)

_FOOTNOTE_DEFINITION = re.compile(r"^\[\^[^\]]+\]:.*$", re.MULTILINE)
_ATTR_LIST = re.compile(r"\{[:#.][^}]*\}")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^[^\]]+\]")
_HTML = re.compile(r"<[^>]+>")
_ADMONITION = re.compile(r'^\s*[!?]{3}\+?\s*\S+(?:\s+"([^"]*)")?\s*$', re.MULTILINE)


def plain_text(markdown: str) -> str:
    """The readable text of a Markdown body: no markup, link targets, footnote definitions or ids."""
    text = _FOOTNOTE_DEFINITION.sub("", markdown)
    text = _ADMONITION.sub(lambda match: match.group(1) or "", text)
    text = _ATTR_LIST.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _FOOTNOTE_REFERENCE.sub("", text)
    text = _HTML.sub(" ", text)
    return re.sub(r"[#*_>`|]+", " ", text)


def count_reading_units(text: str, code: str) -> int:
    """Words, or for Japanese and Chinese characters (plus any Latin words among them)."""
    if code in CHARACTER_SCRIPTS:
        characters = len(CJK.findall(text))
        latin_words = len(WORD.findall(CJK.sub(" ", text)))
        return characters + latin_words
    return len(WORD.findall(text))


def reading_minutes(markdown: str, code: str) -> int:
    """Whole minutes (at least 1) an average adult reader of `code` needs for the page."""
    units = count_reading_units(plain_text(markdown), code)
    return max(1, math.ceil(units / READING_SPEED.get(code, DEFAULT_SPEED)))


class KnownReadingTimes:
    """Reading times kept between builds (`<cache>/facts/<code>.minutes`): every language build
    reads every page's time, a fifth of a second at a thousand pages, the same for each unchanged
    page. Keyed by the page's text, its language and this module's code, so a changed formula or
    speed counts again; a file that cannot be read or written is no error, only slower."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self.known: dict[bytes, int] = {}
        self.used: set[bytes] = set()
        self.worked_out = 0  # times not found among those kept
        if path:
            try:
                with open(path, "rb") as file:
                    known = pickle.load(file)
                self.known = known if isinstance(known, dict) else {}
            except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
                self.known = {}

    def minutes(self, markdown: str, code: str) -> int:
        key = hashlib.blake2b(f"{code}\0{markdown}".encode("utf-8", "surrogatepass"), digest_size=16,
                              key=_FORMULA).digest()
        self.used.add(key)
        if key not in self.known:
            self.known[key] = reading_minutes(markdown, code)
            self.worked_out += 1
        return self.known[key]

    def save(self) -> None:
        """Keep the times of this build's pages (only those: the file stays the size of the language)."""
        if not self.path or (not self.worked_out and self.used == self.known.keys()):
            return
        kept = {key: self.known[key] for key in self.used}
        try:
            replace_file(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            pass


with open(__file__, "rb") as _source:  # the formula and the speeds: a change counts every time again
    _FORMULA = hashlib.blake2b(_source.read(), digest_size=16).digest()
