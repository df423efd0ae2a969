"""Small record classes, without the import-time cost of dataclasses.

`@dataclass` writes and compiles the source of `__init__`, `__repr__`, `__eq__`, ... for
each class while its module is imported: 0.2-0.7 ms a class, about 9 ms for qonto-lint's
classes, 4% of linting one file in a fresh process (benchmarks/NOTES.md). A record keeps its
fields in `__slots__`, in order, and writes its `__init__` by hand; the methods below read the
fields from `__slots__` instead of being generated.

- `Record`: repr and `replace()`; equality is identity (a dataclass with `eq=False`).
- `ValueRecord`: equality and hash over the fields named by `_compared` (default: all);
  the fields are never reassigned after `__init__` (a frozen dataclass, not enforced).
- `MutableRecord`: equality over the fields, unhashable (a plain `@dataclass`).
"""

from __future__ import annotations

from _thread import get_ident

#: (record id, thread id) of the reprs under way: a record that contains itself shows as `...`
_REPRS: set[tuple[int, int]] = set()


class Record:
    __slots__ = ()
    #: fields left out of repr (secrets, long source text)
    _hidden: tuple[str, ...] = ()

    def __repr__(self) -> str:
        key = (id(self), get_ident())
        if key in _REPRS:
            return "..."
        _REPRS.add(key)
        try:
            names: tuple[str, ...] = self.__slots__
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names if name not in self._hidden)
        finally:
            _REPRS.discard(key)
        return f"{type(self).__qualname__}({shown})"

    def replace(self, **changes):
        """A copy with some fields changed (`dataclasses.replace`)."""
        names = self.__slots__
        copy = object.__new__(type(self))
        used = 0
        for name in names:
            if name in changes:
                value = changes[name]
                used += 1
            else:
                value = getattr(self, name)
            object.__setattr__(copy, name, value)
        if used != len(changes):
            unknown = set(changes).difference(names)
            raise TypeError(f"{type(self).__qualname__} has no field {sorted(unknown)[0]!r}")
        return copy


class ValueRecord(Record):
    __slots__ = ()
    #: the fields that equality, hash and order compare (None: every field)
    _compared: tuple[str, ...] | None = None

    def _key(self) -> tuple:
        return tuple(getattr(self, name) for name in (self._compared or self.__slots__))

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._key() == other._key()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())


class MutableRecord(Record):
    __slots__ = ()

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]
