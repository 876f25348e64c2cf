"""`career-assistant`: a thin command line over the `ingest` and `assistant` libraries."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from assistant.errors import CareerAssistantError


def _ingest(args: argparse.Namespace, settings) -> int:
    from ingest import ingest

    report = ingest(settings, [Path(p) for p in args.paths] or None, rebuild=args.rebuild)
    for problem in report.problems:
        print(f"skipped {problem}", file=sys.stderr)
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
    return parser


def main(argv: list[str] | None = None) -> int:
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
        problems = "; ".join(f"CAREER_ASSISTANT_{'_'.join(map(str, e['loc'])).upper()}: {e['msg']}" for e in exc.errors())
        print(f"error: bad setting: {problems}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
