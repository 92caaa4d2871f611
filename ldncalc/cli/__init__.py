"""The command line: parse options, make one library call, render the result.

Every :class:`~ldncalc.LdnCalcError` and every usage error is turned, here and only here, into
one line on stderr and exit code 2 (:data:`~ldncalc.errors.EXIT_INPUT`; 74 for a file that could
not be written). A person never sees a traceback.
"""

from __future__ import annotations

import functools
import gc
import importlib
import os
import re
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ldncalc import forms
from ldncalc.errors import (
    EXIT_BUG,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OUTPUT,
    InputError,
    LdnCalcError,
)
from ldncalc.version import __version__

if TYPE_CHECKING:
    from ldncalc.messages import Message

# The commands, in the order --help lists them: the module of ldncalc.cli that defines each,
# and its function or typer group. A module is imported only when its command is built, so a
# command typed imports (and typer reads the signature of) that command alone. A dosage
# form's command is its registry entry's (ldncalc.forms): ldncalc/cli/<command>.py, whose
# <command>_command it is.
FORM_COMMANDS = forms.commands()
_COMMANDS = {
    **{name: (name, f"{name}_command") for name in FORM_COMMANDS},
    "titrate": ("titrate", "titrate_command"),
    "batch": ("batch", "batch_command"),
    "formulations": ("formulations", "app"),
    "schema": ("schema", "schema_command"),
    "config": ("config", "app"),
    "log": ("log", "app"),
}

_CHECK = ["formulations", "check"]  # the one formulations command with a --lang


def _typer(only: str | None = None) -> typer.Typer:
    """The ldncalc app: every command, or ``only`` that one (then without the options of
    ``ldncalc`` itself, --version and the completion ones, which only the whole app needs)."""
    application = typer.Typer(
        name="ldncalc",
        help="Low-dose naltrexone compounding: oral liquids and capsules, every number shown "
        "with its calculation, units and sources.\n\n\b\nExample:\n  ldncalc liquid --target 4.5mg",
        no_args_is_help=True,
        add_completion=only is None,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},  # sub-commands inherit it
    )
    if only is None:
        application.callback()(_root)
    for name, (module, attribute) in _COMMANDS.items():
        if only is None or name == only:
            command = getattr(importlib.import_module(f"ldncalc.cli.{module}"), attribute)
            if isinstance(command, typer.Typer):
                application.add_typer(command, name=name)
            else:
                application.command(name)(command)
    return application


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"ldncalc {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Show the version and exit.", is_eager=True, callback=_show_version
        ),
    ] = False,
) -> None:
    """The options of ``ldncalc`` itself, before any command."""


@functools.cache
def _app() -> typer.Typer:
    return _typer()


