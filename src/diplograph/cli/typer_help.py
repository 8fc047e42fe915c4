"""The one reach into typer's internals: the click objects typer builds, read and adjusted.

typer builds click commands with a click of its own (so no ``isinstance`` against click's
classes) and shows Python type names in help (``--param <list[str]>``, ``--all <bool>``).
:func:`plain_help` gives each option a word instead; :func:`global_options` reads the root
command's options so that the CLI can move those given after the command before it.
``tests/test_patches.py`` pins the attributes used here (``param_type_name``, ``opts``,
``secondary_opts``, ``is_flag``, ``nargs``, ``metavar``, ``type_descriptor``, ``bare_type``,
``display_type``, ``get_help_option``), and that typer still needs the change, so that a typer
release that changes them fails a test rather than the help.
"""

from __future__ import annotations

from typing import Any

import typer

__all__ = ["global_options", "plain_help"]


#: the words help shows for values of each type, as click always did (not Python's <list[str]>)
_TYPE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "bool": ""}


def _metavar(param: Any) -> str:
    """What help shows for an option's value: nothing for a flag, the choices, or a word."""
    if getattr(param, "is_flag", False):
        return ""
    described = getattr(param, "type_descriptor", None)
    if described is not None and described.is_choice:
        return "[" + "|".join(str(c) for c in described.choices or ()) + "]"
    if described is not None and described.is_path:
        return "PATH"
    word = param.bare_type() if hasattr(param, "bare_type") else "str"
    word = word.removeprefix("list[").removesuffix("]")
    return _TYPE_WORDS.get(word, word.upper())


def plain_help(app: typer.Typer) -> Any:
    """The click command of ``app``, with help that names values as words.

    Typer prints Python type names in help (``--param <list[str]>``, ``--all <bool>``); every
    option without a metavar of its own gets a word instead (TEXT, INTEGER, PATH, the choices;
    nothing for a flag), and arguments, whose help names them already, show no type.
    """
    root = typer.main.get_command(app)
    pending: list[Any] = [root]
    while pending:
        current = pending.pop()
        pending.extend(getattr(current, "commands", {}).values())
        params: list[Any] = list(current.params)  # typer's own click: typed loosely here
        for param in params:
            if param.param_type_name == "option" and param.metavar is None:
                param.metavar = _metavar(param)
            elif param.param_type_name == "argument":
                param.display_type = lambda ctx: None  # the argument's name says it
        current.get_help_option = _plain_help_option(current.get_help_option)
    return root


def _plain_help_option(get_help_option: Any) -> Any:
    """``get_help_option`` whose option (made on first use) shows no ``<bool>``."""

    def plain(ctx: Any) -> Any:
        option = get_help_option(ctx)
        if option is not None and option.metavar is None:
            option.metavar = ""
        return option

    return plain


def global_options(root: Any) -> dict[str, bool]:
    """Every name of the options of the click command ``root`` (``--store``, ``--data`` ...)
    -> whether it takes a value."""
    takes_value: dict[str, bool] = {}
    for param in root.params:
        if param.param_type_name == "option":  # typer has a click of its own: no isinstance
            for name in (*param.opts, *param.secondary_opts):
                takes_value[name] = not getattr(param, "is_flag", False) and param.nargs != 0
    return takes_value
