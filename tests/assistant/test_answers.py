"""Answers judged as a reader judges them, over two guides, with the real model and a real embedded Chroma:
the answer comes first, comparisons give a verdict, near-scope questions say what the guide lacks, and no answer
mixes the guides."""

import re
from pathlib import Path

import pytest

from assistant.analysis import analyse, asks_route
from assistant.citations import MARKER, split_sentences
from assistant.evaluation import judge, load_eval_set
from assistant.tuning import TUNING

FIRST_GUIDE = "ml-engineer-vs-data-scientist.md"
SECOND_GUIDE = "cybersecurity-analyst-vs-penetration-tester.md"
GUIDE = Path(__file__).parents[2] / "corpus" / FIRST_GUIDE
FOURTEENTH_GUIDE = Path(__file__).parents[1] / "data" / "speech-language-pathologist-vs-audiologist.md"
FIFTEENTH_GUIDE = Path(__file__).parents[1] / "data" / "pharmacist-vs-pharmacy-technician.md"
REAL_QUESTIONS = Path(__file__).parents[1] / "eval" / "real_questions.jsonl"
HELD_OUT_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout_questions.jsonl"
HELD_OUT_2_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout2_questions.jsonl"
HELD_OUT_3_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout3_questions.jsonl"
HELD_OUT_4_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout4_questions.jsonl"
HELD_OUT_5_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout5_questions.jsonl"
HELD_OUT_6_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout6_questions.jsonl"
HELD_OUT_7_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout7_questions.jsonl"
HELD_OUT_8_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout8_questions.jsonl"
HELD_OUT_9_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout9_questions.jsonl"
HELD_OUT_10_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout10_questions.jsonl"
HELD_OUT_11_QUESTIONS = Path(__file__).parents[1] / "eval" / "holdout11_questions.jsonl"


def first_sentence(text: str) -> str:
    return split_sentences(text)[0]


def test_a_pay_comparison_gives_the_verdict_both_figures_and_the_difference(two_guides):
    result = two_guides.answer("whats the pay diff between ml eng and data sci")
    first = first_sentence(result.text)
    assert first.startswith("ML engineers earn more: $136,620 a year [1] against $103,500")
    assert "$33,120 more" in first
    assert [c.source for c in result.citations] == [FIRST_GUIDE, FIRST_GUIDE]
    assert "136,620" in result.citations[0].text and "103,500" in result.citations[1].text


def test_the_second_guides_comparison_works_without_a_code_change(two_guides):
    result = two_guides.answer("who makes more and by how much pen tester or soc analyst")
    first = first_sentence(result.text)
    assert first.startswith("Penetration testers earn more: $135,000")
    assert "against $120,360" in first and "$14,640 more" in first
    assert {c.source for c in result.citations} == {SECOND_GUIDE}


@pytest.mark.parametrize(
    ("question", "verdict", "named"),
    [
        ("do data scientists need C++", "No", "C++"),
        ("do pen testers use splunk", "No", "Splunk"),
        ("is linux used by ml engineers", "Yes", "Linux"),
        ("is pen testing an entry level job", "No", "entry-level"),
        # switching: where the guide says one moves to the other, in that direction
        ("can a data scientist switch to ml engineering", "Yes", "transition into an ML engineer role"),
        ("can an ml engineer switch to data science", "Yes", "ML engineers can transition into the role of a data"),
    ],
)
def test_a_yes_no_question_is_answered_yes_or_no_with_its_evidence(two_guides, question, verdict, named):
    result = two_guides.answer(question)
    assert result.text.startswith(f"{verdict}:")
    assert named in first_sentence(result.text)


def test_a_list_question_gets_the_items_in_one_sentence(two_guides):
    first = first_sentence(two_guides.answer("what tools do pen testers use").text)
    for tool in ("Kali Linux", "Nmap", "Burp Suite", "Metasploit", "Hashcat"):
        assert tool in first


def test_advice_names_the_role_the_guide_describes(two_guides):
    result = two_guides.answer("which suits me if I love breaking things")
    assert first_sentence(result.text).startswith("By the guide's descriptions, that fits penetration testers best")
    assert result.citations[0].source == SECOND_GUIDE


@pytest.mark.parametrize(
    ("question", "uncovered"),
    [
        ("how much do data scientists make in canada", ["canada"]),
        ("what does google pay ML engineers", ["google"]),
        ("How long does it take to become a data scientist?", ["time span"]),
    ],
)
def test_a_near_scope_question_says_first_what_the_guide_does_not_cover(two_guides, question, uncovered):
    result = two_guides.answer(question)
    assert not result.refused
    assert result.uncovered == uncovered
    assert first_sentence(result.text).startswith(("The guide says nothing about", "The guide gives no"))
    assert result.citations  # and what the guide does give, cited


@pytest.mark.parametrize(
    "question", ["how much do dentists earn", "is $103,500 enough to buy a house in SF", "write me a poem about cats"]
)
def test_a_question_about_what_no_guide_covers_is_refused_even_quoting_a_figure(two_guides, question):
    assert two_guides.answer(question).refused


@pytest.mark.parametrize(
    ("history", "follow_up", "fact"),
    [
        (["how much do pen testers make"], "and what about security analysts?", "$120,360"),
        (["what tools do data scientists use"], "and ML engineers?", "TorchServe"),
        (["how much do ml engineers make"], "why might they earn more than that", "advanced degrees"),
    ],
)
def test_follow_ups_about_either_guides_roles(two_guides, history, follow_up, fact):
    turns = [m for q in history for m in ({"role": "user", "content": q}, {"role": "assistant", "content": "..."})]
    result = two_guides.answer(follow_up, turns)
    assert fact in result.text
    assert len({c.source for c in result.citations}) == 1


def test_the_real_questions_rates(two_guides):
    """Issue 11's targets, met on the real questions (2026-11-29, two guides: all facts 0.915, first sentence 0.922,
    1.55 sentences, right guide 1.000, out of scope refused or caveated 0.962, none refused in scope, yes/no 0.895,
    composed sentences supported 1.0)."""
    from assistant.evaluation import evaluate

    rates = evaluate(two_guides, load_eval_set(REAL_QUESTIONS)).rates
    assert rates["fact_in_answer"] >= 0.9
    assert rates["first_sentence_answers"] >= 0.85
    assert rates["in_scope_caveated"] <= 0.05
    assert rates["sentences_per_answer"] <= 2.5
    assert rates["right_guide_cited"] >= 0.95
    assert rates["out_of_scope_refused_or_caveated"] >= 0.9
    assert rates["in_scope_refused"] <= 0.03
    assert rates["yes_no_right"] >= 0.8
    assert rates["composed_supported"] == 1.0


@pytest.mark.parametrize(
    ("questions", "floors"),
    [
        # Written blind by a helper; first measured untouched at 0.569 all facts, 0.549 first sentence, 0.556 out of
        # scope refused or caveated; after the general fixes it prompted: 0.902, 0.941, 1.0.
        (
            HELD_OUT_QUESTIONS,
            {"fact_in_answer": 0.85, "first_sentence_answers": 0.88, "out_of_scope_refused_or_caveated": 0.9},
        ),
        # The second guide written blind (registered nurse vs physician assistant): untouched 0.643, 0.643, 0.625;
        # after the general fixes it prompted: 0.857, 0.810, 0.875.
        (
            HELD_OUT_2_QUESTIONS,
            {"fact_in_answer": 0.8, "first_sentence_answers": 0.75, "out_of_scope_refused_or_caveated": 0.85},
        ),
        # The third (electrician vs plumber), measured untouched with all the fixes the first two prompted: 0.476,
        # 0.548, 0.750 (the session's start, 805b077: 0.500, 0.571, 0.750); after the fixes it prompted: 0.690,
        # 0.762, 0.750.
        (
            HELD_OUT_3_QUESTIONS,
            {"fact_in_answer": 0.65, "first_sentence_answers": 0.7, "out_of_scope_refused_or_caveated": 0.7},
        ),
        # The fourth (dental hygienist vs dental assistant), measured untouched with all the fixes the first three
        # prompted (0240a8a): 0.698, 0.674, 1.000; after the fixes it prompted: 0.767, 0.814, 1.000.
        (
            HELD_OUT_4_QUESTIONS,
            {"fact_in_answer": 0.7, "first_sentence_answers": 0.72, "out_of_scope_refused_or_caveated": 0.9},
        ),
        # The fifth (accountant vs financial analyst), untouched at a46896f: 0.705, 0.636, 0.667; after its fixes
        # 0.750, 0.659, 0.667. Three of its questions name no role nor guide ("which field has more jobs overall"):
        # with seven guides indexed they could be about any, so its right guide is 0.932.
        (
            HELD_OUT_5_QUESTIONS,
            {
                "fact_in_answer": 0.72,
                "first_sentence_answers": 0.63,
                "out_of_scope_refused_or_caveated": 0.65,
                "right_guide_cited": 0.9,
            },
        ),
        # The sixth (firefighter vs police officer), untouched at 6385399: 0.477, 0.523, 0.833 (in scope caveated
        # 0.186: "ff", "dept", "earners"); after its general fixes 0.614, 0.568, 0.833. Users call police officers
        # "cops", which the guide never sets beside the role's name: those questions name no role.
        (
            HELD_OUT_6_QUESTIONS,
            {
                "fact_in_answer": 0.59,
                "first_sentence_answers": 0.54,
                "out_of_scope_refused_or_caveated": 0.8,
                "right_guide_cited": 0.9,
            },
        ),
        # The seventh (airline pilot vs air traffic controller), untouched at a968f24 (eight guides' fixes, nine guides
        # indexed): 0.705, 0.682, 0.833 (in scope caveated 0.136: "hourly" where the guide says "per hour", "the faa
        # pays" with four words between); after its general fixes 0.841, 0.795, 0.833, caveated 0.023.
        (
            HELD_OUT_7_QUESTIONS,
            {
                "fact_in_answer": 0.8,
                "first_sentence_answers": 0.75,
                "out_of_scope_refused_or_caveated": 0.8,
            },
        ),
        # The eighth (physical therapist vs occupational therapist), untouched at 32c12c8 (ten guides indexed): 0.465,
        # 0.442, 0.857: "PT" had been the initials of the security guide's penetration tester, so "pts" were pen
        # testers; after its general fixes 0.744, 0.651, 0.857.
        (
            HELD_OUT_8_QUESTIONS,
            {
                "fact_in_answer": 0.7,
                "first_sentence_answers": 0.6,
                "out_of_scope_refused_or_caveated": 0.8,
            },
        ),
        # The ninth (veterinary technician vs veterinary assistant), untouched at ef489b8 (eleven guides indexed):
        # 0.651, 0.581, right guide 0.907; after its general fixes 0.814, 0.744, 0.953.
        (
            HELD_OUT_9_QUESTIONS,
            {
                "fact_in_answer": 0.75,
                "first_sentence_answers": 0.7,
                "out_of_scope_refused_or_caveated": 0.9,
                "right_guide_cited": 0.9,
            },
        ),
        # The tenth (paralegal vs legal secretary), untouched at 6c6fa27 (twelve guides indexed): 0.558, 0.465, right
        # guide 0.907; after the general fixes it prompted 0.628, 0.512, 0.907; with thirteen guides and the fixes the
        # eleventh prompted 0.721, 0.581, 0.884 (three questions naming no role are asked which roles they mean).
        (
            HELD_OUT_10_QUESTIONS,
            {
                "fact_in_answer": 0.68,
                "first_sentence_answers": 0.55,
                "out_of_scope_refused_or_caveated": 0.9,
                "right_guide_cited": 0.85,
            },
        ),
        # The eleventh (radiologic technologist vs sonographer), untouched at ac3d0e8 (thirteen guides indexed): 0.605,
        # 0.558, right guide 0.930; after the general fixes it prompted (f025954): 0.767, 0.744, 0.930.
        (
            HELD_OUT_11_QUESTIONS,
            {
                "fact_in_answer": 0.73,
                "first_sentence_answers": 0.7,
                "out_of_scope_refused_or_caveated": 0.9,
                "right_guide_cited": 0.9,
            },
        ),
    ],
    ids=[
        "ux-designer-vs-product-manager",
        "registered-nurse-vs-physician-assistant",
        "electrician-vs-plumber",
        "dental-hygienist-vs-dental-assistant",
        "accountant-vs-financial-analyst",
        "firefighter-vs-police-officer",
        "pilot-vs-air-traffic-controller",
        "physical-therapist-vs-occupational-therapist",
        "veterinary-technician-vs-veterinary-assistant",
        "paralegal-vs-legal-secretary",
        "radiologic-technologist-vs-sonographer",
    ],
)
def test_the_blind_guides_rates(blind_guides, questions, floors):
    """Floors under what the blind guides' questions measured, and the targets that hold on any guide."""
    from assistant.evaluation import evaluate

    rates = evaluate(blind_guides, load_eval_set(questions)).rates
    for rate, floor in floors.items():
        assert rates[rate] >= floor, rate
    assert rates["sentences_per_answer"] <= 2.5
    assert rates["right_guide_cited"] >= floors.get("right_guide_cited", 0.95)
    assert rates["in_scope_refused"] <= 0.03
    assert rates["composed_supported"] == 1.0


@pytest.mark.parametrize(
    ("question", "opening", "said"),
    [
        # A yes/no against a bar weighs the guide's figure against it.
        ("do apms start at over 100k", "No:", "$95,000"),
        # A row that sets both roles apart answers a comparison of items; one that gives both figures, of figures.
        ("degree ux vs pm", "Typical degree:", "business, computer science, or engineering"),
        (
            "which takes longer to get into, nursing or pa",
            "Physician assistants take longer: 6 to 7 years",
            "2 to 4 years",
        ),
        ("are there more nursing jobs or pa jobs", "Registered nurses have more jobs", "168,300"),
        ("by how much do pas out earn nurses", "Physician assistants earn more", "$43,950 more"),
        ("are ux jobs growing faster than pm jobs", "Yes, UX designers are projected to grow faster", "10%"),
        # Not needed when the guide gives a way in without it; an optional step is not required.
        ("do i need a design degree to become a ux designer", "No, not necessarily", "bootcamp"),
        ("is a residency required after pa school", "No, not necessarily", "optional"),
        ("can a pa switch specialties w/o going back to school", "Yes:", "without going back to school"),
        # What the guide says to someone who cannot decide, under its heading about choosing.
        ("cant decide between ux and pm any advice", "If you are still unsure", "starting in UX design"),
        # A figure in a section about both roles is the role's that the sentence before it names; of two shares'
        # or stages' figures in one sentence, the asked one's clause.
        ("what do the top 10% of nurses earn", "The top 10% earn more than $132,680", "$132,680"),
        ("what is a bsn", "Bachelor of Science in Nursing (BSN)", "4 years"),
        (
            "whats the starting pay for a junior ux designer",
            "Junior UX designers typically start around $70,000 [1]",
            "$70,000",
        ),
        # The third blind guide: a share's figure is not the typical one; its table row gives both medians; "which
        # trade" is the guide's word; an alias in quotes; a section leads with its answer.
        ("electrician vs plumber salary", "Electricians earn more: $61,590", "$1,710 more"),
        ("which trade is growing faster", "Electricians are projected to grow faster: 11%", "6%"),
        ("whats a sparky", 'Electricians (often called "sparkies"', "wiring"),
        ("do electricians need a licence?", "Yes: Nearly all states require electricians", "licensed"),
        ("do plumbers need a license", "Yes, in most states", "most states"),  # the guide's own "yes", put first
        ("can i skip the apprenticeship and just do trade school", "No:", "you still need"),
        # The eleventh blind guide and what it showed of the others: a score or an age asked is a number stated with
        # it; two shared last words name the one guide's pair; a span keeps the guide's hedge; an action of a role
        # is not set against its partner; advice typed without "I", closing on "which role", or with what the asker
        # does not care about.
        ("what score do u need to pass the npte", "Scores are reported", "600 to pass"),
        ("how old do u have to be to be a va", "Some clinics hire kennel attendants at 16", "at least 18"),
        (
            "how long does it take to get into each field, tech vs assistant",
            "Veterinary technicians take longer: about 2 years",
            "a few weeks to 3 months for veterinary assistants",
        ),
        ("can vet techs diagnose or prescribe meds?", "No:", "cannot diagnose"),
        # A proportion ("9 out of 10 vet techs") counts no one; a mistyped word read as several forms weighs as one
        (
            "how many vet techs are emplyed in the us",
            "The number employed (2023) for veterinary technicians",
            "127,800",
        ),
        # "how long" asks for a span, not for sentences with "long-term" or "longer"
        (
            "how long is the fire academy and how much do ffs make",
            "The academy length for firefighters is 14 weeks",
            "14",
        ),
        # ... nor for "long-term" in the guide's advice list, nor for the other way in that "is also available"
        ("how long is vet tech school usually", "The typical education for veterinary technicians", "2-year associate"),
        # A field named by a role's first word: "finance" for financial analysts, beside "accounting"
        (
            "jr in college torn between accounting and finance... which one pays more like by how much lol",
            "Financial analysts earn more: $99,890",
            "$20,010 more",
        ),
        # A figure asked reads a few passages past the top ones that state it beside an asked word (the table, ninth)
        ("how many police officer jobs are there in the us", "The number of jobs for police officers", "795,000"),
        # ... "There are about 259,200 PTs and about 149,000 OTs working in the US", fifteenth
        ("are there more pts or ots working in the us", "Physical therapists are more numerous: 259,200", "149,000"),
        # A stage asked is compared on the row that gives it for both, each side's range as written
        (
            "entry level pay for vet tech vs va, whats the diff",
            "Veterinary technicians earn more: $36,000-$40,000",
            "$29,000-$32,000 for veterinary assistants",
        ),
        # "how long does a ... take": "take X-rays" shares the question's frame, not its subject
        (
            "how long does a dental assisting certifcate take",
            "Many assistants complete a certificate",
            "9 to 11 months",
        ),
        # "how many ... hrs" asks for hours: "20 to 40 hours of observation" (the second part's own sentence)
        (
            "how many observation hrs do vet tech programs want",
            "Many programs also require 20 to 40 hours of observation",
            "20 to 40 hours",
        ),
        # "downsides" is a word of one guide; the others head theirs "Cons"
        ("whats the downsides of being a vet assistant", "Pros and Cons (VA cons)", "kennel work"),
        (
            "career changer here, dont want student debt and just want to see if i even like clinic work, which suits "
            "me if thats my situation",
            "By the guide's descriptions, that fits veterinary assistants best",
            "student debt",
        ),
        (
            "i want a long term career with a real credential and eventually specialize in emergency medicine, which "
            "role",
            "By the guide's descriptions, that fits veterinary technicians best",
            "credential",
        ),
        (
            "i want the highest pay and most job openings, and i dont care about creative stuff. which one",
            "By the guide's descriptions, that fits physical therapists best",
            "the most openings",
        ),
    ],
)
def test_the_blind_guides_questions_are_answered_first_thing(blind_guides, question, opening, said):
    first = first_sentence(blind_guides.answer(question).text)
    assert first.startswith(opening)
    assert said in first


