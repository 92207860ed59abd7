"""The help page's block (`<!-- insert: helplines -->`): the emergency lead, then the countries of
the reader's language, each a compact block, then every other country, collapsed, in the reader's
alphabetical order. Numbers are `tel:`/`sms:` links; the template keeps each on one line.

Also the coverage table of `data/helplines/COVERAGE.md` (`scripts/help_coverage.py` writes it).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from babel import Locale
from markupsafe import Markup, escape

from multilingual.strings import local_date
from multilingual.templates import Fragments

from .helplines import LINE_KINDS, Contact, Country, Helplines, Line


@dataclass(frozen=True)
class ShownLine:
    kind: str  # "violence" or "crisis"
    name: str
    contacts: tuple[Markup, ...]
    notes: str
    confirm: bool
    source: str  # the address of the first page that states it, for the reader to confirm


@dataclass(frozen=True)
class ShownCountry:
    code: str
    name: str  # in the reader's language
    emergency: tuple[tuple[str, Markup, bool], ...]  # (what it serves, the number's link, confirm)
    lines: tuple[ShownLine, ...]


def country_name(code: str, hreflang: str) -> str:
    try:
        return Locale.parse(hreflang.replace("-", "_")).territories.get(code, code)
    except (ValueError, LookupError):
        return code


def sort_key(name: str) -> str:
    """Alphabetical order in most scripts without a collation library: accents after their letter."""
    return unicodedata.normalize("NFKD", name).casefold()


def fill(text: str, **values: Markup) -> Markup:
    """An interface string, escaped, with its {placeholders} replaced by HTML."""
    filled = escape(text)
    for name, value in values.items():
        filled = filled.replace("{" + name + "}", value)
    return filled


def phone_href(contact: Contact) -> str:
    """`tel:` to call, `sms:` to text; only digits, `+` and `#` (as `%23`) in the address."""
    number = "".join(ch for ch in contact.number if ch.isdigit() or ch in "+#").replace("#", "%23")
    if contact.kind in ("sms", "text"):
        return f"sms:{number}" + (f"?body={contact.keyword}" if contact.keyword else "")
    return f"tel:{number}"


def phone_link(contact: Contact) -> Markup:
    return Markup('<a class="phone" dir="ltr" href="{}">{}</a>').format(phone_href(contact), contact.number)


def contact_text(contact: Contact, ui) -> Markup:
    if contact.kind == "call":
        return phone_link(contact)
    return fill(ui[f"helpline_{contact.kind}"], number=phone_link(contact),
                keyword=Markup("<strong>{}</strong>").format(contact.keyword))


def shown_line(kind: str, line: Line, ui) -> ShownLine:
    return ShownLine(
        kind=kind, name=line.name, contacts=tuple(contact_text(contact, ui) for contact in line.contacts),
        notes=ui["list_separator"].join(ui[f"helpline_note_{note}"] for note in line.notes),
        confirm=line.confirm, source=line.evidence[0].url,
    )


def shown_country(code: str, country: Country | None, hreflang: str, ui) -> ShownCountry:
    country = country or Country(code)
    return ShownCountry(
        code=code, name=country_name(code, hreflang),
        emergency=tuple((" / ".join(ui[f"help_{service}"] for service in number.serves),
                         phone_link(Contact("call", number.number)), number.confirm) for number in country.emergency),
        lines=tuple(shown_line(kind, line, ui) for kind in LINE_KINDS for line in country.lines(kind)),
    )


def help_countries(helplines: Helplines, code: str, hreflang: str, ui) -> tuple[list[ShownCountry], list[ShownCountry]]:
    """The language's own countries in their configured order, then every other one by name."""
    own_codes = helplines.by_language.get(code, ())
    own = [shown_country(c, helplines.countries.get(c), hreflang, ui) for c in own_codes]
    others = [shown_country(c, country, hreflang, ui) for c, country in helplines.countries.items() if c not in own_codes]
    return own, sorted(others, key=lambda country: sort_key(country.name))


def render_help(fragments: Fragments, helplines: Helplines, code: str, hreflang: str, ui) -> str:
    own, others = help_countries(helplines, code, hreflang, ui)
    directory = Markup('<a href="{}">{}</a>').format(helplines.directory_url, helplines.directory_name)
    return fragments.render_block(
        "helplines", ui=ui, own=own, others=others,
        lead=fill(ui["danger_lead"], countries=Markup('<a href="#helplines">{}</a>').format(ui["danger_countries_link"])),
        intro=fill(ui["helplines_intro"], date=escape(local_date(helplines.last_read(), hreflang))),
        directory=fill(ui["directory_lead"], directory=directory),
    )


def coverage_table(helplines: Helplines) -> str:
    """Markdown: per site language, how many of its countries have each kind of number; then which
    countries have none of a kind."""
    rows = ["| language | countries | emergency | violence line | crisis line |", "|---|---|---|---|---|"]
    for code, countries in helplines.by_language.items():
        found = [helplines.countries.get(c) or Country(c) for c in countries]
        counts = [sum(bool(country.emergency) for country in found)]
        counts += [sum(bool(country.lines(kind)) for country in found) for kind in LINE_KINDS]
        rows.append(f"| {code} | {len(countries)} | " + " | ".join(str(n) for n in counts) + " |")
    every = sorted({c for countries in helplines.by_language.values() for c in countries})
    gaps = [f"- {what}: {', '.join(c for c in every if not has(helplines.countries.get(c)))}"
            for what, has in (("no evidenced emergency number (directory only)", lambda c: c and c.emergency),
                              ("no evidenced violence line", lambda c: c and c.violence),
                              ("no evidenced crisis line", lambda c: c and c.crisis))]
    return "\n".join(rows) + "\n\nCountries without:\n\n" + "\n".join(gaps) + "\n"
