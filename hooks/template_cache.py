"""Compiled Jinja templates, kept in memory for every build of the process.

Each language is a separate MkDocs build with its own Jinja environment, so without this each
build would compile Material's templates again (about 45 of them, a fifth of a second). Jinja's
bytecode cache keys templates by name and checks their source, so an edited template is compiled
anew (`mkdocs serve`).
"""

from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    """A process-wide, in-memory Jinja bytecode cache (inherited by forked worker processes)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


SHARED = MemoryBytecodeCache()
