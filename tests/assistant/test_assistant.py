"""The assistant end to end, with the real MiniLM model and a real Chroma holding the guide."""

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

import assistant
from assistant import Answer, build_assistant
from assistant.citations import MARKER, split_sentences
from assistant.errors import IndexMissing, InvalidQuestion, StoreUnavailable
from assistant.evaluation import evaluate, load_eval_set
from assistant.tuning import TUNING
from ui.cli import main


@pytest.fixture(scope="module")
def guide_assistant(guide_settings, guide_store, embeddings):
    return build_assistant(guide_settings, embeddings=embeddings, store=guide_store)


def assert_well_cited(result: Answer) -> None:
    """Every sentence has a marker, every marker a citation, numbered 1..k in order of first use."""
    sentences = split_sentences(result.text)
    assert sentences
    first_use = []
    for sentence in sentences:
        numbers = [int(n) for n in MARKER.findall(sentence)]
        assert numbers, f"sentence without a marker: {sentence!r}"
        first_use += [n for n in numbers if n not in first_use]
    assert first_use == list(range(1, len(result.citations) + 1))
    assert [c.index for c in result.citations] == first_use


def test_answers_a_salary_question_with_the_figure_and_its_section(guide_assistant):
    result = guide_assistant.answer("How much do ML engineers earn?")
    assert not result.refused
    assert "$136,620" in result.text
    assert_well_cited(result)
    cited = {c.section for c in result.citations}
    assert "Earning potentials > ML engineer" in cited
    first = result.citations[0]
    assert first.source == "ml-engineer-vs-data-scientist.md"
    assert 0 < first.score <= 1
    for sentence in split_sentences(result.text):  # each sentence is the guide's own, from its passage
        n = int(MARKER.findall(sentence)[0])
        words = MARKER.sub("", sentence).strip().rstrip(".")
        assert words in result.citations[n - 1].text.replace("\n- ", " ").replace("\n", " ") or ";" in words


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("What is TorchServe?", "TorchServe"),
        ("Which role is expected to grow by 35%?", "35%"),
        ("Who earns $103,500 a year?", "$103,500"),
    ],
)
def test_exact_terms_are_found(guide_assistant, question, fact):
    result = guide_assistant.answer(question)
    assert any(fact in c.text for c in result.citations)


def test_comparison_draws_on_both_roles(guide_assistant):
    result = guide_assistant.answer("Who earns more, an ML engineer or a data scientist?")
    sections = {c.section for c in result.citations}
    assert {"Earning potentials > ML engineer", "Earning potentials > Data scientist"} <= sections
    assert_well_cited(result)


def test_follow_up_is_made_standalone_and_retrieves_its_section(guide_assistant):
    history = [
        {"role": "user", "content": "What tools do data scientists use?"},
        {"role": "assistant", "content": "They use R, SQL, Excel, Jupyter [1]."},
    ]
    result = guide_assistant.answer("And what about ML engineers?", history)
    assert result.standalone_question == "What tools do ML engineers use?"
    assert "Tools and technologies > ML engineer" in {c.section for c in result.citations}


@pytest.mark.parametrize(
    "question",
    ["What is the capital of France?", "What is the average salary of a nurse in Canada?", "Write me a poem"],
)
def test_out_of_scope_is_refused_with_nearest_sections(guide_assistant, question):
    result = guide_assistant.answer(question)
    assert result.refused
    assert result.citations == []
    assert "does not cover" in result.text
    assert 1 <= len(result.nearest_sections) <= 3
    assert all(section in result.text for section in result.nearest_sections)


def test_stream_grows_to_the_same_answer(guide_assistant):
    question = "how much do data scientists earn and what tools do they use"  # two parts: two sentences
    parts = list(guide_assistant.stream(question))
    assert len(parts) >= 2
    assert all(parts[i + 1].text.startswith(parts[i].text) for i in range(len(parts) - 1))
    assert parts[-1] == guide_assistant.answer(question)


