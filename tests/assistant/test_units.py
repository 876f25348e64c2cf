"""Unit tests of the logic around the model and the store: condensing, fusion, citations, validation."""

from pathlib import Path

import pytest

from assistant import reading
from assistant.analysis import kind_of
from assistant.chain import validate
from assistant.citations import check_citations, renumber, split_sentences, with_marker
from assistant.condense import condense, is_follow_up, with_role_names
from assistant.errors import InvalidQuestion
from assistant.retrieval import Passage, _KeywordIndex, reciprocal_rank_fusion, tokenize
from assistant.sentences import passage_sentences
from assistant.store import StoredChunk
from assistant.vocabulary import Vocabulary, derive_vocabulary
from ingest.chunking import chunk_markdown, document_title

GUIDES = [
    Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md",
    Path(__file__).parents[1] / "data" / "cybersecurity-analyst-vs-penetration-tester.md",
]


def vocabulary_of(paths: list[Path]) -> Vocabulary:
    """The guides' vocabularies, derived as ingestion derives them (no model, no store)."""
    guides = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        chunks = chunk_markdown(text)
        guides.append(
            derive_vocabulary(path.name, document_title(text), [c.section for c in chunks], [c.text for c in chunks])
        )
    return Vocabulary(guides)


VOCABULARY = vocabulary_of(GUIDES)


def turn(question: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": "An answer [1]."}]


@pytest.mark.parametrize(
    ("previous", "follow_up", "standalone"),
    [
        ("What tools do data scientists use?", "And what about ML engineers?", "What tools do ML engineers use?"),
        ("How much do data scientists earn?", "How much do they earn?", "How much do data scientists earn?"),
        ("How much do data scientists earn?", "And ML engineers?", "How much do ML engineers earn?"),
        ("How much do ML engineers make?", "What about lawyers?", "How much do lawyers make?"),
        ("How much do data scientists earn?", "What about the job outlook?", "The job outlook for data scientists?"),
        ("How much does an ML engineer make?", "Is that job growing?", "Is ML engineers' job growing?"),
        ("How much do data scientists earn?", "What tools do ML engineers use?", "What tools do ML engineers use?"),
        # a lead-in then a new question is no role's name ("and how fast ..." is not a role to put in "how much ...")
        (
            "whats the pay diff between ml eng and data sci",
            "and how fast is each growing?",
            "How fast is each growing for ML engineers and data scientists?",
        ),
        # The second guide's roles, named as users name them, with no code change.
        (
            "how much do pen testers make",
            "and what about security analysts?",
            "how much do cybersecurity analysts make",
        ),
        (
            "what tools do pen testers use",
            "who do they usually work with",
            "Who do penetration testers usually work with",
        ),
        ("what tools do data scientists use", "and ML engineers?", "what tools do ML engineers use"),
        (
            "what tools do data scientists and ML engineers use",
            "and data scientists?",
            "what tools do data scientists and ML engineers use",
        ),
        (
            "what tool do pen testers use for web apps",
            "why that tool though?",
            "Why that tool though for penetration testers?",
        ),
        ("how much do ml engineers make", "which langs should i learn", "Which langs should i learn for ML engineers?"),
        # A follow-up naming the other guide's roles moves the whole comparison there, never half of it.
        (
            "whats the pay diff between ml eng and data sci",
            "and what about pen testers vs soc analysts?",
            "whats the pay diff between penetration tester and cybersecurity analyst",
        ),
        (
            "whats the pay diff between ml eng and data sci",
            "and pen testers?",
            "whats the pay diff between penetration tester and cybersecurity analyst",
        ),
        # A name asked after a name (an exam's, a credential's) is asked in its place
        ("how long does it take to become a cpa?", "and the cfa?", "how long does it take to become a cfa?"),
        ("whats the naplex passing score", "and the mpje?", "whats the mpje passing score"),
    ],
)
def test_condense_makes_follow_ups_standalone(previous, follow_up, standalone):
    assert condense(follow_up, turn(previous), VOCABULARY) == standalone


def test_condense_follows_a_chain_of_follow_ups():
    history = turn("What tools do data scientists use?") + turn("And ML engineers?")
    assert condense("How much do they earn?", history, VOCABULARY) == "How much do ML engineers earn?"


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("whats the pay diff between ml eng and data sci", "whats the pay diff between ML engineer and data scientist"),
        ("do soc analysts use splunk", "do cybersecurity analysts use splunk"),
        ("how do i get into data science", "how do i get into data science"),  # a field keeps its name
    ],
)
def test_roles_are_named_as_their_guide_names_them_before_retrieval(question, named):
    assert with_role_names(question, VOCABULARY) == named


