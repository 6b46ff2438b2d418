"""Compiled templates shared by the locale builds of one build.

Every locale build makes a new Jinja environment, which would parse and compile Material's ~50 templates
again. Jinja's bytecode cache (keyed by template name and file, checked against the source) lets the later
environments load the compiled code instead.
"""

from __future__ import annotations

from jinja2.bccache import BytecodeCache, Bucket


class MemoryBytecodeCache(BytecodeCache):
    """Jinja bytecode kept in memory for the life of the process (and inherited by forked workers)."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)