def __getattr__(name: str) -> Any:
    if name == "app":  # the whole app, for a program that drives it (tests, completion)
        return _app()
    raise AttributeError(f"module 'ldncalc.cli' has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; return (and, as a console script, exit with) the exit code."""
    args = list(argv) if argv is not None else sys.argv[1:]
    if args and args[0] in _COMMANDS:
        # typer reads the signature and builds the options of every command before it parses
        # anything: build the one typed (~7 ms less start-up), in a group as ldncalc is
        command: Any = typer.main.get_group(_typer(only=args[0]))
    else:
        command = typer.main.get_command(_app())
    from ldncalc.cli import language

    language.reset()
    # a refusal before the options are read speaks it too (for config init, --lang is the
    # profile's language, not the command's)
    speaks = args[:1] in [[name] for name in (*FORM_COMMANDS, "titrate", "log", "batch")]
    speaks = speaks or args[:2] in (["config", "show"], _CHECK)
    for at, arg in enumerate(args if speaks else []):
        typed = arg.partition("=")[2] if arg.startswith("--lang=") else None
        if arg == "--lang" and at + 1 < len(args):
            typed = args[at + 1]
        if typed is not None and typed.strip().lower() in ("en", "fr"):
            language.choose(typed.strip().lower())
    try:
        _refuse_repeated(command, args)
        result = command.main(
            args=args,
            prog_name="ldncalc",
            standalone_mode=False,
        )
    except LdnCalcError as error:  # 2, or 74 for a file that could not be written
        return _fail(error.render(language.chosen(), surface="cli"), error.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        return _fail(_interrupted(), EXIT_INTERRUPTED)
    except typer.Exit as error:
        return int(error.exit_code)
    except BrokenPipeError:  # the reader stopped reading (| head): not an error of ours
        _discard(sys.stdout)
        return 0
    except SystemExit as error:
        if isinstance(error.__context__, BrokenPipeError):  # typer's answer to a closed pipe
            _discard(sys.stdout)
            return 0
        # typer's --install-completion and --show-completion end with sys.exit
        return error.code if isinstance(error.code, int) else 0
    except OSError as error:  # stdout or a file could not be written: a full disk, say
        return _fail(_said("output-failed", reason=error.strerror or error), EXIT_OUTPUT)
    except Exception as error:  # a bug in ldncalc: still one line, never a traceback
        shown = _click_error(error, command, args)
        if shown is not None:
            return shown
        if os.environ.get("LDNCALC_DEBUG"):
            raise
        what = " ".join(str(error).split())[:300]
        return _fail(_said("internal-error", name=type(error).__name__, what=what), EXIT_BUG)
    if result == EXIT_INTERRUPTED:  # typer's own answer to a Ctrl-C: the code, no word
        return _fail(_interrupted(), EXIT_INTERRUPTED)
    return int(result) if isinstance(result, int) else 0


def _click_error(error: Exception, root: Any, args: list[str]) -> int | None:
    """The exit code of an error that click (inside typer) raised and that a person must see
    (a usage error, a file click could not open), after showing it; None for any other error.

    typer keeps its copy of click private (``typer._click``, from typer 0.26; the ``click``
    package before), so click's errors are told by their documented interface, ``exit_code``
    and ``format_message()``, not by importing their classes.
    """
    exit_code = getattr(error, "exit_code", None)
    if not isinstance(exit_code, int) or not callable(getattr(error, "format_message", None)):
        return None
    if type(error).__name__ == "NoArgsIsHelpError":  # the message is the help (click >= 8.2)
        typer.echo(error.format_message())  # type: ignore[attr-defined]
        return 0
    if exit_code == EXIT_INPUT:  # click.UsageError and its subclasses
        return _fail(_usage_line(error, root, args))
    return _fail(" ".join(error.format_message().split()))  # type: ignore[attr-defined]


def _refuse_repeated(root: Any, args: list[str]) -> None:
    """An option given twice (``--target 4.5mg --target 3mg``) is refused: click would keep
    the last value silently, and which one was meant is a guess. Repeatable options
    (``--expiry``, ``--address``) and flags are left alone."""
    command = root
    for arg in args:
        sub = getattr(command, "commands", {}).get(arg)
        if sub is None:
            break
        command = sub
    for param in getattr(command, "params", ()):
        if param.param_type_name != "option" or param.multiple or param.is_flag:
            continue
        names = tuple(param.opts)
        values = [
            arg.partition("=")[2] if "=" in arg else (args[at + 1] if at + 1 < len(args) else "")
            for at, arg in enumerate(args)
            if arg in names or arg.startswith(tuple(f"{name}=" for name in names))
        ]
        if len(values) > 1:
            raise InputError(names[0], None, code="option-repeated", given=tuple(values))


def _usage_line(error: Any, root: Any, args: list[str]) -> str:
    """The usage error on one line in the command's language, pointing at the help of the
    command that was typed (click raises some errors, such as a missing option value, without
    the command's context)."""
    from ldncalc.cli.language import voice
    from ldncalc.locale.usage import usage_say

    path = ["ldncalc"]
    command = root
    for arg in args:
        sub = getattr(command, "commands", {}).get(arg)
        if sub is None:
            break
        path.append(arg)
        command = sub
    message = " ".join(error.format_message().split())
    extra = re.match(r"Got unexpected extra argument\(s\) \(([^ )]+)", message)
    if extra and extra.group(1) in args:
        at = args.index(extra.group(1))
        number = at >= 1 and re.fullmatch(r"[0-9][0-9.,]*", args[at - 1])
        if at >= 2 and number and args[at - 2].startswith("--"):
            # --target 4.5 mg: the shell split the amount at the space
            typed = f"{args[at - 1]} {args[at]}"
            split = InputError(args[at - 2], typed, code="usage-split-at-space", typed=typed)
            return split.render(voice().lang, surface="cli")
    coded = _usage_record(error, message)
    if coded is not None:
        message = coded.text(voice().lang, "cli")
    return usage_say(voice(), "see-help", message=message, command=" ".join(path))


def _usage_record(error: Any, message: str) -> Message | None:
    """click's usage error as a record, or None if it is not one ldncalc knows: the record's
    English must be click's message word for word (a click version that words it otherwise
    keeps its own words)."""
    from ldncalc.messages import Message

    kind = type(error).__name__
    params: dict[str, Any] = {}
    option = getattr(error, "option_name", None)
    param = getattr(error, "param", None)
    if kind == "NoSuchOption":
        code = "usage-no-such-option"
        params = {"option": option, "possibilities": tuple(error.possibilities or ())}
    elif kind == "BadOptionUsage":
        code = (
            "usage-option-takes-no-value" if "not take" in message else "usage-option-needs-value"
        )
        params = {"option": option}
    elif kind == "MissingParameter" and param is not None:
        code = "usage-missing"
        hint = error.param_hint if error.param_hint is not None else param.get_error_hint()
        params = {"kind": error.param_type or param.param_type_name, "hint": hint}
    elif kind == "BadParameter" and param is not None:
        code = "usage-not-an-integer"
        params = {"hint": error.param_hint or param.get_error_hint()}
    elif kind == "UsageError":
        found = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", message)
        command = re.fullmatch(r"No such command '(.*)'\.", message)
        if found:
            code, params = "usage-extra-arguments", {"arguments": found.group(1)}
        elif command:
            code, params = "usage-no-such-command", {"name": command.group(1)}
        else:
            code = "usage-missing-command"
    else:
        return None
    try:
        record = Message(code=code, params=params)
        english = record.text("en", "cli")
    except (KeyError, TypeError, AttributeError):
        return None
    return record if english == message else None


def _said(key: str, **values: Any) -> str:
    """The command line's own words ``key`` in the command's language."""
    from ldncalc.cli.language import voice
    from ldncalc.locale.usage import usage_say

    return usage_say(voice(), key, **values)


def _interrupted() -> str:
    from ldncalc.cli.language import voice
    from ldncalc.locale.screen import say

    return say(voice(), "interrupted")


def _fail(message: str, code: int = EXIT_INPUT) -> int:
    colour = sys.stderr.isatty() and "NO_COLOR" not in os.environ
    line = f"ldncalc: {message}"
    try:
        sys.stderr.write(f"\033[31m{line}\033[0m\n" if colour else f"{line}\n")
        sys.stderr.flush()
    except OSError:  # standard error itself cannot be written (full, closed pipe)
        _discard(sys.stderr)
        return EXIT_OUTPUT
    return code


def _discard(stream: Any) -> None:
    """Send what is left for ``stream`` to /dev/null, so that Python's own flush at exit does
    not fail again (and turn the exit code into 120)."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())


def run() -> None:
    """Run the command of ``sys.argv`` and exit with its code (the console script, through
    :func:`ldncalc.console.run`, which has set the process up for one short run)."""
    code = main()
    try:
        sys.stdout.flush()  # here, not at exit: a full disk is still one line and a code
    except BrokenPipeError:
        _discard(sys.stdout)
    except OSError as error:
        code = _fail(_said("output-failed", reason=error.strerror or error), EXIT_OUTPUT)
    gc.freeze()  # what the command made is not walked again at exit either
    sys.exit(code)