def test_an_unreadable_stored_vocabulary_is_derived_again(tmp_path):
    """A damaged `vocabulary` field must not fail every answer: the guide's roles are read from its chunks."""
    import numpy as np

    sections = ["Pay > Nurse", "Pay > Dentist", "Tools > Nurse", "Tools > Dentist"]
    chunks = [
        StoredChunk(
            str(n),
            "Text.",
            {"source": "care.md", "section": s, "position": n, **({"vocabulary": "{broken"} if n == 0 else {})},
        )
        for n, s in enumerate(sections)
    ]
    index = _KeywordIndex.of(chunks, np.zeros((len(chunks), 4)), tmp_path)
    assert [r.name for r in index.vocabulary.roles] == ["nurse", "dentist"]


def _guides_index(tmp_path, texts: dict[str, list[str]], roles: dict[str, list[tuple[str, tuple[str, ...]]]]):
    """A keyword index of small guides (each guide's chunks; its roles and their aliases stored on its first chunk,
    as ingestion stores them), with zero vectors: for what keyword search and the vocabulary do alone."""
    import numpy as np

    from assistant.vocabulary import GuideVocabulary, Role

    chunks = []
    for source, guide in texts.items():
        vocabulary = GuideVocabulary(source, "", [Role(name, source, aliases) for name, aliases in roles[source]])
        chunks += [
            StoredChunk(
                f"{source}{n}",
                text,
                {
                    "source": source,
                    "section": "",
                    "position": n,
                    **({"vocabulary": vocabulary.to_json()} if not n else {}),
                },
            )
            for n, text in enumerate(guide)
        ]
    return _KeywordIndex.of(chunks, np.zeros((len(chunks), 4)), tmp_path)


def test_an_acronym_two_guides_share_stays_with_the_guide_that_writes_it(tmp_path):
    """ "PT" is the initials of penetration tester, which its guide never writes, and the physical therapist's
    written name ("Physical therapists (PTs)"): with both guides indexed, "pts" are physical therapists."""
    therapy = "Physical therapists (PTs) and occupational therapists (OTs) treat patients. A PT earns $99,710."
    texts = {
        "hacking.md": ["Penetration testers break into systems.", "Cybersecurity analysts watch for attacks."],
        "therapy.md": [therapy, "Occupational therapists adapt daily tasks."],
    }
    roles = {  # each role with its initials as its alias
        "hacking.md": [("penetration tester", ("PT",)), ("cybersecurity analyst", ("CA",))],
        "therapy.md": [("physical therapist", ("PT",)), ("occupational therapist", ("OT",))],
    }
    index = _guides_index(tmp_path, texts, roles)
    assert [r.name for r in index.vocabulary.roles_in("how much do pts make")] == ["physical therapist"]
    assert [r.name for r in index.vocabulary.roles_in("are cas paid well")] == ["cybersecurity analyst"]  # no conflict


def test_a_role_named_is_searched_for_in_its_own_guide(tmp_path):
    # another guide's "radiation therapists" are no physical therapists: the name counts only in its guide's chunks
    texts = {
        "therapy.md": ["About 259,200 physical therapists work in the US.", "Physical therapists treat movement."],
        "imaging.md": ["This guide does not cover radiation therapists.", "Sonographers scan organs."],
    }
    roles = {"therapy.md": [("physical therapist", ("PT",))], "imaging.md": [("sonographer", ("DMS",))]}
    index = _guides_index(tmp_path, texts, roles)
    assert sorted(index.search("physical therapists", 4)) == ["therapy.md0", "therapy.md1"]


def test_condense_leaves_a_first_question_alone():
    assert condense("  And what about ML engineers?  ", None, VOCABULARY) == "And what about ML engineers?"
    assert not is_follow_up("What does a data scientist do all day?", VOCABULARY)