def test_the_route_into_a_role_reads_a_numbered_list_of_steps(blind_guides):
    text = blind_guides.answer("how do i become a pa").text
    for step in (
        "Earn a bachelor's degree",
        "Gain direct patient care experience",
        "Complete an accredited PA program",
        "Pass the PANCE",
    ):
        assert step in text


def test_every_answer_to_the_real_questions_is_short_cited_from_one_guide_and_supported(two_guides):
    """At most four sentences, or one a step for the route into a role ("how do I become a pen tester")."""
    index = two_guides.search.keyword_index()
    vocabulary = index.vocabulary
    for case in load_eval_set(REAL_QUESTIONS):
        result = two_guides.answer(case.question, case.history)
        judged = judge(case, result, vocabulary)
        assert judged.composed_supported == judged.composed, (case.question, result.text)
        if result.refused:
            continue
        assert len({c.source for c in result.citations}) == 1, (case.question, result.text)
        route = asks_route(analyse(result.standalone_question, vocabulary, index.corpus_words))
        assert 1 <= judged.sentences <= (TUNING.route_steps if route else 4), (case.question, result.text)
        assert "**" not in result.text and "|" not in result.text, result.text
        # One list item is one sentence: "Foundation first: ...; most pen testers ...", not the label twice.
        labels = [s.split(": ", 1)[0] for s in split_sentences(result.text) if ": " in s]
        assert len(labels) == len(set(labels)), (case.question, result.text)


def test_a_time_span_the_guide_gives_is_not_said_to_be_missing(two_guides):
    result = two_guides.answer("how long is the oscp exam")  # the guide: "a 24-hour practical exam"
    assert result.uncovered == [] and "24-hour" in result.text


def test_a_list_split_over_two_chunks_is_named_whole_citing_both(two_guides):
    result = two_guides.answer("list the steps of the ml engineer career path")
    merged = [s for s in split_sentences(result.text) if "Formal education;" in s]
    assert merged, result.text
    assert "Build a strong portfolio" in merged[0] and "[1][2]" in merged[0]
    assert [c.section for c in result.citations[:2]] == ["Career paths > ML engineer"] * 2


def test_a_question_of_two_parts_gets_a_sentence_for_each(two_guides):
    sentences = split_sentences(two_guides.answer("how much do pen testers make and what certs do they need").text)
    assert len(sentences) == 2
    assert "$135,000" in sentences[0] and "OSCP" in sentences[1]


@pytest.mark.parametrize(
    ("question", "lead", "source"),
    [
        ("what does an MLE do all day", "The primary responsibility of ML engineers is scaling AI models", FIRST_GUIDE),
        # The second guide's opening says what an analyst does, about analysts alone, before any section of theirs.
        (
            "what does a soc analyst actually do",
            "A cybersecurity analyst (often called a security analyst",
            SECOND_GUIDE,
        ),
        ("what is an ethical hacker", "Penetration testers (pen testers, sometimes written pentesters", SECOND_GUIDE),
    ],
)
def test_what_a_role_does_is_answered_by_the_guides_introduction_of_it(two_guides, question, lead, source):
    result = two_guides.answer(question)
    assert result.text.startswith(lead), result.text
    assert result.citations[0].source == source


def test_a_list_items_second_sentence_stays_with_its_first(two_guides):
    # The pen tester's "Certifications." item has two sentences: the OSCP one, then "The CEH and PenTest+ are ...".
    first = first_sentence(two_guides.answer("what certs do pen testers need").text)
    assert first.startswith("Certifications: The OSCP is") and "; the CEH and PenTest+" in first, first


def test_the_route_into_a_role_is_answered_step_by_step_up_to_the_role(two_guides):
    sentences = split_sentences(two_guides.answer("how do i become a pen tester").text)
    labels = [s.split(":", 1)[0] for s in sentences]
    assert labels == [
        "Foundation first",
        "Practice labs",
        "Certifications",
        "Junior tester",
    ]  # becoming one ends at the first step named after the role; "Advancing to senior roles" is a career beyond
    # A step's short first sentence brings its second: the substance of "Foundation first" is the years in IT.
    assert "rarely an entry-level job; most pen testers spend 2 to 4 years" in sentences[0]


def test_a_comparison_asking_nothing_more_gets_how_the_guide_sets_the_roles_apart(two_guides):
    first = first_sentence(two_guides.answer("ml eng vs data sci?").text)
    assert first.startswith("ML engineers are specialists in deploying machine learning models, while data scientists")
    first = first_sentence(two_guides.answer("soc analyst vs pentester whats the difference").text)
    assert "defends systems" in first and "attack systems on purpose, with permission" in first


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("how do i decide between ml eng and data science", "To determine the best fit for your interests"),
        ("how do i choose between soc analyst and pen tester", "Choose "),
    ],
)
def test_how_to_choose_without_a_word_of_the_asker_gets_what_the_guide_says_of_choosing(two_guides, question, said):
    result = two_guides.answer(question)
    assert said in first_sentence(result.text) and "By the guide's descriptions" not in result.text


def test_advice_matches_what_the_asker_likes_not_what_they_like_less(two_guides):
    result = two_guides.answer(
        "im more into digging through data and finding hidden trends than deploying stuff, ds or mle"
    )
    assert first_sentence(result.text).startswith("By the guide's descriptions, that fits data scientists best")


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("do i need a masters to be an ml enginer", "bachelor's or master's"),  # "a bachelor's or master's degree"
        ("do i need a degree to be a pentester", "or equivalent experience"),  # "Bachelor's ..., or equivalent ..."
    ],
)
def test_needing_one_of_several_alternatives_is_not_necessarily_needed(two_guides, question, said):
    result = two_guides.answer(question)
    assert result.text.startswith("No, not necessarily:") and said in first_sentence(result.text)


def test_a_guides_opening_sentence_about_itself_is_no_answer(two_guides):
    # "Compare the day-to-day work, tools, pay, and career paths of ... to decide which side of security fits you."
    for question in ("how do i choose between soc analyst and pen tester", "can pen testers earn more on the side"):
        assert "Compare the day-to-day work" not in two_guides.answer(question).text


@pytest.mark.parametrize(
    ("history", "follow_up", "fact"),
    [
        # What was said last is in the guide's words or near them; the follow-up asks about what is around it.
        (
            [
                "how long to become a senior security analyst",
                "Most analysts reach a senior analyst or incident responder position after 4 to 6 years.",
            ],
            "what comes after that",
            "security engineer, security architect, or security manager",
        ),
        (
            ["pen tester salary", "Penetration testers earn a median of about $135,000 a year in the US."],
            "can they earn more on the side",
            "bug bounty",
        ),
        (
            [
                "what does an ml engineer do",
                "ML engineers are mainly responsible for scaling AI models to production: testing, fine-tuning and "
                "deploying.",
            ],
            "who do they usually work with",
            "DevOps team members",
        ),
    ],
)
def test_a_follow_up_goes_on_from_what_was_said(two_guides, history, follow_up, fact):
    # Each fact is beyond what was said; the first sentence may carry what was said when the fact points back at it
    # ("...after 4 to 6 years; from there, paths lead to security engineer ...").
    turns = [{"role": "user", "content": history[0]}, {"role": "assistant", "content": history[1]}]
    first = first_sentence(two_guides.answer(follow_up, turns).text)
    assert fact in first, first


def test_a_question_about_both_roles_prefers_a_sentence_about_both(two_guides):
    # "... strong demand in industries including tech, finance, and health care": one sentence about both roles.
    first = first_sentence(two_guides.answer("which industries is the demand for DS and MLE strong in").text)
    assert "tech, finance, and health care" in first


@pytest.mark.parametrize(
    ("question", "uncovered"),
    [
        # Each word is in a guide ("CrowdStrike" is a tool, "interviewing" is in a list), never with what is asked.
        ("what does crowdstrike pay pen testers", "crowdstrike"),
        ("common pen tester interview questions", "interview questions"),
        # ... asked the other way round (the guide's "who interview patients" and "drug interactions" are no
        # interview questions)
        ("what questions do they usually ask in a pen tester interview", "interview questions"),
    ],
)
def test_a_word_the_guide_uses_but_never_with_what_is_asked_is_said_to_be_missing(two_guides, question, uncovered):
    result = two_guides.answer(question)
    assert result.refused or uncovered in result.uncovered, result.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # Each part of a message gets its own plan: a verdict for each comparison, the asker's age read for them, a
        # yes or no ...
        (
            "pen tester or security analyst - which pays more and which is growing faster?",
            ["Penetration testers earn more: $135,000", "Cybersecurity analysts are projected to grow faster: 33%"],
        ),
        ("im 19, can i be a cop yet? also which pays more cop or firefighter", ["No: age 21", "$12,040 more"]),
        (
            "im 32 is it too late to start a plumbing apprenticeship? and do they pay u while u learn",
            ["No. Apprenticeships have no upper age limit", "Yes: Apprentices are paid while they learn"],
        ),
        # ... the asker's age goes for the part after the one that gives it
        (
            "im 20, can i apply to be a police officer yet? what about fire dept",
            ["No: age 21", "Yes: Many fire departments cap the age of new hires at 35"],
        ),
        # ... asked as the first part asked it: not too late for a pilot at 33
        (
            "im 33, is it too late for air traffic control? what about becoming a pilot",
            ["Yes: Strict age cap: must apply before turning 31", "No: Choose airline pilot if"],
        ),
        # ... "wat" is "what": a list asked, whose sentence holds the time asked too (said once)
        (
            "wat events are on the cpat and how much time do u get",
            ["10 minutes and 20 seconds or less; it's pass/fail: Stair climb"],
        ),
        # ... and "by how much" is the comparison's own gap, not a part
        ("who makes more, pt or ot? by how much", ["Physical therapists earn more: $99,710 [1] against $96,370"]),
    ],
)
def test_each_part_of_a_message_is_answered_by_its_own_plan(blind_guides, question, said):
    sentences = split_sentences(blind_guides.answer(question).text)
    assert len(sentences) == len(said), sentences
    assert all(s in sentence for s, sentence in zip(said, sentences, strict=True)), sentences


@pytest.mark.parametrize(
    ("question", "history", "opening", "said"),
    [
        # "vets" is a word of the dictionary the guides use, not a credential's letters ("cpa"): someone not described
        ("how much do vets make compared to vet techs?", [], "The guide says nothing about vets", "$43,740"),
        # "or do i have to wait" asks on; it sets no other role against the one named
        ("im 16 can i get a job as a vet assistant or do i have to wait", [], "No: Some clinics hire", "at least 18"),
        # "per hour" qualifies the last question; it is no new role
        (
            "what about per hour?",
            ["how much more does a PA make than a nurse?", "PAs earn a median $130,020 vs $86,070 for RNs."],
            "Physician assistants earn more: $62.51 an hour",
            "$21.13 more",
        ),
        # "gets me working faster" asks for the shorter way in; the subject of the asker's degree is theirs
        (
            "rn or pa, which gets me working faster? changing careers at 28 and i already have a bachelors in english",
            [],
            "Registered nurses take less time: 2 to 4 years",
            "6 to 7 years",
        ),
        # "it" is what the last answer named, past its "No." ("The Approved Veterinary Assistant (AVA) ...")
        (
            "ok so how long does it take and whats on the exam?",
            [
                "is the AVA cert required to be a vet assistant?",
                "No. The Approved Veterinary Assistant (AVA) is optional.",
            ],
            "These programs are offered by community colleges",
            "6 to 12 months",
        ),
        # "is it worth" a way in is no pay comparison: only with a cost in it ("worth 3 more years ...") is it one
        (
            "is it worth starting as an assistant first and then going to hygiene school later?",
            ["which pays more hygienist or assistant", "Hygienists earn a median of $87,530 vs $46,540."],
            "If you are unsure, starting as an assistant and bridging to hygiene later",
            "well-worn",
        ),
        # "rn" after another guide's role is "right now"; a role switching to another is no advice on whom it suits
        (
            "im a data scientist rn, what would i need to learn to switch to ml engineering?",
            [],
            "If you aspire to transition into an ML engineer role",
            "TensorFlow",
        ),
        # "straight out of college" is answered no by "rarely an entry-level job; most ... spend 2 to 4 years ..."
        (
            "can i get a pentesting job straight out of college or do i have to do soc/helpdesk first",
            [],
            "No: Foundation first",
            "2 to 4 years",
        ),
        # "take home" asks for pay; only "taxes" is what the guide lacks
        (
            "whats a dental hygenist's take home pay per month after taxes?",
            [],
            "The guide says nothing about taxes;",
            "$87,530",
        ),
        # a sentence said again with its list after it is said once
        ("cpat - whats the time limit and how heavy is the vest", [], "You complete eight events in a row", "50-pound"),
        # wanting in fast is answered by the shorter way in; "whats the gap" asks the difference, no missing thing
        (
            "im 28 and switching careers, need something i can get into fast. rn or pa?",
            [],
            "Registered nurses take less time: 2 to 4 years",
            "6 to 7 years",
        ),
        (
            "do cops or firefighters get paid more and whats the gap",
            [],
            "Police officers earn more: $69,160",
            "$12,040",
        ),
        # a yes/no question offering its own alternative gets no yes or no of ours
        ("do i need a doctorate to be an OT or is a masters enough", [], "Occupational therapy still offers", "two"),
        # "and pilots? whats the gap": the new role against the one asked about, and by how much
        (
            "and pilots? whats the gap",
            ["how much do air traffic controllers make", "The median is $141,870 a year."],
            "Airline pilots earn more: $224,750",
            "$82,880 more",
        ),
        # the sixteenth grading: "short version pls" asks nothing; "what about the cissp, can i ... right away" is a
        # yes/no of the least; the asker's family is theirs, no thing the guide lacks
        (
            "whats the diff between what an ml engineer does vs a data scientist, short version pls",
            [],
            "ML engineers are specialists in deploying machine learning models, while data scientists",
            "broader skill set",
        ),
        (
            "ok and what about the cissp, can i just go for that right away?",
            ["whats the first cert i should get for cybersecurity analyst", "Most people start with Security+."],
            "No: Certifications:",
            "5 years of paid security experience",
        ),
        (
            "is 34 too old to start a plumbing apprenticeship? i have a family so worried about money",
            [],
            "No. Apprenticeships have no upper age limit",
            "career changers",
        ),
        # "how many hours" compares the spans in hours, each written whole ("8,000 hours", not "000 hours")
        (
            "how many hours of on the job training for an electrical apprentice vs plumbing apprentice",
            [],
            "Electricians take longer: 8,000 hours",
            "7,000 hours for plumbers",
        ),
        # the twelfth guide: a passing score may be a share ("at least 70%"); "ppl" working as a role are its
        # employed; "step by step" asks nothing missing; "paramedic" is no paralegal for sharing "para"
        ("whats the passing score on the pls exam", [], "Passing requires a score of at least 70%", "70%"),
        ("how many ppl work as paralegals in the us", [], "The number employed for paralegals", "366,200"),
        ("how to become a legal secretary step by step", [], "Build your typing speed", "60 words per minute"),
        ("do u have to be a paramedic to be a firefighter", [], "Usually not: EMT-B is the standard baseline", "EMT"),
        # a comparison of a figure the answer before did not state is asked afresh, not around the pay said
        (
            "ok and which one has better job prospects?",
            [
                "which pays more, paralegal or legal secretary?",
                "Paralegals. The median is $60,970 a year vs $49,390 for legal secretaries, about $11,580 more.",
            ],
            "Paralegals are projected to grow faster: 1%",
            "-3% for legal secretaries",
        ),
        # "become one": "one" is the role talked about, and the route into it is asked
        (
            "how do i become one",
            ["how much do electricians make", "The median is $61,590 a year."],
            "Apprentice: Most people enter through a formal apprenticeship",
            "JATC",
        ),
        # "compared to" sets the role against whoever follows it, a stage of the other role here
        ("what do junior ux designers start at compared to apms", [], "Product managers earn more: $95,000", "$70,000"),
    ],
)
def test_the_fifteenth_and_sixteenth_gradings_questions_are_answered_first_thing(
    blind_guides, question, history, opening, said
):
    turns = [{"role": r, "content": c} for r, c in zip(("user", "assistant"), history, strict=False)]
    sentences = split_sentences(blind_guides.answer(question, turns or None).text)
    assert sentences[0].startswith(opening) and said in sentences[0], sentences
    assert not any(s.rstrip(".").startswith(sentences[0][:60]) for s in sentences[1:]), sentences


