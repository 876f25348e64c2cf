"""all-MiniLM-L6-v2 on onnxruntime: the same vectors as `MiniLMEmbeddings`, without torch at query time.

The bundled model is exported to ONNX once, into a cache folder; afterwards only onnxruntime, the
`tokenizers` library and numpy run, which loads faster and embeds short questions with less overhead.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import threading
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.embeddings import DIMENSION, _keep_hub_offline, model_identity, model_path

EXPORT_DIR = "minilm-onnx"
FP32_FILE = "model.onnx"
INT8_FILE = "model-int8.onnx"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
# Padded tokens per onnxruntime call. Bigger batches spill their activations out of the CPU caches: chunks of
# ~250 tokens ran ~35% more per CPU-second two at a time than 64 at a time (int8; fp32 ~25%). Questions and
# sentences (~20 tokens) still go twenty-odd a call.
TOKENS_PER_RUN = 512
_CORES = min(os.cpu_count() or 1, 8)


def _write_atomically(target: Path, write: Callable[[Path], None]) -> None:
    # Write beside the target and rename: a killed export leaves only a stray *.tmp, never a
    # truncated model.onnx that a later run would trust. Concurrent exporters each get their own temp.
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; the UI and ingest may run as other users
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def export_fp32(target: Path) -> None:
    """Export the bundled transformer (without pooling) to an ONNX file.

    Args:
        target: Where the model goes; written atomically.
    """
    _keep_hub_offline()
    import torch  # only the export needs torch; the query path must stay free of it
    from transformers import AutoModel

    # Eager attention traces to plain MatMul/Softmax, which keeps batch and sequence axes dynamic.
    bert = AutoModel.from_pretrained(model_path(), attn_implementation="eager").eval()

    class LastHidden(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):  # pooling stays in numpy
            return self.bert(input_ids, attention_mask, token_type_ids).last_hidden_state

    # Two rows of different lengths so the trace sees real padding.
    ids = torch.tensor([[101, 7592, 2088, 102], [101, 7592, 102, 0]])
    sample = (ids, (ids != 0).long(), torch.zeros_like(ids))
    axes = {name: {0: "batch", 1: "sequence"} for name in (*_INPUTS, "last_hidden_state")}

    def write(tmp: Path) -> None:
        # The TorchScript exporter needs neither onnxscript nor torch.export; its deprecation and
        # tracer warnings are about shapes that stay constant for an encoder (checked by the tests).
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHidden(),
                sample,
                str(tmp),
                input_names=list(_INPUTS),
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )

    _write_atomically(target, write)


def quantize_int8(source: Path, target: Path) -> None:
    """Quantize an exported model dynamically: int8 weights, activations quantized per call.

    Args:
        source: The float32 ONNX model.
        target: Where the int8 model goes; written atomically.
    """
    from onnxruntime.quantization import QuantType, quantize_dynamic  # needs the `onnx` package

    # Weight ranges differ a lot between output channels: one scale per tensor wastes the int8 levels
    # (cosine to torch drops to ~0.90), one per channel keeps it at ~0.98.
    with _quiet_root_logger():
        _write_atomically(
            target,
            lambda tmp: quantize_dynamic(str(source), str(tmp), per_channel=True, weight_type=QuantType.QInt8),
        )


@contextmanager
def _quiet_root_logger() -> Iterator[None]:
    # The quantizer suggests "pre-processing" through `logging.warning`, i.e. the root logger, which also
    # installs a stderr handler for the whole process when there is none. A filter on the root logger drops
    # only records logged on it directly (propagated ones skip it), and a NullHandler stops that install.
    def drop(record: logging.LogRecord) -> bool:
        return False

    root = logging.getLogger()
    guard = logging.NullHandler()
    root.addFilter(drop)
    root.addHandler(guard)
    try:
        yield
    finally:
        root.removeHandler(guard)
        root.removeFilter(drop)


def _batches(order: np.ndarray, lengths: np.ndarray, batch_size: int) -> Iterator[np.ndarray]:
    """Runs of `order` (indexes sorted by length) of at most `batch_size` texts and `TOKENS_PER_RUN` padded tokens."""
    start = 0
    while start < len(order):
        end = start + 1
        # Sorted by length, the text about to join is the widest: the batch's padded size is count x its length.
        while end < len(order) and end - start < batch_size:
            if (end - start + 1) * lengths[order[end]] > TOKENS_PER_RUN:
                break
            end += 1
        yield order[start:end]
        start = end


class OnnxMiniLMEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 on onnxruntime; vectors are L2-normalised, so dot product is cosine.

    The model is exported on first use if the cache lacks it, then loaded once under a lock so
    concurrent first calls share one load.

    Args:
        cache_dir: Folder that holds (or will hold) the exported model.
        quantized: Use int8 weights: smaller and faster, slightly less faithful to the torch vectors.
    """

    def __init__(self, cache_dir: Path, quantized: bool = False) -> None:
        self.cache_dir = Path(cache_dir)
        self.quantized = quantized
        self.backend = "onnx-int8" if quantized else "onnx"
        self._session = self._tokenizer = None
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None  # for the int8 model's texts side by side, started once

    def _threads(self) -> ThreadPoolExecutor:
        """The pool the int8 model's runs share: starting threads for every question's few texts cost ~0.5 ms."""
        if self._pool is None:
            with self._lock:
                if self._pool is None:
                    self._pool = ThreadPoolExecutor(_CORES, thread_name_prefix="embed")
        return self._pool

    @property
    def identity(self) -> dict:
        """What the index records about the model: the same as torch's for fp32, its own for int8."""
        return model_identity("int8" if self.quantized else "fp32")

    @property
    def model_file(self) -> Path:
        """The ONNX file this instance runs."""
        return self.cache_dir / EXPORT_DIR / (INT8_FILE if self.quantized else FP32_FILE)

    def _loaded(self):
        if self._session is None:
            with self._lock:
                if self._session is None:
                    self._load()
        return self._session, self._tokenizer

    def _load(self) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        fp32 = self.cache_dir / EXPORT_DIR / FP32_FILE
        if not self.model_file.exists():
            if not fp32.exists():
                export_fp32(fp32)
            if self.quantized:
                quantize_int8(fp32, self.model_file)

        folder = Path(model_path())
        # tokenizer.json ships with 128-token truncation and fixed padding; sentence-transformers
        # truncates at max_seq_length instead, and we pad ourselves per (length-sorted) batch.
        max_len = json.loads((folder / "sentence_bert_config.json").read_text())["max_seq_length"]
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=max_len)
        tokenizer.no_padding()

        options = ort.SessionOptions()
        # Capped: a 6-layer, 384-wide model has little work to split, and the UI may embed questions in parallel.
        # int8 runs one text per call (see `encode`): one thread each, the texts spread over the cores, which
        # measured 1.1 ms a question instead of 1.5 and 165 chunks/s instead of 117 on 2 cores.
        options.intra_op_num_threads = 1 if self.quantized else _CORES
        options.inter_op_num_threads = 1
        # No busy-waiting: the CPU is shared with Chroma, the UI, maybe a local LLM (spinning tripled latency).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._tokenizer = tokenizer
        self._session = ort.InferenceSession(str(self.model_file), options, providers=["CPUExecutionProvider"])

    def encode(
        self, texts: list[str], batch_size: int = 64, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        """Embed texts, in their order, as L2-normalised vectors.

        Args:
            texts: The texts to embed; longer than 256 tokens are truncated, as sentence-transformers does.
            batch_size: Most texts per onnxruntime call; long texts go fewer at a time (`TOKENS_PER_RUN`). The
                int8 model runs one text at a time, so that its vector does not depend on the others.
            progress: Called with the number of texts of each finished batch.

        Returns:
            A float32 array of shape (len(texts), 384).
        """
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        session, tokenizer = self._loaded()
        encodings = tokenizer.encode_batch(list(texts))
        lengths = np.array([len(e.ids) for e in encodings])
        if self.quantized:
            # Dynamic quantisation scales each run's activations by their range over the whole batch, padding
            # included: batched, a text's vector would depend on its companions (cosine down to 0.99 on the
            # guide). One text per run keeps it a function of the text alone, as an index and its queries need.
            batches = [np.array([i]) for i in np.argsort(-lengths, kind="stable")]  # longest first: even load
        else:
            # Texts of similar length batched together, so little compute goes to padding.
            batches = list(_batches(np.argsort(lengths, kind="stable"), lengths, batch_size))

        def run(rows: np.ndarray) -> np.ndarray:
            width = int(lengths[rows].max())
            feed = {name: np.zeros((len(rows), width), dtype=np.int64) for name in _INPUTS}
            for r, i in enumerate(rows):
                enc = encodings[i]
                for name, values in zip(_INPUTS, (enc.ids, enc.attention_mask, enc.type_ids), strict=True):
                    feed[name][r, : len(values)] = values
            hidden = session.run(None, feed)[0]
            mask = feed["attention_mask"][..., None].astype(np.float32)
            pooled = (hidden * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

        def done(rows: np.ndarray, vectors: np.ndarray) -> None:
            out[rows] = vectors
            if progress:
                progress(len(rows))

        if self.quantized and len(batches) > 1 and _CORES > 1:
            # onnxruntime releases the GIL while it runs: single-threaded runs go side by side, one per core.
            for rows, vectors in zip(batches, self._threads().map(run, batches), strict=True):
                done(rows, vectors)
        else:
            for rows in batches:
                done(rows, run(rows))
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Embed texts for the index; see `encode`."""
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """Embed one question; see `encode`."""
        return self.encode([text])[0].tolist()