def test_fusion_rewards_agreement_and_weights():
    fused = dict(reciprocal_rank_fusion([["a", "b", "c"], ["c", "b"]], k=5))
    assert fused["b"] > fused["a"]  # second in both beats first in one
    weighted = reciprocal_rank_fusion([["a"], ["b"]], k=5, weights=[1.0, 0.5])
    assert [item for item, _ in weighted] == ["a", "b"]


def test_tokenize_keeps_figures_and_exact_terms():
    tokens = tokenize("ML engineers earn $136,620; 35% growth; TorchServe, C++ and the tools")
    assert {"$136,620", "35%", "torchserve", "c++", "engineer", "tool"} <= set(tokens)
    assert "the" not in tokens


def _passage(text: str) -> Passage:
    return Passage("id", "guide.md", "Earning potentials > ML engineer", text, 0, 0.8, 0.1)


def test_keyword_scores_are_exactly_rank_bm25s(tmp_path):
    import random

    import numpy as np
    from rank_bm25 import BM25Okapi

    guide = (Path(__file__).parents[2] / "corpus" / "ml-engineer-vs-data-scientist.md").read_text(encoding="utf-8")
    chunks = [StoredChunk(str(n), text, {"section": ""}) for n, text in enumerate(guide.split("\n\n")) if text.strip()]
    index = _KeywordIndex.of(chunks, np.zeros((len(chunks), 4)), tmp_path)
    reference = BM25Okapi([tokenize(f" {c.text}") for c in chunks])
    vocabulary = [*sorted({w for c in chunks for w in tokenize(c.text)}), "unseen"]
    rng = random.Random(3)
    for _ in range(300):
        query = [rng.choice(vocabulary) for _ in range(rng.randint(1, 8))]  # repeated words too
        np.testing.assert_array_equal(index.scores(query), reference.get_scores(query))


def test_check_citations_keeps_supported_and_drops_the_rest():
    passages = [
        _passage("ML engineers have an average salary of $136,620 per year."),
        _passage("Data scientists make an average of $103,500 per year."),
    ]
    text = (
        "ML engineers have an average salary of $136,620 per year [1]. "
        "Data scientists make $103,500 [2]. Pilots earn a fortune [1]. No marker here. Bad marker [7]."
    )
    kept, dropped = check_citations(text, passages)
    assert kept == [
        ("ML engineers have an average salary of $136,620 per year.", [1]),
        ("Data scientists make $103,500.", [2]),
    ]
    assert dropped == ["Pilots earn a fortune.", "No marker here.", "Bad marker."]


def test_renumber_counts_from_one_in_order_of_first_use():
    marked, order = renumber([("B first.", [3]), ("A then.", [1]), ("B again.", [3])])
    assert marked == ["B first [1].", "A then [2].", "B again [1]."]
    assert order == [3, 1]
    assert with_marker("No stop", [2]) == "No stop [2]."
    assert split_sentences(" ".join(marked)) == marked


def test_passage_sentences_name_a_list_and_keep_labels():
    text = "Tools include:\n- Jupyter. Notebooks for analysis.\n- Matplotlib. Charts for insights."
    units = passage_sentences(text)
    assert "Jupyter: Notebooks for analysis." in units
    assert "Tools include: Jupyter; Matplotlib." in units
    assert "Tools include:" not in units


def test_a_long_item_of_a_list_with_an_intro_is_named_with_the_others():
    text = "**Pros**\n\n- Highest earning potential of the two, with senior captains earning well into six figures\n"
    text += "- Free travel\n- Days off are truly off; once you're home, there's no work"
    units = passage_sentences(text, "Pros and Cons > Airline pilot")
    assert units[-1] == (
        "Pros (airline pilot): Highest earning potential of the two, with senior captains earning well into six "
        "figures; Free travel; Days off are truly off, once you're home, there's no work."
    )
    assert "Highest earning potential of the two, with senior captains earning well into six figures" in units


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who earns more, an ML engineer or a data scientist?", "comparison"),
        ("whats the pay diff between ml eng and data sci", "comparison"),
        ("Which role has faster projected growth?", "comparison"),
        ("What tools do both data scientists and ML engineers use?", "common"),
        ("How much do ML engineers earn?", "fact"),
        ("do data scientists need C++", "yesno"),
        ("what certs do pen testers need", "list"),
        ("I'm good at maths and like presenting findings, which career fits me?", "fit"),
        ("how do i become a pen tester", "howto"),
        ("what is a SIEM", "definition"),
        ("what are the benefits of being a data scientist", "list"),  # "benefits": a plural noun, a verb too
        ("what events are on the test", "list"),
        ("what does it mean", "definition"),  # "does": no plural noun
    ],
)
def test_kind_of_question(question, kind):
    assert kind_of(question, VOCABULARY.roles_in(question)) == kind