@pytest.mark.parametrize(
    ("question", "opening", "said", "unsaid"),
    [
        # of a "Choose X if you:" list, the items that are what the asker says ("predictable hrs"), not all four;
        # and "weekends" avoided is not "a predictable 40-hour week" (another word, not another form of "week")
        (
            "i want predictable hrs and hate working weekends, which is better for me",
            "By the guide's descriptions, that fits legal secretaries best",
            "Value a predictable 40-hour week",
            "Type fast",
        ),
        (
            "i love research and writing and might go to law school in a few yrs, which one suits me",
            "By the guide's descriptions, that fits paralegals best",
            "Are thinking about law school later",
            "higher earning potential",
        ),
    ],
)
def test_advice_quotes_the_items_of_whom_a_role_suits_that_are_what_the_asker_says(
    blind_guides, question, opening, said, unsaid
):
    first = first_sentence(blind_guides.answer(question).text)
    assert first.startswith(opening) and said in first and unsaid not in first, first


def test_advice_weighs_a_list_item_told_alone_as_its_lists_role(assistant_over, tmp_path):
    """ "Cannot commit to a degree right now or want to avoid student debt", an item of "Choose veterinary assistant if
    you:", is the vet assistants' evidence too: the guide is chosen by each role's two best sentences, and without it
    the audiologists' "... and the debt that may come" had won (with every guide of the tests' indexed)."""
    (tmp_path / "index").mkdir()
    bot = assistant_over(tmp_path / "index", sorted(FOURTEENTH_GUIDE.parent.glob("*.md")))
    text = bot.answer(
        "career changer here, dont want student debt and just want to see if i even like clinic work, which suits me"
    ).text
    assert text.startswith("By the guide's descriptions, that fits veterinary assistants best"), text


def test_the_route_is_the_list_under_the_roles_way_in_heading_every_step_told(assistant_over, tmp_path):
    """ "Becoming an SLP" lists the steps, not the pros' "Shorter path: a master's in about 2 years"; a short step
    ("Pass the Praxis ... exam.") and a long one ("Complete a Clinical Fellowship (CF): at least 36 weeks ...") are
    steps too. (The fourteenth blind guide is not among `blind_guides` yet; see the conftest.)"""
    (tmp_path / "index").mkdir()
    bot = assistant_over(tmp_path / "index", (GUIDE, FOURTEENTH_GUIDE))
    text = bot.answer("how do i become an slp step by step").text
    steps = ["Earn a bachelor's degree", "Complete a master's degree", "Pass the Praxis", "Clinical Fellowship (CF)"]
    at = [text.find(step) for step in steps]
    assert -1 not in at and at == sorted(at) and "Shorter path" not in text, text


@pytest.mark.parametrize(
    ("question", "steps"),
    [
        (
            "how do i become a pt",
            [
                "Doctor of Physical Therapy (DPT)",
                "you must pass the National Physical Therapy",
                "you receive your state license",
            ],
        ),
        (
            "how do i become a dental hygienist",
            ["associate degree in dental hygiene", "candidates must pass the National Board"],
        ),
        (
            "steps to become an occupational therapist",
            ["two entry routes", "master's degree", "Graduates then take the national"],
        ),
    ],
)
def test_a_way_in_told_in_prose_goes_on_to_its_later_steps(blind_guides, question, steps):
    """Its opening, then the sentences telling what comes after ("After graduating, you must pass ..."), in order; not
    only the opening paragraph's next sentences (how programs are applied to)."""
    text = blind_guides.answer(question).text
    at = [text.find(step) for step in steps]
    assert -1 not in at and at == sorted(at), text


@pytest.mark.parametrize(
    ("question", "opening", "said"),
    [
        # a way in told in prose under its own heading ("Becoming a Rad Tech"), not a career ladder's list that
        # happens to say "Become a clinical instructor"
        ("how do i become a rad tech", "Most radiologic technologists complete an associate degree", "24 months"),
        ("how do i become a sonographer", "Sonographers usually complete an associate degree", "18 to 24 months"),
        # ... or headed as its path ("The PT path: the DPT"), not the skills list that says "small steps"
        ("steps to become an occupational therapist", "Occupational therapy still offers two entry routes", ""),
        ("how do i become a pt", "Every accredited physical therapy program in the US now awards the Doctor", "DPT"),
        # switching from one role to the other: the way into the other, for one who is the first
        ("im already a rad tech, how do i switch over to sonography", "People who already hold a degree", "rad techs"),
        # "rn" closing a message about another guide's role is "right now"; counting a role counts those employed
        ("how many rad techs are there in the us rn", "The number employed for radiologic technologists", "222,600"),
        # "which field" of two roles named is theirs, not a question about fields of work
        ("which field is growing faster rad tech or sono", "Sonographers are projected to grow faster", "11%"),
        # "about as fast as average" is not faster than average, and the role's own sentence says so
        ("is rad tech job growth faster than average?", "No: Rad techs: employment is projected to grow", "6%"),
        # an FAQ's bold question heads its answer: its "Yes, but not without additional training" is what the guide
        # says of "can a rad tech do ultrasound", and "no" to doing it without more school
        ("can a rad tech do ultrasound", "Yes, but not without additional training", ""),
        ("can a rad tech just start doing ultrasounds without any more schooling", "No: A rad tech needs", "12-month"),
        ("can paralegals give legal advice to clients", "No. Only a licensed attorney can give legal advice", ""),
        # the count of what is asked ("15,400 openings"), not the first count of the sentence ("222,600 rad techs")
        (
            "do rad techs or sonos have more job openings each yr",
            "Radiologic technologists have more openings: 15,400",
            "6,200",
        ),
        ("how many clinical hrs do u do in a sonography program", "Students complete about 1,500 clinical hours", ""),
        # "qs r" is "questions are"; a part asking nothing of its own ("how long do u get") asks it of the part
        # before's subject; an exam's fact in a list is said alone ("Time limit: 3.5 hours")
        ("how many qs r on the arrt radiography exam and how long do u get", "Format: 200 scored questions", ""),
        ("how much is the arrt exam", "Application fee: $225", ""),
        # a share asked ("the top 10%") is weighed on the row that gives it, or on each side's own sentence of the
        # top (its field's word naming the role: "For police, pay runs ... to more than $113,860 at the top")
        ("top 10% pay paralegal vs legal secretary", "Paralegals earn more: $98,990", "$75,320"),
        ("top earners - do the top 10% of cops or firefighters make more", "Police officers earn more: $113,860", ""),
        # a number asked of both is the row labelled with its measure, not the sentence where "a minimum age such as
        # 50" is the pension's (the eighteenth to twentieth gradings' worst answer)
        ("whats the min age for cops vs firefighters", "Minimum age: Firefighter 18, Police Officer 21", ""),
        # what is left of "I'm" is no name only one guide uses (the firefighter guide's "5 a.m."): the profile decides
        (
            "I'm 33, hate heights but don't mind dirty work, and eventually want to run my own one-man van business. "
            "which trade should i go for?",
            "By the guide's descriptions, plumbers suit you better",
            "ladders and heights",
        ),
        (
            "i'm 24, good at spatial stuff and hand-eye coordination, and nervous about radiation. which imaging job?",
            "By the guide's descriptions, that fits sonographers best",
            "avoid radiation",
        ),
        # a guide's own verdict that starts "Not ..." is its no, not a "Yes:" of ours ("PL", as first asked, spells
        # paralegal, plumber and pilot alike: which guide answered it was the search's near tie)
        ("do u need a license to be a paralegal?", "Not in most states", ""),
        # "X or Y for me?" with what the asker says of themselves is advice
        (
            "paralegal or legal secretary for me? i type like 80wpm, hate long hours before deadlines, and cant afford "
            "school rn",
            "By the guide's descriptions, that fits legal secretaries best",
            "Type fast",
        ),
        # "n" is "and"; "how many questions" counts questions
        ("how many questions r on the arrt exam for rad techs n how long do u get", "Format: 200 scored questions", ""),
        # prospects are the outlook, and a decline ("-3% (decline)") is below any growth
        (
            "which one has better job prospects, paralegals or legal secretaries?",
            "Paralegals are projected to grow faster: 1%",
            "-3% for legal secretaries",
        ),
        # "The exam lasts ..." is about the exam the sentence before named ("... given by the NBCOT")
        ("how many multiple choice questions on the nbcot test", "The exam lasts four hours and includes 170", ""),
        # "top paying state" asks which states, not the top of a pay range ("... at the top of that range")
        ("top paying state for sonographers?", "Sonographers: California ($118,620)", ""),
    ],
)
def test_the_thirteenth_guides_questions_are_answered_first_thing(blind_guides, question, opening, said):
    sentences = split_sentences(blind_guides.answer(question).text)
    assert sentences[0].startswith(opening) and said in sentences[0], sentences


def test_a_question_about_the_roles_that_no_word_ties_to_a_guide_is_asked_back(blind_guides, two_guides):
    from assistant.chain import WHICH_ROLES

    # thirteen guides, and nothing in the question tells which guide's roles: asked which, naming the guides' roles
    asked = blind_guides.answer("which one has more job openings each yr")
    assert asked.text.startswith(WHICH_ROLES) and asked.asks_which and not asked.citations and not asked.refused
    assert "radiologic technologists and sonographers" in asked.text and "typical daily task" not in asked.text
    # the reply naming one of them answers the question asked before, about that guide's roles
    history = [
        {"role": "user", "content": "which one has more job openings each yr"},
        {"role": "assistant", "content": asked.text},
    ]
    sentences = split_sentences(blind_guides.answer("the paralegal one", history).text)
    assert sentences[0].startswith("Paralegals have more openings: 39,300"), sentences
    # a word that one guide uses more than others is no reason to ask ("travel"); nor are two guides, whose words
    # are mostly in both ("cloud", "platforms")
    assert "airline pilots" in blind_guides.answer("i love travel and want max earning potential, which suits me").text
    assert not two_guides.answer("which cloud platforms do they use").text.startswith(WHICH_ROLES)


def test_a_yes_no_asking_an_amount_the_guide_gives_otherwise_is_no(blind_guides):
    history = [
        {"role": "user", "content": "do firefighters really work 24 hour shifts?"},
        {"role": "assistant", "content": "Yes, most career firefighters work 24 hours on, 48 hours off."},
    ]
    first = first_sentence(blind_guides.answer("and cops?", history).text)
    assert first.startswith("No: Police officers typically work 8, 10, or 12-hour shifts"), first
    assert first_sentence(blind_guides.answer(history[0]["content"]).text).startswith("Yes: Most career firefighters")


def test_advice_about_another_guides_roles_is_a_new_question_not_a_follow_up(blind_guides):
    # after the paralegals, advice whose words only the trades guide uses is about electricians and plumbers
    history = [
        {"role": "user", "content": "which one has more job openings, paralegals or legal secretaries?"},
        {"role": "assistant", "content": "Paralegals have more openings: 39,300 [1] against 17,500 [1]."},
    ]
    question = "im 33, hate heights, dont mind dirty work and want my own van business someday. which trade?"
    first = first_sentence(blind_guides.answer(question, history).text)
    assert first.startswith("By the guide's descriptions, plumbers suit you better"), first


def test_each_part_is_answered_by_its_own_fact(blind_guides):
    sentences = split_sentences(
        blind_guides.answer("how many qs r on the arrt radiography exam and how long do u get").text
    )
    assert [s.split(" [")[0] for s in sentences] == [
        "Format: 200 scored questions plus 30 unscored pilot questions",
        "Time limit: 3.5 hours",
    ]


def test_a_list_asked_is_answered_by_the_list_alone(blind_guides):
    # not one of its items told again ("Productboard and Aha! help PMs ..."), nor a sentence sharing a word by chance
    sentences = split_sentences(blind_guides.answer("what tools should i learn if i wanna be a pm").text)
    assert sentences == [
        "Tools (product manager): Jira; Productboard and Aha!; Amplitude and Mixpanel; SQL; "
        "Google Sheets and Excel [1]."
    ], sentences


def test_a_short_yes_goes_on_to_the_figure_of_what_it_says(blind_guides):
    # "Apprentices are paid while they learn." says yes; the next sentence says how much
    sentences = split_sentences(blind_guides.answer("do apprentices get paid").text)
    assert sentences[0].startswith("Yes: Apprentices are paid") and "40 to 50 percent" in sentences[1], sentences
    assert len(sentences) == 2


def test_whether_something_is_worth_it_gets_the_guides_weighing_not_a_yes(blind_guides):
    first = first_sentence(blind_guides.answer("is pt school even worth it with the debt").text)
    assert not first.startswith(("Yes", "No")) and "student debt" in first, first


def test_not_needing_what_is_asked_is_no_though_the_guide_names_it_as_preferred(blind_guides):
    # "You do not need a bachelor's degree ..., but many hospitals now prefer ... a BSN": the BSN is in the "but"
    assert first_sentence(blind_guides.answer("do rns need a bsn").text).startswith("No, not necessarily:")


def test_the_other_roles_figure_in_a_section_about_both_is_not_the_asked_ones(blind_guides):
    # "the median annual wage for vet techs was $43,740" names only the other role; "VAs earned a median of $36,440,
    # or about $17.52 an hour" gives a yearly figure though only its hourly one says so
    turns = [
        {"role": "user", "content": "what's the median salary for a vet tech?"},
        {"role": "assistant", "content": "The median vet tech salary is $43,740 a year (May 2023)."},
    ]
    result = blind_guides.answer("and for a va?", turns)
    assert "$36,440" in first_sentence(result.text) and "$43,740" not in result.text, result.text


def test_the_route_answers_how_long_it_takes_with_the_steps_durations(blind_guides):
    result = blind_guides.answer("how long does it take to become a senior pm")
    assert result.uncovered == [] and "1 to 2 years" in result.text and "3 to 5 years" in result.text


def test_what_a_role_does_names_its_responsibilities_too(blind_guides):
    sentences = split_sentences(blind_guides.answer("what does a pm actually do").text)
    assert sentences[0].startswith("Product managers (PMs) decide what gets built")
    assert "Roadmap planning" in sentences[1]


def test_a_quality_the_guide_never_states_gets_no_yes(blind_guides):
    result = blind_guides.answer("is figma free")
    assert not result.text.startswith("Yes") and (result.refused or "free" in result.uncovered)


def test_the_same_asked_of_the_other_role_reads_its_ranks_after_their_intro(blind_guides):
    turns = [
        {"role": "user", "content": "what are the ranks in the fire department"},
        {"role": "assistant", "content": "In order: Probationary Firefighter, Firefighter, Lieutenant."},
    ]
    result = blind_guides.answer("and for cops?", turns)
    assert all(rank in first_sentence(result.text) for rank in ("Corporal", "Sergeant", "Chief of Police")), result.text


def test_a_follow_up_pointing_at_what_was_said_is_about_its_role(blind_guides):
    turns = [
        {"role": "user", "content": "whats the entry level job for ux"},
        {
            "role": "assistant",
            "content": "Most people start as a junior UX designer, working under senior "
            "designers for the first 1 to 2 years.",
        },
    ]
    result = blind_guides.answer("how much does that pay", turns)
    assert not result.refused and "$70,000" in first_sentence(result.text)


def test_tools_both_roles_use_come_from_the_guides_shared_section(blind_guides):
    first = first_sentence(blind_guides.answer("which tools do both ux designers and pms use").text)
    assert first.startswith("Tools (both roles): Miro; Notion and Confluence; Slack; Loom")


def test_near_duplicate_documents_do_not_repeat_a_sentence(tmp_path, assistant_over):
    """Three copies of the guide, two with a line changed (a user uploading drafts): every sentence said once."""
    drafts = []
    for n in (1, 2):
        draft = tmp_path / f"draft-{n}.md"
        draft.write_text(
            GUIDE.read_text(encoding="utf-8").replace("In this article", f"In draft {n} of this article"),
            encoding="utf-8",
        )
        drafts.append(draft)
    (tmp_path / "index").mkdir()
    bot = assistant_over(tmp_path / "index", (GUIDE, *drafts))
    for question in ("how much do data scientists make", "what tools do ml engineers use", "how do i become a ds"):
        sentences = [MARKER.sub("", s).strip() for s in split_sentences(bot.answer(question).text)]
        assert len(sentences) == len(set(sentences)), sentences


def test_a_growth_verdict_keeps_the_figures_horizon_and_a_stage_asked_is_compared(blind_guides):
    first = first_sentence(blind_guides.answer("which is growing faster, ux or pm jobs").text)
    assert first.startswith("UX designers are projected to grow faster: 16% by 2033 [1] against 10% by 2033")
    first = first_sentence(blind_guides.answer("senior ux/ui designer vs senior pm pay").text)
    assert "$160,000" in first and "$125,000" in first
    first = first_sentence(blind_guides.answer("starting salary ux vs pm").text)
    assert "$95,000" in first and "$70,000" in first, first


