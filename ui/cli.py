"""`shipcard ui`: serve the web UI. Loopback by default; any other address needs a password.

Gradio is imported only when the command runs, so the CLI works without the `ui` extra.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from assistant.errors import MissingDependencyError, ShipcardError
from assistant.flags import AllowLocalOpt, BackendOpt, ModelOpt

Credentials = list[tuple[str, str]]


def register(app: typer.Typer) -> None:
    app.command(name="ui")(ui)


def ui(
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback needs --auth.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.", min=1, max=65535)] = 7860,
    auth: Annotated[str | None, typer.Option("--auth", help="USER:PASS required to open the UI.")] = None,
    auth_file: Annotated[Path | None, typer.Option("--auth-file", help="File of USER:PASS lines, one per person.")] = None,
    backend: BackendOpt = "auto", model: ModelOpt = None, allow_local: AllowLocalOpt = False,
) -> None:
    """Open the web UI: drop screenshots, compare, see the evidence, ask follow-ups (engine and model: those picked
    when the page opens)."""
    credentials = load_credentials(auth, auth_file)
    check_exposure(host, credentials)
    serve(host, port, credentials, backend, model, allow_local)


def parse_auth(text: str) -> tuple[str, str]:
    """'USER:PASS' → ('USER', 'PASS'); the password may itself hold colons."""
    user, sep, password = text.strip().partition(":")
    if not sep or not user or not password:
        raise ShipcardError("--auth must be USER:PASS, both parts non-empty.", "Example: --auth alice:correct-horse")
    return user, password


def read_auth_file(path: Path) -> Credentials:
    """USER:PASS lines; blank lines and lines starting with # are skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ShipcardError(f"Cannot read auth file {path}: {exc.strerror}.", "Pass a file of USER:PASS lines.") from None
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("#")]
    if not lines:
        raise ShipcardError(f"Auth file {path} holds no USER:PASS line.", "Add one line per person: alice:secret")
    return [parse_auth(ln) for ln in lines]


def load_credentials(auth: str | None, auth_file: Path | None) -> Credentials:
    credentials = [parse_auth(auth)] if auth else []
    return credentials + (read_auth_file(auth_file) if auth_file else [])


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, credentials: Credentials) -> None:
    """Refuse to serve screenshots and history to the network without a password."""
    if not is_loopback(host) and not credentials:
        raise ShipcardError(f"Refusing to serve on {host} without a password.",
                            "Add --auth USER:PASS or --auth-file FILE, or keep the default --host 127.0.0.1.")


def serve(host: str, port: int, credentials: Credentials, backend: str, model: str | None = None,
          allow_local: bool = False) -> None:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from .guard import private_temp

    private_temp()  # before Gradio is imported: its upload cache goes there, and is removed when the UI stops
    try:
        import gradio  # noqa: F401
    except ImportError:
        raise MissingDependencyError("gradio", "ui") from None
    from .app import build_app, launch

    demo = build_app(backend, model, allow_local)
    _, url, _ = launch(demo, host, port, credentials or None, block=False)
    who = "this machine only" if is_loopback(host) else "the network, behind a password"
    print(f"shipcard UI on {url} (open to {who}; screenshots stay on this machine unless you escalate a card to "
          "Claude and confirm). Ctrl-C stops it.", flush=True)
    demo.block_thread()