@pytest.mark.parametrize(
    ("question", "history", "message"),
    [
        ("", None, "empty"),
        ("   \n\t", None, "empty"),
        ("x" * 2001, None, "2001 characters"),
        (42, None, "must be text"),
        ("ok?", "not a list", "history must be a list"),
        ("ok?", [{"role": "system", "content": "hi"}], r"history\[0\]"),
        ("ok?", [{"role": "user"}], r"history\[0\]"),
    ],
)
def test_validate_rejects_bad_input_clearly(question, history, message):
    with pytest.raises(InvalidQuestion, match=message):
        validate(question, history, 2000)


def test_which_things_asks_for_things_not_a_figure():
    from assistant.analysis import wants_figure

    assert wants_figure("which industries is the demand for DS and MLE strong in") is None
    assert wants_figure("what is the demand for data scientists") == "percent"


def test_the_two_roles_unnamed_are_compared():
    from assistant.analysis import kind_of

    assert kind_of("In a nutshell, what's the key difference between the two roles?", []) == "comparison"
    assert kind_of("what do the two roles earn", []) != "comparison"


def test_a_bare_phrase_bullet_is_a_list_item():
    from assistant.sentences import passage_sentences

    text = (
        "Plain skills that help on either path:\n\n- networking fundamentals such as TCP/IP and DNS\n"
        "- Windows and Linux administration\n- clear technical writing"
    )
    assert passage_sentences(text) == [
        "Plain skills that help on either path: networking fundamentals such as "
        "TCP/IP and DNS; Windows and Linux administration; clear technical writing."
    ]


@pytest.mark.parametrize(
    ("sentence", "defines"),
    [
        ("Splunk is a SIEM (security information and event management) platform that collects logs.", True),
        ("Kubernetes is a container platform that manages and scales machine learning applications.", True),
        ("Microsoft Sentinel: A cloud-based SIEM used by organizations that run on Azure.", False),
    ],
)
def test_a_sentence_that_defines_a_term(sentence, defines):
    from assistant.reading import defines as reads_as_defining
    from assistant.retrieval import terms

    term = "siem" if "SIEM" in sentence else "kubernet"
    assert reads_as_defining(sentence, frozenset(terms(term)) | {term}) is defines


def test_a_stated_figure_after_the_asked_stage_is_the_one_compared():
    from assistant.reading import figure_value

    sentence = (
        "Junior UX designers typically start around $70,000, while senior UX designers often earn $125,000 or more."
    )
    assert figure_value(sentence, "money", "senior")[1] == 125000
    assert figure_value(sentence, "money", "starting")[1] == 70000
    assert figure_value(sentence, "money")[1] == 70000
    assert figure_value("UX designer $98,000, Product manager $130,000.", "money")[0] == "$98,000"


def test_answers_split_into_sentences_by_the_one_sentence_rule():
    text = (
        'The designer owns the "how," the manager the "why." [1]. Tools: Jira; Productboard and Aha!; SQL [2]. '
        "The U.S. figure is $98,000 [3]."
    )
    assert split_sentences(text) == [
        'The designer owns the "how," the manager the "why." [1].',
        "Tools: Jira; Productboard and Aha!; SQL [2].",
        "The U.S. figure is $98,000 [3].",
    ]


def test_aliases_spelled_out_after_an_acronym_and_sometimes_called():
    from assistant.vocabulary import _aliases

    text = (
        "UX (user experience) designers, sometimes called UI/UX or product designers, figure out how a product "
        "should look. Product managers (PMs) decide what gets built. An associate product manager (APM) owns "
        "small features."
    )
    assert _aliases("UX designer", text)[:3] == ["user experience designer", "UI/UX designer", "product designer"]
    assert _aliases("product manager", text) == ["PM"]  # "APM" names a kind of product manager, not one


