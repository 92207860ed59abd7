"""The help page's lead and helpline list (`<!-- insert: helplines -->`), from the helplines data
file (`extra.helplines`, e.g. `data/helplines.yml`) in the page's language.

That file is the only place phone numbers come from, so a reviewer can re-verify them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel import Locale
from markupsafe import Markup, escape

from multilingual.data_files import load_data_file
from multilingual.errors import SiteInputError
from multilingual.strings import local_date
from multilingual.templates import Fragments

CONTACT_KINDS = ("call", "call_or_text", "text", "sms")


class HelplinesError(SiteInputError):
    """The helplines data file is wrong; the message names it and says what to fix."""


@dataclass(frozen=True)
class Service:
    country: str  # ISO 3166 code, named in the reader's language by Babel
    name: str
    contacts: tuple[dict, ...]
    notes: tuple[str, ...]
    source: str  # the official site's host, e.g. thehotline.org
    compared: str  # ISO date the entry was last compared with the research list
    languages: tuple[str, ...]  # site languages whose help page lists it first
    confirm: bool = False  # the research list could not confirm the number: say "check the official site"
    also: tuple[str, ...] = ()  # other countries it serves


@dataclass(frozen=True)
class Helplines:
    emergency: str
    directory_name: str
    directory_url: str
    services: tuple[Service, ...]

    def numbers(self) -> set[str]:
        """Every number the site may show."""
        found = {self.emergency}
        for service in self.services:
            for contact in service.contacts:
                found.update(str(contact[kind]) for kind in CONTACT_KINDS if kind in contact)
        return found


def required(entry: dict, key: str, where: str):
    if not isinstance(entry, dict) or entry.get(key) in (None, "", []):
        raise HelplinesError(f"{where} has no `{key}`; add it (see the comment at the top of the file).")
    return entry[key]


def parse_service(entry: dict, where: str) -> Service:
    contacts = required(entry, "contacts", where)
    if not isinstance(contacts, list) or not all(isinstance(c, dict) and any(k in c for k in CONTACT_KINDS) for c in contacts):
        raise HelplinesError(f"{where}: each contact needs one of {', '.join(CONTACT_KINDS)}, e.g. `{{call: \"116 123\"}}`.")
    compared = str(required(entry, "compared", where))
    try:
        date.fromisoformat(compared)
    except ValueError:
        raise HelplinesError(f"{where}: `compared` must be a date written YYYY-MM-DD; it is {compared!r}.") from None
    return Service(
        country=str(required(entry, "country", where)), name=str(required(entry, "name", where)),
        contacts=tuple(contacts), notes=tuple(entry.get("notes") or ()), source=str(required(entry, "source", where)),
        compared=compared, languages=tuple(entry.get("languages") or ()), confirm=bool(entry.get("confirm")),
        also=tuple(entry.get("also") or ()),
    )


def load_helplines(path: str) -> Helplines:
    data = load_data_file(path)
    services = required(data, "services", str(path))
    if not isinstance(services, list):
        raise HelplinesError(f"{path}: `services` must be a list of services.")
    return Helplines(
        emergency=str(required(required(data, "emergency", str(path)), "number", f"{path}: emergency")),
        directory_name=str(required(required(data, "directory", str(path)), "name", f"{path}: directory")),
        directory_url=str(required(data["directory"], "url", f"{path}: directory")),
        services=tuple(parse_service(entry, f"{path}: service {position} ({entry.get('name', '?') if isinstance(entry, dict) else entry})")
                       for position, entry in enumerate(services, start=1)),
    )


def country_name(country: str, hreflang: str) -> str:
    try:
        return Locale.parse(hreflang.replace("-", "_")).territories.get(country, country)
    except (ValueError, LookupError):
        return country


def fill(text: str, **values: Markup) -> Markup:
    """An interface string, escaped, with its {placeholders} replaced by HTML."""
    filled = escape(text)
    for name, value in values.items():
        filled = filled.replace("{" + name + "}", value)
    return filled


def tel_link(number: str) -> Markup:
    digits = "".join(ch for ch in number if ch.isdigit() or ch in "+#")
    return Markup('<a href="tel:{}">{}</a>').format(digits.replace("#", "%23"), number)


def contact_text(contact: dict, ui) -> Markup:
    kind = next(kind for kind in CONTACT_KINDS if kind in contact)
    number = str(contact[kind])
    shown = tel_link(number) if kind in ("call", "call_or_text") else Markup("<strong>{}</strong>").format(number)
    return fill(ui[f"helpline_{kind}"], number=shown, keyword=Markup("<strong>{}</strong>").format(contact.get("keyword", "")))


def service_row(service: Service, hreflang: str, ui) -> dict:
    notes = [escape(ui[f"helpline_note_{note}"]) for note in service.notes]
    if service.confirm:
        notes.append(Markup("<strong>{}</strong>").format(ui["helpline_confirm"]))
    return {
        "countries": ui["list_separator"].join(country_name(code, hreflang) for code in (service.country, *service.also)),
        "name": service.name,
        "contacts": Markup(escape(ui["list_separator"])).join(contact_text(contact, ui) for contact in service.contacts),
        "notes": Markup(escape(ui["list_separator"])).join(notes),
        "source": service.source,
        "compared": ui["helpline_listed"].format(date=local_date(service.compared, hreflang)),
    }


def render_help(fragments: Fragments, helplines: Helplines, code: str, hreflang: str, ui) -> str:
    """The help block: the emergency lead, the services of the reader's language's countries,
    the directory, then every other service."""
    own = [service_row(s, hreflang, ui) for s in helplines.services if code in s.languages]
    others = [service_row(s, hreflang, ui) for s in helplines.services if code not in s.languages]
    return fragments.render_block(
        "helplines", ui=ui, own=own, others=others,
        lead=fill(ui["danger_lead"], emergency=Markup("<strong>{}</strong>").format(helplines.emergency)),
        directory=fill(ui["directory_lead"], directory=Markup('<a href="{}">{}</a>').format(
            helplines.directory_url, helplines.directory_name)),
    )