def test_a_table_row_asked_about_one_role_is_read_for_that_role(blind_guides):
    first = first_sentence(blind_guides.answer("whats the entry level job for pms").text)
    assert first.startswith("The entry-level title for product managers is Associate product manager (APM)")
    assert "Junior UX designer" not in first


@pytest.mark.parametrize(
    ("asked", "follow_up", "said"),
    [
        (
            "how many dental assistant jobs are there",
            "and hygienists?",
            "The number of jobs for dental hygienists is about 219,200",
        ),
        ("median salary for an accountant", "what about financial analysts", "$99,890"),
    ],
)
def test_the_same_asked_of_the_other_role_is_answered_from_the_row_just_read(blind_guides, asked, follow_up, said):
    turns = [{"role": "user", "content": asked}, {"role": "assistant", "content": blind_guides.answer(asked).text}]
    assert said in first_sentence(blind_guides.answer(follow_up, turns).text)


def test_a_role_the_guide_names_as_a_stage_is_answered_and_a_caveat_adds_only_the_closest_sentence(blind_guides):
    result = blind_guides.answer("what does a charge nurse do")
    assert not result.uncovered and "runs a unit during a shift" in first_sentence(result.text)
    caveated = blind_guides.answer("what questions do they ask in pa school interviews")
    assert caveated.uncovered == ["school interviews"]
    assert len(split_sentences(MARKER.sub("", caveated.text))) == 1


def test_whats_driving_that_goes_on_to_the_sentence_after_what_was_said(blind_guides):
    history = [
        {"role": "user", "content": "which trade is growing faster"},
        {
            "role": "assistant",
            "content": "Electricians. Their employment is projected to grow 11% between 2023 "
            "and 2033, compared with 6% for plumbers.",
        },
    ]
    first = first_sentence(blind_guides.answer("whats driving that", history).text)
    assert first.startswith("The growth is driven by solar panel installation")


def test_how_long_to_a_stage_adds_up_the_steps_before_it(blind_guides):
    result = blind_guides.answer("how long does it take to become a senior pm")
    assert first_sentence(result.text).startswith(
        "About 4 to 7 years by the guide's steps: Associate product manager (APM) 1 to 2 years, then product manager "
        "3 to 5 years (not counting gain adjacent experience"
    )
    assert "Director of product" not in result.text  # (a composed sentence is dropped unless its figures hold)


def test_what_two_roles_do_is_answered_from_each_ones_own_sections(blind_guides):
    """Not the guide's one sentence setting them apart ("... needs a degree ..., while a dental assistant can start
    working in under a year"): what each does, from its own section."""
    result = blind_guides.answer("whats the difference in what they do day to day - hygienist vs assistant")
    sections = [c.section for c in result.citations]
    assert any(s.split(" > ")[-1].endswith(("for a Hygienist", "Hygienist Do?")) for s in sections), result.text
    assert any(s.split(" > ")[-1].endswith(("for an Assistant", "Assistant Do?")) for s in sections), result.text


def test_a_route_both_roles_share_is_read_step_by_step(blind_guides):
    """The electrician guide's one ladder for both trades ("The path in: apprentice, journeyman, master"), under a
    heading with a colon of its own: no list of the electrician's own, so the guide's shared one."""
    sentences = split_sentences(blind_guides.answer("how do i become an electrician").text)
    assert [s.split(":")[0] for s in sentences] == ["Apprentice", "Journeyman", "Master"], sentences


def test_a_yes_no_comparison_the_guide_makes_the_other_way_is_a_no(blind_guides):
    result = blind_guides.answer("is dental hygienist job growth slower than average")
    assert result.text.startswith("No: ") and "faster than the average" in first_sentence(result.text), result.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a role that demands what the asker lacks is ruled out, leaving its guide's other role
        ("im colorblind, which trade suits me", ["plumbers suit you better", "color vision"]),
        ("im afraid of heights, electrician or plumber?", ["plumbers suit you better", "heights"]),
        # and a sentence that says no role avoids it is the answer
        ("i hate blood but love people, rn or pa?", ["neither job lets you avoid blood"]),
        # what they "dont really want" is no match for the role whose fit names it
        (
            "i love sports and working out and dont really want to work with little kids, pt or ot?",
            ["fits physical therapists best"],
        ),
    ],
)
def test_what_the_asker_would_avoid_rules_out_the_role_that_demands_it(blind_guides, question, said):
    first = first_sentence(blind_guides.answer(question).text)
    assert all(s in first for s in said), first


def test_a_yes_no_about_someone_lacking_what_the_role_needs_is_no(blind_guides):
    first = first_sentence(blind_guides.answer("can a colorblind person be an electrician").text)
    assert first.startswith("No") and "normal color vision" in first, first


@pytest.mark.parametrize(
    ("question", "history", "said"),
    [
        ("what are the downsides of being an accountant", [], ["Cons (accountant)", "busy season"]),
        ("how do i become a cpa", [], ["CPA exam"]),  # a credential the guide names, not a role it lacks
        ("which has better job growth acct or fin analyst", [], ["9%", "6% for accountants"]),
        ("at the very top of the pay range which pays better, accounting or financial analysis", [], ["$176,830"]),
        (
            "how long does it take to get that",
            ["what cert do accountants usually get", "The main one is the CPA (Certified Public Accountant)."],
            ["5 to 7 years"],
        ),
        (  # a whole span of something else ("becoming a licensed CPA") is no answer to "till partner"
            "how long til you make partner",
            ["whats the career ladder in public accounting?", "It usually goes Staff Accountant, ..., then Partner."],
            ["Partner (12+ years)"],
        ),
        (  # the eleventh guide: what "it" costs is the thing the last answer named, priced ("Fee: $330")
            "how much does it cost",
            ["what exam do vet techs have to take?", "Most vet techs must pass the VTNE, run by the AAVSB."],
            ["$330"],
        ),
    ],
)
def test_the_seventh_blind_guides_questions_are_answered_first_thing(blind_guides, question, history, said):
    turns = [{"role": r, "content": c} for r, c in zip(("user", "assistant"), history, strict=False)]
    result = blind_guides.answer(question, turns or None)
    first = first_sentence(result.text)
    assert not result.uncovered and all(s in first for s in said), result.text


@pytest.mark.parametrize(
    "question",
    [
        "who won the super bowl last year",
        "translate good morning into spanish",
        "whats the best laptop for college",  # one guide says "laptops", another "community college": never together
        "can you recommend a good stock to buy right now",
    ],
)
def test_an_unrelated_question_sharing_a_word_with_many_guides_is_refused(blind_guides, question):
    # With seven guides indexed, some passage near the top has "year" or "morning": one word of many by chance
    assert blind_guides.answer(question).refused


@pytest.mark.parametrize(("question", "term"), [("what is a siem", "SIEM"), ("what does cpat stand for", "CPAT")])
def test_a_short_question_about_a_guides_term_is_answered_below_the_threshold(blind_guides, question, term):
    result = blind_guides.answer(question)
    assert not result.refused and term in first_sentence(result.text)


def test_duties_are_what_a_guide_heads_responsibilities(blind_guides):
    result = blind_guides.answer("main duties of a dental assistant")
    assert not result.uncovered and "Preparing patients" in first_sentence(result.text), result.text


def test_whether_one_role_is_worth_it_over_the_other_is_answered_with_both_pays_not_a_yes(blind_guides):
    first = first_sentence(
        blind_guides.answer("is it worth 3 years of school to be a hygienist instead of an assistant").text
    )
    assert first.startswith("By pay, dental hygienists earn more") and "$87,530" in first and "$46,540" in first


def test_what_are_the_things_of_a_test_is_its_list(blind_guides):
    first = first_sentence(blind_guides.answer("what are the cpat events").text)
    assert "Stair climb" in first and "Hose drag" in first and "Ceiling breach and pull" in first, first


def test_a_yes_no_setting_one_role_against_another_named_after_than_is_weighed(blind_guides):
    first = first_sentence(blind_guides.answer("is the fire academy longer than the police academy?").text)
    assert first.startswith("No") and "21 weeks" in first and "14 weeks" in first, first


@pytest.mark.parametrize(
    "question",
    [
        "who won the super bowl last year",
        "translate good morning into spanish",
        "whats the best laptop for college",  # one guide says "laptops", another "community college": never together
        "can you recommend a good stock to buy right now",
    ],
)
def test_an_unrelated_question_in_a_conversation_is_not_made_about_its_roles(two_guides, question):
    turns = [
        {"role": "user", "content": "is it worth becoming an ml eng instead of a data sci"},
        {"role": "assistant", "content": "By pay, ML engineers earn more: $136,620 a year against $103,500."},
    ]
    result = two_guides.answer(question, turns)
    assert result.refused and "ML engineer" not in result.standalone_question, result.standalone_question


def test_a_question_of_the_guides_words_after_one_about_roles_is_about_them(two_guides):
    turns = [
        {"role": "user", "content": "how much do ml engineers make"},
        {"role": "assistant", "content": "$136,620."},
    ]
    assert "ML engineers" in two_guides.answer("which langs should i learn", turns).standalone_question


def test_a_follow_up_adding_a_place_the_guide_lacks_gives_the_figure_just_said_beside_the_caveat(two_guides):
    turns = [{"role": "user", "content": "how much do ml engineers make"}]
    turns.append({"role": "assistant", "content": two_guides.answer(turns[0]["content"]).text})
    result = two_guides.answer("what about in canada", turns)
    assert "canada" in result.uncovered and "$136,620" in result.text, result.text


def test_a_refusals_closest_sections_are_of_the_guide_nearest_the_question(blind_guides):
    result = blind_guides.answer("how much is the oscp exam fee")  # the OSCP is the pen testing guide's
    assert result.refused and "Penetration tester" in result.text, result.text
    assert "At a Glance" not in result.text and "physician assistant" not in result.text, "no other guide's sections"


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # no stage asked: the asked role's median, not its top-10% figure or a stipend a year
        ("how much do firefighters make a year", "The median annual salary for firefighters is $57,120"),
        ("how much do the top plumbers make", "$101,120"),  # a range's end asked: its top figure
        # a table row's plural label, and a cell that runs on after ";"
        ("whats the first cert most soc analysts get", "The common certifications for cybersecurity analysts are"),
        ("whats the required exam for dental assistants", "none nationally; CDA exam is optional in many states"),
    ],
)
def test_figures_and_rows_of_the_blind_guides_read_for_what_is_asked(blind_guides, question, said):
    first = first_sentence(blind_guides.answer(question).text)
    assert said in first, first


def test_a_word_only_another_guide_uses_is_missing_from_the_guide_asked_about(blind_guides):
    # the accountant guide says "tax", the nurse guide never does
    result = blind_guides.answer("how much do registered nurses make after taxes")
    assert "taxes" in result.uncovered and "$86,070" in result.text, result.text


def test_advice_below_the_refusal_threshold_is_still_answered(blind_guides):
    result = blind_guides.answer(
        "i love figuring out whats wrong w people and want to prescribe stuff, which one suits me"
    )
    assert not result.refused and "physician assistants" in first_sentence(result.text), result.text


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("whats atc hourly pay", ["$68.21 per hour"]),  # "hourly", where the guide says "per hour"
        ("how much does flight school cost roughly", ["$85,000 to $110,000"]),  # "costs ... at most flight schools"
        ("job growth pilots vs controllers?", ["Airline pilots are projected to grow faster", "4%", "1%"]),
        ("are there more pilot jobs or controller jobs", ["Airline pilots have more jobs", "110,400", "25,700"]),
        ("pros of being an airline pilot?", ["Pros (airline pilot)", "Highest earning potential", "No hiring age cap"]),
        ("whats bad about being a controller, cons", ["Cons (air traffic controller)", "burnout"]),
        ("when do airline pilots have to retire", ["65"]),  # not the sentence about controllers retiring at 56
        ("do airline pilots have to retire at 65", ["Yes", "65"]),
        ("which one lets u retire sooner, ff or leo?", ["20 years"]),  # "leo": a side the guide does not name
    ],
)
def test_the_ninth_blind_guides_questions_are_answered_first_thing(blind_guides, question, said):
    result = blind_guides.answer(question)
    first = first_sentence(result.text)
    assert not result.refused and all(s in first for s in said), result.text
    assert result.uncovered in ([], ["leo"]), result.uncovered


@pytest.mark.parametrize(
    ("question", "said"),
    [
        # a count is no year ("Job growth (2023-2033)") nor a share: the row of openings answers
        ("are there more job openings each yr for pts or ots", ["Physical therapists have more openings", "13,400"]),
        ("how many flight hours do u need for the atp", ["1,500 hours"]),  # hours by the hundred are a count
        # "Most fire departments use the CPAT ... You complete eight events ...": the sentence going on is about it
        ("whats the time limit on the cpat", ["10 minutes and 20 seconds"]),
        ("how many parts is the cpa exam", ["four sections"]),  # a count in words
        ("hygiene or assisting which pays more", ["Dental hygienists earn more"]),  # the roles' fields, no comma
        # "code or design screens": things done, no UX designer set against the product manager
        ("do product managers have to code or design screens themselves", ["Product managers rarely design screens"]),
        # not "two to three years after the academy": a span measured from what was asked about
        ("how long is the faa acadamy for air traffic control", ["16 weeks"]),
        # the asker's age against the asked role's age bound (not the pilots' "no hiring age cap" beside it)
        ("im 32 can i still apply to be atc", ["No:", "31"]),
        ("im 33, is it too late to become an air traffic controller", ["Yes:", "31"]),  # too late: yes
        ("im 37, too old to become a ff?", ["Often, yes:", "35"]),
        ("is 34 too old to start an electrician apprenticeship", ["No.", "no upper age limit"]),  # its own verdict
        ("what can pts specialize in", ["specialty areas", "Orthopaedics"]),  # "specialize": "specialty", one family
        # "apms" names no role but one guide: that guide's passages are all searched, not the few of its in the top
        ("what do apms get paid starting out", ["$95,000"]),
        # from the thirteenth and fourteenth gradings: the least asked about, and a sentence asking for more: no
        ("can i get the cissp straight out of college or nah", ["No", "5 years"]),
        ("is a regular 4 yr bachelors enough to get a cpa license", ["No", "150 semester credit hours"]),
        # the last sentence asks; a side's count is in its role's next sentence
        (
            "pa is growing way faster than rn right? but which one actually has more openings each yr",
            ["Registered nurses have more openings", "197,200", "12,200"],
        ),
        # what is counted names the verdict, "how many more" its difference
        (
            "how many more years can a pilot work than a controller before mandatory retirement",
            ["have more years", "65", "56", "9 more"],
        ),
        # a span asked "by how much" gets the difference when both are in one unit
        ("fire academy vs police academy which is longer and by how much", ["21 weeks", "14 weeks", "7 weeks more"]),
        # what is counted is the head word ("openings"), not "Jobs in the US" for the "job" of "job openings"
        ("rn or pa, which one actually has more job openings each yr", ["197,200", "12,200"]),
        # asked for the quicker, the shorter comes first
        ("soc analyst vs pentester which one gets u to senior level quicker", ["Cybersecurity analysts take less"]),
    ],
)
def test_the_tenth_guides_and_its_gradings_questions_are_answered_first_thing(blind_guides, question, said):
    result = blind_guides.answer(question)
    first = first_sentence(result.text)
    assert not result.refused and all(s in first for s in said), result.text


@pytest.mark.parametrize(
    "question",
    [
        "any particular cert worth getting for ml eng? trying to break in w/o going back to school",
        "im 37, too old to become a ff?",
        "im colorblind (red green) can i still be an electrician",
    ],
)
def test_an_adjective_the_asker_uses_is_no_missing_thing(blind_guides, question):
    assert blind_guides.answer(question).uncovered == []


def test_a_follow_up_naming_no_role_stays_in_the_guide_of_the_conversation(blind_guides):
    turns = [
        {"role": "user", "content": "how do police/fire pensions usually work"},
        {"role": "assistant", "content": "A typical formula pays 2.5% of your final average salary for each year."},
    ]
    result = blind_guides.answer("so 30 yrs = what %? and how much do they take out of ur check for it", turns)
    assert "75%" in first_sentence(result.text), result.text  # not the electrician guide's "too late in my 30s?"
    assert {c.source for c in result.citations} == {"firefighter-vs-police-officer.md"}


def test_someone_no_guide_describes_set_against_a_role_gets_only_that_roles_figure(blind_guides):
    result = blind_guides.answer("do nurse practitioners make more than PAs? thinking np instead")
    assert result.uncovered == ["nurse practitioners"]
    assert "$130,020" in result.text and "$86,070" not in result.text, result.text  # not the registered nurse's pay


def test_the_guides_own_word_that_it_does_not_cover_what_is_asked_comes_first(blind_guides):
    result = blind_guides.answer("what do linemen make? the guys up on the utility poles")
    assert first_sentence(result.text).startswith("Outside linemen"), result.text  # not electricians' pay first
    assert "$61,590" not in result.text


@pytest.mark.parametrize(
    ("question", "uncovered", "said"),
    [
        ("roughly what would a hygienist take home after taxes in texas", ["taxes", "texas"], "$87,530"),  # pay asked
        ("whats an ml engineer at google pull in per year? asking for a friend lol", ["google"], "$136,620"),
    ],
)
def test_a_near_scope_question_gives_the_closest_figure_after_what_is_not_covered(
    blind_guides, question, uncovered, said
):
    result = blind_guides.answer(question)
    assert result.uncovered == uncovered and said in first_sentence(result.text), result.text