def test_a_figure_that_is_a_difference_is_not_a_roles_level():
    from assistant import reading

    gap = "In other words, a hygienist typically earns about $41,000 more per year than an assistant."
    assert reading.figure_value(gap, "money") is None and reading.gap_only(gap, "money")
    assert reading.figure_value("Senior UX designers often earn $125,000 or more.", "money")[0] == "$125,000"
    assert reading.figure_value("PAs earn $130,020, about $43,950 more than nurses.", "money")[0] == "$130,020"
    favour = "The gap between the two trades is small at the median, about $1,800 a year in favor of machinists."
    assert reading.figure_value(favour, "money") is None and reading.gap_only(favour, "money")
    assert reading.figure_value("Some earn $90,000 per year or more.", "money")[0].startswith("$90,000")
    assert reading.hourly_only("Median hourly pay: Dental Hygienist $42.08, Dental Assistant $22.38.")
    assert not reading.hourly_only("Dental assistants earn a median of $46,540 per year, or about $22.38 per hour.")
    assert not reading.hourly_only("VAs earned a median of $36,440, or about $17.52 an hour.")  # yearly, unsaid
    assert reading.hourly_only("Apprentices start at about $18 an hour.")


def test_a_span_of_thousands_is_read_whole_and_in_the_unit_asked():
    from assistant import reading

    text = "An electrical apprenticeship takes 4 to 5 years and about 8,000 hours of on-the-job training."
    assert reading.figure_value(text, "duration") == ("4 to 5 years", 4.0)
    assert reading.figure_value(text, "duration", unit="hour")[0] == "about 8,000 hours"


def test_a_span_may_have_a_decimal_or_a_word_before_its_unit_and_a_count_is_of_what_is_counted():
    from assistant import reading

    assert reading.figure_value("Time limit: 3.5 hours.", "duration")[0] == "3.5 hours"
    clinical = "Students complete about 1,500 clinical hours of hands-on scanning."
    assert reading.figure_value(clinical, "duration", unit="hour")[0] == "about 1,500 clinical hours"
    assert reading.figure_value("They earn $80,000 per year.", "duration") is None  # no span: a rate of pay
    outlook = "With 222,600 rad techs currently employed, about 15,400 openings are expected each year."
    assert reading.figure_value(outlook, "count")[0] == "222,600"
    assert reading.figure_value(outlook, "count", counted="openings")[0] == "15,400"


def test_a_decline_is_a_negative_share():
    from assistant import reading

    assert reading.figure_value("Legal Secretary: -3% (decline).", "percent") == ("-3%", -3.0)
    assert reading.figure_value("Paralegal: 1% growth", "percent") == ("1%", 1.0)


def test_a_list_item_of_a_label_and_its_figure_is_a_sentence_too():
    from assistant.sentences import passage_sentences

    text = "Key details of the ARRT exam:\n\n- **Time limit:** 3.5 hours\n- **Application fee:** $225\n- Python"
    assert passage_sentences(text) == [
        "Time limit: 3.5 hours.",
        "Application fee: $225.",
        "Key details of the ARRT exam: Time limit: 3.5 hours; Application fee: $225; Python.",
    ]


def test_a_proportion_counts_no_one():
    from assistant import reading

    assert reading.figure_value("About 9 out of 10 vet techs work in veterinary services", "count") is None
    assert reading.figure_value("1 in 5 nurses work nights", "count") is None
    assert reading.figure_value("There are about 259,200 PTs", "count") == ("259,200", 259200.0)


def test_how_much_a_role_of_several_words_makes_asks_for_pay():
    from assistant.analysis import wants_figure

    assert wants_figure("how much does a dental hygienist make a year?") == "money"
    assert wants_figure("how much do registered nurses make") == "money"
    # what a program costs is a price, not pay
    assert wants_figure("how much does a dental hygienist program cost to get into") == "cost"
    assert wants_figure("whats the vtne fee") == "cost"


