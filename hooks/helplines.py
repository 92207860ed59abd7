"""The help page's lead and helpline list, rendered from `data/helplines.yml` in the page's language.

That file is the only place phone numbers come from, so a reviewer can re-verify them in one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date
from markupsafe import Markup, escape

import fast_yaml

CONTACT_KINDS = ("call", "call_or_text", "text", "sms")


class HelplinesError(Exception):
    """The helplines data file is wrong; the message names it and says what to fix."""


@dataclass(frozen=True)
class Service:
    country: str  # ISO 3166 code, named in the reader's language by Babel
    name: str
    contacts: list[dict]
    notes: list[str]
    source: str
    compared: str  # ISO date the entry was last compared with the research list
    languages: list[str]
    confirm: bool = False
    also: tuple[str, ...] = ()


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


def load_helplines(path: str | Path) -> Helplines:
    try:
        data = fast_yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        services = tuple(
            Service(
                country=str(entry["country"]), name=str(entry["name"]), contacts=list(entry["contacts"]),
                notes=list(entry.get("notes") or []), source=str(entry["source"]), compared=str(entry["compared"]),
                languages=list(entry.get("languages") or []), confirm=bool(entry.get("confirm")),
                also=tuple(entry.get("also") or ()),
            )
            for entry in data["services"]
        )
        return Helplines(
            emergency=str(data["emergency"]["number"]),
            directory_name=str(data["directory"]["name"]),
            directory_url=str(data["directory"]["url"]),
            services=services,
        )
    except (OSError, yaml.YAMLError, KeyError, TypeError) as error:
        raise HelplinesError(f"{path}: cannot use the helplines data ({error!r}); see the comment at its top.") from None


def country_name(country: str, hreflang: str) -> str:
    try:
        return Locale.parse(hreflang.replace("-", "_")).territories.get(country, country)
    except (ValueError, LookupError):
        return country


def local_date(iso_date: str, hreflang: str) -> str:
    """An ISO date written the way the reader's language writes dates ("21 novembre 2026")."""
    try:
        return format_date(date.fromisoformat(iso_date), format="long", locale=hreflang.replace("-", "_"))
    except (ValueError, LookupError):
        return iso_date


def tel_link(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit() or ch in "+#")
    return f'<a href="tel:{escape(digits.replace("#", "%23"))}">{escape(number)}</a>'


def contact_text(contact: dict, ui: dict[str, str]) -> str:
    for kind in CONTACT_KINDS:
        if kind in contact:
            number = str(contact[kind])
            shown = tel_link(number) if kind in ("call", "call_or_text") else f"<strong>{escape(number)}</strong>"
            template = escape(ui[f"helpline_{kind}"])
            keyword = f"<strong>{escape(contact.get('keyword', ''))}</strong>"
            return str(template).replace("{number}", shown).replace("{keyword}", keyword)
    raise HelplinesError(f"data/helplines.yml: a contact needs one of {', '.join(CONTACT_KINDS)}: {contact!r}")


def service_row(service: Service, hreflang: str, ui: dict[str, str]) -> str:
    separator = ui["list_separator"]
    countries = separator.join(country_name(code, hreflang) for code in (service.country, *service.also))
    contacts = "; ".join(contact_text(contact, ui) for contact in service.contacts)
    notes = [escape(ui[f"helpline_note_{note}"]) for note in service.notes]
    if service.confirm:
        notes.append(f"<strong>{escape(ui['helpline_confirm'])}</strong>")
    details = f" ({separator.join(notes)})" if notes else ""
    source = f'<a href="https://{escape(service.source)}" rel="noopener">{escape(service.source)}</a>'
    compared = escape(ui["helpline_listed"].format(date=local_date(service.compared, hreflang)))
    return (
        f"<tr><td>{escape(countries)}</td><td>{escape(service.name)}</td>"
        f"<td>{contacts}{details}</td><td>{source} <small>({compared})</small></td></tr>"
    )


def service_table(services: list[Service], hreflang: str, ui: dict[str, str]) -> str:
    head = "".join(
        f'<th scope="col">{escape(ui[key])}</th>'
        for key in ("helpline_country", "helpline_service", "helpline_contact", "helpline_source")
    )
    rows = "".join(service_row(service, hreflang, ui) for service in services)
    return f'<table class="helplines"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def render_help(helplines: Helplines, code: str, hreflang: str, ui: dict[str, str]) -> str:
    """The help block: the emergency lead, the services of the reader's language's countries,
    findahelpline.com, then every other service."""
    emergency = f"<strong>{escape(helplines.emergency)}</strong>"
    directory = f'<a href="{escape(helplines.directory_url)}">{escape(helplines.directory_name)}</a>'
    own = [service for service in helplines.services if code in service.languages]
    others = [service for service in helplines.services if code not in service.languages]
    parts = [
        f'<div class="help-lead" role="note"><p><strong>{str(escape(ui["danger_lead"])).replace("{emergency}", emergency)}</strong></p></div>',
        f'<h2 id="helplines">{escape(ui["helplines_heading"])}</h2>',
        f'<p>{escape(ui["helplines_intro"])}</p>',
    ]
    if own:
        parts.append(service_table(own, hreflang, ui))
    parts.append(f'<p class="help-directory">{str(escape(ui["directory_lead"])).replace("{directory}", directory)}</p>')
    if not own:
        parts.append(f"<p>{escape(ui['helpline_use_directory'])}</p>")
    parts.append(f'<h3 id="other-countries">{escape(ui["helplines_other_countries"])}</h3>')
    parts.append(service_table(others, hreflang, ui))
    return Markup("\n".join(parts))
