"""OnnxMiniLMEmbeddings against the torch model it replaces: real model, real export, no fakes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from assistant.embeddings import DIMENSION, MiniLMEmbeddings, model_identity
from assistant.onnx_embeddings import (
    EXPORT_DIR,
    FP32_FILE,
    INT8_FILE,
    TOKENS_PER_RUN,
    OnnxMiniLMEmbeddings,
    _batches,
)

REPO = Path(__file__).resolve().parents[2]
# The repo's copy of /work/shared/guide/ml-engineer-vs-data-scientist.txt, one paragraph a line.
GUIDE = REPO / "tests" / "ingest" / "data" / "ml-engineer-vs-data-scientist.txt"
# Measured on the guide's lines in batches of 64: min 0.978, mean 0.992. Retrieval still agrees on
# nearly all top-4 passages, so this floor catches a broken quantization, not ordinary int8 noise.
INT8_MIN_COSINE = 0.97
INT8_MEAN_COSINE = 0.99


def _subprocess_env() -> dict:
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}


@pytest.fixture(scope="session")
def texts() -> list[str]:
    if not GUIDE.exists():
        pytest.skip(f"{GUIDE} is not available")
    lines = [line for line in GUIDE.read_text(encoding="utf-8").splitlines() if line.strip()][:50]
    # One text far past 256 tokens, to check both backends truncate at the same place.
    return [*lines, " ".join(lines)]


@pytest.fixture(scope="session")
def torch_embeddings(embeddings) -> MiniLMEmbeddings:
    """Stock sentence-transformers on torch: the suite's shared model if that is the default backend."""
    if isinstance(embeddings, MiniLMEmbeddings):
        return embeddings
    model = MiniLMEmbeddings()
    model.encode(["warm up"])
    return model


@pytest.fixture(scope="session")
def torch_vectors(texts, torch_embeddings) -> np.ndarray:
    """The reference the ONNX backends are held to."""
    return torch_embeddings.encode(texts)


@pytest.fixture(scope="session")
def cache_dir(model_cache) -> Path:
    """The session's model cache with both models exported (by now, or earlier for the default backend)."""
    OnnxMiniLMEmbeddings(model_cache).embed_query("warm up")
    OnnxMiniLMEmbeddings(model_cache, quantized=True).embed_query("warm up")
    return model_cache


@pytest.fixture(scope="session")
def fp32(cache_dir) -> OnnxMiniLMEmbeddings:
    return OnnxMiniLMEmbeddings(cache_dir)


@pytest.fixture(scope="session")
def int8(cache_dir) -> OnnxMiniLMEmbeddings:
    return OnnxMiniLMEmbeddings(cache_dir, quantized=True)


def test_fp32_shares_the_torch_identity_and_int8_has_its_own(fp32, int8):
    assert (MiniLMEmbeddings().backend, fp32.backend, int8.backend) == ("torch", "onnx", "onnx-int8")
    assert fp32.identity == MiniLMEmbeddings().identity == model_identity("fp32")
    assert int8.identity == {"embedding_model": "all-MiniLM-L6-v2", "embedding_dim": 384, "embedding_precision": "int8"}


def test_fp32_agrees_with_torch_on_every_text(fp32, texts, torch_vectors):
    vectors = fp32.encode(texts)
    assert vectors.dtype == np.float32 and vectors.shape == (len(texts), DIMENSION)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(vectors * torch_vectors, axis=1)
    assert cosines.min() > 0.999, f"worst text: {texts[int(cosines.argmin())][:80]!r}"


def test_int8_stays_close_to_torch(int8, texts, torch_vectors, record_property):
    cosines = np.sum(int8.encode(texts) * torch_vectors, axis=1)
    record_property("int8_min_cosine", float(cosines.min()))
    record_property("int8_mean_cosine", float(cosines.mean()))
    print(f"\nint8 vs torch cosine: min {cosines.min():.4f}, mean {cosines.mean():.4f}")
    assert cosines.min() > INT8_MIN_COSINE
    assert cosines.mean() > INT8_MEAN_COSINE


def test_batching_and_sorting_keep_the_callers_order(fp32, texts):
    whole = fp32.encode(texts)
    seen = []
    small = fp32.encode(texts, batch_size=7, progress=seen.append)
    assert sum(seen) == len(texts) and max(seen) <= 7
    np.testing.assert_allclose(small, whole, atol=1e-5)
    one_by_one = np.array([fp32.embed_query(text) for text in texts[:5]], dtype=np.float32)
    np.testing.assert_allclose(one_by_one, whole[:5], atol=1e-5)
    assert fp32.encode([]).shape == (0, DIMENSION)


def test_an_int8_vector_depends_on_its_text_alone(int8, texts):
    """Dynamic quantisation scales activations over a whole run: batched, a chunk's vector would change with the
    chunks beside it (down to cosine 0.99), and an index would not match the questions embedded alone."""
    alone = np.array([int8.embed_query(text) for text in texts], dtype=np.float32)
    for batch_size in (64, 7):
        np.testing.assert_allclose(int8.encode(texts, batch_size=batch_size), alone, atol=1e-6)
    np.testing.assert_allclose(int8.encode(texts[::-1])[::-1], alone, atol=1e-6)


