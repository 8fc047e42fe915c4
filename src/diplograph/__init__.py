"""diplograph: a knowledge graph of diplomatic relationships, with sourced ties and named queries.

``diplograph.open()`` opens the store (``diplograph.load(files)`` adds files for the session) and
returns a :class:`~diplograph.api.KnowledgeGraph`; heavy modules are imported on first use so
that the command line starts fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["KnowledgeGraph", "NetworkOptions", "__version__", "load", "open"]
__version__ = "0.1.0"

from diplograph.defaults import NetworkOptions
from diplograph.lazy import lazy_names

if TYPE_CHECKING:
    from diplograph.api import KnowledgeGraph, load, open

__getattr__ = lazy_names(__name__, {"KnowledgeGraph": "api", "load": "api", "open": "api"})
