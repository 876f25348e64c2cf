"""The documents tab: add guides, list the indexed ones, remove one (with a confirmation)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import CareerAssistantError
from assistant.settings import Settings
from ingest.documents import IndexedDocument, list_documents, remove_document
from ingest.loaders import SUPPORTED_SUFFIXES
from ingest.pipeline import source_name

from .guard import discard_uploads
from .render import paragraphs

log = logging.getLogger(__name__)


def notice(message: str, kind: str = "error") -> str:
    """A short inline message (`kind` "error" or "ok"), announced to screen readers."""
    role = "alert" if kind == "error" else "status"
    return f'<div class="ca-{kind}" role="{role}">{paragraphs(message)}</div>'


def shown_error(exc: Exception, what: str) -> str:
    """The one line a user sees for `exc`, also logged on the server (in full when unexpected)."""
    if isinstance(exc, CareerAssistantError):
        message = str(exc) or type(exc).__name__
        log.warning("%s: shown to the user: %s", what, message)
    else:
        message = f"Something went wrong: {type(exc).__name__}: {exc}"
        log.exception("%s: shown to the user: %s", what, message)
    return message


def _size(size: int | None) -> str:
    if size is None:
        return "file gone"
    return f"{size / 1024:.1f} kB" if size < 2**20 else f"{size / 2**20:.1f} MB"


def listing(documents: list[IndexedDocument]) -> str:
    """The indexed documents as a table: name, chunks, size, when added."""
    if not documents:
        return '<div class="ca-corpus"><b>Documents the assistant knows</b><p>(none yet)</p></div>'
    rows = "".join(
        f"<tr><td>{escape(d.source)}</td><td>{d.chunks}</td><td>{_size(d.size)}</td>"
        f"<td>{d.added.strftime('%Y-%m-%d %H:%M UTC') if d.added else ''}</td></tr>"
        for d in documents
    )
    return (
        '<div class="ca-corpus"><table><caption><b>Documents the assistant knows</b></caption>'
        '<thead><tr><th scope="col">Document</th><th scope="col">Chunks</th><th scope="col">Size</th>'
        f'<th scope="col">Added</th></tr></thead><tbody>{rows}</tbody></table></div>'
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report_lines(report, before: dict[str, int], after: dict[str, int], corpus_dir: Path) -> str:
    """One line per uploaded file: added N chunks, already indexed and unchanged, or refused and why."""
    lines = []
    failed = {problem.path.name: problem.reason for problem in report.problems}
    for path in report.saved:
        source = source_name(path, corpus_dir)
        if path.name in failed:
            continue
        if source in before and before[source] == after.get(source):
            lines.append(f'<li class="ca-same">{escape(path.name)}: already indexed, unchanged</li>')
        else:
            added = _plural(after.get(source, 0), "chunk")
            lines.append(f'<li class="ca-added">{escape(path.name)}: added {added}</li>')
    lines += [f'<li class="ca-refused">{escape(name)}: refused: {escape(why)}</li>' for name, why in failed.items()]
    notes = "".join(f"<li>{escape(note)}</li>" for note in report.notes if not note.endswith(", unchanged"))
    return (
        f'<div class="ca-report" role="status"><ul>{"".join(lines)}</ul>'
        + (f"<p>Notes:</p><ul>{notes}</ul>" if notes else "")
        + "</div>"
    )


def api_report(report) -> str:
    """The API's report of an upload: the ingestion's summary, its notes, and what was not added."""
    lines = [paragraphs(report.summary()), *(paragraphs(note) for note in report.notes)]
    problems = "".join(f"<li>{escape(p.path.name)}: {escape(p.reason)}</li>" for p in report.problems)
    if problems:
        lines.append(f'<div class="ca-report-problems"><b>Not added:</b><ul>{problems}</ul></div>')
    return "".join(lines)


def build_documents_tab(
    settings: Settings, store, add_documents: Callable[..., Any], ingest_fn, refresh, source_choices: gr.Dropdown
) -> tuple[Callable, list]:
    """The tab's components and events, inside the caller's `gr.Blocks`; `source_choices` is the chat's filter.

    Returns the function that lists the documents and the components it updates (for the page's load event).
    """

    def counts() -> dict[str, int]:
        return {d.source: d.chunks for d in list_documents(settings, store)}

    def views() -> tuple[str, Any, Any]:
        documents = list_documents(settings, store)
        names = [d.source for d in documents]
        return listing(documents), gr.update(choices=names, value=None), gr.update(choices=names)

    def upload(files: list[str] | None, progress=gr.Progress()):  # noqa: B008 - Gradio's idiom
        if not files:
            return notice("Choose one or more files to add first."), *views()
        progress(0, desc="Checking the files")

        def step(done: int, total: int) -> None:
            progress((done, total), desc="Embedding", unit="chunks")

        try:
            before = counts()
            report = add_documents(settings, [Path(f) for f in files], progress=step, ingest_fn=ingest_fn)
        except Exception as exc:
            return notice(shown_error(exc, "adding documents")), *views()
        finally:
            discard_uploads(files)  # handled: saved into the corpus, or refused (ui/guard.py)
        refresh()
        return report_lines(report, before, counts(), Path(settings.corpus_dir)), *views()

    def upload_strict(files: list[str] | None) -> tuple[str, str]:
        if not files:
            raise gr.Error("Choose one or more files to add first.", print_exception=False)
        try:
            report = add_documents(settings, [Path(f) for f in files], ingest_fn=ingest_fn)
        except Exception as exc:
            raise gr.Error(shown_error(exc, "adding documents (API)"), print_exception=False) from None
        finally:
            discard_uploads(files)
        refresh()
        return api_report(report), listing(list_documents(settings, store))

    def ask_removal(source: str | None):
        if not source:
            return notice("Choose a document to remove first."), gr.update(visible=False)
        question = f"Remove {source} from the index and delete its file from the corpus folder?"
        return notice(question, "ok"), gr.update(visible=True)

    def remove(source: str | None):
        try:
            if not source:
                raise CareerAssistantError("choose a document to remove first")
            removed = remove_document(settings, store, source)
        except Exception as exc:
            return notice(shown_error(exc, "removing a document")), gr.update(visible=False), *views()
        refresh()
        message = notice(f"Removed {source} ({_plural(removed, 'chunk')}).", "ok")
        return message, gr.update(visible=False), *views()

    with gr.Tab("Documents", id="documents"):
        gr.Markdown(
            f"Add guides as {', '.join(SUPPORTED_SUFFIXES)} (up to {settings.max_upload_mb:g} MB each). "
            "They are saved into the corpus folder under a safe name (never replacing another file) and "
            "indexed; the chat can cite them as soon as this finishes."
        )
        files = gr.File(
            label="Documents to add",
            file_count="multiple",
            type="filepath",
            elem_id="ca-files",
            file_types=list(SUPPORTED_SUFFIXES),
        )
        add = gr.Button("Add to the guide", variant="primary", elem_id="ca-add")
        report = gr.HTML(elem_id="ca-report")
        corpus = gr.HTML(elem_id="ca-corpus")
        with gr.Row(equal_height=True):
            chosen = gr.Dropdown(
                label="Document to remove", choices=[], value=None, elem_id="ca-remove-choice", scale=3
            )
            ask = gr.Button("Remove…", variant="secondary", elem_id="ca-remove", scale=1)
        with gr.Row(visible=False, elem_id="ca-confirm") as confirm:
            yes = gr.Button("Yes, remove it", variant="stop", elem_id="ca-remove-yes")
            no = gr.Button("Cancel", elem_id="ca-remove-no")
        removal = gr.HTML(elem_id="ca-removal")
        api = gr.Button(visible=False)
        api_files = gr.File(file_count="multiple", type="filepath", visible=False)  # checked by add_documents
        api_outputs = [gr.HTML(visible=False), gr.HTML(visible=False)]

    outputs = [corpus, chosen, source_choices]
    add.click(
        upload,
        files,
        [report, *outputs],
        api_visibility="private",
        concurrency_id="ingest",
        concurrency_limit=1,
        show_progress="full",
        show_progress_on=[report],
    )
    ask.click(ask_removal, chosen, [removal, confirm], api_visibility="private", queue=False)
    no.click(lambda: ("", gr.update(visible=False)), None, [removal, confirm], api_visibility="private", queue=False)
    yes.click(
        remove,
        chosen,
        [removal, confirm, *outputs],
        api_visibility="private",
        concurrency_id="ingest",
        concurrency_limit=1,
    )
    # The API (`/add_documents`, for `gradio_client`) raises its errors, as an API should; the page shows them inline.
    api.click(
        upload_strict, api_files, api_outputs, api_name="add_documents", concurrency_id="ingest", concurrency_limit=1
    )
    return views, outputs
