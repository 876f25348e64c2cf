"""`career-assistant serve`: from a corpus folder to a chat page, on loopback unless told otherwise."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ui.cli import main

CLI = Path(sys.executable).parent / "career-assistant"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize(
    "argv",
    [["--host", "0.0.0.0"], ["--host", "10.1.2.3", "--port", "9999"], ["--share"]],
    ids=["all-interfaces", "lan-address", "share-link"],
)
def test_serve_refuses_to_expose_the_app_without_a_password(argv, capsys) -> None:
    assert main(["serve", *argv]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: refusing to serve on") and "--auth USER:PASS" in err
    assert err.count("\n") == 1


def test_the_command_line_does_not_import_gradio_until_serve() -> None:
    code = "import sys, ui.cli; ui.cli.build_parser().parse_args(['ingest']); print('gradio' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.slow
def test_serve_ingests_the_corpus_and_serves_the_chat(corpus: Path, tmp_path: Path) -> None:
    from gradio_client import Client

    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [str(CLI), "serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    try:
        url = f"http://127.0.0.1:{port}/"
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

        reply = Client(url, verbose=False).predict("How much does an ML engineer earn?", None, api_name="/ask")

        assert reply["citations"][0]["section"] == "Earning potentials > ML engineer"
        assert "chunks added" in log.read_text()  # the index was brought up to date first
        assert f"Chat UI on http://127.0.0.1:{port}" in log.read_text()
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
