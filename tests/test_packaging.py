"""What an installed wheel holds and asks for: the default evaluation set inside it, torch as a range."""

import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from assistant.evaluation import DEFAULT_EVAL_SET, load_eval_set

ROOT = Path(__file__).parents[1]


@pytest.mark.slow
def test_the_wheel_carries_the_default_eval_set(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("career_assistant-*.whl")
    packaged = DEFAULT_EVAL_SET.relative_to(ROOT).as_posix()

    with zipfile.ZipFile(wheel) as archive:
        assert packaged in archive.namelist()
        assert archive.read(packaged) == DEFAULT_EVAL_SET.read_bytes()
    assert packaged.startswith("assistant/") and len(load_eval_set()) > 50


def test_torch_is_a_range_in_the_metadata_and_pinned_in_the_commands():
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    (torch,) = [d for d in dependencies if d.startswith("torch")]

    assert ">=" in torch and "==" not in torch
    assert "torch==2.13.0" in (ROOT / ".ci" / "run").read_text()