def test_a_roles_last_word_after_a_comma_names_the_role():
    from assistant.vocabulary import GuideVocabulary, Role

    dental = [Role("dental hygienist", "d.md"), Role("dental assistant", "d.md")]
    vocabulary = Vocabulary([GuideVocabulary("d.md", "", dental), GuideVocabulary("n.md", "", [Role("nurse", "n.md")])])
    assert vocabulary.roles_in("who earns more, hygienist or dental assistant") == dental
    assert vocabulary.roles_in("is a school hygienist a thing") == [], "another word before it makes another role"


def test_a_bulleted_category_is_not_a_list_item_but_a_numbered_route_is():
    tools = passage_sentences(
        "- **Instruments:** ultrasonic scalers, periodontal probes and curettes\n"
        "- **Software:** practice management systems such as Dentrix",
        "Skills and Tools > Hygienist Skills and Tools",
    )
    assert tools == [
        "Instruments: ultrasonic scalers, periodontal probes and curettes",
        "Software: practice management systems such as Dentrix",
    ]
    routes = passage_sentences(
        "There are two routes:\n\n1. **Associate degree (ADN):** 2 to 3 years, usually at a community college.\n"
        "2. **Bachelor's degree (BSN):** 4 years at a college or university.",
        "Education",
    )
    assert routes[-1] == "There are two routes: Associate degree (ADN); Bachelor's degree (BSN)."


def test_a_chunk_whose_sentences_changed_since_they_were_stored_is_embedded_again():
    from ingest.pipeline import _FilePlan, sentence_hash

    sentences = [["Nurses earn $77,600."], ["PAs need a master's degree."]]
    known = {"a": {"sentences": 1, "sentence_hash": sentence_hash(sentences[0])}, "b": {"sentences": 1}}
    plan = _FilePlan("g.md", "hash", [], ["a", "b", "c"], known, "{}", 10, [*sentences, ["New."]])
    assert [plan.needs_embedding(n) for n in range(3)] == [False, True, True]


def test_a_last_word_two_roles_share_names_the_one_of_the_guide_the_text_names():
    from assistant.vocabulary import GuideVocabulary, Role

    dental = [Role("dental hygienist", "d.md"), Role("dental assistant", "d.md")]
    health = [Role("registered nurse", "n.md"), Role("physician assistant", "n.md")]
    vocabulary = Vocabulary([GuideVocabulary("d.md", "", dental), GuideVocabulary("n.md", "", health)])
    assert vocabulary.roles_in("day to day - hygienist vs assistant") == dental
    assert vocabulary.roles_in("nurse or assistant, who earns more") == health
    assert vocabulary.roles_in("what does an assistant earn") == [], "naming no guide's other role, it is ambiguous"


def test_a_list_sentences_intro_may_hold_a_colon():
    from assistant.reading import list_parts

    assert list_parts("The path in: apprentice, journeyman, master: Apprentice; Journeyman; Master.") == (
        "The path in: apprentice, journeyman, master",
        ["Apprentice", "Journeyman", "Master"],
    )
    assert list_parts("Tools: Python; SQL.") == ("Tools", ["Python", "SQL"])


def test_a_yes_no_comparison_is_answered_by_the_way_the_guide_compares():
    from assistant.reading import against

    growth = "Employment of dental hygienists is projected to grow 9%, faster than the average for all occupations."
    assert against("is dental hygienist job growth slower than average", growth) is True
    assert against("is it growing faster than average", growth) is False
    assert against("is it growing", growth) is None


def test_a_follow_up_adding_a_place_keeps_the_question_and_its_roles():
    history = [
        {"role": "user", "content": "how much do ML engineers earn"},
        {"role": "assistant", "content": "ML engineers have an average salary of $136,620 per year."},
    ]
    assert condense("what about in the uk", history, VOCABULARY) == "how much do ML engineers earn in the uk?"
    assert condense("And what about data scientists?", history, VOCABULARY) == "how much do data scientists earn"


def test_what_the_asker_would_avoid_or_lacks_is_read_to_its_clause_end():
    from assistant.analysis import averse

    assert averse("i hate blood but love people, rn or pa?") == "blood"
    assert averse("im colorblind, which trade suits me") == "color"
    assert averse("cant stand sitting at a desk all day, ux or pm?") == "sitting at a desk all day"
    assert averse("i dont mind heights and love math") == "", "not minding is no aversion"