def test_a_yes_no_comparison_somewhere_the_guide_does_not_cover_gets_no_yes_or_no(blind_guides):
    result = blind_guides.answer("do uk firefighters get paid better than police officers over there")
    assert result.uncovered == ["uk"]
    assert "Police officers earn more" in result.text and "No," not in result.text, result.text


def test_a_thing_the_asked_guide_never_names_is_not_covered_though_another_guide_names_it(blind_guides):
    # "interview" is in five other guides, not the therapists'; the noun closing "an ot job interview" is a thing
    result = blind_guides.answer("what questions do they ask in an ot job interview")
    assert result.uncovered == ["interview questions"], result.text  # (the questions of one, said once)


def test_a_role_qualified_by_a_credential_the_guide_names_is_not_someone_else(blind_guides):
    # "ADN" is the guide's "Associate degree (ADN)": an ADN nurse is its nurse, not a role it lacks
    assert blind_guides.answer("im an adn nurse, how do i get my bsn").uncovered == []


def test_what_someone_no_guide_describes_does_is_not_covered(blind_guides):
    result = blind_guides.answer("what does a court reporter do and how much do they make")
    assert result.refused and result.uncovered == ["court reporter"], result.text


def test_the_faa_paying_is_said_even_with_words_between(blind_guides):
    assert blind_guides.answer("does the faa pay for atc training").uncovered == []


def test_a_word_only_one_guide_uses_picks_that_guide_for_a_question_naming_no_role(blind_guides):
    result = blind_guides.answer("how long is the faa academy")  # academies of three guides; the FAA in one
    assert "16 weeks" in first_sentence(result.text), result.text
    assert {c.source for c in result.citations} == {"pilot-vs-air-traffic-controller.md"}


def test_a_guides_sentence_names_only_its_own_roles(blind_guides):
    # "Senior accountants typically earn around $94,500, and controllers often clear $150,000": the accounting
    # guide's controllers, not the aviation guide's air traffic controllers; "whos" is "who's", no missing thing
    result = blind_guides.answer("senior accountant vs senior financial analyst salary, whos paid more")
    assert first_sentence(result.text).startswith("Financial analysts earn more: $118,200 [1] against $94,500")
    assert result.uncovered == []


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # what the asker says of themselves with no "i", then which of two: advice
        (
            "27, cant afford 100k for flight school and want to be home every night. pilot or atc?",
            "By the guide's descriptions, that fits air traffic controllers best",
        ),
        (
            "im 32, dont mind dirty jobs and eventually want to run my own one-man van business. "
            "plumbing or electrical?",
            "By the guide's descriptions, that fits plumbers best",
        ),
        # a list's intro demands its item: "Financial analysts need: ... presentations"; not "Choose accounting if you:
        # ...; Prefer working independently over presenting to groups; Are comfortable with a few intense months"
        (
            "i hate presenting to people and i like clear rules + getting things exactly right. "
            "accounting or fin analyst?",
            "By the guide's descriptions, accountants suit you better",
        ),
        ("what do firefighters make on average", "The median annual salary for firefighters is $57,120"),
        ("what events are on the cpat test", "You complete eight events in a row"),
        ("how much more do financial analysts make than accountants", "Financial analysts earn more: $99,890"),
        ("pm vs ux designer salary, how big is the gap", "Product managers earn more: $130,000"),  # "big": no thing
        ("what are all the events in the cpat test", "You complete eight events in a row"),
        ("what does an entry lvl soc analyst typically start at", "Entry-level SOC analysts often start closer to"),
        # a role by the informal name its guide uses of a person ("hired as a cop", "cops earn")
        ("whats a cop's hourly pay", "The median hourly pay for police officers is $33.25"),
        ("whats the typical schedule for cops", "The typical schedule for police officers is 8, 10, or 12-hour shifts"),
        ("can u be a cop and a firefighter at the same time", "In a few cities, yes"),
        # "### Do firefighters need to be paramedics?" - "Usually not. EMT-B is the standard baseline.": the guide's
        # own answer, not a "Yes" read off the sentence after it about paramedic training
        ("do u have to be a paramedic to be a firefighter", "Usually not: EMT-B is the standard baseline"),
        # spans from the row that gives both, not "4 years" (a bachelor's step) against "1 to 2 years" (a bridge)
        ("how much longer does it take to become a pa than an rn", "Physician assistants take longer: 6 to 7 years"),
        (
            "how long does it take to become a hygienist vs a dental assistant",
            "Dental hygienists take longer: about 3 years",
        ),
        ("is the electrical or plumbing apprenticeship longer", "Neither: electricians and plumbers both take 4 to 5"),
        # by the hour: the hourly figures, and the gap in cents
        (
            "hygienist vs dental assistant, how much more does the rdh make per hour",
            "Dental hygienists earn more: $42.08 an hour [1] against $22.38 an hour for dental assistants [1], $19.70",
        ),
        ("who makes more per hour, cops or firefighters", "Police officers earn more: $33.25 [1] against $27.46"),
        # "hate the devops/kubernetes side" is no match for "Kubernetes is a container platform ..."
        (
            "i love stats and explaining findings to ppl but i hate the devops/kubernetes side of things. ds or mle?",
            "By the guide's descriptions, that fits data scientists best",
        ),
    ],
)
def test_the_first_sentence_opens_with_the_answer(blind_guides, question, opening):
    result = blind_guides.answer(question)
    assert first_sentence(result.text).startswith(opening), result.text
    assert not result.uncovered


@pytest.mark.parametrize(
    ("question", "uncovered"),
    [
        ("how much do ml engineers at google make", ["google"]),  # "google" is a verb too
        ("can a dental assistant clean teeth by themselves?", []),
        ("how much more do financial analysts make than accountants? is it a big diffrence", []),
        ("do financial analysts really out earn accountants or is that a myth? whats the gap roughly", []),
        ("can i get a pentesting job straight out of college with zero work experiance?", []),
        ("how much do accountants make in canada", ["canada"]),
        ("how many case studies should be in a ux portfolio", []),  # "three to five": a number in words
        ("what can an efda do that a normal dental asst cant", []),  # "normal": which assistant, no thing
    ],
)
def test_what_a_question_names_that_its_guide_lacks(blind_guides, question, uncovered):
    assert blind_guides.answer(question).uncovered == uncovered


def test_a_span_is_not_weighed_against_a_kind_of_week(blind_guides):
    # the duration asked is the years before retirement; "12 to 16 days" against a "40-hour" week weighs nothing
    result = blind_guides.answer("which one lets you work longer before mandatory retirement, pilot or atc")
    assert "nine years longer" in first_sentence(result.text), result.text


def test_a_follow_up_about_the_level_just_named_asks_of_that_level(blind_guides):
    # "that level" is the APM level named in the last answer; its "1 to 2 years" was not said, so its item answers
    said = "Usually associate product manager (APM). APMs own small features under the guidance of a senior PM."
    history = [
        {"role": "user", "content": "whats the entry level title for product managers"},
        {"role": "assistant", "content": said},
    ]
    result = blind_guides.answer("how long do ppl usually stay at that level before moving up", history)
    assert "APM" in result.standalone_question
    assert "1 to 2 years" in first_sentence(result.text), result.text


def test_the_asked_stages_clause_of_a_sentence_joined_to_the_one_it_points_back_to(two_guides):
    # "... $120,360 a year. This figure varies ..., while entry-level SOC analysts often start closer to $75,000."
    result = two_guides.answer("how much does an entry level soc analyst make")
    assert first_sentence(result.text) == "Entry-level SOC analysts often start closer to $75,000 [1]."


@pytest.mark.parametrize(
    ("question", "said", "left_out"),
    [
        ("what tools do ux designers use besides figma", "Sketch and Adobe XD", "Figma"),
        ("where can rns work besides hospitals", "physician offices", "6 in 10 RNs work in hospitals"),
    ],
)
def test_what_the_question_leaves_out_is_left_out(blind_guides, question, said, left_out):
    result = blind_guides.answer(question)
    assert said in first_sentence(result.text) and left_out not in result.text, result.text


def test_a_route_no_role_names_is_read_from_its_list_of_steps(blind_guides):
    # "Most accountants start with a bachelor's degree ... That's enough for many entry-level jobs, but if you want to
    # become a Certified Public Accountant, the path is longer:" and five numbered steps: the steps, in one sentence
    first = first_sentence(blind_guides.answer("what are the steps to become a cpa").text)
    assert first.startswith("Most accountants start with a bachelor's degree in accounting; that's enough"), first
    assert "Reach 150 semester credit hours" in first and "Complete 1 year of supervised work experience" in first


@pytest.mark.parametrize(
    "question",
    [
        "how much do flight attendants make",
        "how much do linemen make? the guys who work on power lines",
        # a role ending in a word two roles of one guide share ("therapist"), asked with another part
        "how long does it take to become a respiratory therapist and whats the pay",
    ],
)
def test_a_question_about_someone_no_guide_describes_is_refused_not_given_another_roles_figure(blind_guides, question):
    result = blind_guides.answer(question)
    assert result.refused and result.text.startswith("The guide does not cover"), result.text


@pytest.mark.parametrize(
    ("history", "question", "opening"),
    [
        # "techs" after the pharmacists is their guide's technicians, not the vet techs, nor a role no guide describes
        (
            ["how much do pharmacists make an hour", "The median pharmacist makes about $63.82 an hour."],
            "and techs?",
            "Pharmacy technicians earn a median of $39,870 per year, which works out to $19.17 an hour",
        ),
        # A term a section is headed by is defined by the section's opening
        ([], "whats the mpje exactly", "The Multistate Pharmacy Jurisprudence Examination, also from NABP, covers"),
        # "what ... would i have to learn" asks for things, not for advice
        ([], "what pharmacy software would i have to learn working retail", "Both roles work in pharmacy management"),
        # The median asked is the role's, not the best-paying setting's; the best-paying states are, when asked
        ([], "whats the median pay for a pharmacist", "The median pharmacist salary is $132,750"),
        ([], "what are the best paying states for pharm techs", "The best-paying states are Washington ($51,300)"),
        # A part naming nothing is about the name the part before it asked of ("the ptce"); a fee under the exam's
        # heading is the exam's ("### NAPLEX": "The registration fee is $520.")
        (
            [],
            "how many questions r on the ptce and whats the passing score",
            "The Pharmacy Technician Certification Exam",
        ),
        ([], "whats the naplex fee", "The registration fee is $520"),
    ],
)
def test_the_fifteenth_guides_questions_are_answered_first_thing(newest_guides, history, question, opening):
    turns = [{"role": r, "content": c} for r, c in zip(("user", "assistant"), history, strict=False)]
    text = newest_guides.answer(question, turns or None).text
    assert text.startswith(opening), text


def test_a_sentence_opening_with_one_role_is_its_side_wherever_it_stands(newest_guides):
    """ "Pharmacists, for comparison, typically need 30 hours ..." stands under the technicians' heading: it is the
    pharmacists' side, not the technicians' (their side is another sentence of their section)."""
    text = newest_guides.answer("who needs more continuing education hours, pharmacy technicians or pharmacists").text
    technicians, _, pharmacists = text.partition("; ")
    assert not technicians.startswith("Pharmacists") and pharmacists.startswith("pharmacists, for comparison"), text


def test_the_fifteenth_guides_part_naming_nothing_is_about_the_exam_asked_before(newest_guides):
    text = newest_guides.answer("how many questions r on the ptce and whats the passing score").text
    assert "1,400 is the passing mark" in split_sentences(text)[1], text


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("what does rph stand for", "RPh stands for registered pharmacist [1]."),
        # a role's letters kept as asked (not made "what does pharmacy technician stand for"), so not refused
        ("wat does CPhT stand for", "CPhT stands for Certified Pharmacy Technician [1]."),
        ("what does cpht mean", "CPhT stands for Certified Pharmacy Technician [1]."),
        ("whats NABP short for", "NABP stands for National Association of Boards of Pharmacy [1]."),
    ],
)
def test_what_an_abbreviation_stands_for_is_said_from_the_sentence_that_spells_it_out(newest_guides, question, answer):
    assert newest_guides.answer(question).text == answer


@pytest.mark.parametrize("question", ["what does a speech-language pathologist do", "what does an SLP do"])
def test_a_word_of_a_roles_name_asks_for_nothing(newest_guides, question):
    """The "Language" of speech-language pathologist asks for no list of languages: what the role does is answered
    (a list question had answered with the pros' "Shorter path: a master's in about 2 years")."""
    text = newest_guides.answer(question).text
    assert text.startswith("An SLP (sometimes called a speech therapist) helps people talk"), text


def test_what_the_asker_needs_to_do_is_no_role_no_guide_describes(newest_guides):
    """ "what do i need to do": the asker, not someone called "i need to" whom the guide does not cover; a way asked,
    whose lead naming the CWI brings the sentence that goes on about it (what it takes)."""
    answer = newest_guides.answer("what do i need to do to become a welding inspector")
    assert not answer.uncovered and answer.text.startswith("Certified Welding Inspector (CWI)"), answer.text
    assert "need 5 years of welding-related experience" in answer.text, answer.text


def test_a_question_of_the_one_thing_just_named_stays_with_it(newest_guides):
    """ "whats on the exam" after the CWI: neither a follow-up by its words nor naming a role, it is still asked of
    what was said (it had been answered with the pharmacy technicians' exam, from another guide)."""
    history = [
        {"role": "user", "content": "what does a cwi do"},
        {"role": "assistant", "content": "A Certified Welding Inspector checks that welds meet code, earning $79,000."},
    ]
    text = newest_guides.answer("whats on the exam", history).text
    assert text.startswith("The AWS CWI exam has three parts (Fundamentals, Practical and Code Book)"), text


def test_a_follow_up_naming_the_other_role_keeps_the_question_before(newest_guides):
    history = [
        {"role": "user", "content": "what industry pays machinists the best"},
        {"role": "assistant", "content": "The federal government pays the most, at a median of $66,200."},
    ]
    answer = newest_guides.answer("and for welders?", history)
    assert answer.standalone_question == "what industry pays welders the best", answer.standalone_question
    assert answer.text.startswith("Electric power generation and utilities (industry)"), answer.text


def test_a_gap_in_favour_of_a_role_is_no_figure_of_its_own(newest_guides):
    """ "about $1,800 a year in favor of machinists" is the gap, not what machinists earn (the comparison had said
    "Welders earn more: $49,800 a year against $1,800 a year for machinists")."""
    text = newest_guides.answer("who earns more a year welders or machinists and whats the gap").text
    assert text.startswith("Machinists earn more: $51,600") and "about $1,800 more" in text, text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # a count of a role: the row that counts it, whatever word the question works with ("Number employed");
        # "right now roughly" asks for nothing
        (
            "how many welders are working in the us right now roughly",
            "The number employed for welders is about 418,600",
        ),
        # a word of the question in another form of it ("full renewal": "fully renew") is the guide's: not refused
        (
            "how often does a cwi have to recertify and when do they need a full renewal",
            "CWIs must recertify every 3 years and fully renew every 9 years",
        ),
    ],
)
def test_the_sixteenth_guides_questions_are_answered_first_thing(newest_guides, question, opening):
    text = newest_guides.answer(question).text
    assert text.startswith(opening), text


def test_words_of_the_question_in_other_forms_do_not_rescue_a_request_no_guide_answers(blind_guides):
    """Only a passage with a name the question asks about ("cwi") has its other words in any form: "recommend" is not
    the "recommendations" of the financial analysts' duties."""
    assert blind_guides.answer("can you recommend a good stock to buy right now").refused


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # two things weighed that are no roles: each by the best sentence stating the figure with its words, the
        # verdict first (they had been answered with a row naming both exams, or each exam's whole description)
        (
            "which one costs more to take, ptce or excpt",
            "PTCE costs more: $129 [1] against $125 for ExCPT [2], $4 more.",
        ),
        (
            "which exam is longer the naplex or the mpje",
            "Longer for NAPLEX: 6 hours [1] against 2.5 hours for MPJE [2].",
        ),
        ("which pays more for machinists, aerospace or motor vehicle parts", "More for aerospace: $60,800 [1] against"),
        # ... yes or no, by whether the first named is ahead ("make less": money, as "make more" is)
        (
            "do slps in schools make less than slps in hospitals",
            "Yes: more for speech-language pathologists in hospitals",
        ),
        # two roles are still weighed as roles
        ("do welders make less than machinists", "Yes, machinists earn more: $51,600"),
    ],
)
def test_two_things_that_are_no_roles_are_weighed_verdict_first(newest_guides, question, opening):
    text = newest_guides.answer(question).text
    assert text.startswith(opening), text


def test_a_sum_asked_to_be_reached_is_yes_only_when_the_guide_says_some_reach_it(newest_guides):
    """ "make 100k": yes from the sentence that says some welders clear it; a data scientist's 200k is reached by no
    figure of the guide, so its average is given with no yes (it had been "Yes: ... an average of $103,500")."""
    text = newest_guides.answer("is it realistic for a welder to make 100k").text
    assert text.startswith("Yes: Specialized pipeline welders") and "$100,000" in text, text
    text = newest_guides.answer("can a data scientist make 200k").text
    assert text.startswith("Data scientists make an average of $103,500"), text


