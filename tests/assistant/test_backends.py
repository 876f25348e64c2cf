"""The embedding backend setting: which model runs, where its export lives, which indexes it may open."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.embeddings import MiniLMEmbeddings
from assistant.errors import ModelMismatch
from assistant.onnx_embeddings import OnnxMiniLMEmbeddings
from assistant.settings import Settings
from assistant.wiring import build_embeddings, build_store, model_cache_dir
from ui.cli import main

REPO = Path(__file__).resolve().parents[2]
QUESTION = "How much do ML engineers earn?"
# What indexes recorded before the identity named a precision: their vectors came from torch.
LEGACY_IDENTITY = {"embedding_model": "all-MiniLM-L6-v2", "embedding_dim": 384}


def _with_backend(settings: Settings, backend: str) -> Settings:
    return settings.model_copy(update={"embedding_backend": backend})


def _write_one_chunk(store) -> None:
    meta = {"source": "old.md", "section": "Old", "position": 0, "file_hash": "0" * 64}
    store.write(add=(["old"], [[0.05] * 384], ["Old text."], [meta]))


@pytest.mark.parametrize(
    ("backend", "kind", "quantized"),
    [
        ("torch", MiniLMEmbeddings, None),
        ("onnx", OnnxMiniLMEmbeddings, False),
        ("onnx-int8", OnnxMiniLMEmbeddings, True),
    ],
)
def test_the_setting_picks_the_backend(settings, monkeypatch, backend, kind, quantized):
    monkeypatch.setenv("CAREER_ASSISTANT_EMBEDDING_BACKEND", backend)
    embeddings = build_embeddings()
    assert type(embeddings) is kind and embeddings.backend == backend
    if quantized is not None:
        assert embeddings.quantized is quantized
        assert embeddings.cache_dir == settings.model_cache  # the session's cache, set by the autouse fixture


def test_an_unknown_backend_is_a_one_line_error(monkeypatch, capsys):
    monkeypatch.setenv("CAREER_ASSISTANT_EMBEDDING_BACKEND", "tensorflow")
    assert main(["ask", QUESTION]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: bad setting: CAREER_ASSISTANT_EMBEDDING_BACKEND") and err.count("\n") == 1


@pytest.mark.parametrize(
    ("overrides", "env", "expected"),
    [
        ({"model_cache": Path("/srv/models")}, {}, Path("/srv/models")),
        ({"chroma_path": Path("/data/index/.chroma")}, {}, Path("/data/index/.model-cache")),
        ({"chroma_path": Path(".chroma")}, {}, Path(".model-cache")),
        ({"chroma_host": "chroma.local"}, {"XDG_CACHE_HOME": "/home/u/.xdg"}, Path("/home/u/.xdg/career-assistant")),
        ({"chroma_host": "chroma.local"}, {"HOME": "/home/u"}, Path("/home/u/.cache/career-assistant")),
    ],
)
def test_the_model_cache_sits_beside_the_index_or_in_the_users_cache(settings, monkeypatch, overrides, env, expected):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert model_cache_dir(settings.model_copy(update={"model_cache": None, **overrides})) == expected


def test_the_default_model_cache_is_git_ignored():
    ignored = subprocess.run(["git", "check-ignore", "-q", ".model-cache/minilm-onnx/model.onnx"], cwd=REPO)
    assert ignored.returncode == 0


@pytest.mark.parametrize(
    ("built_with", "opened_with"),
    [("torch", "onnx"), ("onnx", "torch"), ("onnx-int8", "onnx-int8")],
)
def test_backends_of_one_identity_share_an_index(settings, built_with, opened_with):
    _write_one_chunk(build_store(_with_backend(settings, built_with)))
    assert build_store(_with_backend(settings, opened_with)).count() == 1


@pytest.mark.parametrize(
    ("built_with", "opened_with", "message"),
    [
        (
            "torch",
            "onnx-int8",
            "built by the torch backend with embedding_precision='fp32', but this assistant "
            "uses 'int8' (onnx-int8 backend)",
        ),
        (
            "onnx",
            "onnx-int8",
            "built by the onnx backend with embedding_precision='fp32', but this assistant "
            "uses 'int8' (onnx-int8 backend)",
        ),
        (
            "onnx-int8",
            "torch",
            "built by the onnx-int8 backend with embedding_precision='int8', but this "
            "assistant uses 'fp32' (torch backend)",
        ),
        ("onnx-int8", "onnx", "'int8', but this assistant uses 'fp32' (onnx backend)"),
        (LEGACY_IDENTITY, "torch", "built with embedding_precision=None, but this assistant uses 'fp32'"),
        (LEGACY_IDENTITY, "onnx-int8", "built with embedding_precision=None, but this assistant uses 'int8'"),
    ],
)
def test_an_index_of_another_precision_says_to_rebuild(settings, built_with, opened_with, message):
    from assistant.store import VectorStore

    if isinstance(built_with, dict):
        _write_one_chunk(VectorStore(settings, built_with))
    else:
        _write_one_chunk(build_store(_with_backend(settings, built_with)))
    opened = build_store(_with_backend(settings, opened_with))
    for read in (opened.count, opened.metadatas, lambda: opened.query([0.05] * 384, 3)):
        with pytest.raises(ModelMismatch, match=re.escape(message)) as error:
            read()
        assert str(error.value).endswith("run `career-assistant ingest --rebuild`")


def test_the_cli_refuses_a_torch_index_under_int8_and_rebuild_fixes_it(settings, corpus, monkeypatch, capsys):
    _write_one_chunk(build_store(_with_backend(settings, "torch")))
    monkeypatch.setenv("CAREER_ASSISTANT_EMBEDDING_BACKEND", "onnx-int8")

    assert main(["ask", QUESTION]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "by the torch backend" in err and "career-assistant ingest --rebuild" in err

    assert main(["ingest", "--rebuild"]) == 0
    assert main(["ask", QUESTION]) == 0
    assert "$136,620" in capsys.readouterr().out
    assert build_store(_with_backend(settings, "onnx-int8")).identity["embedding_precision"] == "int8"


@pytest.mark.parametrize("backend", ["onnx", "onnx-int8"])
def test_ask_imports_neither_gradio_nor_torch(settings, corpus, backend):
    """A whole `career-assistant ask` on an ONNX backend: no torch, transformers, sentence-transformers or gradio."""
    from ingest import ingest

    backend_settings = _with_backend(settings, backend)
    ingest(backend_settings, progress=lambda done, total: None)
    script = (
        "import json, sys\n"
        "from ui.cli import main\n"
        f"status = main(['ask', {QUESTION!r}])\n"
        "heavy = {'torch', 'transformers', 'sentence_transformers', 'gradio', 'onnx', 'sklearn', 'scipy'}\n"
        "print(json.dumps({'status': status, 'heavy': sorted({m.split('.')[0] for m in sys.modules} & heavy)}))\n"
    )
    env = {**os.environ, "CAREER_ASSISTANT_EMBEDDING_BACKEND": backend}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert "$136,620" in result.stdout
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"status": 0, "heavy": []}
