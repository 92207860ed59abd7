"""Reading the project's YAML data files (interface strings, topics, help lines, front matter) with
one kind of error: it names the file and the line, and says what to do.

YAML is parsed with PyYAML's libyaml (C) loader when PyYAML has one: same results and errors, about
ten times faster, which matters because every language build reads every page's front matter.
"""

from __future__ import annotations

import copy
from pathlib import Path

import yaml

from .errors import SiteInputError
from .versions import file_version

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(SiteInputError):
    """A data file that cannot be used; the message names the file (and line) and the fix."""


def safe_load(text: str):
    return yaml.load(text, Loader=SafeLoader)


def decode_utf8(raw: bytes, path: str) -> str:
    """The text of a file's bytes; a `DataFileError` naming the line if they are not UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}:{line}: the file is not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset "
            f"{error.start}). Save it as UTF-8 (in most editors: 'Save with encoding' > UTF-8)."
        ) from None


def parse_yaml(text: str, path: str, first_line: int = 1, what: str = "the file"):
    """Parse YAML text that starts at line `first_line` of the file `path` (`what`: the part of the
    file it is, for the message)."""
    try:
        return safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + first_line if mark is not None else first_line
        problem = getattr(error, "problem", None) or str(error)
        raise DataFileError(
            f"{path}:{line}: {what} is not valid YAML ({problem}). Fix the YAML there; quote a value that "
            "contains ': ' or starts with a special character."
        ) from None


def load_data_file(path: str | Path):
    """The parsed content of a YAML data file (a copy of the one parsed for this version of the file,
    if this process, or the one it was forked from, parsed it: every language build reads the data)."""
    path = Path(path)
    try:
        version = file_version(str(path))
        known = _PARSED.get(str(path))
        if known is not None and known[0] == version:
            return copy.deepcopy(known[1])
        raw = path.read_bytes()
    except OSError as error:
        raise DataFileError(f"{path}: cannot read the file ({error.strerror}).") from None
    data = parse_yaml(decode_utf8(raw, str(path)), str(path))
    _PARSED[str(path)] = (version, copy.deepcopy(data))
    return data


# A cache, not build state: keyed by file version, it is right in any build of any process.
_PARSED: dict[str, tuple[tuple[int, int], object]] = {}