@pytest.mark.parametrize("follow_up", ["same q but for welders", "and for welders?"])
def test_a_follow_up_about_the_other_role_is_asked_afresh_of_it(newest_guides, follow_up):
    """ "same q but for welders" repeats the question before of welders, and is answered from the welders' own
    sentences, not around what was said of the machinists (it had led with the welders' top 10%)."""
    history = [
        {"role": "user", "content": "top paying state for machinists?"},
        {"role": "assistant", "content": "Washington leads with a median of $63,700, followed by Alaska at $62,900."},
    ]
    answer = newest_guides.answer(follow_up, history)
    assert answer.standalone_question == "top paying state for welders?", answer.standalone_question
    assert answer.text.startswith("The best-paying states for welders are Alaska ($77,400)"), answer.text


def test_being_promoted_is_asked_where_guides_write_advancement(newest_guides):
    """ "get promoted to": the guide's "Career Paths and Advancement" ladder, not its training."""
    text = newest_guides.answer("what can a machinist get promoted to later on").text
    assert "CNC programmer; Tool and die maker" in split_sentences(text)[0] + split_sentences(text)[-1], text
    assert "Coursework" not in text, text


@pytest.mark.parametrize(
    "question", ["does lincoln electric hire welders w no experience", "do welders in canada make more than machinists"]
)
def test_what_the_guide_does_say_under_a_caveat_carries_no_yes_or_no(newest_guides, question):
    """A yes or no would answer the question the guide does not cover ("No: The AWS CWI exam has three parts")."""
    text = newest_guides.answer(question).text
    said = text.partition("what it does say: ")[2]
    assert said and not re.match(r"(yes|no)\b", said, re.I), text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # openings set side by side are counted and weighed (it had pasted the table's row)
        ("yearly job openings welders vs machinists?", "Welders have more openings: 45,900 [1] against 33,700"),
        # "how do ... compare" weighs figures; it asks for no way of doing something
        ("how do the top earners compare, best paid welders vs best paid machinists", "Machinists earn more: $75,300"),
        # what a school "charges" is its cost (the AWS test fees had answered "how much does welding school cost")
        ("how much does welding school cost", "Public colleges often charge $5,000 to $15,000 in total"),
        # the industry that pays best: the row of the highest figure of a table whose first column is "Industry" (the
        # best-paying states had answered it)
        ("what industry pays welders the best", "Electric power generation and utilities (industry): Median yearly"),
        # a way asked is not answered by a table's row naming each role's credential
        ("steps to get a nims cert?", "NIMS credentials are earned in two parts"),
        # ... and a lead naming the credential brings what you do for it
        (
            "how do i get certified as a welder",
            "The most recognized credential is the AWS Certified Welder designation from the American Welding Society"
            " [1]. There is no written exam; you weld a test coupon",
        ),
    ],
)
def test_the_twenty_third_gradings_answers_are_fixed_at_the_first_sentence(newest_guides, question, opening):
    text = newest_guides.answer(question).text
    assert text.startswith(opening), text


def _over_one_guide(assistant_over, guide: Path, text: str):
    """An assistant over one guide written for a test (`guide`, with `text`), its index beside it."""
    guide.write_text(text)
    (guide.parent / "index").mkdir()
    return assistant_over(guide.parent / "index", (guide,))


def test_a_negation_of_any_asked_word_the_evidence_has_is_a_no(assistant_over, tmp_path):
    """The twenty-third grading's "Yes: There is no written exam": the verdict had read the negation only before the
    question's rarest word ("aws"), which here is not the negated one ("written" is said all over this guide)."""
    bot = _over_one_guide(
        assistant_over,
        tmp_path / "welder-vs-machinist.md",
        "# Welder vs. Machinist\n\n## Welder certification\n\nThere is no written exam for the AWS Certified Welder "
        "credential; you weld a test coupon, and the coupon is bent to see whether it holds up.\n\n"
        "## Machinist credentials\n\nMachinists take written tests for NIMS credentials. The written tests cover "
        "blueprints. A written work plan comes first. Written shop math is common.\n",
    )
    text = bot.answer("is there a written part on the aws certified welder test").text
    assert text.startswith("No: There is no written exam for the AWS"), text


def test_two_roles_pay_is_not_weighed_from_figures_of_different_things(newest_guides):
    """ "$75,000 to $82,000" against a "$100 to $200" fee is no verdict on pay ("Audiologists earn more: ... about
    $74,900 more" was wrong): ten times apart, the figures are not both the roles' pay."""
    text = newest_guides.answer("new grad starting pay cf year slp vs new aud grad").text
    assert "$100 to $200" not in text and "$74,900" not in text, text


def test_a_span_of_school_is_not_weighed_against_hours_of_clinical_work(newest_guides):
    """ "grad school length slp vs aud?": "length" asks a span, nothing the guide lacks; and "about 2 years" of school
    against "1,820 hours" of supervised clinical work is no verdict ("Speech-Language pathologists take longer")."""
    answer = newest_guides.answer("grad school length slp vs aud?")
    assert not answer.uncovered and "take longer" not in answer.text, answer.text


def test_a_way_in_without_something_is_the_route_not_the_thing(blind_guides):
    """ "without a design degree": the steps into UX design (a degree is one way to build the foundation), not the
    typical degree (the twenty-first grading's worst answer)."""
    text = blind_guides.answer("how do i get into ux design without a design degree").text
    assert text.startswith("Build a foundation:") and "Create a portfolio" in text, text


def test_advice_naming_no_role_is_not_pointed_at_a_guide_by_one_reading_of_a_clipped_word(assistant_over, tmp_path):
    """ "bio" is biology (the pharmacists' "love chemistry and biology") as much as the physical therapists'
    "biomechanics", a word only their guide has: it points at no guide, and the advice is the pharmacists'."""
    (tmp_path / "index").mkdir()
    data = FOURTEENTH_GUIDE.parent
    bot = assistant_over(
        tmp_path / "index", (GUIDE, data / "physical-therapist-vs-occupational-therapist.md", FIFTEENTH_GUIDE)
    )
    text = bot.answer(
        "i love chem and bio, dont mind being in school a long time and i want six figures. which one"
    ).text
    assert text.startswith("By the guide's descriptions, that fits pharmacists best"), text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # A sentence too short to stand alone brings the one after it, which qualifies it (the twenty-first grading's
        # 7: the California exception had been cut); a name keeps its capital where the two are joined
        ("do u need a license to be a paralegal?", "Not in most states; California is the main exception"),
        # ... and the guide's own "yes" still comes first
        ("do plumbers need a license", "Yes, in most states; a handful of states leave licensing to cities"),
    ],
)
def test_a_terse_answer_brings_the_sentence_that_qualifies_it(blind_guides, question, opening):
    text = blind_guides.answer(question).text
    assert text.startswith(opening), text


def test_a_part_asking_what_comes_after_is_about_the_part_before_it(blind_guides):
    """ "... and what exam do u take after": after PA school, the PANCE (the twenty-first grading's worst answer had
    said what PAs do instead)."""
    sentences = split_sentences(blind_guides.answer("how long does PA school take and what exam do u take after").text)
    assert "27 months" in sentences[0] and sentences[1].startswith("Pass the PANCE"), sentences


def test_a_list_asked_gets_the_sentence_after_the_best_one_that_names_the_items(newest_guides):
    """ "... the BPS certifies pharmacists in more than a dozen areas. Popular credentials include BCPS
    (pharmacotherapy), BCOP (oncology) and BCACP (ambulatory care).": the items asked are in the second."""
    text = newest_guides.answer("what board certs can pharmacists get").text
    assert "BCPS (pharmacotherapy), BCOP (oncology) and BCACP" in text, text


def test_questions_asked_in_an_interview_are_said_to_be_missing_even_where_the_guide_interviews(newest_guides):
    """The pharmacy guide's "medication history technicians who interview patients" and "drug interactions" say
    nothing of a pharm tech interview's questions."""
    result = newest_guides.answer("what questions do they usually ask in a pharm tech interview")
    assert result.refused or result.uncovered == ["interview questions"], result.text


def test_an_exams_code_names_it(newest_guides):
    """ "the praxis 5331" is the guide's "### Praxis Speech-Language Pathology (5331)", not the audiology Praxis
    (5343) beside it (the twenty-second grading's 22)."""
    text = newest_guides.answer("how many questions on the praxis 5331").text
    assert text.startswith("Format: 132 selected-response questions"), text


def test_a_role_typed_without_a_middle_word_is_the_role(newest_guides):
    """ "elementary teachers" is the guide's elementary school teacher (a seventeenth guide, untouched: its pay had been
    answered from a state's row, and its growth with "The guide says nothing about elementary teachers")."""
    first = first_sentence(newest_guides.answer("whats the median salary for elementary teachers").text)
    assert first.startswith("The median elementary school teacher earns $62,340 a year"), first
    answer = newest_guides.answer("is job growth better for counselors or elementary teachers thru 2033")
    first = first_sentence(answer.text)
    # ... and "projected to decline 1%" is a fall: -1%, five points behind, not 1%
    assert first.startswith("School counselors are projected to grow faster: 4%"), first
    assert "-1% for elementary school teachers" in first and "5 percentage points more" in first, first


def test_pay_weighed_is_a_years_not_one_states_or_a_days(newest_guides):
    """Two roles' pay is their median, not one state's row ("Massachusetts (state): ...") nor a per-day sentence; a
    question asking per day gets the day's, said so."""
    first = first_sentence(newest_guides.answer("which pays more teacher or school counselor and by how much").text)
    assert first.startswith("School counselors earn more: $65,170 a year"), first
    assert "$62,340 a year for elementary school teachers" in first and "about $2,830 more" in first, first
    first = first_sentence(newest_guides.answer("who actually makes more per day, teachers or counselors").text)
    assert first.startswith("Elementary school teachers earn more: $333 a day"), first


def test_a_roles_row_is_read_for_the_cell_asked(newest_guides):
    """A table whose rows are the roles: "how many" reads the row's "Number employed" cell, alone, said as a sentence
    (the twenty-fourth grading's #8 and #38: "School counselor (role): Number employed: ..." read as pasted debris)."""
    first = first_sentence(newest_guides.answer("how many school counselors are there in the us").text)
    assert first.startswith("The number employed for school counselors is about 342,400"), first
    assert "Median yearly pay" not in first, first
    sentences = split_sentences(newest_guides.answer("how much do counselors make and whats the job growth").text)
    assert sentences[1].startswith("The job growth (2023\u20132033) for school counselors is 4%"), sentences


def test_a_phrase_asked_and_a_tests_number_find_their_sentence(newest_guides):
    """ "student teaching" is the step that says it, not a sentence of "students" and "teachers" apart; "the praxis
    5001" costs what the guide with that number says, not another guide's Praxis fee; "how much is" a thing is its
    price."""
    sentences = split_sentences(
        newest_guides.answer("how long is student teaching and how much is the praxis 5001").text
    )
    assert "12 to 16 weeks" in sentences[0] and "$168" in sentences[1], sentences
    first = first_sentence(newest_guides.answer("how much is the praxis 5001").text)
    assert "(5001) test, which costs $168" in first, first


def test_near_scope_and_yes_no_of_a_seventeenth_guide(newest_guides):
    """A person no guide describes ("librarian", not a form of "libraries"), pay after taxes, "pay into" (no pay
    asked), and "the recommended counselor ratio" (no other counselor)."""
    assert newest_guides.answer("whats the salary for a school librarian").refused
    first = first_sentence(newest_guides.answer("whats a school counselors monthly take home pay after taxes").text)
    assert first.startswith("The guide says nothing about taxes"), first
    first = first_sentence(newest_guides.answer("do public school teachers in texas pay into social security").text)
    assert first.startswith("No: In 15 states, including California, Texas and Ohio"), first
    first = first_sentence(newest_guides.answer("does new hampshire meet the recommended counselor ratio").text)
    assert first.startswith("Yes: Only two states, New Hampshire and Vermont"), first


@pytest.mark.parametrize(
    ("question", "fits"),
    [
        ("i care way more about kids feelings and mental health than lesson plans, which one fits me", "school"),
        ("which is better for me if i want long summers off and dont handle crisis situations well", "elementary"),
        ("which suits me if i like working 1 on 1 and in small groups more than running a whole class", "school"),
    ],
)
def test_advice_reads_choose_lists_headed_by_the_field(newest_guides, question, fits):
    """ "### Choose Counseling If..." is the school counselor's list; "i care" describes the asker; "dont handle
    crisis situations" is what they would avoid."""
    first = first_sentence(newest_guides.answer(question).text)
    assert first.startswith(f"By the guide's descriptions, that fits {fits}"), first


def test_a_field_after_a_word_of_the_name_and_a_license_asks_the_route(newest_guides):
    """ "my elementary teaching license": the elementary school teacher's way in, step by step (it had been the one
    step that names the license)."""
    sentences = split_sentences(newest_guides.answer("how do i get my elementary teaching license").text)
    assert sentences[0].startswith("Earn a bachelor's degree in elementary education"), sentences
    assert any("student teaching" in s for s in sentences) and any("$168" in s for s in sentences), sentences


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("are elementary teaching jobs expected to grow over the next decade", "No: Employment of elementary school"),
        ("are counselor jobs growing", "Yes: School counselor employment is projected to grow 4%"),
        ("are teaching jobs declining", "Yes: Employment of elementary school teachers is projected to decline 1%"),
    ],
)
def test_whether_a_roles_jobs_grow_is_read_from_the_sign_of_its_projection(newest_guides, question, verdict):
    """A projected decline is a no to "will it grow" (it had been "Yes: ... projected to decline 1%"), and "decade"
    asks the guide's ten-year projection, nothing the guide lacks."""
    first = first_sentence(newest_guides.answer(question).text)
    assert first.startswith(verdict), first


def test_a_steps_label_is_left_off_a_fact_and_an_off_topic_refusal_lists_no_guide(newest_guides):
    """A fact drawn from a step reads without the step's label (the twenty-fourth grading's #22: "Pass the state
    counseling exam: Many states use ..."); a question about nothing any guide names, among several guides, lists no
    "closest sections" of a guide it has nothing to do with (#9: airline pilots' sections for fruit flies)."""
    first = first_sentence(newest_guides.answer("how much is the praxis school counselor test").text)
    assert first.startswith("Many states use the Praxis Professional School Counselor (5422) test"), first
    refusal = newest_guides.answer("best way to get rid of fruit flies in my kitchen")
    assert refusal.refused and refusal.nearest_sections == [], refusal.text
    refusal = newest_guides.answer("how much do millwrights get paid")  # (a guide is nearer: its sections are listed)
    assert refusal.refused and refusal.nearest_sections, refusal.text


def test_a_comparison_in_one_state_is_that_states_row_said_so(newest_guides):
    """ "in texas who earns more, elem teachers or ...": "elem" clips a word of the name, and the state's row is
    weighed, said as the state's (the twenty-fourth grading's #5: the row pasted, with no verdict)."""
    first = first_sentence(newest_guides.answer("in texas who earns more, elem teachers or school counselors").text)
    assert first.startswith("In Texas, school counselors earn more: $65,890"), first
    assert "$60,220 for elementary school teachers" in first, first


def test_a_word_one_chunk_says_does_not_pick_a_guide_for_a_roleless_comparison(blind_guides):
    """ "for the top 10% earners which role pays more at the high end", with many guides and no role named: asked
    back, not weighed in the one guide that happens to say "earners" (the nurse guide's PA and RN)."""
    from assistant.chain import WHICH_ROLES

    result = blind_guides.answer("for the top 10% earners which role pays more at the high end")
    assert result.text.startswith(WHICH_ROLES) and result.asks_which, result.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # one setting's row ("Nursing homes (skilled nursing facilities; work setting)") is no answer to the pay asked
        ("which pays more cna or lpn and by how much", "Licensed practical nurses earn more: $59,730"),
        (
            "how much do nursing assistants make in canada",
            "The guide says nothing about canada; what it does say: The median CNA earns $38,200",
        ),
        # a first column headed "Measure" adds nothing to its rows' labels, so the row is read for the role's cell
        ("minimum hours of training for cna? federal", "The minimum training for certified nursing assistants is 75"),
        # a thing weighed for the role asked: the LPN's column of each setting's row
        ("do lpns get paid more in hospitals than nursing homes", "No: more for nursing homes: $61,200"),
        # a definition asked of an abbreviation: what it stands for, then what the guide says of it
        ("what is an lvn", "LVN stands for licensed vocational nurse"),
        # "paid for by an employer" asks no pay; the evidence is the sentence that says so, well above any with the
        # rarest asked word ("Many employers also pay a weekend differential" had been it on this machine)
        (
            "can i get my cna training paid for by an employer",
            "Yes: A further perk is built into federal rules: if you take a CNA course on your own and a nursing home",
        ),
        # a role's word after another word, written nowhere as a name of a role: someone no guide describes
        ("whats the median salary for a medical assistant", "The guide does not cover medical assistant"),
    ],
)
def test_the_eighteenth_guides_questions_are_answered_first_thing(newest_guides, question, opening):
    first = first_sentence(newest_guides.answer(question).text)
    assert first.startswith(opening), first


