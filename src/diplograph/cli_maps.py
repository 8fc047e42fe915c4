"""``diplograph render``: offline HTML relationship maps from the command line."""

from __future__ import annotations
