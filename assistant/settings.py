"""Settings, read from `CAREER_ASSISTANT_*` environment variables by `load_settings()`."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything a user may tune; every field can be set as `CAREER_ASSISTANT_<NAME>`."""

    model_config = SettingsConfigDict(env_prefix="CAREER_ASSISTANT_", extra="ignore")

    corpus_dir: Path = Field(Path("corpus"), description="Folder of guides to ingest.")
    chroma_path: Path = Field(Path(".chroma"), description="Folder of the embedded Chroma store.")
    chroma_host: str | None = Field(None, description="Chroma server host; when set, the HTTP client is used.")
    chroma_port: int = Field(8000, description="Chroma server port, used with chroma_host.")
    chroma_timeout: float = Field(5.0, description="Seconds to wait for a Chroma server before giving up.")
    collection: str = Field("career-guide", description="Name of the Chroma collection.")
    chunk_size: int = Field(1000, ge=200, description="Largest chunk, in characters (headings excluded).")
    chunk_overlap: int = Field(100, ge=0, description="Characters shared by two pieces of one long section.")
    embedding_batch_size: int = Field(64, ge=1, description="Chunks embedded per model call.")
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = Field(
        "onnx-int8",
        description="What runs all-MiniLM-L6-v2: stock sentence-transformers on `torch`, or the model exported to "
        "ONNX and run by onnxruntime (`onnx`, same vectors as torch; `onnx-int8`, quantised: faster, needs its own "
        "index). See benchmarks/embed.py.",
    )
    embedding_name: str | None = Field(
        None,
        description="The name an index records for embeddings of your own (`build_assistant(embeddings=...)` with "
        "any LangChain `Embeddings`): an index built under another name or model is refused. Not needed with the "
        "bundled model.",
    )
    model_cache: Path | None = Field(
        None,
        description="Folder for the exported ONNX model (re-exported when missing). Default: `.model-cache` beside "
        "the embedded index, or ~/.cache/career-assistant (XDG_CACHE_HOME) with a Chroma server.",
    )

    max_file_chars: int = Field(
        5_000_000,
        ge=1000,
        description="Most characters of text one file may hold; a larger file is skipped with the reason.",
    )
    max_pdf_pages: int = Field(2000, ge=1, description="Most pages a PDF may have; a longer one is skipped.")
    max_pdf_stream_mb: float = Field(
        8.0,
        gt=0,
        description="Largest stream a PDF may decode to, in MB (a page's text is a few KB; a crafted 18 KB PDF can "
        "decode to gigabytes); a PDF with a larger one is skipped.",
    )
    file_read_seconds: float = Field(
        30.0,
        gt=0,
        description="Seconds reading one PDF may take (in a child process, killed after that).",
    )
    file_read_memory_mb: int = Field(1024, ge=128, description="Address space one PDF's reading may use, in MB.")

    top_k: int = Field(8, ge=1, le=30, description="Passages retrieved; the answer cites those it uses.")
    scan_limit: int = Field(
        8_000,
        ge=0,
        description="Up to this many chunks, dense search scans every chunk's vector (exact); above it, it reads the "
        "clusters nearest the question (`assistant.clusters`). Measured by benchmarks/scale.py: the scan took 0.45 ms "
        "at 2,865 chunks and 7.6 ms at 28,630, reading every vector; the clusters 1.0-1.7 ms at either size, with 0.98-"
        "0.995 of the scan's 20 nearest.",
    )
    refusal_threshold: float = Field(
        0.355,
        description="Best passage's cosine similarity under which the question counts as not covered. Calibrated on "
        "assistant/eval/questions.jsonl: the midpoint of the gap between out-of-scope and in-scope questions with "
        "onnx-int8 (0.338 to 0.373), which lies within that gap for torch and onnx too (0.320 to 0.373).",
    )
    max_question_chars: int = Field(2000, description="Longest question accepted.")
    answer_sentences: int = Field(
        3,
        ge=1,
        le=10,
        description="Most sentences the extractive writer gives one question (or one part of it); most answers use one "
        "or two, each sentence joining only when nearly as good as the first.",
    )

    llm: Literal["extractive", "ollama", "openai"] = Field("extractive", description="Who writes the answer.")
    llm_model: str = Field("llama3.2", description="Model name for the ollama or openai writer.")
    llm_base_url: str | None = Field(None, description="Base URL of the ollama or OpenAI-compatible endpoint.")
    llm_api_key: str | None = Field(None, description="API key for the OpenAI-compatible endpoint.")
    llm_timeout: float = Field(60.0, description="Seconds to wait for the LLM before falling back.")

    host: str = Field("127.0.0.1", description="Address the chat UI binds to.")
    port: int = Field(7860, description="Port of the chat UI.")
    auth: str | None = Field(None, description="USER:PASS required by the chat UI when set.")
    auth_file: Path | None = Field(
        None, description="File whose first line is the USER:PASS login (keeps the password out of `ps`)."
    )
    max_upload_mb: float = Field(10.0, description="Largest file the chat UI accepts, in MB.")
    max_upload_total_mb: float = Field(
        100.0, gt=0, description="Most MB of uploads the chat server holds at once (not yet added, or being added)."
    )
    upload_ttl_seconds: float = Field(
        600.0, gt=0, description="Seconds an uploaded file that was never added is kept before it is removed."
    )
    login_free_failures: int = Field(
        5, ge=1, description="Failed logins a client may make before each further try must wait (1 s, doubling)."
    )
    login_max_wait_seconds: float = Field(300.0, gt=0, description="Longest wait between a client's login tries.")
    concurrency: int = Field(2, ge=1, description="Chat requests answered at once.")


def load_settings(**overrides) -> Settings:
    """Read the settings from the environment, with keyword overrides on top."""
    return Settings(**overrides)
