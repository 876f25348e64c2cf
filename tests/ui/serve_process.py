"""What the tests of `career-assistant serve` share: a free port, and a serve process from the moment its page
answers until it is stopped with Ctrl+C."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

CLI = Path(sys.executable).parent / "career-assistant"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serving(env: dict, log: Path, port: int | None = None):
    """A `career-assistant serve` process, from the moment its page answers: its URL."""
    port = port or free_port()
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(CLI), "serve", "--port", str(port)], stdout=out, stderr=subprocess.STDOUT, env=env
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2) as reply:
                    if reply.status == 200:
                        break
            except OSError:
                pass
            assert server.poll() is None, f"serve exited with {server.returncode}:\n{log.read_text()}"
            assert time.monotonic() < deadline, f"no page at {url} after 180s:\n{log.read_text()}"
            time.sleep(0.5)
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
