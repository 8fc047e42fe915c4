"""The query page at ``/``: an editor with the prefixes filled in, the named queries as forms.

The HTML is rendered once at start-up (autoescaped); its script and style are package files
under ``static/``, served by the server itself, so the page works with no network and its
Content-Security-Policy allows nothing but this server.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING, Any

from diplograph.maps import safe_json
from diplograph.namespaces import PREFIXES, SPARQL_PROLOGUE

if TYPE_CHECKING:
    from diplograph.server.settings import ServerSettings

__all__ = ["EXAMPLE_QUERY", "PAGE_CSP", "render_page"]

#: scripts, styles and requests only from this server; no inline script, no framing
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)

EXAMPLE_QUERY = """
# Ties and the actors at their ends ("Draw as a map" draws the ties a result names)
SELECT DISTINCT ?tie ?from ?fromLabel ?type ?to ?toLabel WHERE {
  ?tie a dipl:Tie ; dipl:fromActor ?from ; dipl:toActor ?to ; dipl:tieType ?type .
  ?from rdfs:label ?fromLabel .
  ?to rdfs:label ?toLabel .
}
LIMIT 200
"""


def render_page(settings: ServerSettings, queries: list[dict[str, Any]]) -> str:
    """The page's HTML for a server with ``settings`` offering ``queries`` (``/queries`` rows)."""
    from jinja2 import Environment, StrictUndefined
    from markupsafe import Markup

    config = {
        "prefixes": {prefix: str(namespace) for prefix, namespace in PREFIXES.items()},
        "queries": queries,
        "timeout": settings.timeout,
        "max_rows": settings.max_rows,
        "allow_update": settings.allow_update,
    }
    template_text = resources.files("diplograph.server").joinpath("templates/index.html")
    environment = Environment(autoescape=True, undefined=StrictUndefined)
    template = environment.from_string(template_text.read_text(encoding="utf-8"))
    return template.render(
        editor=SPARQL_PROLOGUE + EXAMPLE_QUERY,
        settings=settings,
        config=Markup(safe_json(config)),  # noqa: S704 (safe_json escapes < > &)
    )
