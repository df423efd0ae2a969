"""Import, ahead of any file, what analysing a Python file imports on the first one.

A process pool whose workers are forked after `preload()` shares these modules with the parent
(importing libcst alone costs more than analysing fifty small files); without it, every worker
imports them again on its first file."""

from __future__ import annotations

import importlib
import pkgutil

#: packages imported whole: the facts pass, the rules and their fixes, the Authorization readers
_PACKAGES = ("qonto_lint.facts", "qonto_lint.rules", "qonto_lint.fixes", "qonto_lint.authorization")
#: the engine's modules that a Python file's analysis imports when it needs them
_MODULES = (
    "libcst",
    "libcst.native",
    "qonto_lint.engine.prefilter",
    "qonto_lint.engine.placing",
    "qonto_lint.engine.positions",
    "qonto_lint.engine.noqa",
    "qonto_lint.engine.across",
)


def preload() -> None:
    for name in _MODULES:
        importlib.import_module(name)
    for name in _PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.iter_modules(package.__path__, f"{name}."):
            importlib.import_module(module.name)
