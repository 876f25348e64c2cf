"""Extract a PDF's text in a child process, under limits: run as `python _pdf_worker.py`, never imported.

A crafted PDF can make pypdf decode huge streams, parse for minutes or allocate gigabytes; in a process of its
own, with an address-space limit and a parent that kills it after a time limit, it costs only itself.
It imports nothing of the project (no model, no Chroma): a start costs the interpreter and pypdf alone.

stdin: JSON `{"path", "max_pages", "max_stream_bytes", "max_chars", "memory_bytes"}`.
stdout: JSON `{"text": ...}` or `{"error": "reason for the user"}`; exit status 0 either way.
"""

from __future__ import annotations

import json
import sys


def _limit_memory(memory_bytes: int) -> None:
    try:
        import resource
    except ImportError:  # not a POSIX system: the time limit still holds
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def extract(path: str, max_pages: int, max_stream_bytes: int, max_chars: int) -> dict:
    import pypdf
    from pypdf.errors import LimitReachedError, PyPdfError

    stream_limits = {
        name: max_stream_bytes
        for name in (
            "maximum_declared_stream_length", "array_based_stream_maximum_output_length",
            "jbig2_maximum_output_length", "lzw_maximum_output_length", "run_length_maximum_output_length",
            "zlib_maximum_output_length", "brotli_maximum_output_length", "stream_decoding_work_maximum_length",
        )
        if hasattr(pypdf.Configuration, name)
    }  # fmt: skip
    pypdf.overwrite_configuration(**stream_limits)
    try:
        reader = pypdf.PdfReader(path)
        if reader.is_encrypted:
            return {"error": "the PDF is encrypted"}
        if len(reader.pages) > max_pages:
            pages = len(reader.pages)
            return {"error": f"it has {pages} pages; the limit is {max_pages} (CAREER_ASSISTANT_MAX_PDF_PAGES)"}
        pages, chars = [], 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            chars += len(pages[-1])
            if chars > max_chars:
                return {"error": f"it has more than {max_chars:,} characters of text (CAREER_ASSISTANT_MAX_FILE_CHARS)"}
    except LimitReachedError as exc:
        mb = max_stream_bytes / 2**20
        limit = f"the {mb:g} MB limit (CAREER_ASSISTANT_MAX_PDF_STREAM_MB)"
        return {"error": f"it holds a stream larger than {limit}: {exc}"}
    except MemoryError:
        return {"error": "reading it needed more memory than the limit (CAREER_ASSISTANT_FILE_READ_MEMORY_MB)"}
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError, OSError) as exc:
        return {"error": f"it is not a readable PDF ({type(exc).__name__}: {exc})"}
    return {"text": "\n".join(pages)}


def main() -> int:
    request = json.load(sys.stdin)
    _limit_memory(request["memory_bytes"])
    result = extract(request["path"], request["max_pages"], request["max_stream_bytes"], request["max_chars"])
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
