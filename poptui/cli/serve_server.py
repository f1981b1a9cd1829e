"""textual-serve's server with poptui's guard, for `poptui serve` (imported only by that command).

- With a token, every request but the page's static files needs it: ``?token=`` in the URL,
  which the first page turns into an HttpOnly, SameSite=Strict cookie for the websocket (the
  browser script adds its own query to the websocket URL, so the token cannot ride there).
- The websocket only accepts a page served by this server (its Origin header): a web page the
  coach happens to visit cannot open it and drive poptui.
- On loopback only loopback names are answered, so a web page cannot reach it through a DNS
  name that points at 127.0.0.1 (DNS rebinding).
- The page's URLs follow the address the browser used, so it also works through a tunnel.
- No access log: URLs carry the token.
"""

from __future__ import annotations

import hmac
import socket
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

from poptui.cli.serve_command import is_loopback
from poptui.i18n import _

TOKEN_COOKIE = "poptui_token"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class PoptuiServer(Server):
    """Serve ``command`` (one poptui process per browser tab) on ``host:port``."""

    def __init__(self, command: str, *, host: str, port: int, token: str | None) -> None:
        super().__init__(command, host=host, port=port, title="poptui")
        self.token = token
        self.loopback = is_loopback(host)

    def check_address(self) -> None:
        """Raise OSError now when ``host:port`` cannot be listened on (taken, or not this computer's)."""
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        with socket.socket(family) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((self.host.strip("[]"), self.port))

    async def _make_app(self) -> web.Application:
        application = await super()._make_app()
        application.middlewares.append(self._guard)
        return application

    @staticmethod
    def _refused(reason: str) -> web.Response:
        return web.Response(status=403, text=reason + "\n", content_type="text/plain", charset="utf-8")

    def refusal(self, request: web.Request) -> web.Response | None:
        """None when the request may go on, else the Dutch refusal (403)."""
        if request.path.startswith("/static/"):
            return None  # the page's scripts, styles and fonts: the same for everyone, no data
        if self.loopback and not is_loopback(request.url.host or ""):
            return self._refused(_("poptui antwoordt hier alleen op het adres 127.0.0.1."))
        origin = request.headers.get("Origin")
        if request.path == "/ws" and origin is not None and urlsplit(origin).netloc != request.host:
            return self._refused(_("Deze verbinding komt niet van de poptui-pagina."))
        if self.token is not None:
            given = request.query.get("token") or request.cookies.get(TOKEN_COOKIE) or ""
            if not hmac.compare_digest(given.encode(), self.token.encode()):
                return self._refused(_("Open poptui met het volledige adres, met de sleutel (?token=...)."))
        return None

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        response = await handler(request)
        if self.token is not None and request.path == "/" and request.query.get("token"):
            response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, with the websocket and static URLs of the address the browser used."""
        font_size = request.query.get("fontsize", "16")
        context = {
            "font_size": int(font_size) if font_size.isdecimal() else 16,
            "app_websocket_url": ("wss://" if request.scheme == "https" else "ws://") + request.host + "/ws",
            "config": {"static": {"url": f"{request.scheme}://{request.host}/static/"}},
            "application": {"name": "poptui"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def on_startup(self, app: web.Application) -> None:
        """textual-serve prints a logo and an English line here; `poptui serve` said where it runs."""

    def serve(self, debug: bool = False) -> None:
        """Run until Ctrl+C or SIGTERM, as textual-serve does, without its access log."""
        import asyncio
        import logging
        import signal

        logging.basicConfig(level=logging.WARNING, format="%(message)s")
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        try:
            loop.add_signal_handler(signal.SIGINT, self.request_exit)
            loop.add_signal_handler(signal.SIGTERM, self.request_exit)
        except NotImplementedError:  # Windows
            pass
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=None,
            access_log=None,
        )