def test_a_pros_list_is_no_row_of_both_roles_for_a_figure(newest_guides):
    """ "and lpns?" after the CNAs' pay: the LPNs' median sentence, not "Pros: Median pay of $59,730, far above a CNA's;
    ..." (a list naming two roles is no table row)."""
    history = [
        {"role": "user", "content": "how much do cnas make"},
        {"role": "assistant", "content": "The median CNA earns $38,200 a year, or $18.36 an hour."},
    ]
    first = first_sentence(newest_guides.answer("and lpns?", history).text)
    assert first.startswith("The median LPN earns $59,730 a year"), first


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("do sonographers get exposed to radiation at all", "No: Sonographer: None (no ionizing radiation)"),
        # (a cell that says yes itself is the verdict: not "Yes: Radiologic Technologist: Yes, ...")
        ("do rad techs get exposed to radiation", "Yes, monitored with a dosimeter"),
        # (a cell's own "; " stays in it)
        (
            "is the CDA exam required everywhere for dental assistants?",
            "No, not necessarily: Dental Assistant: None nationally; CDA exam is optional in many states",
        ),
    ],
)
def test_a_yes_no_from_a_row_reads_the_asked_roles_cell(blind_guides, question, verdict):
    """A row giving each role's answer ("Radiation exposure: Radiologic Technologist: Yes, ...; Sonographer: None
    (no ionizing radiation)") is read, and judged, by the asked role's cell: it had been "Yes" for sonographers."""
    first = first_sentence(blind_guides.answer(question).text)
    assert first.startswith(verdict), first


def test_a_ratio_is_no_count_and_a_rows_label_takes_its_verb(newest_guides):
    """ "about four times as many openings each year" counts nothing (it had answered "how many openings"), and
    "Openings per year" are, as "Number employed" is."""
    sentences = split_sentences(newest_guides.answer("how many cnas are there and how many openings each year").text)
    assert sentences[0].startswith("The number employed for certified nursing assistants is about 1,376,400"), sentences
    assert sentences[1].startswith("The openings per year for certified nursing assistants are about 216,200"), (
        sentences
    )


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        # the twenty-fifth grading's findings: a side-by-side sentence of figures weighed though the question names no
        # figure (#6); an abbreviation defined with the sentence that spells it out (#11); an action ("from lapsing")
        # and a word the guide writes as two ("healthcare": "health care") are nothing the guide lacks (#34, #35)
        ("night shift diff cna vs lpn", "Licensed practical nurses earn more: $2.00 to $5.00 an hour"),
        ("what is an lvn", "LVN stands for licensed vocational nurse [1]. In Texas and California the same license"),
        ("how do i keep my cna certification from lapsing", "A CNA's registry listing generally must be renewed"),
        ("which is growing faster cna or lpn", "Certified nursing assistants are projected to grow faster: 4%"),
    ],
)
def test_the_twenty_fifth_gradings_findings(newest_guides, question, opening):
    text = newest_guides.answer(question).text
    assert text.startswith(opening), text
    assert "1 percentage points" not in text
    assert "healthcare" not in newest_guides.answer("whats the starting pay for cnas at hca healthcare").text


def test_it_after_a_what_is_question_is_that_thing(newest_guides):
    """ "how long does it take" after "whats an lpn to rn bridge": the bridge is asked about (it had been asked of the
    LPN program)."""
    history = [
        {"role": "user", "content": "whats an lpn to rn bridge"},
        {"role": "assistant", "content": "It's a program that lets an LPN earn an associate degree in nursing."},
    ]
    result = newest_guides.answer("how long does it take", history)
    assert "bridge" in result.standalone_question.lower(), result.standalone_question


def test_a_question_asking_what_a_role_is_stands_alone(two_guides):
    """ "what is an ml engineer" after the pay question is a question of its own (seen in the browser: it had been
    read as "and ml engineers?" and given the pay comparison again)."""
    history = [
        {"role": "user", "content": "whats the pay diff between ml eng and data sci"},
        {"role": "assistant", "content": "ML engineers earn more: $136,620 a year [1] against $103,500 a year ..."},
    ]
    for question in ("what is an ml engineer", "what do data scientists do"):
        result = two_guides.answer(question, history)
        assert result.standalone_question == question and "earn more" not in result.text, result.text


def test_each_row_of_a_table_is_read_for_the_role_asked(newest_guides):
    """ "what does an lpn make in each work setting": the LPN's figure of every setting's row, in the table's order (it
    had been the first row, with the CNA's figure first); a role's empty cell ("CNA median: —") gives no row."""
    first = first_sentence(newest_guides.answer("what does an lpn make in each work setting").text)
    assert first.startswith("Work setting, for licensed practical nurses: Nursing homes $61,200; Hospitals $55,880"), (
        first
    )
    assert first.endswith("Physician offices $52,100 [1]."), first
    first = first_sentence(newest_guides.answer("what do cnas make in each setting").text)
    assert "Government $45,760" in first and "Physician offices" not in first, first


def test_someone_no_guide_describes_is_refused_not_asked_back_and_a_guides_own_name_is_no_one_else(
    blind_guides, newest_guides
):
    """ "what does an actuary do and how much do they make", with many guides: refused, not "Which roles do you
    mean?"; "speech therapists", written in the speech-language guide's table with a word of its role's name, is
    answered from it, not refused as someone no guide describes."""
    result = blind_guides.answer("what does an actuary do and how much do they make")
    assert result.refused and not result.asks_which, result.text
    result = newest_guides.answer("whats driving demand for speech therapists")
    assert not result.refused and "18%" in result.text, result.text


def test_an_advice_verdict_is_one_sentence_without_a_headings_question(newest_guides):
    """A "Choose Teaching If..." list under "Which Role Fits You?" gives its items, not the heading's question, which
    would end the verdict at its "?"."""
    question = "which is better for me if i want long summers off and dont handle crisis situations well"
    sentences = split_sentences(newest_guides.answer(question).text)
    assert len(sentences) == 1 and "Which Role Fits You" not in sentences[0], sentences


def test_two_ranges_of_pay_differ_end_for_end(newest_guides):
    """ "$2.00 to $5.00" against "$1.00 to $2.50" is "$1.00 to $2.50 more", not "$1.00 more" (the low ends only; the
    twenty-sixth grading's #6)."""
    text = newest_guides.answer("night shift diff cna vs lpn").text
    assert text.rstrip().endswith("$1.00 to $2.50 more."), text


def test_a_last_word_roles_of_several_guides_share_is_asked_back(newest_guides, blind_guides, all_guides):
    """ "how much do assistants make", with the nursing assistant's guide and the veterinary assistant's indexed: asked
    which assistants, naming them, not answered with whichever guide's figure comes first (nor "the guide says
    nothing about assistants"); the reply naming one answers the question asked before, about it."""
    asked = newest_guides.answer("how much do assistants make")
    assert asked.asks_which and not asked.citations and not asked.refused, asked.text
    assert asked.text.startswith("Which assistants do you mean:"), asked.text
    assert "certified nursing assistants" in asked.text and "veterinary assistants" in asked.text, asked.text
    history = [
        {"role": "user", "content": "how much do assistants make"},
        {"role": "assistant", "content": asked.text},
    ]
    reply = newest_guides.answer("the vet one", history)
    assert reply.standalone_question == "how much do veterinary assistants make", reply.standalone_question
    assert "$36,440" in first_sentence(reply.text) and reply.citations[0].source.startswith("veterinary"), reply.text
    # a clip of several roles' names typed as a person ("a tech"); not "tech" the field, nor a word of one of the
    # names beside ("vet techs"), nor a word that makes it someone else ("travel nurses")
    assert newest_guides.answer("how much does a tech make").text.startswith("Which tech do you mean:")
    assert not blind_guides.answer("i love tech and physics stuff, which one suits me").asks_which
    assert not newest_guides.answer("does a vet clinic pay its techs well").asks_which
    travel = newest_guides.answer("how much do travel nurses make")
    assert not travel.asks_which and travel.refused, travel.text
    # the registered nurse's guide beside the practical nurse's: "nurses" had been neither (the PA's top 10% answered)
    nurses = all_guides.answer("what do the top 10% of nurses earn")
    assert nurses.text.startswith("Which nurses do you mean: licensed practical nurses or registered nurses?")
    history = [
        {"role": "user", "content": "what do the top 10% of nurses earn"},
        {"role": "assistant", "content": nurses.text},
    ]
    assert "$132,680" in first_sentence(all_guides.answer("RNs", history).text)


def test_a_word_only_another_guide_uses_is_missing_from_the_guide_that_answers(all_guides):
    """A question naming no role, answered by one guide (the teachers' Florida row), with a word only another guide
    uses ("estate", the paralegals' real estate law): refused, as a question naming the teachers would be, not answered
    with the teachers' pay in Florida. A word several guides use ("try") is no such word."""
    refused = all_guides.answer("how do i get my real estate license in florida")
    assert refused.refused and "Florida (state)" not in refused.text, refused.text
    nclex = all_guides.answer("how do i pass the nclex on my first try")
    assert not nclex.refused and "says nothing" not in nclex.text, nclex.text


def test_a_last_word_one_guides_roles_share_is_about_that_guide(blind_guides):
    """ "what do therapists do": the physical and the occupational therapist, both of one guide: that guide answers
    (it had been another guide's "they do not offer long-term therapy"), with no "says nothing about therapists"."""
    result = blind_guides.answer("what do therapists do")
    assert {c.source for c in result.citations} == {"physical-therapist-vs-occupational-therapist.md"}, result.text
    pay = blind_guides.answer("how much do therapists make")
    assert "says nothing" not in pay.text and "therapists earn" in first_sentence(pay.text), pay.text


def test_a_word_few_guides_use_keeps_the_search_to_them(all_guides):
    """ "how long do i have to wait to retake the praxis", naming no role, among eighteen guides: the Praxis is the
    teachers' and the speech pathologists' (two guides), and the best passage had been the pharmacists' 45 days."""
    first = first_sentence(all_guides.answer("how long do i have to wait to retake the praxis if i fail").text)
    assert "Praxis" in first and "28 days" in first, first


def test_a_roleless_question_whose_words_several_guides_share_is_asked_back_naming_those(all_guides):
    """ "is the praxis fee the same for both exams", among eighteen guides: the Praxis is the teachers' and the speech
    pathologists'; asked which, naming those two guides' roles (it had been answered "Yes: You can retake ..."). A
    guide whose title has the word is the one asked about ("which trade ...": "Which Trade Should You Learn?")."""
    from assistant.chain import WHICH_ROLES

    asked = all_guides.answer("is the praxis fee the same for both exams")
    assert asked.asks_which and asked.text.startswith(WHICH_ROLES), asked.text
    assert "audiologists" in asked.text and "school counselors" in asked.text, asked.text
    assert "electricians" not in asked.text, asked.text
    first = first_sentence(all_guides.answer("which trade is growing faster").text)
    assert first.startswith("Electricians are projected to grow faster"), first


def test_a_question_naming_one_guides_roles_is_answered_from_that_guide_alone(all_guides):
    """Among eighteen guides: "do pas have to do continuing ed" had been answered "No" by another guide's "A few
    states ... set no continuing education requirement"; "is ot school shorter than pt school" had read "school" as
    the school counselor's field (said twice, it counted as its guide named twice) and answered with the counselors'
    summer break."""
    first = first_sentence(all_guides.answer("do pas have to do continuing ed").text)
    assert first.startswith("Yes: To keep the PA-C credential"), first
    vocabulary = all_guides.search.keyword_index().vocabulary
    named = vocabulary.roles_in("is occupational therapist school shorter than physical therapist school")
    assert [r.name for r in named] == ["occupational therapist", "physical therapist"], named
    result = all_guides.answer("is ot school shorter than pt school")
    assert {c.source for c in result.citations} == {"physical-therapist-vs-occupational-therapist.md"}, result.text
    first = first_sentence(result.text)
    assert "3 years" in first and "24 to 36 months" in first, first


def test_a_yes_no_weighing_one_roles_figure_is_weighed_against_its_partner(two_guides, blind_guides):
    """ "is the growth better for ml engineers?" had been "Yes: ... a projected 23% increase": the guide's data
    scientists grow 35%. A figure weighed with nothing named to weigh it against is the role's partner's; not when
    something else is named ("earn more on the side", "more in hospitals")."""
    first = first_sentence(two_guides.answer("is the growth better for ml engineers?").text)
    assert first.startswith("No, data scientists are projected to grow faster: 35%"), first
    first = first_sentence(blind_guides.answer("do pas make more money?").text)
    assert first.startswith("Yes, physician assistants earn more: $130,020"), first
    side = first_sentence(two_guides.answer("can pen testers earn more on the side").text)
    assert not side.startswith("Yes, penetration testers earn more:"), side


def test_a_pay_figure_is_the_roles_level_by_the_period_asked(all_guides):
    """The truck guide, written blind, untouched: "how much do heos make" had been answered with "The median heavy
    equipment operator earns $4,000 more a year than the median truck driver, ..." (a difference, not their pay);
    "hourly pay diff between heos and truck drivers" with the yearly $58,320 and $54,320 of a sentence that gives
    both ("... $54,320 a year, or $26.12 an hour, while ... $58,320, or $28.04 an hour")."""
    first = first_sentence(all_guides.answer("how much do heos make").text)
    # (of "The median truck driver earns $54,320 ..., while the median heavy equipment operator earns $58,320, or
    # $28.04 an hour", their own clause)
    assert first.startswith("The median heavy equipment operator earns $58,320, or $28.04 an hour"), first
    first = first_sentence(all_guides.answer("hourly pay diff between heos and truck drivers").text)
    assert first.startswith("Heavy equipment operators earn more: $28.04 an hour"), first
    assert "$26.12 an hour" in first and "$1.92" in first, first
    # "and heos?" after an answer naming both, said of the truck drivers: what was said holds their pay
    said = all_guides.answer("how much do truck drivers make").text
    history = [{"role": "user", "content": "how much do truck drivers make"}, {"role": "assistant", "content": said}]
    first = first_sentence(all_guides.answer("and heos?", history).text)
    assert "$58,320" in first and "$4,000" not in first, first


def test_a_yes_no_reads_the_guides_own_no(all_guides):
    """The truck guide's yes/no questions, untouched: "Yes: Since February 7, 2022, anyone getting a first Class A
    CDL must complete ... (ELDT)" for "is there a federal minimum number of hours" (the guide: "There is no federal
    minimum number of hours"); the myth pasted whole for "do i need a cdl to run an excavator"; "Yes: You must be 21 to
    drive across state lines" for an asker of 18; and "Yes: In most states they cannot ... or give IV push
    medications" (the CNA/LPN guide), the negation heading a list."""
    cases = {
        "is there a federal minimum number of hours for eldt": "No: There is no federal minimum number of hours",
        "do i need a cdl to run an excavator on a job site": "No CDL is required to operate a machine on a job site",
        "can i get my cdl at 18 and drive across state lines": "No: You must be 21 to drive across state lines",
        "can lpns give iv push meds": "No: In most states they cannot perform",
        # the guide's own question, answered as it answers it: its short verdict and the sentence saying where
        "can i get a cdl at 18": "Yes, but only for intrastate driving",
    }
    for question, opening in cases.items():
        text = all_guides.answer(question).text
        assert text.startswith(opening), (question, text)
    assert "You must be 21" in all_guides.answer("can i get a cdl at 18").text


def test_which_before_a_verb_points_at_roles_no_word_tells(all_guides):
    """ "which has more job openings per year", among nineteen guides, had been answered with the audiologists' 800
    openings: "which has" asks which of some roles, as "which one" does, and nothing in it tells which guide's."""
    answer = all_guides.answer("which has more job openings per year")
    assert answer.asks_which and not answer.citations, answer.text
    assert all_guides.answer("which is harder on the body").asks_which


def test_chat_spellings_and_a_plural_of_a_guides_word_are_nothing_missing(all_guides):
    """The twenty-eighth grading: "The guide says nothing about thru" (through), "... about cleanings" (the guide:
    "they do not clean teeth independently")."""
    text = all_guides.answer("legal secretaries job growth thru 2033").text
    assert "says nothing" not in text and "-3%" in first_sentence(text), text
    text = all_guides.answer("can dental assistants do the cleanings tho").text
    assert "says nothing" not in text and "do not clean teeth" in text, text


def test_a_word_one_letter_off_a_guides_word_is_searched_and_checked_as_it(all_guides):
    """The twenty-eighth grading's q1: "how much does cdl schol cost" had been "The guide says nothing about schol
    cost" (its pair checked as typed) and answered with the DOT physical's fee (searched as typed): "schol" is the
    guides' "school", one letter off."""
    index = all_guides.search.keyword_index()
    assert index.spelled("schol") == "school" and index.spelled("welding") == "welding"
    text = all_guides.answer("how much does cdl schol cost").text
    assert not text.startswith("The guide says nothing") and "$4,000 to $10,000" in text, text


def test_a_growth_is_weighed_against_a_decline_and_not_against_a_share(all_guides):
    """The twentieth guide, written blind: "which is growing faster, actuary or underwriter" had been "Insurance
    underwriters are projected to grow faster: 80% ..." ("About 80% of insurance underwriters work for insurance
    carriers", a share), and with "uw" the table row alone, no verdict (its 26 points, against a decline, had been
    unsupported); "is underwriting employment expected to grow" had been a Yes with the actuaries' 22%."""
    for question in ("which is growing faster, actuary or underwriter", "which has better job growth, actuary or uw"):
        first = first_sentence(all_guides.answer(question).text)
        assert first.startswith("Actuaries are projected to grow faster: 22%"), first
        assert "-4%" in first and "26 percentage points more" in first and "80%" not in first, first
    text = all_guides.answer("is underwriting employment expected to grow thru 2033?").text
    assert text.startswith("No: Employment of insurance underwriters is projected to decline 4%"), text


