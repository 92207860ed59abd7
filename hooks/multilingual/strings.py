"""The site's own interface strings (notices, topic pages, 404 text...), one YAML file per language.

Material translates its own interface; these files translate ours: `<ui_strings>/<code>.yml`
(`data/ui/` unless mkdocs.yml sets `extra.ui_strings`). A key missing in a translation falls back
to the default language with a warning, so `mkdocs build --strict` fails until it is translated.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from babel.dates import format_date

from .data_files import DataFileError, load_data_file

UiStringsError = DataFileError


class UiStrings(dict):
    """A language's strings. A key no file has is an error naming the reference file, not a
    KeyError: a site's strings files may lack keys of features it does not use."""

    reference: str = ""

    def __missing__(self, key: str) -> str:
        raise UiStringsError(
            f"{self.reference}: no string '{key}', which this site's pages or templates use. "
            f"Add `{key}: ...` to it (and to the other languages' files)."
        )


def require_strings(ui: UiStrings, keys: tuple[str, ...], feature: str) -> None:
    """Refuse, before anything is built, a site whose strings lack a key that `feature` shows."""
    missing = [key for key in keys if not dict.get(ui, key)]
    if missing:
        raise UiStringsError(
            f"{ui.reference}: {feature} needs the interface string(s) {', '.join(missing)}. "
            "Add them (see data/ui/en.yml of the guide for their meaning)."
        )


def read_strings(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    data = load_data_file(path) or {}
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        bad = next((k for k, v in data.items() if not isinstance(v, str)), None) if isinstance(data, dict) else None
        where = f" ('{bad}' is not)" if bad is not None else ""
        raise UiStringsError(f"{path}: must map each key to a string, `key: \"text\"`{where}.")
    return data


def load_ui_strings(folder: str | Path, code: str, default: str) -> tuple[UiStrings, list[str]]:
    """The strings of language `code`, completed from `default`, and a warning per gap."""
    folder = Path(folder)
    reference_path = folder / f"{default}.yml"
    reference = read_strings(reference_path)
    if not reference:
        raise UiStringsError(f"{reference_path}: missing or empty; it holds the reference strings of the site.")
    own_path = folder / f"{code}.yml"
    own = read_strings(own_path)
    missing = [key for key in reference if not own.get(key)]
    named = ", ".join(f"'{key}'" for key in missing[:5]) + (f" and {len(missing) - 5} more" if len(missing) > 5 else "")
    warnings = [
        f"{own_path}: no translation for {named}; showing the {default} text. Add "
        f"{'it' if len(missing) == 1 else f'these {len(missing)} keys'} to the file (see {reference_path.name})."
    ] if missing else []
    warnings += [
        f"{own_path}: unknown key '{key}' (not in {default}.yml); remove it."
        for key in sorted(set(own) - set(reference))
    ]
    strings = UiStrings({**reference, **{k: v for k, v in own.items() if v}})
    strings.reference = str(reference_path)
    return strings, warnings


def local_date(iso_date: str, hreflang: str) -> str:
    """An ISO date written the way the reader's language writes dates ("21 novembre 2026")."""
    try:
        return format_date(date.fromisoformat(iso_date), format="long", locale=hreflang.replace("-", "_"))
    except (ValueError, LookupError):
        return iso_date