def test_eval_set_rates(guide_assistant):
    """The first evaluation set's rates do not fall below what answers of one to three sentences reach today.

    Measured 2026-11-29: fact in answer 0.819, in a cited passage 0.861, right section 0.847, first sentence 0.778,
    1.19 sentences an answer, out-of-scope refused 1.0, in-scope refused 0.0. (Four-sentence answers reached
    0.903 / 0.944 / 0.944: a fact somewhere in four sentences, which is what issue 11 stopped rewarding.)
    """
    rates = evaluate(guide_assistant, load_eval_set()).rates
    assert rates["out_of_scope_refused"] == 1.0
    assert rates["in_scope_refused"] <= 0.05
    assert rates["fact_in_answer"] >= 0.79
    assert rates["fact_in_cited_passage"] >= 0.83
    assert rates["right_section_cited"] >= 0.82
    assert rates["sentences_per_answer"] <= 2.5
    assert rates["composed_supported"] == 1.0


def test_the_assistant_is_traced_step_by_step_when_callbacks_listen(guide_assistant):
    from langchain_core.callbacks import BaseCallbackHandler

    class Recorder(BaseCallbackHandler):
        def __init__(self) -> None:
            self.started: list[str] = []

        def on_chain_start(self, serialized, inputs, **kwargs) -> None:
            self.started.append(kwargs.get("name"))

    recorder = Recorder()
    state = {"question": "How much do ML engineers earn?", "history": []}
    traced = guide_assistant.invoke(state, config={"callbacks": [recorder]})

    assert recorder.started == ["Assistant", "condense", "retrieve", "write"]
    assert traced == guide_assistant.answer(state["question"])


def test_dense_search_by_clusters_answers_as_the_scan_does(assistant_over, tmp_path, monkeypatch):
    """Over `scan_limit` chunks dense search reads the clusters nearest the question (`assistant.clusters`); with
    every cluster read it must answer exactly as the scan does, on the guide."""
    from assistant import clusters

    monkeypatch.setattr(clusters, "CLUSTER_SIZE", 8)  # the guide's ~30 chunks in a few clusters
    monkeypatch.setattr("assistant.retrieval.TUNING", replace(TUNING, cluster_from=1))
    (tmp_path / "clustered").mkdir()
    guide = Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md"
    by_scan = assistant_over(tmp_path / "clustered", [guide])
    by_clusters = build_assistant(
        by_scan.settings.model_copy(update={"scan_limit": 0}), embeddings=by_scan.embeddings, store=by_scan.store
    )
    index = by_clusters.search.keyword_index()
    assert index.clusters is not None and len(index.clusters.centroids) <= TUNING.cluster_probes
    read = []
    nearest = index.clusters.nearest
    monkeypatch.setattr(index.clusters, "nearest", lambda *a: read.append(1) or nearest(*a))
    for case in load_eval_set():
        assert by_clusters.answer(case.question, case.history) == by_scan.answer(case.question, case.history)
    assert read, "the clusters were read"


def test_answers_read_the_revisions_files_not_the_collection(guide_settings, guide_store, embeddings, monkeypatch):
    """Ingest wrote the revision's files (`assistant.frozen`): a new process's answers open them, and read no
    chunk from Chroma, whatever the corpus size."""
    from assistant import store_pages

    def refused(*args, **kwargs):
        raise AssertionError("a chunk was read from the collection")

    monkeypatch.setattr(store_pages, "read_all", refused)
    monkeypatch.setattr("assistant.store.read_all", refused)
    monkeypatch.setattr("assistant.store.pages", refused)
    fresh = build_assistant(guide_settings, embeddings=embeddings, store=guide_store)
    assert "$136,620" in fresh.answer("How much do ML engineers earn?").text


def test_bad_questions_raise_the_projects_error(guide_assistant):
    with pytest.raises(InvalidQuestion, match="empty"):
        guide_assistant.answer("   ")
    with pytest.raises(InvalidQuestion, match="limit is 2000"):
        guide_assistant.answer("why? " * 500)
    with pytest.raises(InvalidQuestion, match="list of questions"):
        guide_assistant.answer_many("How much do ML engineers earn?")
    with pytest.raises(InvalidQuestion, match="empty"):
        guide_assistant.answer_many(["How much do ML engineers earn?", " "])


def test_no_index_says_to_ingest(settings, embeddings):
    with pytest.raises(IndexMissing, match="career-assistant ingest"):
        build_assistant(settings, embeddings=embeddings).answer("How much do ML engineers earn?")