@pytest.mark.parametrize(
    ("lengths", "batch_size"),
    [([12] * 100, 64), ([12] * 100, 7), ([256] * 5, 64), ([3, 9, 40, 200, 256, 256, 256], 64), ([600, 700], 64)],
)
def test_batches_hold_at_most_batch_size_texts_and_the_token_budget(lengths, batch_size):
    lengths = np.array(lengths)
    order = np.argsort(lengths, kind="stable")
    batches = list(_batches(order, lengths, batch_size))
    assert np.concatenate(batches).tolist() == order.tolist()
    for rows in batches:
        assert len(rows) <= batch_size
        assert len(rows) == 1 or len(rows) * lengths[rows].max() <= TOKENS_PER_RUN
    # Nothing splits needlessly: short texts fill whole batches.
    if lengths.max() * batch_size <= TOKENS_PER_RUN:
        assert len(batches) == -(-len(lengths) // batch_size)


def test_langchain_surface(fp32):
    documents = fp32.embed_documents(["data scientist", "ML engineer"])
    query = fp32.embed_query("data scientist")
    assert len(documents) == 2 and all(len(vector) == DIMENSION for vector in documents)
    assert isinstance(query[0], float)
    np.testing.assert_allclose(query, documents[0], atol=1e-6)


def test_query_path_imports_no_torch(cache_dir):
    """With the model exported, embedding a question must not pull torch, transformers or sentence-transformers."""
    model = cache_dir / EXPORT_DIR / FP32_FILE
    mtime = model.stat().st_mtime_ns
    script = (
        "import json, sys\n"
        "from pathlib import Path\n"
        "from assistant.onnx_embeddings import OnnxMiniLMEmbeddings\n"
        "for quantized in (False, True):\n"
        "    vector = OnnxMiniLMEmbeddings(Path(sys.argv[1]), quantized).embed_query('What does an ML engineer do?')\n"
        "    assert len(vector) == 384\n"
        "heavy = ('torch', 'transformers', 'sentence_transformers', 'onnx')\n"
        "print(json.dumps(sorted(name for name in sys.modules if name.split('.')[0] in heavy)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(cache_dir)],
        cwd=REPO,
        env=_subprocess_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
    assert model.stat().st_mtime_ns == mtime, "an existing export must be reused, not redone"


@pytest.mark.slow
def test_missing_model_is_exported_again(cache_dir, fp32, int8, tmp_path):
    folder = tmp_path / EXPORT_DIR
    shutil.copytree(cache_dir / EXPORT_DIR, folder)
    (folder / INT8_FILE).unlink()
    requantized = OnnxMiniLMEmbeddings(tmp_path, quantized=True)
    np.testing.assert_allclose(requantized.embed_query("salary"), int8.embed_query("salary"), atol=1e-5)

    (folder / FP32_FILE).unlink()
    reexported = OnnxMiniLMEmbeddings(tmp_path)
    np.testing.assert_allclose(reexported.embed_query("salary"), fp32.embed_query("salary"), atol=1e-5)
    assert (folder / FP32_FILE).exists()


def test_int8_model_alone_is_enough(cache_dir, int8, tmp_path):
    folder = tmp_path / EXPORT_DIR
    folder.mkdir()
    shutil.copy(cache_dir / EXPORT_DIR / INT8_FILE, folder / INT8_FILE)
    np.testing.assert_allclose(
        OnnxMiniLMEmbeddings(tmp_path, quantized=True).embed_query("salary"), int8.embed_query("salary"), atol=1e-6
    )
    assert not (folder / FP32_FILE).exists(), "no float32 export is needed to run the int8 model"


@pytest.mark.slow
def test_killed_export_leaves_no_model_and_its_temp_file_is_ignored(fp32, tmp_path):
    target = tmp_path / EXPORT_DIR / FP32_FILE
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from assistant.onnx_embeddings import export_fp32\n"
        "export_fp32(Path(sys.argv[1]))\n"
    )
    exporter = subprocess.Popen([sys.executable, "-c", script, str(target)], cwd=REPO, env=_subprocess_env())
    deadline = time.monotonic() + 120
    while not list(target.parent.glob("*.tmp")) and exporter.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    exporter.kill()
    exporter.wait()
    assert exporter.returncode != 0, "the export finished before it could be killed"
    assert not target.exists()

    stray = list(target.parent.glob("*.tmp"))
    assert stray, "the killed export should have left its temp file behind"
    stray[0].write_bytes(b"\x08\x07half a protobuf" * 1000)  # what a real partial write looks like
    recovered = OnnxMiniLMEmbeddings(tmp_path)
    np.testing.assert_allclose(recovered.embed_query("career"), fp32.embed_query("career"), atol=1e-5)
    assert target.stat().st_size > 50_000_000


def test_concurrent_first_calls_share_one_load(cache_dir):
    embeddings = OnnxMiniLMEmbeddings(cache_dir)
    loads = []
    original = embeddings._load

    def counting_load():
        loads.append(threading.get_ident())
        original()

    embeddings._load = counting_load
    results = [None] * 8

    def embed(i):
        results[i] = embeddings.embed_query("data engineer")

    threads = [threading.Thread(target=embed, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(loads) == 1
    assert all(result == results[0] for result in results)
