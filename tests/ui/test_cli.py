"""`career-assistant` as a shell command: pipes, logins off the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ui.cli import main

CLI = Path(sys.executable).parent / "career-assistant"


@pytest.mark.slow
@pytest.mark.parametrize("reader", ["head -c 10", "true"], ids=["head", "closed-at-once"])
def test_ask_into_a_pipe_that_stops_reading_ends_quietly(guide_settings, guide_store, reader):
    env = {
        **os.environ,
        "CAREER_ASSISTANT_CORPUS_DIR": str(guide_settings.corpus_dir),
        "CAREER_ASSISTANT_CHROMA_PATH": str(guide_settings.chroma_path),
    }
    script = f'"{CLI}" ask "How much do ML engineers earn?" | {reader} >/dev/null; echo "status ${{PIPESTATUS[0]}}" >&2'
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, env=env, timeout=300)
    assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
    assert done.stderr.strip().endswith("status 0"), done.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [("ada:secret\n", None), ("", "the login file {path} is empty"), (None, "cannot read the login file {path}")],
    ids=["read", "empty", "missing"],
)
def test_the_login_comes_from_a_file(tmp_path, capsys, monkeypatch, content, expected):
    path = tmp_path / "login"
    if content is not None:
        path.write_text(content)
    seen = {}

    def exposure(settings, host, share, auth):
        seen["auth"] = auth
        raise SystemExit(0)  # stop before loading the model: the login is what is tested

    monkeypatch.setattr("ui.app.exposure_credentials", exposure)
    if expected is None:
        with pytest.raises(SystemExit):
            main(["serve", "--auth-file", str(path)])
        assert seen["auth"] == "ada:secret"
        assert "warning" not in capsys.readouterr().err
    else:
        assert main(["serve", "--auth-file", str(path)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"error: {expected.format(path=path)}") and err.count("\n") == 1


def test_a_password_on_the_command_line_is_warned_about(capsys, monkeypatch):
    monkeypatch.setattr("ui.app.exposure_credentials", lambda *a: (_ for _ in ()).throw(SystemExit(0)))
    with pytest.raises(SystemExit):
        main(["serve", "--auth", "ada:secret"])
    assert "--auth shows the password to anyone who can list processes (ps)" in capsys.readouterr().err
