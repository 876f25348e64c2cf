"""Run an evaluation set of questions through an assistant and measure its answers."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CareerAssistantError
from .results import Answer

DEFAULT_EVAL_SET = Path(__file__).resolve().parents[1] / "tests" / "eval" / "questions.jsonl"


@dataclass(frozen=True)
class EvalCase:
    id: str
    question: str
    history: list[dict]
    facts: list[str]
    sections: list[str]
    in_scope: bool


@dataclass
class CaseResult:
    case: EvalCase
    answer: Answer
    fact_in_answer: bool
    fact_in_citation: bool
    section_cited: bool


@dataclass
class EvalReport:
    results: list[CaseResult] = field(default_factory=list)

    def _rate(self, values: list[bool]) -> float:
        return sum(values) / len(values) if values else 0.0

    @property
    def in_scope(self) -> list[CaseResult]:
        return [r for r in self.results if r.case.in_scope]

    @property
    def rates(self) -> dict[str, float]:
        answered = self.in_scope
        out = [r for r in self.results if not r.case.in_scope]
        return {
            "fact_in_answer": self._rate([r.fact_in_answer for r in answered]),
            "fact_in_cited_passage": self._rate([r.fact_in_citation for r in answered]),
            "right_section_cited": self._rate([r.section_cited for r in answered]),
            "out_of_scope_refused": self._rate([r.answer.refused for r in out]),
            "in_scope_refused": self._rate([r.answer.refused for r in answered]),
        }

    def summary(self) -> str:
        lines = [f"{len(self.in_scope)} in-scope and {len(self.results) - len(self.in_scope)} out-of-scope questions"]
        lines += [f"{name.replace('_', ' '):>24}: {value:.3f}" for name, value in self.rates.items()]
        return "\n".join(lines)


def load_eval_set(path: Path = DEFAULT_EVAL_SET) -> list[EvalCase]:
    """Read a JSONL evaluation set; a malformed line is an error naming the file and line."""
    cases = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CareerAssistantError(f"cannot read the evaluation set {path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            section = row.get("section")
            cases.append(EvalCase(
                id=str(row.get("id", number)),
                question=row["question"],
                history=row.get("history") or [],
                facts=list(row.get("facts") or []),
                sections=[section] if isinstance(section, str) else list(section or []),
                in_scope=bool(row.get("in_scope", True)),
            ))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise CareerAssistantError(f"{path}:{number}: not a valid evaluation case ({exc})") from None
    return cases


def evaluate(assistant, cases: list[EvalCase]) -> EvalReport:
    """Ask every case's question and check the answer against its facts and sections."""
    report = EvalReport()
    for case in cases:
        result = assistant.answer(case.question, case.history)
        text = result.text.lower()
        cited = " ".join(c.text for c in result.citations).lower()
        sections = {c.section for c in result.citations}
        report.results.append(CaseResult(
            case,
            result,
            fact_in_answer=not result.refused and all(f.lower() in text for f in case.facts),
            fact_in_citation=not result.refused and all(f.lower() in cited for f in case.facts),
            section_cited=not result.refused and all(s in sections for s in case.sections),
        ))
    return report
