"""``diplograph analyze``, ``path`` and ``export``: network analysis from the command line."""

from __future__ import annotations
