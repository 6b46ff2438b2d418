"""Templates: compiled once per build, and quicker attribute lookups.

Every locale build makes a new Jinja environment, which would parse and compile Material's ~50 templates
again. Jinja's bytecode cache (keyed by template name and file, checked against the source) lets the later
environments load the compiled code instead.

Templates read `x.name` through Environment.getattr, which tries the attribute and, when there is none,
the item: for the keys of plain dicts and for attributes an object lacks (Material asks every page and
section for `meta`, `encrypted`, `typeset`, ...), that raises and catches one or two exceptions, about 400
times a page. `lookup_attribute` gives the same results without them.
"""

from __future__ import annotations

import types

from jinja2 import Environment
from jinja2.bccache import BytecodeCache, Bucket

_DICT_ATTRIBUTES = frozenset(dir(dict))


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


def lookup_attribute(environment: Environment, obj, attribute: str):
    """Environment.getattr(obj, attribute), with the same result."""
    if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:  # a plain dict has no other attributes
        try:
            return obj[attribute]
        except KeyError:
            return environment.undefined(obj=obj, name=attribute)
    try:
        return getattr(obj, attribute)
    except AttributeError:
        pass
    if not isinstance(obj, type) and not hasattr(type(obj), "__getitem__"):  # obj[attribute] would raise TypeError
        return environment.undefined(obj=obj, name=attribute)
    try:
        return obj[attribute]
    except (TypeError, LookupError, AttributeError):
        return environment.undefined(obj=obj, name=attribute)


def use_quick_lookups(environment: Environment) -> None:
    environment.getattr = types.MethodType(lookup_attribute, environment)
