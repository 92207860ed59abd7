"""The help services the site shows, read from the helplines folder (`extra.helplines`, e.g.
`data/helplines/`): one `<CC>.yml` per country, `countries.yml` (which countries each site language
lists first) and `directory.yml` (the international directory). `data/helplines/README.md` gives
the format.

These files are the only place phone numbers come from, and every number carries its evidence: the
page that states it, the date it was read and the sentence on it. A number whose evidence is missing,
or whose sentence does not state it, stops the build: a wrong number on this site is harmful.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from multilingual.data_files import load_data_file
from multilingual.errors import SiteInputError

CONTACT_KINDS = ("call", "call_or_text", "text", "sms")
LINE_KINDS = ("violence", "crisis")
EMERGENCY_SERVICES = ("general", "police", "ambulance", "fire")
NOTES = ("hours_24", "free", "anonymous", "no_trace", "multilingual", "local_centre", "office_hours")
OFFICIAL_KINDS = ("service", "government", "un")
# A number only these sources state needs two of them, from different sites.
SECONDARY_KINDS = ("news", "directory", "other")
EVIDENCE_KINDS = OFFICIAL_KINDS + SECONDARY_KINDS
COUNTRY_FILE = re.compile(r"^[A-Z]{2}\.yml$")


class HelplinesError(SiteInputError):
    """A helplines data file is wrong; the message names it and says what to fix."""


@dataclass(frozen=True)
class Evidence:
    url: str  # the page that states the number
    kind: str  # one of EVIDENCE_KINDS
    read: str  # ISO date the page was read
    sentence: str  # the sentence on that page that states the number
    page_date: str = ""  # the page's own date, where it shows one

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


@dataclass(frozen=True)
class Contact:
    kind: str  # one of CONTACT_KINDS
    number: str  # as the source writes it, e.g. "0808 2000 247"
    keyword: str = ""  # what to text, for kind "text"


@dataclass(frozen=True)
class Line:
    """A national help line of one country: for violence, or for a crisis."""

    name: str
    contacts: tuple[Contact, ...]
    evidence: tuple[Evidence, ...]
    notes: tuple[str, ...] = ()
    confirm: bool = False  # the sources disagree: shown with "check the official site"


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    serves: tuple[str, ...]  # of EMERGENCY_SERVICES
    evidence: tuple[Evidence, ...]
    confirm: bool = False  # the sources disagree: shown with "check the official site"


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, named in the reader's language by Babel
    emergency: tuple[EmergencyNumber, ...] = ()
    violence: tuple[Line, ...] = ()
    crisis: tuple[Line, ...] = ()

    def lines(self, kind: str) -> tuple[Line, ...]:
        return getattr(self, kind)


@dataclass(frozen=True)
class Helplines:
    countries: dict[str, Country]  # by code
    by_language: dict[str, tuple[str, ...]]  # site language -> its countries, main one first
    directory_name: str
    directory_url: str

    def numbers(self) -> set[str]:
        """Every number the site may show."""
        found = {number.number for country in self.countries.values() for number in country.emergency}
        for country in self.countries.values():
            for kind in LINE_KINDS:
                found.update(contact.number for line in country.lines(kind) for contact in line.contacts)
        return found

    def last_read(self) -> str:
        """The latest date a source was read: the help page shows it once."""
        return max((evidence.read for evidence in all_evidence(self)), default="")


def all_evidence(helplines: Helplines):
    for country in helplines.countries.values():
        for number in country.emergency:
            yield from number.evidence
        for kind in LINE_KINDS:
            for line in country.lines(kind):
                yield from line.evidence


def digits(text: str) -> str:
    """The digits of a text, in ASCII whatever the script (Arabic-Indic, full-width...)."""
    return "".join(str(unicodedata.digit(ch)) for ch in text if ch.isdigit())


def iso_date(value, where: str, key: str) -> str:
    text = str(value)
    try:
        date.fromisoformat(text)
    except ValueError:
        raise HelplinesError(f"{where}: `{key}` must be a date written YYYY-MM-DD; it is {text!r}.") from None
    return text


def required(entry, key: str, where: str):
    if not isinstance(entry, dict) or entry.get(key) in (None, "", []):
        raise HelplinesError(f"{where} has no `{key}`; add it (data/helplines/README.md shows the format).")
    return entry[key]


def parse_evidence(entries, numbers: list[str], where: str) -> tuple[Evidence, ...]:
    """The evidence of an entry's numbers: each number is stated by an official page, or by secondary
    ones on two different sites."""
    if not isinstance(entries, list) or not entries:
        raise HelplinesError(f"{where} has no `evidence`: a number is shown only with the page that states it.")
    found = []
    for position, entry in enumerate(entries, start=1):
        at = f"{where}, evidence {position}"
        url = str(required(entry, "url", at))
        kind = str(required(entry, "kind", at))
        if urlsplit(url).scheme not in ("http", "https"):
            raise HelplinesError(f"{at}: `url` must be the http(s) address of the page; it is {url!r}.")
        if kind not in EVIDENCE_KINDS:
            raise HelplinesError(f"{at}: `kind` must be one of {', '.join(EVIDENCE_KINDS)}; it is {kind!r}.")
        sentence = str(required(entry, "sentence", at))  # one without a number may back a note (hours, cost)
        page_date = str(entry.get("page_date") or "")
        found.append(Evidence(url, kind, iso_date(required(entry, "read", at), at, "read"), sentence, page_date))
    for number in numbers:
        stating = [evidence for evidence in found if digits(number) in digits(evidence.sentence)]
        if not stating:
            raise HelplinesError(f"{where}: no evidence sentence states {number}; add the page that gives it.")
        if all(e.kind in SECONDARY_KINDS for e in stating) and len({e.host for e in stating}) < 2:
            raise HelplinesError(f"{where}: {number} is stated only by news, a directory or another third party "
                                 "on one site; add a second page on another site, or an official one.")
    return tuple(found)


def parse_contact(entry, where: str) -> Contact:
    kinds = [kind for kind in CONTACT_KINDS if isinstance(entry, dict) and kind in entry]
    if len(kinds) != 1:
        raise HelplinesError(f"{where}: each contact needs one of {', '.join(CONTACT_KINDS)}, "
                             'e.g. `{call: "116 123"}`.')
    keyword = str(entry.get("keyword") or "")
    if kinds[0] == "text" and not keyword:
        raise HelplinesError(f"{where}: a `text` contact needs the `keyword` to send, e.g. `keyword: START`.")
    return Contact(kinds[0], str(entry[kinds[0]]), keyword)


def parse_line(entry, where: str) -> Line:
    name = str(required(entry, "name", where))
    at = f"{where} ({name})"
    contacts = required(entry, "contacts", at)
    if not isinstance(contacts, list):
        raise HelplinesError(f"{at}: `contacts` must be a list, e.g. `[{{call: \"116 123\"}}]`.")
    parsed = tuple(parse_contact(contact, at) for contact in contacts)
    notes = tuple(str(note) for note in entry.get("notes") or ())
    unknown = [note for note in notes if note not in NOTES]
    if unknown:
        raise HelplinesError(f"{at}: unknown note(s) {', '.join(unknown)}; use {', '.join(NOTES)}.")
    evidence = parse_evidence(entry.get("evidence"), [contact.number for contact in parsed], at)
    return Line(name, parsed, evidence, notes, bool(entry.get("confirm")))


def parse_emergency(entry, where: str) -> EmergencyNumber:
    number = str(required(entry, "number", where))
    serves = tuple(str(s) for s in entry.get("serves") or ("general",))
    unknown = [s for s in serves if s not in EMERGENCY_SERVICES]
    if unknown:
        raise HelplinesError(f"{where} ({number}): `serves` must list {', '.join(EMERGENCY_SERVICES)}; "
                             f"not {', '.join(unknown)}.")
    evidence = parse_evidence(entry.get("evidence"), [number], f"{where} ({number})")
    return EmergencyNumber(number, serves, evidence, bool(entry.get("confirm")))


def listed(data: dict, key: str, where: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        raise HelplinesError(f"{where}: `{key}` must be a list (or left out).")
    return value


def parse_country(data, path: str) -> Country:
    code = Path(path).stem
    if not isinstance(data, dict) or data.get("country") != code:
        raise HelplinesError(f"{path}: the file must start with `country: {code}` (its name is its country).")
    return Country(
        code=code,
        emergency=tuple(parse_emergency(entry, f"{path}: emergency {n}")
                        for n, entry in enumerate(listed(data, "emergency", path), start=1)),
        **{kind: tuple(parse_line(entry, f"{path}: {kind} {n}")
                       for n, entry in enumerate(listed(data, kind, path), start=1)) for kind in LINE_KINDS},
    )


def parse_languages(data, path: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise HelplinesError(f"{path}: map each site language to its countries, e.g. `es: [ES, MX, CO]`.")
    return {str(code): tuple(str(country) for country in countries) for code, countries in data.items()}


def load_helplines(folder: str) -> Helplines:
    """Read and check the helplines folder."""
    root = Path(folder)
    if not root.is_dir():
        raise HelplinesError(f"{folder}: extra.helplines must name a folder of country files (data/helplines/).")
    directory = load_data_file(str(root / "directory.yml"))
    countries = {path.stem: parse_country(load_data_file(str(path)), str(path))
                 for path in sorted(root.iterdir()) if COUNTRY_FILE.match(path.name)}
    by_language = parse_languages(load_data_file(str(root / "countries.yml")), str(root / "countries.yml"))
    return Helplines(
        countries=countries,
        by_language=by_language,
        directory_name=str(required(directory, "name", str(root / "directory.yml"))),
        directory_url=str(required(directory, "url", str(root / "directory.yml"))),
    )
