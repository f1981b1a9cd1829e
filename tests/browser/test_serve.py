"""`poptui serve`: the app in headless Chromium, and the guard around it.

The browser test starts `poptui serve` on the demo database and Debian's Chromium (headless,
--no-sandbox), drives Chromium over its DevTools protocol (aiohttp, which textual-serve brings)
and reads what the page received over the websocket: xterm.js paints on a canvas, so the page
has no text to query. A script set before the page loads keeps a copy of every byte the app
sent. The screenshot is saved beside the test's files (its path is printed).
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from poptui.cli import main
from poptui.store import Database

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
NO_CHROMIUM = "no Chromium here (Debian: apt-get install chromium); .ci/run installs it"

KEEP_BYTES = """
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  window.__received = [];
  window.WebSocket = function (url, protocols) {
    const socket = new Native(url, protocols);
    socket.addEventListener("message", (event) => {
      if (typeof event.data !== "string") window.__received.push(decoder.decode(event.data, {stream: true}));
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();
"""
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, process: subprocess.Popen[bytes], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"poptui serve stopped: {process.stdout.read() if process.stdout else ''!r}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"poptui serve did not listen on {port} within {seconds} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def server(demo_db: Database, tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = _free_port()
    environment = dict(os.environ, USER="an", NO_COLOR="1")  # coach An of the demo database
    process = subprocess.Popen(
        [sys.executable, "-m", "poptui", "serve", "--db", str(demo_db.path), "--port", str(port)],
        cwd=tmp_path,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process, 20)
        yield port, process
    finally:
        _stop(process)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[str]:
    """Headless Chromium with its DevTools endpoint; yields the endpoint's ws URL."""
    if CHROMIUM is None:
        if os.environ.get("POPTUI_REQUIRE_CHROMIUM"):  # .ci/run: the browser test must run there
            pytest.fail(NO_CHROMIUM)
        pytest.skip(NO_CHROMIUM)
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--window-size=820,520",
            f"--user-data-dir={tmp_path / 'chromium'}",
            "--remote-debugging-port=0",
            # only this machine: the page's web font from the internet is not fetched
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stderr is not None
        deadline = time.monotonic() + 20
        endpoint = ""
        while time.monotonic() < deadline and not endpoint:
            line = process.stderr.readline()
            if not line and process.poll() is not None:
                break
            if "DevTools listening on " in line:
                endpoint = line.split("DevTools listening on ", 1)[1].strip()
        assert endpoint, "Chromium did not start its DevTools endpoint"
        yield endpoint
    finally:
        _stop(process)  # type: ignore[arg-type]


class DevTools:
    """The few DevTools calls the test needs, over one page's websocket."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.next_id = 0

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        self.next_id += 1
        await self.socket.send_str(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads((await self.socket.receive()).data)
            if message.get("id") == self.next_id:
                assert "error" not in message, message
                return dict(message["result"])

    async def evaluate(self, expression: str, *, wait: bool = False) -> Any:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=wait)
        return result["result"].get("value")


async def _open_home_screen(endpoint: str, url: str, screenshot: Path) -> str:
    import aiohttp

    devtools_port = endpoint.split("//", 1)[1].split("/", 1)[0]
    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://{devtools_port}/json/list") as response:
            page = next(target for target in await response.json() if target["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as socket:
            tools = DevTools(socket)
            await tools.call("Page.enable")
            await tools.call(
                "Emulation.setDeviceMetricsOverride", width=820, height=520, deviceScaleFactor=1, mobile=False
            )
            await tools.call("Page.addScriptToEvaluateOnNewDocument", source=KEEP_BYTES)
            await tools.call("Page.navigate", url=url)
            text = ""
            deadline = time.monotonic() + 25
            while time.monotonic() < deadline:
                received = await tools.evaluate("(window.__received || []).join('')")
                text = ESCAPES.sub("", received or "")
                if "Mijn lopende trajecten" in text and "Inès Van den Broeck" in text:
                    break
                await asyncio.sleep(0.3)
            await asyncio.sleep(0.5)  # the last frames reach the canvas
            await tools.evaluate(
                "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))", wait=True
            )
            shot = await tools.call("Page.captureScreenshot", format="png")
            screenshot.write_bytes(base64.b64decode(shot["data"]))
            return text


def test_the_browser_shows_the_home_screen(
    server: tuple[int, subprocess.Popen[bytes]], chromium: str, tmp_path: Path
) -> None:
    port, _process = server
    screenshot = tmp_path / "poptui-serve-home.png"
    text = asyncio.run(_open_home_screen(chromium, f"http://127.0.0.1:{port}/", screenshot))
    assert "Dag An." in text
    assert "Mijn lopende trajecten" in text
    assert "Inès Van den Broeck" in text  # one of An's trajectories in the demo database
    from PIL import Image

    image = Image.open(io.BytesIO(screenshot.read_bytes()))
    assert image.size == (820, 520)
    assert len(image.convert("RGB").getcolors(maxcolors=1 << 16) or []) > 20  # the terminal is painted
    print(f"screenshot: {screenshot}")
    if os.environ.get("POPTUI_KEEP_SCREENSHOT"):  # to look at it: the folder to copy it to
        shutil.copy(screenshot, os.environ["POPTUI_KEEP_SCREENSHOT"])


def test_a_token_guards_page_and_websocket(demo_db: Database, tmp_path: Path) -> None:
    import aiohttp

    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "poptui", "serve", "--db", str(demo_db.path), "--port", str(port), "--token"],
        cwd=tmp_path,
        env=dict(os.environ, USER="an"),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for_port(port, process, 20)
        assert process.stdout is not None
        first = process.stdout.readline().decode()
        token = first.rsplit("?token=", 1)[1].strip()

        async def probe() -> None:
            base = f"http://127.0.0.1:{port}"
            async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
                async with session.get(base + "/") as response:
                    assert response.status == 403 and "sleutel" in await response.text()
                async with session.get(base + "/?token=wrong") as response:
                    assert response.status == 403
                async with session.get(base + "/static/js/textual.js") as response:
                    assert response.status == 200  # the page's script carries no data
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await session.ws_connect(base + "/ws")
                async with session.get(base + f"/?token={token}") as response:
                    assert response.status == 200 and "poptui" in await response.text()
                    assert response.cookies["poptui_token"]["httponly"]
                # the cookie now opens the websocket; another page's Origin does not
                with pytest.raises(aiohttp.WSServerHandshakeError):
                    await session.ws_connect(base + "/ws", headers={"Origin": "http://evil.example"})
                socket = await session.ws_connect(base + "/ws?width=80&height=24")
                await socket.close()
                async with session.get(base + "/", headers={"Host": "evil.example"}) as response:
                    assert response.status == 403  # DNS rebinding: a loopback server answers loopback names only

        asyncio.run(probe())
    finally:
        _stop(process)


def test_a_network_host_warns_and_asks_a_token(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from poptui.cli.serve_server import PoptuiServer

    started: list[PoptuiServer] = []
    monkeypatch.setattr(PoptuiServer, "check_address", lambda self: None)
    monkeypatch.setattr(PoptuiServer, "serve", lambda self, debug=False: started.append(self))
    assert main(["serve", "--db", str(demo_db.path), "--host", "192.0.2.10"]) == 0
    out, err = capsys.readouterr()
    assert "onversleuteld" in err and "SSH-tunnel" in err
    (server,) = started
    assert server.token and f"http://192.0.2.10:8000/?token={server.token}" in out
    assert not server.loopback


def test_loopback_needs_no_token(
    demo_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from poptui.cli.serve_server import PoptuiServer

    started: list[PoptuiServer] = []
    monkeypatch.setattr(PoptuiServer, "check_address", lambda self: None)
    monkeypatch.setattr(PoptuiServer, "serve", lambda self, debug=False: started.append(self))
    assert main(["serve", "--db", str(demo_db.path)]) == 0
    out, err = capsys.readouterr()
    assert "http://127.0.0.1:8000/\n" in out and "token" not in out and err == ""
    assert started[0].token is None


def test_a_busy_port_is_said_in_dutch(demo_db: Database, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--db", str(demo_db.path), "--port", str(port)]) == 2
    assert "--port" in capsys.readouterr().err
