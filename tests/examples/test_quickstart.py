"""The example notebooks: committed without outputs, and the quickstart runs top to bottom in a local kernel."""

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLES = Path(__file__).parents[2] / "examples"
QUICKSTART = EXAMPLES / "quickstart.ipynb"
KERNEL = "career-assistant-test"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.ipynb")), ids=lambda p: p.name)
def test_notebook_is_committed_without_outputs(path: Path):
    raw = json.loads(path.read_text(encoding="utf-8"))
    nbformat.validate(nbformat.from_dict(raw))
    code = [cell for cell in raw["cells"] if cell["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [], f"cell {cell.get('id')} has outputs: strip them before committing"
        assert cell["execution_count"] is None, f"cell {cell.get('id')} has an execution count"
    assert "widgets" not in raw["metadata"]


def local_kernel(root: Path) -> str:
    """A kernel spec for this interpreter under `root`: the run never uses another Python's kernel."""
    spec = root / "kernels" / KERNEL
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({"argv": argv, "display_name": KERNEL, "language": "python"}))
    return KERNEL


def outputs(notebook, cell_id: str) -> list:
    return next(cell for cell in notebook.cells if cell.get("id") == cell_id).outputs


def text_of(notebook, cell_id: str, kind: str = "text/html") -> str:
    """Everything a cell printed and the `kind` form of what it displayed."""
    return "".join(out.get("text", "") + out.get("data", {}).get(kind, "") for out in outputs(notebook, cell_id))


@pytest.mark.slow
def test_quickstart_runs_top_to_bottom(corpus, settings, tmp_path, monkeypatch):
    # The kernel inherits this environment: the autouse fixture's data folders under tmp_path (`corpus`
    # holds a copy of the guide there), and Jupyter's own folders under tmp_path too.
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path / "jupyter-runtime"))
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    workdir = tmp_path / "work"
    workdir.mkdir()
    notebook = nbformat.read(QUICKSTART, as_version=4)

    client = NotebookClient(
        notebook,
        kernel_name=local_kernel(tmp_path / "jupyter"),
        timeout=300,  # per cell; ingesting the guide takes seconds, a loaded CI machine may take minutes
        startup_timeout=120,
        resources={"metadata": {"path": str(workdir)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and its traceback, if any cell fails

    assert str(settings.chroma_path) in text_of(notebook, "setup")
    assert settings.chroma_path.is_dir()
    assert "1 files read" in text_of(notebook, "ingest")
    asked = text_of(notebook, "ask")
    assert "$136,620" in asked and 'href="#ca-cite-' in asked and '<details class="ca-footnote"' in asked
    assert "How much do data scientists earn?" in text_of(notebook, "follow-up")
    assert "] Earning potentials > Data scientist  (ml-engineer-vs-data-scientist.md" in text_of(notebook, "citations")
    assert "Not covered by the guide" in text_of(notebook, "refusal")
    assert text_of(notebook, "async-save", "text/plain") == "True"
    assert "out of scope refused" in text_of(notebook, "eval")
    assert any("image/png" in out.get("data", {}) for out in outputs(notebook, "plot"))