def test_server_down_is_a_clear_error_fast(settings, embeddings):
    import socket
    import time

    with socket.socket() as sock:  # a port where nothing listens
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    down = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": port})
    started = time.monotonic()
    with pytest.raises(StoreUnavailable, match=f"127.0.0.1:{port}"):
        build_assistant(down, embeddings=embeddings).answer("How much do ML engineers earn?")
    assert time.monotonic() - started < 10


def test_notebook_function_uses_the_settings_from_the_environment(guide_settings, guide_store, monkeypatch):
    monkeypatch.setenv("CAREER_ASSISTANT_CORPUS_DIR", str(guide_settings.corpus_dir))
    monkeypatch.setenv("CAREER_ASSISTANT_CHROMA_PATH", str(guide_settings.chroma_path))
    monkeypatch.setattr(assistant, "_default", None)
    result = assistant.answer("How much do ML engineers earn?")
    assert "$136,620" in result.text
    assert assistant.default_assistant() is assistant.default_assistant()


@pytest.mark.parametrize(
    ("argv", "status", "out", "err"),
    [
        (["ask", "How much do ML engineers earn?"], 0, r"\$136,620.*\[1\] Earning potentials > ML engineer", ""),
        (["ask", "Write me a poem"], 0, "does not cover", ""),
        (["ask", "   "], 1, "", "^error: the question is empty\n$"),
    ],
)
def test_cli_ask(guide_settings, guide_store, monkeypatch, capsys, argv, status, out, err):
    monkeypatch.setenv("CAREER_ASSISTANT_CHROMA_PATH", str(guide_settings.chroma_path))
    assert main(argv) == status
    captured = capsys.readouterr()
    assert re.search(out, captured.out, re.S)
    assert re.search(err, captured.err)


def test_cli_ask_json_and_history(guide_settings, guide_store, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("CAREER_ASSISTANT_CHROMA_PATH", str(guide_settings.chroma_path))
    history = tmp_path / "history.json"
    history.write_text(json.dumps([{"role": "user", "content": "How much do data scientists earn?"}]))
    assert main(["ask", "And ML engineers?", "--history", str(history), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["standalone_question"] == "How much do ML engineers earn?"
    assert Answer.from_dict(data).citations[0].index == 1
    history.write_text("[{not json")
    assert main(["ask", "And ML engineers?", "--history", str(history)]) == 1
    assert "not valid JSON" in capsys.readouterr().err


def test_cli_without_index_exits_1_with_one_line(capsys):
    assert main(["ask", "How much do ML engineers earn?"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no collection") and "career-assistant ingest" in err and err.count("\n") == 1


def test_answer_renders_in_notebooks_and_round_trips(guide_assistant):
    result = guide_assistant.answer("How much do ML engineers earn?")
    assert str(result) == result.text
    markdown = result._repr_markdown_()
    assert re.search(r"\[\\\[1\\\]\]\(#cite-\w+-1\)", markdown)  # [1] links to this answer's footnote 1
    assert "Earning potentials \N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK} ML engineer" in markdown
    assert "\\$136,620" in markdown  # not typeset as math
    assert '<details class="ca-footnote"' in result._repr_html_()
    assert Answer.from_dict(json.loads(json.dumps(result.to_dict()))) == result
    refusal = guide_assistant.answer("Write me a poem")
    for rendered in (refusal._repr_markdown_(), refusal._repr_html_()):
        assert "Not covered by the guide" in rendered
        assert all(section.split(" > ")[-1] in rendered for section in refusal.nearest_sections)


def test_answer_many_and_aanswer_match_answer(guide_assistant):
    import asyncio

    questions = ["How much do ML engineers earn?", "Write me a poem", "What tools do data scientists use?"]
    assert guide_assistant.answer_many(questions) == [guide_assistant.answer(q) for q in questions]
    assert asyncio.run(guide_assistant.aanswer(questions[0])) == guide_assistant.answer(questions[0])


def test_html_in_an_answer_is_escaped():
    from assistant import Citation

    hostile = Answer(text="<script>alert(1)</script> [1].", citations=[Citation(1, "x.md", "<b>s</b>", "<img>", 0.5)])
    rendered = hostile._repr_html_()
    assert "<script>" not in rendered and "&lt;script&gt;" in rendered and "<img>" not in rendered
