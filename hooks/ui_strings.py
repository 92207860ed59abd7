"""Our own interface strings (notices, topic pages, 404 text...), one YAML file per language.

Material translates its own interface; these files translate ours: `data/ui/<code>.yml`.
A key missing in a translation falls back to the default language with a warning, so
`mkdocs build --strict` fails until it is translated.
"""

from __future__ import annotations

from pathlib import Path

import yaml

import fast_yaml


class UiStringsError(Exception):
    """A strings file that cannot be used; the message names it and says what to do."""


def _read(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        data = fast_yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise UiStringsError(f"{path}: not valid UTF-8 YAML ({error}). Fix the file.") from None
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise UiStringsError(f"{path}: must map each key to a string (key: text).")
    return data


def load_ui_strings(folder: str | Path, code: str, default: str) -> tuple[dict[str, str], list[str]]:
    """The strings of language `code`, completed from `default`, and a warning per gap."""
    folder = Path(folder)
    reference = _read(folder / f"{default}.yml")
    if not reference:
        raise UiStringsError(f"{folder / f'{default}.yml'}: missing or empty; it holds the reference strings.")
    strings = _read(folder / f"{code}.yml")
    warnings = []
    for key in reference:
        if not strings.get(key):
            warnings.append(
                f"{folder / f'{code}.yml'}: no translation for '{key}'; showing the {default} text. "
                f"Add '{key}: ...' to the file."
            )
    unknown = sorted(set(strings) - set(reference))
    for key in unknown:
        warnings.append(f"{folder / f'{code}.yml'}: unknown key '{key}' (not in {default}.yml); remove it.")
    return {**reference, **{k: v for k, v in strings.items() if v}}, warnings
