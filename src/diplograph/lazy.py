"""Names a package imports on first use (PEP 562), so that importing it loads nothing heavy.

A package lists where each of its names lives and takes its ``__getattr__`` from here
(``__getattr__ = lazy_names(__name__, {"Store": "base", ...})``):

>>> getattr_ = lazy_names("json", {"JSONDecoder": "decoder"})
>>> getattr_("JSONDecoder").__module__
'json.decoder'
>>> getattr_("loads")
Traceback (most recent call last):
...
AttributeError: module 'json' has no attribute 'loads'
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, homes: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: each name of ``homes`` (name -> the module of
    the package that defines it) is imported from there on first use, then kept in the package
    so that later lookups skip the function; any other name is an ``AttributeError``."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(f"{package}.{home}"), name)
        module = sys.modules.get(package)
        if module is not None:
            setattr(module, name, value)
        return value

    return __getattr__
