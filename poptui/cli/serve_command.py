"""`poptui serve`: the app in a web browser (textual-serve), for a workshop PC without Python.

The rules:

- It listens on 127.0.0.1 unless ``--host`` says otherwise. From another computer, use an SSH
  tunnel (``ssh -L 8000:127.0.0.1:8000 server``) and open ``http://127.0.0.1:8000`` there.
- A host that is not loopback carries personal data over the network unencrypted: poptui says
  so and requires a token in the URL (``?token=...``, generated at every start, printed once).
  The first page sets it as a cookie for the websocket. ``--token`` asks one on loopback too
  (a server where other people have an account can reach its 127.0.0.1 as well).
- Every browser tab runs its own poptui process on the same database (``served_app``).
  The server (``serve_server``, imported only by this command: aiohttp is heavy) guards the
  websocket, the token and the loopback names.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path

from poptui.cli.common import CommandError, add_database_option, add_help, bounded_int, database_path, say
from poptui.i18n import _, current_language

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser(
        "serve",
        help=_("toon poptui in een webbrowser (voor een gedeelde pc in het atelier)"),
        description=_(
            "Start poptui voor een webbrowser. Standaard alleen op deze computer (127.0.0.1): open het adres "
            "dat poptui toont in je browser. Vanaf een andere computer werk je via een SSH-tunnel. Met --host "
            "op een netwerkadres gaan de gegevens onversleuteld over het netwerk en is een sleutel in het "
            "adres verplicht."
        ),
        add_help=False,
    )
    add_help(serve)
    add_database_option(serve)
    serve.add_argument("--host", default=DEFAULT_HOST, help=_("het adres waarop poptui luistert (standaard 127.0.0.1)"))
    serve.add_argument(
        "--port",
        type=bounded_int(1, 65535, _("de poort")),
        default=DEFAULT_PORT,
        help=_("de poort (standaard {port})", port=DEFAULT_PORT),
    )
    serve.add_argument(
        "--token",
        action="store_true",
        help=_("vraag ook op 127.0.0.1 een sleutel in het adres (een server waarop meer mensen werken)"),
    )
    serve.set_defaults(handler=run_serve)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost: only this computer can reach them."""
    name = host.strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def app_command(database: Path, group: str | None) -> str:
    """The shell command textual-serve runs for each browser tab: the app on this database."""
    arguments = [sys.executable, "-m", "poptui.cli.served_app", "--db", str(database), "--lang", current_language()]
    if group:
        arguments += ["--group", group]
    if sys.platform == "win32":
        import subprocess  # here, not at the top: every command builds this command's parser

        return subprocess.list2cmdline(arguments)
    import shlex

    return shlex.join(arguments)


def serving_url(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def run_serve(options: argparse.Namespace) -> int:
    import secrets  # here, not at the top: every command builds this command's parser

    from poptui.cli.run_app import prepare_database
    from poptui.cli.serve_server import PoptuiServer

    path = database_path(options)
    prepare_database(options)  # refuses a damaged database before any browser connects
    loopback = is_loopback(options.host)
    token = secrets.token_urlsafe(24) if options.token or not loopback else None
    if not loopback:
        print(
            _(
                "Let op: poptui luistert op {host}, dus andere computers in het netwerk kunnen het bereiken. "
                "De gegevens zijn persoonlijk en gaan onversleuteld over het netwerk. Werk liever via een "
                "SSH-tunnel naar 127.0.0.1. Wie het adres hieronder (met de sleutel) kent, kan poptui openen: "
                "deel het niet.",
                host=options.host,
            ),
            file=sys.stderr,
        )
    server = PoptuiServer(
        app_command(path, getattr(options, "group", None)),
        host=options.host,
        port=options.port,
        token=token,
    )
    try:
        server.check_address()
    except OSError as error:
        raise CommandError(
            _(
                "poptui kan niet luisteren op {host}:{port} ({problem}). Kies een andere poort met --port, of een adres van deze computer met --host.",
                host=options.host,
                port=options.port,
                problem=error.strerror or error,
            ),
            2,
        ) from error
    say(_("poptui draait voor de browser op {url}", url=serving_url(options.host, options.port, token)))
    say(_("Open dat adres in je browser. Ctrl+C stopt poptui."))
    sys.stdout.flush()
    server.serve()
    return 0
