"""The README's two commands are what users run; CI must run the test one exactly as written."""

import re
from pathlib import Path

ROOT = Path(__file__).parents[1]


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(), re.S)


def test_readme_opens_with_the_run_and_test_commands():
    run, test = readme_commands()[:2]
    assert run.endswith("career-assistant serve") and "torch==2.13.0" in run
    assert "'.[test]'" in test and test.endswith("pytest") and "torch==2.13.0" in test


def test_ci_runs_the_readme_test_command_verbatim():
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert readme_commands()[1] in ci_lines