def test_a_contraction_stands_for_its_word_but_a_short_or_vowelled_one_does_not():
    from assistant.vocabulary import contracted

    assert contracted("acct", "accountant") and contracted("mgmt", "management") and contracted("mktg", "marketing")
    assert not contracted("act", "accountant"), "three letters are too few to tell"
    assert not contracted("acto", "accountant") and not contracted("html", "heatmaps")


def test_a_figure_at_the_asked_end_of_a_range():
    from assistant.reading import figure_value

    text = "Accountants earn from about $50,440 at the low end to more than $137,280 at the top."
    assert figure_value(text, "money", end="high")[1] == 137280
    assert figure_value(text, "money", end="low")[1] == 50440
    assert figure_value(text, "money")[1] == 50440


def test_an_hourly_figure_reads_an_hour():
    from assistant.reading import figure_value

    assert figure_value("Analysts earn $48.02 per hour.", "money")[0] == "$48.02 an hour"
    assert figure_value("Analysts earn $99,890 per year.", "money")[0] == "$99,890 a year"


def test_a_numbered_list_of_one_sentence_steps_is_also_named_in_one_sentence():
    steps = passage_sentences(
        "1. Earn your EMT-B certification at a community college.\n2. Build strength and cardio, then pass the CPAT.\n"
        "3. Apply to departments and pass the written exam.",
        "How to become > Becoming a firefighter",
    )
    assert steps[:3] == [
        "Earn your EMT-B certification at a community college.",
        "Build strength and cardio, then pass the CPAT.",
        "Apply to departments and pass the written exam.",
    ], "each step is still a sentence of its own"
    assert "Earn your EMT-B certification at a community college; Build strength" in steps[3]


def test_every_step_of_a_numbered_list_is_a_sentence_and_named_in_the_list_whatever_its_length():
    steps = passage_sentences(
        "1. Earn a bachelor's degree, ideally in a related field.\n2. Pass the national exam.\n"
        "3. Complete a clinical fellowship (CF): at least 36 weeks and 1,260 hours of paid, mentored work under a "
        "certified clinician in any setting.",
        "Education > Becoming a clinician",
    )
    assert steps[1] == "Pass the national exam.", "a step of a few words is a sentence of its own"
    assert steps[-1] == (
        "Education (becoming a clinician): Earn a bachelor's degree, ideally in a related field; Pass the national "
        "exam; Complete a clinical fellowship (CF)."
    ), "a long step is named by what it says before its colon"


def test_a_short_verdict_reads_with_the_sentence_after_it():
    text = "Usually not. EMT-B is the standard baseline. Paramedic training takes roughly a year."
    assert passage_sentences(text)[:2] == [
        "Usually not: EMT-B is the standard baseline.",
        "Paramedic training takes roughly a year.",
    ]


def test_a_list_intro_that_points_back_takes_the_sentence_before_it():
    text = "Most start with a degree. That's enough for many jobs, but the path is longer:\n1. Study.\n2. Pass it."
    assert passage_sentences(text)[-1] == (
        "Most start with a degree; that's enough for many jobs, but the path is longer: Study; Pass it."
    )


def test_asking_back_names_each_pair_of_roles_once_and_at_most_twenty():
    # The write step alone, on a stand-in index (a namespace with a vocabulary): only the guides' roles are read.
    from types import SimpleNamespace

    from assistant.chain import WHICH_ROLES, Assistant
    from assistant.vocabulary import GuideVocabulary, Role, Vocabulary

    guides = [
        GuideVocabulary(f"g{n}.md", "", [Role(f"role{n % 25}a", f"g{n}.md"), Role(f"role{n % 25}b", f"g{n}.md")])
        for n in range(50)  # 25 pairs of roles, each in two copies of its guide
    ]
    unclear = frozenset(g.source for g in guides)  # (the guides the question could be about: here, every one)
    state = {"unclear": unclear, "index": SimpleNamespace(vocabulary=Vocabulary(guides)), "standalone": "which one?"}
    answer = Assistant._final(Assistant.__new__(Assistant), state)["answer"]
    assert answer.asks_which and answer.text.startswith(WHICH_ROLES)
    assert answer.text.count("role0as and role0bs") == 1 and "role19as" in answer.text and "role20as" not in answer.text
    assert answer.text.endswith("; and 5 more.")


