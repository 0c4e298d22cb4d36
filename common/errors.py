"""Errors meant for a person: one line that says what went wrong and what to do."""


class ShipcardError(Exception):
    """A failure the user can act on. The CLI prints `str(error)` as one line, never a traceback."""

    def __init__(self, problem: str, fix: str | None = None):
        self.problem = problem
        self.fix = fix
        super().__init__(f"{problem} {fix}" if fix else problem)


class BadInputError(ShipcardError):
    """An input file is unusable (wrong type, corrupt, too large)."""


class MissingDependencyError(ShipcardError):
    """An optional extra is not installed."""

    def __init__(self, module: str, extra: str):
        super().__init__(
            f"This needs the Python package '{module}', which is not installed.",
            f"Install it with: pip install 'shipcard[{extra}]'",
        )


class MissingWeightsError(ShipcardError):
    """Model weights are not on disk."""


class BackendError(ShipcardError):
    """An engine failed to load or to answer."""


def exit_with(error: ShipcardError) -> None:
    """Print one line, `error: <problem> <fix>`, on stderr and exit 2: every command and sub-app ends so."""
    import typer

    from .sanitize import printable, redact

    # names in it may hold escapes; a server's words may echo a key
    typer.echo(f"{typer.style('error:', fg='red')} {printable(redact(error))}", err=True)
    raise typer.Exit(2)
