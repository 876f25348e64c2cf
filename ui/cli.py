"""`career-assistant`: a thin command line over the `ingest` and `assistant` libraries."""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from assistant.errors import CareerAssistantError


def _ingest(args: argparse.Namespace, settings) -> int:
    from ingest import ingest

    report = ingest(settings, [Path(p) for p in args.paths] or None, rebuild=args.rebuild)
    _print_report(report)
    return 0


def _print_report(report) -> None:
    """The files skipped and the sentences left out (on stderr), then the summary."""
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
    for sentence in report.dropped:
        print(f"left out a sentence addressed to the assistant: {sentence}", file=sys.stderr)
    print(report.summary())


def _serve(args: argparse.Namespace, settings) -> int:
    from assistant import build_assistant
    from assistant.wiring import build_embeddings, build_store
    from ui.app import exposure_credentials, serve

    host = args.host or settings.host
    auth = _login(args, settings)
    exposure_credentials(settings, host, args.share, auth)  # refuse before loading anything
    # A plain `kill` (SIGTERM) ends the server as Ctrl+C does: through `finally`, so the upload folder goes too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    # The index is brought up to date by a child `career-assistant ingest` (same environment, same settings): finding
    # what changed reads every chunk's metadata (~800 MB at 100 MB of guides), which would stay this process's peak.
    updated = subprocess.run([sys.executable, "-m", "ui.cli", "ingest"], check=False)
    if updated.returncode:  # an empty corpus, a broken store: the chat starts and says what is wrong
        print("warning: the index was not updated (the error above)", file=sys.stderr)
    embeddings = build_embeddings(settings)
    store = build_store(settings, embeddings)
    assistant = build_assistant(settings, embeddings=embeddings, store=store)
    serve(settings, host=host, port=args.port, auth=auth, share=args.share, assistant=assistant)
    return 0


def _login(args: argparse.Namespace, settings) -> str | None:
    """The USER:PASS login: `--auth-file` (or CAREER_ASSISTANT_AUTH_FILE), else `--auth`, else CAREER_ASSISTANT_AUTH."""
    path = args.auth_file or settings.auth_file
    if path:
        try:
            line = Path(path).read_text(encoding="utf-8").strip().splitlines()
        except OSError as exc:
            raise CareerAssistantError(f"cannot read the login file {path}: {exc.strerror or exc}") from None
        if not line:
            raise CareerAssistantError(f"the login file {path} is empty; write USER:PASS on its first line")
        return line[0].strip()
    if args.auth:
        print(
            "warning: --auth shows the password to anyone who can list processes (ps); "
            "set CAREER_ASSISTANT_AUTH or use --auth-file instead",
            file=sys.stderr,
        )
    return args.auth


def _read_history(path: str | None) -> list[dict] | None:
    if path is None:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CareerAssistantError(f"cannot read the history file {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise CareerAssistantError(f"the history file {path} is not valid JSON: {exc}") from None


def _ask(args: argparse.Namespace, settings) -> int:
    from assistant import build_assistant

    if args.k:
        settings = settings.model_copy(update={"top_k": args.k})
    result = build_assistant(settings).answer(args.question, _read_history(args.history))
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(result.text)
    for note in result.notes:
        print(f"note: {note}")
    if result.standalone_question and result.standalone_question != args.question.strip():
        print(f"\n(asked as: {result.standalone_question})")
    for citation in result.citations:
        print(f"\n[{citation.index}] {citation.section} ({citation.source}, score {citation.score:.2f})")
        print(textwrap.indent(citation.text, "    "))
    return 0


def _eval(args: argparse.Namespace, settings) -> int:
    from assistant import build_assistant
    from assistant.evaluation import DEFAULT_EVAL_SET, evaluate, load_eval_set

    report = evaluate(build_assistant(settings), load_eval_set(Path(args.file) if args.file else DEFAULT_EVAL_SET))
    if args.verbose:
        for r in report.results:
            flag = "ok " if (r.fact_in_answer if r.case.in_scope else r.answer.refused) else "BAD"
            print(f"{flag} {r.case.id}: {r.case.question}\n    {r.answer.text[:300]}")
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="career-assistant", description="Answers career questions from the guides in the corpus, with citations."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("ingest", help="index the corpus (only what changed since the last run)")
    p.add_argument("paths", nargs="*", help="files or folders to ingest (default: the corpus folder)")
    p.add_argument("--rebuild", action="store_true", help="drop the index and ingest everything afresh")
    p.set_defaults(run=_ingest)

    p = commands.add_parser("serve", help="update the index, then serve the chat UI (on 127.0.0.1 unless told)")
    p.add_argument("--host", help="address to listen on (default: 127.0.0.1, or CAREER_ASSISTANT_HOST)")
    p.add_argument("--port", type=int, help="port to listen on (default: 7860, or CAREER_ASSISTANT_PORT)")
    p.add_argument(
        "--auth",
        metavar="USER:PASS",
        help="require this login (needed with a non-loopback --host or --share); "
        "visible in `ps`: prefer CAREER_ASSISTANT_AUTH or --auth-file",
    )
    p.add_argument("--auth-file", metavar="FILE", help="require the USER:PASS login on this file's first line")
    p.add_argument("--share", action="store_true", help="also open a public Gradio share link (needs --auth)")
    p.set_defaults(run=_serve)

    p = commands.add_parser("ask", help="answer one question, with the cited passages")
    p.add_argument("question")
    p.add_argument("--history", metavar="FILE", help="JSON list of earlier {role, content} messages")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")
    p.add_argument("-k", type=int, metavar="N", help="passages to retrieve (default: the top_k setting)")
    p.set_defaults(run=_ask)

    p = commands.add_parser("eval", help="run an evaluation set and print its rates")
    p.add_argument("file", nargs="?", help="JSONL evaluation set (default: assistant/eval/questions.jsonl)")
    p.add_argument("-v", "--verbose", action="store_true", help="print every question and answer")
    p.set_defaults(run=_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status."""
    try:
        status = _run(argv)
        sys.stdout.flush()  # here, not at exit: a closed pipe is then ours to handle
        return status
    except BrokenPipeError:
        # The reader stopped reading (`... | head`): what it wanted it has. Point stdout at /dev/null so that the
        # interpreter's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 0


def _run(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from pydantic import ValidationError

    from assistant.settings import load_settings

    try:
        settings = load_settings()
        return args.run(args, settings)
    except CareerAssistantError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except ValidationError as exc:
        problems = "; ".join(
            f"CAREER_ASSISTANT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors()
        )
        print(f"error: bad setting: {problems}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