def test_what_the_asker_avoids_is_found_in_its_words_forms_not_in_longer_words():
    assert reading.covers(frozenset(["meet"]), frozenset(["meetings"]))
    assert reading.covers(frozenset(["presentation"]), frozenset(["present"]))
    assert not reading.covers(frozenset(["weekend", "work"]), frozenset(["week", "working"]))


def test_a_sentence_joined_after_a_clause_starts_in_lower_case_unless_with_a_name():
    from assistant.reading import lower_first

    assert lower_first("This number fluctuates") == "this number fluctuates"
    assert lower_first("Sonographers earn more") == "sonographers earn more", "a plural is no name"
    assert lower_first("California is the main exception") == "California is the main exception"
    assert lower_first("ML engineers earn") == "ML engineers earn"


@pytest.mark.parametrize(
    ("sentence", "abbreviation", "spelled"),
    [
        ("A pharmacist, often abbreviated RPh (registered pharmacist), is the expert.", "rph", "registered pharmacist"),
        ("Passing earns the CPhT (Certified Pharmacy Technician) credential.", "cpht", "Certified Pharmacy Technician"),
        (
            "It is run by the National Association of Boards of Pharmacy (NABP).",
            "NABP",
            "National Association of Boards of Pharmacy",
        ),
        (
            "the American Speech-Language-Hearing Association (ASHA), and",
            "asha",
            "American Speech-Language-Hearing Association",
        ),
        ("Certification: Speech-Language Pathologist (SLP): CCC-SLP from ASHA", "SLP", "Speech-Language Pathologist"),
        ("the user experience (UX) team", "ux", "user experience"),
        # a parenthesis that is no spelling-out, or one word (the degree, not "audiologist")
        ("An SLP (sometimes called a speech therapist) helps people talk.", "slp", None),
        ("An audiologist (AuD) tests hearing and balance.", "aud", None),
        ("A Doctor of Audiology (AuD) takes four years.", "aud", None),
    ],
)
def test_a_sentence_spells_an_abbreviation_out_by_its_words_initials(sentence, abbreviation, spelled):
    from assistant.reading import spelled_out

    found = spelled_out(sentence, abbreviation)
    assert (found[1] if found else None) == spelled


def test_a_span_whose_ends_are_in_two_units_is_written_whole():
    """ "7 months to 2 years" is the span, not "7 months" (the twenty-third grading's #17 had cut it)."""
    from assistant.reading import figure_value

    assert figure_value("Time to get hired: Welder 7 months to 2 years.", "duration")[0] == "7 months to 2 years"
    assert figure_value("It takes 1 to 2 years.", "duration")[0] == "1 to 2 years"


def test_a_sentence_leading_with_a_difference_gives_no_level():
    from assistant import reading

    led = (
        "The median heavy equipment operator earns $4,000 more a year than the median truck driver, and the best-paid"
        " 10% of operators earn more than $94,150."
    )
    assert reading.leads_with_gap(led, "money") and not reading.gap_only(led, "money")
    assert not reading.leads_with_gap("PAs earn $130,020, about $43,950 more than nurses.", "money")


def test_a_negation_reaches_the_list_it_heads_and_an_age_bound_is_of_years_of_age():
    from assistant import reading

    listed = "They cannot perform the initial assessment, create the care plan on their own, or give IV push meds."
    assert reading.negates(listed, "iv")
    assert not reading.negates("They do not need a degree, and can work in hospitals or clinics.", "clinic")
    assert not reading.negates("No CDL is required to operate a machine on a job site, but many prefer one.", "site")
    assert reading.age_bound("You must be 21 to drive across state lines.")
    assert reading.age_verdict("You must be 21 to drive across state lines.", 18) == "No"
    assert not reading.age_bound("You must hold the CLP for at least 14 days before the skills test.")
    assert not reading.age_bound("Most employers want at least 10 years of experience.")
    assert reading.age_bound("Applicants must be at least 18 years old.")
