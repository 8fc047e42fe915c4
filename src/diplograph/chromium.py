"""How diplograph opens its maps in headless Chromium: Debian's browser, offline flags.

Used by the browser tests and ``bench/maps.py``, so both measure the same browser the same way.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CHROMIUM", "LAUNCH_ARGS"]

#: Debian's Chromium (``apt-get install chromium``); never a browser Playwright downloads
CHROMIUM = Path("/usr/bin/chromium")

#: headless, no sandbox (tests run as root), and none of Chromium's own network chatter
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
