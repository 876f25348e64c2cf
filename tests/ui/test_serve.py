"""`career-assistant serve`: from a corpus folder to a chat page, on loopback unless told otherwise."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from serve_process import serving

from ui.cli import main


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

    log = tmp_path / "serve.log"
    with serving({**os.environ, "PYTHONUNBUFFERED": "1"}, log) as url:
        reply = Client(url, verbose=False).predict("How much does an ML engineer earn?", None, api_name="/ask")

        assert reply["citations"][0]["section"] == "Earning potentials > ML engineer"
        assert "chunks added" in log.read_text()  # the index was brought up to date first
        assert f"Chat UI on {url.rstrip('/')}" in log.read_text()