def test_a_figure_the_question_quotes_counts_only_as_the_amount_it_is(all_guides):
    """ "best laptop for grad school under 800 bucks?" had been answered with a cybersecurity guide's fit advice and
    an EDR tool "on laptops": its "800" had matched an "800" of some passage, as if the guide stated it. A money
    figure is met by a passage's money ("do apms start at over 100k": the APMs' $95,000)."""
    assert all_guides.answer("best laptop for grad school under 800 bucks?").refused
    answer = all_guides.answer("do apms start at over 100k")
    assert not answer.refused and "$95,000" in first_sentence(answer.text), answer.text


def test_initials_another_guide_writes_as_a_name_of_its_own_name_no_role(all_guides):
    """ "is exam p the same for soa and cas?" had been read as asking of cybersecurity analysts ("CA", their name's
    initials, which their guide never writes, with an s) and answered from the cybersecurity guide; the actuary guide
    writes "CAS", the Casualty Actuarial Society. And "underwriter career ladder steps?" had been "The guide does not
    cover underwriter career": a "career" is no other person than the underwriter."""
    vocabulary = all_guides.search.keyword_index().vocabulary
    assert [r.name for r in vocabulary.roles_in("is exam p the same for soa and cas?")] == []
    assert [r.name for r in vocabulary.roles_in("underwriter career ladder steps?")] == ["insurance underwriter"]
    text = all_guides.answer("is exam p the same for soa and cas?").text
    assert text.startswith("Yes: The first two exams are shared by both societies"), text
    answer = all_guides.answer("underwriter career ladder steps?")
    assert not answer.refused and not any("career" in u for u in answer.uncovered or []), answer.text


@pytest.mark.parametrize(
    ("question", "opening"),
    [
        ("do i need a math degree to be an actuary", "No: You need the math, not the specific degree"),
        ("do underwriters just follow a checklist", "No: Routine files are increasingly automated"),
        # (a myth and its fact in one list item, the myth before it another's: its own fact)
        ("does operator school guarantee a union job", "No: Unions fill seats through their own apprenticeships"),
    ],
)
def test_a_myth_said_again_is_answered_no_with_its_fact(all_guides, question, opening):
    """The twentieth guide writes each myth and its fact on lines of their own ("**Myth:** You need a math degree to
    become an actuary." / "**Fact:** You need the math, not the specific degree."): "do i need a math degree to be an
    actuary" had been "Yes: Myth: You need a math degree ...". A question that says a myth again is answered no, with
    the fact."""
    text = all_guides.answer(question).text
    assert text.startswith(opening), text


def test_advice_counts_a_role_that_goes_without_what_the_asker_would_avoid(all_guides):
    """ "i like talking to people and negotiating, want to start working fast, hate heavy math. which one" had gone to
    the legal secretaries ("Want to start working quickly"): the underwriters' "Choose insurance underwriter if you
    ... enjoy talking and negotiating with people, ... and prefer judgment calls over heavy math" had counted as
    having the math the asker hates, not as going without it."""
    question = "i like talking to people and negotiating, want to start working fast, hate heavy math. which one"
    text = all_guides.answer(question).text
    assert text.startswith("By the guide's descriptions, that fits insurance underwriters best"), text


def test_a_step_with_a_semicolon_and_two_things_in_a_tables_row(all_guides):
    """ "how to become an insurance underwriter" had left out the first step ("Earn a bachelor's degree; business,
    finance or risk management is helpful but not required": its list writes the ";" as ","), and "which takes longer
    to get fully credentialed, fsa or cpcu" had been "Longer for FSA: 4 to 6 years" (a sentence of other exams): the
    table's row gives each its own cell ("Actuary 7 to 10 years (FSA or FCAS), Insurance underwriter 2 to 3 years
    (CPCU)")."""
    text = all_guides.answer("how to become an insurance underwriter").text
    assert text.startswith("Earn a bachelor's degree; business, finance or risk management"), text
    first = first_sentence(all_guides.answer("which takes longer to get fully credentialed, fsa or cpcu").text)
    assert first.startswith("Longer for FSA: 7 to 10 years [1] against 2 to 3 years for CPCU"), first


def test_a_clipped_word_points_at_no_one_guide(all_guides):
    """ "med", which one guide writes once ("med passes"), is the "medication" and "medical" of many: "i want to be the
    one deciding if a med is safe, not just filling bottles. which suits me" had been sent to the CNA guide alone and
    answered "fits certified nursing assistants best"; a name no dictionary has still points at its guide ("faa")."""
    from assistant.analysis import guide_pointed

    index = all_guides.search.keyword_index()
    question = "i want to be the one deciding if a med is safe, not just filling bottles. which suits me"
    assert guide_pointed(question, index.vocabulary, index.corpus_words) is None
    assert guide_pointed("how long is the faa academy", index.vocabulary, index.corpus_words) is not None
    assert "fits pharmacists best" in all_guides.answer(question).text


def test_a_comparison_reads_each_roles_own_figure_and_the_place_asked(all_guides):
    """The twenty-ninth grading: "heavy equipment operator vs truck driver top earners, how much more do the top 10%
    make" had been "Neither: ... both earn $94,150" (one figure of "the best-paid 10% of operators earn more than
    $94,150, against $76,850 for drivers" read for both); "sonograhper vs rad tech in california whats the pay
    difference" had been answered with the national medians ($84,470 against $67,180)."""
    question = "heavy equipment operator vs truck driver top earners, how much more do the top 10% make"
    first = first_sentence(all_guides.answer(question).text)
    assert first.startswith("Heavy equipment operators earn more: $94,150"), first
    assert "$76,850" in first and "$17,300 more" in first, first
    first = first_sentence(all_guides.answer("sonograhper vs rad tech in california whats the pay difference").text)
    assert first.startswith("In California, sonographers earn more: $118,620"), first
    assert "$101,450" in first and "$17,170 more" in first, first
    # the same figure of a row's two cells is still the same: "Neither"
    text = all_guides.answer("is the electrical or plumbing apprenticeship longer").text
    assert text.startswith("Neither: electricians and plumbers both take 4 to 5 years"), text


def test_a_yes_no_reads_the_asked_roles_own_clause_and_cell(all_guides):
    """The twenty-ninth grading: "does a dental assistant need a license to work" had been "Yes: A dental hygienist
    needs a degree and a state license ..., while a dental assistant can start working in under a year" (the license
    is the hygienist's clause); "can a vet tech do surgery or prescribe meds" had opened "The guide says nothing
    about meds" ("meds": the guide's "medication")."""
    text = all_guides.answer("does a dental assistant need a license to work").text
    assert text.startswith("No, only for certain tasks in some states"), text
    text = all_guides.answer("do dental hygienists need a license").text
    assert text.startswith("Yes, in every state"), text
    text = all_guides.answer("can a vet tech do surgery or prescribe meds").text
    assert text.startswith("No: In every state, vet techs cannot diagnose, prescribe medication"), text


def test_a_fields_work_names_its_role_and_which_one_if_i_asks_for_a_fit(all_guides):
    """ "truck driving or running heavy equipment, which one if i wanna be home with my kids every night" had named no
    role ("driving" is a driver's work, as "welding" a welder's) and been answered with the FAQ's "Yes" to "Can I do
    both?"; "which one ... if i ..." asks which suits the asker, unless it asks a figure."""
    question = "truck driving or running heavy equipment, which one if i wanna be home with my kids every night"
    text = all_guides.answer(question).text
    assert "heavy equipment operator" in first_sentence(text) and not text.startswith("Yes"), text
    assert "home" in first_sentence(text), text
    index = all_guides.search.keyword_index()
    assert [r.name for r in index.vocabulary.roles_in("is welding or machining better pay")] == ["welder", "machinist"]
    asked = analyse("which one pays more if i have a bachelors, rn or pa", index.vocabulary, index.corpus_words)
    assert asked.kind == "comparison"


def test_a_part_answered_by_what_another_part_said_is_not_said_twice(all_guides):
    """The twenty-ninth grading's q20: "do air traffic controller trainees get paid at the faa academy? how much" had
    said "Trainees are paid from the start: expect roughly $52,000 a year ..." twice, once with its "Yes"."""
    text = all_guides.answer("do air traffic controller trainees get paid at the faa academy? how much").text
    assert text.startswith("Yes: Trainees are paid from the start") and "$52,000" in text, text
    assert text.count("Trainees are paid from the start") == 1, text


def test_the_twenty_first_guides_pr_specialists_and_their_figures(all_guides):
    """The twenty-first guide, written blind (journalist vs public relations specialist), untouched: "pr specialists"
    had named no role (its guide writes "PR specialist", "public relations" as its initials), so "median pay and job
    growth for pr specialists?" was answered with the actuaries' pay; "the top 10% of pr people" weighed against "top
    reporters" had been the PR specialists' median ($69,800) against the reporters' top 10%."""
    text = all_guides.answer("median pay and job growth for pr specialists?").text
    assert "$69,800" in first_sentence(text) and "6%" in text, text
    first = first_sentence(all_guides.answer("how much more do the top 10% of pr people make vs top reporters").text)
    assert first.startswith("Public relations specialists earn more: $136,700"), first
    assert "$127,300" in first and "$9,400" in first and "$69,800" not in first, first
    first = first_sentence(all_guides.answer("top 10% pay, pr specialists vs reporters, who makes more").text)
    assert "$136,700" in first and "$127,300" in first, first


def test_a_yes_no_answered_by_a_myth_or_a_move_into_a_field(all_guides):
    """The twenty-first guide: "do i need a journalism degree to become a reporter" is the guide's myth, answered by its
    fact, not by a step that names the degree ("ideally in journalism"); "can a journalist switch to pr" is answered by
    the sentence moving "from journalism to PR", the field's initials, not by a pay gap that "mid-career reporters
    switch" over."""
    text = all_guides.answer("do i need a journalism degree to become a reporter").text
    assert text.startswith("No: Editors hire clips, not diplomas"), text
    text = all_guides.answer("can a journalist switch to pr").text
    assert text.startswith("Yes") and "one of the most common career moves" in first_sentence(text), text


def test_a_yes_no_answered_by_a_bare_cell_says_what_its_row_is(assistant_over, tmp_path):
    """ "do i need a license to work in pr?", answered from the row "| License required | No | No |", had been "No,
    public relations specialist: [1]." (the cell is a bare "No", with nothing after it to say)."""
    bot = _over_one_guide(
        assistant_over,
        tmp_path / "baker-vs-barista.md",
        "# Baker vs. Barista: Which Food Job Fits You?\n\nBakers make bread before dawn. Baristas make coffee.\n\n"
        "## Baker vs. Barista at a Glance\n\n| Measure | Baker | Barista |\n|---|---|---|\n"
        "| Median annual pay | $35,400 | $29,800 |\n| License required | No | No |\n\n"
        "## What a Baker Does\n\nA baker mixes dough, shapes loaves and watches the ovens.\n\n"
        "## What a Barista Does\n\nA barista takes orders, pulls espresso shots and steams milk.\n",
    )
    text = bot.answer("do i need a license to work as a barista?").text
    assert text.startswith('No: "License required" is "no" for baristas'), text


def test_a_count_of_a_word_that_phrases_questions_and_a_list_named_only_by_its_heading(all_guides):
    """ "how many qustions are on the apr exam": a typo in the word's first letters is the guides' word, not a thing
    they lack; "questions" is what is counted; and the numbered step that says it ("2. A computer-based exam of 177
    questions, taken within one year of approval") is a sentence of its own. "what tools do pr specialists use": the
    sentence naming the tools, not a list of skills that has "tools" only from its heading ("Skills and Tools")."""
    first = first_sentence(all_guides.answer("how many qustions are on the apr exam").text)
    assert "177 questions" in first and "says nothing" not in first, first
    first = first_sentence(all_guides.answer("what tools do pr specialists use").text)
    assert "Cision" in first and "Persuasive writing" not in first, first


def test_a_comparison_of_where_pay_is_best_weighs_each_sides_best_place(all_guides):
    """ "top paying state for slps vs audiologists, which is higher" had been the national medians ($92,120 against
    $89,290, one sentence giving both): each role's own top-paying state, named with its figure."""
    first = first_sentence(all_guides.answer("top paying state for slps vs audiologists, which is higher").text)
    assert "$118,390 in Oregon" in first and "$112,340 in California" in first, first
    assert first.startswith("In each one's top-paying state, audiologists earn more"), first


def test_a_credential_asked_by_its_name_is_its_own_item_and_what_it_takes(all_guides):
    """ "how do i get the PLS certification" had been the list that only names it ("Certification is optional ...:
    Accredited Legal Professional (ALP); Professional Legal Secretary (PLS)"): the item about it, and the sentence
    after it that goes on about it ("It requires at least 3 years of experience ...")."""
    text = all_guides.answer("how do i get the PLS certification").text
    assert text.startswith("Professional Legal Secretary (PLS)") and "3 years of experience" in text, text


def test_a_place_asked_is_each_sides_figure_there(all_guides):
    """The thirtieth grading's q10 and q27: "pharmacist vs pharm tech pay in california" had weighed the national
    median against the technicians' hospital median; "welder or machinist in alaska who makes more", the welders'
    national median against the machinists' Washington one. Each side's sentence that names the place, and its figure
    after it."""
    first = first_sentence(all_guides.answer("pharmacist vs pharm tech pay in california").text)
    assert first.startswith("In California, pharmacists earn more: $151,200"), first
    assert "$50,900" in first and "$100,300" in first, first
    first = first_sentence(all_guides.answer("welder or machinist in alaska who makes more").text)
    assert first.startswith("In Alaska, welders earn more: $77,400"), first
    assert "$62,900" in first and "$14,500" in first, first


def test_a_person_of_his_own_and_a_role_after_a_shared_head_are_no_guides_roles(all_guides):
    """The thirtieth grading's q2 and q15: "how much do journeyman electricians make in chicago" had named the
    journalist ("journ..."), and been answered with a reporter's pay; "nurse practitioner vs pa which makes more" had
    named the registered nurse ("nurse" is a last word two guides' roles share), and been weighed as RN against PA."""
    text = all_guides.answer("how much do journeyman electricians make in chicago").text
    assert "chicago" in first_sentence(text).lower() and "journalist" not in text, text
    assert "$61,590" in text, text
    text = all_guides.answer("nurse practitioner vs pa which makes more").text
    assert "says nothing about nurse practitioner" in first_sentence(text), text
    assert "registered nurses" not in text, text


def test_a_myth_said_again_in_other_words_is_the_evidence(all_guides):
    """The thirtieth grading's q32: "do u need a cdl to run an excavator" had been "Yes: A heavy equipment operator
    (HEO) runs bulldozers, excavators, ..." (the one sentence with the rarest word asked); the guide's myth "You need a
    CDL to run heavy equipment" is the question said again, and its fact the answer."""
    text = all_guides.answer("do u need a cdl to run an excavator").text
    assert text.startswith("No CDL is required to operate a machine") or text.startswith("No"), text
    assert "No CDL is required" in first_sentence(text), text


def test_a_fit_after_its_roles_weighs_each_choose_list_by_the_items_the_asker_said(all_guides):
    """The thirtieth grading's q30: "journalism or pr, which fits me if i love writing but want normal hours and more
    jobs to pick from" had named only the journalist ("pr," before "which" named no one), read nothing of the asker (all
    of it after "which" was cut as the asking), and listed "Choose journalist if: ...". The PR specialists' list has two
    items the asker said ("... far more job openings", "... regular business hours"), the journalists' one."""
    text = all_guides.answer(
        "journalism or pr, which fits me if i love writing but want normal hours and more jobs to pick from"
    ).text
    assert text.startswith("By the guide's descriptions, that fits public relations specialists best"), text
    assert "regular business hours" in text and "job openings" in text, text


def test_questions_a_comma_parts_are_each_answered(all_guides):
    """The thirtieth grading's q7 and q14: "accountant vs financial analyst, which has more jobs, which is growing
    faster, and how long does the cpa take" had answered the growth and the CPA, not which has more jobs; "how many ppl
    work as vet techs vs vet assistants, which has more openings a year, and why" the headcounts alone ("have more
    ppl"). A question after a comma is a part of its own."""
    text = all_guides.answer(
        "accountant vs financial analyst, which has more jobs, which is growing faster, and how long does the cpa take"
    ).text
    assert text.startswith("Accountants have more jobs: 1.5 million"), text
    assert "grow faster: 9%" in text and "5 to 7 years" in text, text
    text = all_guides.answer(
        "how many ppl work as vet techs vs vet assistants, which has more openings a year, and why"
    ).text
    assert text.startswith("Veterinary technicians have more people: 127,800"), text
    assert "Veterinary assistants have more openings: 24,700" in text, text


def test_a_how_to_that_announces_its_stages_tells_them(all_guides):
    """The thirtieth grading's q33: "how do i get my cdl a step by step" had been "The CDL process has two stages [1]."
    and nothing more; the two sentences after it are the stages (not the list's items told alone before them)."""
    text = all_guides.answer("how do i get my cdl a step by step").text
    assert text.startswith("The CDL process has two stages"), text
    assert "First you pass the knowledge tests" in text and "You must hold the CLP for at least 14 days" in text, text
    assert text.count("General knowledge test") == 1, text
