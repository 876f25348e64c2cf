"""Each guide's vocabulary derived from its own text, the question analysis built on it, and the text rules the
writer relies on (sentences, tables, the support check). Pure logic: no model, no store."""

from pathlib import Path

import pytest
from test_units import GUIDES, VOCABULARY, vocabulary_of

from assistant.analysis import CorpusWords, analyse, asked_terms
from assistant.reading import defines, figure_value, one_of_several
from assistant.retrieval import tokenize
from assistant.sentences import passage_sentences, split_sentences
from assistant.support import unsupported
from assistant.vocabulary import Vocabulary, derive_vocabulary
from ingest.chunking import chunk_markdown


def _guide(source: str) -> dict[str, set[str]]:
    return {r.name: set(r.aliases) for r in VOCABULARY.guides[source].roles}


def test_each_guide_names_its_own_roles_and_aliases():
    first = _guide(GUIDES[0].name)
    assert set(first) == {"ML engineer", "data scientist"}
    assert {"machine learning engineer", "MLE"} <= first["ML engineer"]
    assert "DS" in first["data scientist"]
    second = _guide(GUIDES[1].name)
    assert set(second) == {"cybersecurity analyst", "penetration tester"}
    assert {"pen tester", "pentester", "ethical hacker"} <= second["penetration tester"]
    assert {"security analyst", "SOC analyst"} <= second["cybersecurity analyst"]
    assert "Salaries" in VOCABULARY.guides[GUIDES[1].name].topics


def test_a_guide_without_a_title_gets_its_roles_from_repeated_headings():
    text = (
        "## Pay\n\n### Nurses\n\nNurses earn $80,000 a year.\n\n### Dentists\n\nDentists earn more.\n\n"
        "## Tools\n\n### Nurses\n\nA stethoscope.\n\n### Dentists\n\nA drill.\n\n### Both roles\n\nGloves.\n"
    )
    chunks = chunk_markdown(text)
    guide = derive_vocabulary("care.md", "", [c.section for c in chunks], [c.text for c in chunks])
    assert [r.name for r in guide.roles] == ["nurse", "dentist"]
    vocabulary = Vocabulary([guide])
    assert vocabulary.role_of("care.md", "Tools > Both roles") is None
    assert vocabulary.role_of("care.md", "Pay > Nurses").name == "nurse"


def test_a_heading_repeated_under_each_role_the_title_names_is_no_role():
    # "### Typical daily tasks" under "What Does a Paralegal Do?" and under "What Does a Legal Secretary Do?"
    text = (
        "# Paralegal vs Legal Secretary\n\n## What Does a Paralegal Do?\n\n### Typical daily tasks\n\n- Research\n\n"
        "## What Does a Legal Secretary Do?\n\n### Typical daily tasks\n\n- Typing\n\n"
        "## Pay\n\n### Paralegal\n\nMore.\n\n## Outlook\n\n### Paralegal\n\nSlow growth.\n"
    )
    chunks = chunk_markdown(text)
    title = "Paralegal vs Legal Secretary"
    guide = derive_vocabulary("law.md", title, [c.section for c in chunks], [c.text for c in chunks])
    assert [r.name for r in guide.roles] == ["paralegal", "legal secretary"]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("whats the pay diff between ml eng and data sci", ["ML engineer", "data scientist"]),
        ("who makes more, MLE or DS", ["ML engineer", "data scientist"]),
        ("how much do machine learning engineers make", ["ML engineer"]),
        ("Who earns more, an enginer or a scienist?", ["ML engineer", "data scientist"]),
        ("do pentesters use splunk", ["penetration tester"]),
        ("what does a soc analyst actually do", ["cybersecurity analyst"]),
        ("which is growing faster sec analyst or pen testing", ["cybersecurity analyst", "penetration tester"]),
        ("data engineer salary", []),  # another engineer: not the guide's ML engineer
        ("me and my friends", []),
    ],
)
def test_roles_are_found_the_way_people_type_them(text, roles):
    assert [r.name for r in VOCABULARY.roles_in(text)] == roles


def test_a_role_no_guide_describes_is_named_as_such():
    assert VOCABULARY.unlisted("data engineer vs data scientist") == ["data engineer"]


def _corpus_words() -> CorpusWords:
    words = {t for path in GUIDES for t in tokenize(path.read_text(encoding="utf-8"))}
    return CorpusWords(sorted(words))


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("how much do data scientists make in canada", ["canada"]),
        ("what does google pay ML engineers", ["google"]),
        ("ml engineer salary after tax", ["tax"]),
        ("how much do dentists earn", ["dentists"]),
        ("how much do software architects make", ["software architects"]),
        ("what interview questions do they ask data scientists", ["interview"]),
        # Asking words, abbreviations and typos of the guides' words are not something the guides lack.
        ("whats the pay diff between ml eng and data sci", []),
        ("what certs do pen testers need", []),
        ("soc analyst sallary", []),
        ("what affects how much a data scientist gets paid", []),
        ("can a data scientist switch to ml engineering", []),
        ("pen tester salary in the uk", ["uk"]),
        ("how do i become a pilot", ["pilot"]),
        # Common nouns after "in"/"at" are a way of speaking, not a place the guide lacks; short ones, abbreviations.
        ("What should I study at university if I want to become a data scientist?", []),
        ("In a nutshell, what's the key difference between data scientists and ML engineers?", []),
        ("how do i learn data viz for ds jobs", []),
    ],
)
def test_words_no_guide_uses_are_found(question, unknown):
    assert analyse(question, VOCABULARY, _corpus_words()).unknown == unknown


def test_several_parts_are_split_and_read():
    read = analyse("how much do pen testers make and what certs do they need", VOCABULARY, _corpus_words())
    assert read.kind == "multi"
    assert read.parts == ["how much do pen testers make", "what certs do they need"]
    assert read.wants == "money"


def test_a_question_after_a_comma_is_a_part_and_what_asks_nothing_goes_with_the_next():
    from assistant.analysis import split_parts

    assert split_parts("ds vs mle, which has more jobs, which is growing faster, and how long does the phd take") == [
        "ds vs mle, which has more jobs",
        "which is growing faster",
        "how long does the phd take",
    ]
    assert split_parts("how many ds are there, which has more openings, and why") == [
        "how many ds are there",
        "which has more openings, why",
    ]
    assert split_parts("I love maths, which role suits me?") == []


def test_a_remark_after_a_question_is_no_part_of_it():
    from assistant.analysis import split_parts

    assert split_parts("how long is the oscp exam?? heard its brutal") == []
    assert split_parts("do nurse practitioners make more than PAs? thinking np instead") == []
    assert split_parts("how much do they make? and what certs do they need") == [
        "how much do they make",
        "what certs do they need",
    ]


def test_sentences_keep_abbreviations_whole():
    text = "The U.S. Bureau of Labor Statistics counts them, e.g. in finance. Pay varies."
    assert split_sentences(text) == ["The U.S. Bureau of Labor Statistics counts them, e.g. in finance.", "Pay varies."]
    # An initial is no end ("J. Smith"); a title's last letter is ("the title PA-C. PAs take ...").
    assert split_sentences("Ask J. Smith. Once certified, a PA uses the title PA-C. PAs take histories.") == [
        "Ask J. Smith.",
        "Once certified, a PA uses the title PA-C.",
        "PAs take histories.",
    ]


def test_a_table_row_is_read_with_its_headers_and_bold_labels_are_not_sentences():
    text = (
        "| | Analyst | Tester |\n|---|---|---|\n| **Salary range (US)** | $70K | $95K |\n\n"
        "**Key facts:**\n- Python\n- SQL\n- **Nmap.** Nmap scans networks for open ports."
    )
    units = passage_sentences(text)
    assert "Salary range (US): Analyst $70K, Tester $95K." in units
    assert "Nmap scans networks for open ports." in units  # its label is its first word: not said twice
    assert "Key facts: Python; SQL; Nmap." in units
    assert not any(u in ("Python", "SQL", "Key facts:", "**Key facts:**") for u in units)
    assert not any("|" in u or "**" in u for u in units)


def test_a_table_rows_label_reads_with_the_first_columns_header():
    """ "what industry pays welders the best" asks of the rows under "Industry": each row says so."""
    text = (
        "| Industry | Median yearly pay (welders) |\n|---|---|\n| Pipeline construction | $65,400 |\n"
        "| Federal government (naval shipyards) | $66,200 |"
    )
    assert passage_sentences(text) == [
        "Pipeline construction (industry): Median yearly pay (welders) $65,400.",
        "Federal government (naval shipyards; industry): Median yearly pay (welders) $66,200.",
    ]


def test_a_paragraph_after_its_intro_reads_with_it():
    text = (
        "Detective is a rank in some departments and a lateral assignment in others. The usual order:\n\n"
        "Police Officer → Corporal → Sergeant → Lieutenant → Captain"
    )
    assert passage_sentences(text) == [
        "Detective is a rank in some departments and a lateral assignment in others; the usual order: Police Officer → "
        "Corporal → Sergeant → Lieutenant → Captain"
    ]


def test_a_list_without_an_intro_is_introduced_by_its_headings():
    text = "- **Nmap.** Scans networks.\n- **Hashcat.** Cracks hashes."
    units = passage_sentences(text, "Tools > Penetration tester")
    assert "Tools (penetration tester): Nmap; Hashcat." in units


@pytest.mark.parametrize(
    ("sentence", "cited", "missing"),
    [
        (
            "ML engineers earn more: $136,620 a year [1] against $103,500 for data scientists [2], about $33,120 more.",
            ["ML engineer: an average salary of $136,620 per year.", "Data scientists make an average of $103,500."],
            [],
        ),
        (
            "ML engineers earn more: $136,620 a year [1] against $99,000 for data scientists [2], about $37,620 more.",
            ["ML engineer: an average salary of $136,620 per year.", "Data scientists make an average of $103,500."],
            ["$99,000", "$37,620"],
        ),
        (
            "No: the guide names C++ for ML engineers [1], not for data scientists [2].",
            ["ML engineers use C++ for high-performance models.", "Data scientists use R and SQL."],
            [],
        ),
        (
            "No: the guide names Rust for ML engineers [1], not for data scientists [2].",
            ["ML engineers use C++ for high-performance models.", "Data scientists use R and SQL."],
            ["Rust"],
        ),
        (
            "Penetration testers earn more: $135,000 a year [1].",
            ["ML engineers earn $136,620."],
            ["$135,000", "penetration tester"],
        ),
    ],
)
def test_a_composed_sentence_names_only_what_its_citations_hold(sentence, cited, missing):
    assert unsupported(sentence, cited, VOCABULARY) == missing


# The guides written blind, by helpers who never read the code (tests/data).
BLIND = vocabulary_of(
    [
        Path(__file__).parents[1] / "data" / name
        for name in ("ux-designer-vs-product-manager.md", "registered-nurse-vs-physician-assistant.md")
    ]
)


def test_a_singular_name_sometimes_called_gets_its_aliases_and_a_bodys_acronym_is_not_one():
    roles = {r.name: set(r.aliases) for r in BLIND.roles}
    assert {"staff nurse", "bedside nurse", "RN"} <= roles["registered nurse"]
    assert {"physician associate", "PA"} <= roles["physician assistant"]
    # "... National Commission on Certification of Physician Assistants (NCCPA)" names the body, not the role.
    assert "NCCPA" not in roles["physician assistant"]


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("degree ux vs pm", ["UX designer", "product manager"]),  # a role's leading acronym alone
        ("are ux jobs growing faster than pm jobs", ["UX designer", "product manager"]),
        ("what ux research methods are there", []),  # the acronym as the field's modifier
        ("by how much do pas out earn nurses", ["physician assistant", "registered nurse"]),
        ("how much do nurses make", ["registered nurse"]),
        ("do nurse practitioners make more than PAs", ["physician assistant"]),  # another person than the nurse
        ("do product managers have to code or design screens themselves", ["product manager"]),  # design: a thing done
    ],
)
def test_roles_of_the_blind_guides_are_found_the_way_people_type_them(text, roles):
    assert [r.name for r in BLIND.roles_in(text)] == roles


@pytest.mark.parametrize(
    ("question", "kind", "wants"),
    [
        ("do apms start at over 100k", "yesno", "money"),
        ("which takes longer to get into, nursing or pa", "comparison", "duration"),
        ("are there more nursing jobs or pa jobs", "comparison", "count"),
        ("are there more nurses or pas working in the us", "comparison", "count"),
        ("how fast is each growing, nurses and pas", "comparison", "percent"),  # each of two roles: both, weighed
        ("by how much do pas out earn nurses", "comparison", "money"),
        ("i need to start earning asap, rn or pa?", "comparison", "duration"),  # in a hurry: the shorter way in
        ("what degree do pms usually have and whats the entry level title", "multi", None),
    ],
)
def test_questions_about_the_blind_guides_are_read(question, kind, wants):
    read = analyse(question, BLIND, _corpus_words())
    assert (read.kind, read.wants) == (kind, wants)


def test_a_word_no_guide_uses_set_against_a_role_names_a_role_no_guide_describes():
    read = analyse("np vs pa which is better", BLIND, _corpus_words())
    assert read.unknown == ["np"]
    assert [r.name for r in read.roles] == ["physician assistant"]  # its partner is not brought in to compare


@pytest.mark.parametrize(
    ("sentence", "word", "optional"),
    [
        ("Learn design principles and Figma through a degree, an online course, or a bootcamp.", "degree", True),
        ("Most hold a bachelor's or master's degree in computer science.", "degree", True),
        ("Some PAs complete an optional postgraduate residency of 12 to 18 months.", "residency", True),
        ("Typical degree: UX designer: Bachelor's in design, HCI, or psychology.", "degree", False),
        ("Most data scientists hold a degree in statistics.", "degree", False),
    ],
)
def test_a_thing_is_one_of_several_ways_only_inside_its_own_list(sentence, word, optional):
    assert one_of_several(sentence, word) is optional


@pytest.mark.parametrize(
    ("sentence", "term", "expected"),
    [
        ("Bachelor of Science in Nursing (BSN): 4 years at a college or university.", "bsn", True),
        ("Associate product manager (APM): Own small features under a senior PM.", "apm", True),
        ("Entry-level education: Associate degree (ADN) or bachelor's (BSN); PA: Master's degree.", "bsn", False),
    ],
)
def test_a_term_is_defined_where_it_is_spelled_out(sentence, term, expected):
    assert defines(sentence, frozenset({term})) is expected


@pytest.mark.parametrize(
    ("text", "wants", "value"),
    [
        ("These master's programs last about 27 months.", "duration", 27 / 12),
        ("Time to enter the field: Registered Nurse (RN) 2 to 4 years.", "duration", 2),
        ("Jobs in the US: about 3.3 million.", "count", 3.3e6),
        ("Associate product managers usually start around $95K.", "money", 95_000),
        ("Certificate programs run anywhere from four months to a year.", "duration", 4 / 12),  # a number spelled out
    ],
)
def test_figures_are_read_in_one_unit(text, wants, value):
    assert figure_value(text, wants)[1] == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("There are about 259,200 PTs and about 149,000 OTs working in the US.", "259,200"),
        ("Airlines require the ATP, and the ATP requires 1,500 hours of total flight time.", "1,500"),
        ("Job growth (2023-2033): Physical Therapist: 14%; Occupational Therapist: 11%.", None),  # years, shares
        ("Employment is projected to grow 6% from 2023 to 2033.", None),
        ("Typical schedule: 40 to 50 hours a week.", None),  # a span of time
        ("Most new grads start at $75,000.", None),
        ("The exam has four sections, and you must pass all four within a 30-month window.", "four"),  # in words
        ("Officers can take the sergeant's exam after three to five years.", None),
    ],
)
def test_a_count_is_a_number_of_things(text, count):
    found = figure_value(text, "count")
    assert (found and found[0]) == count


def test_the_last_sentence_of_a_question_says_which_figure_it_wants():
    from assistant.analysis import wants_figure

    assert wants_figure("pa is growing way faster than rn right? but which one has more openings each yr") == "count"
    assert wants_figure("how much do nurses make? and pas?") == "money"


def test_the_askers_age_is_read_against_a_sentences_age_bound():
    from assistant.reading import age_verdict, asker_age

    assert asker_age("im 32 can i still apply to be atc") == 32
    assert asker_age("is 34 too old to start an apprenticeship") == 34
    assert asker_age("im 25 and like numbers, which one suits me") is None  # no question of age
    assert asker_age("how many hrs is 40 hours a week") is None
    assert age_verdict("You must apply before your 31st birthday.", 32) == "No"
    assert age_verdict("Many fire departments cap the age of new hires at 35.", 37) == "Often not"
    assert age_verdict("Meet the basics: age 18 or older.", 37) == "Yes"
    assert age_verdict("Apprenticeships have no upper age limit.", 50) == "Yes"
    assert age_verdict("Most programs last four years.", 30) is None


def test_a_span_after_what_is_asked_is_of_something_else():
    from assistant.reading import only_after

    assert only_after("It takes two to three years after the academy.", frozenset({"academy"}))
    assert not only_after("Academy training lasts about 16 weeks.", frozenset({"academy"}))


def test_what_a_question_counts_is_read_up_to_its_verb():
    from assistant.reading import counted

    assert counted("how many flight hours do u need for the atp") == "flight hours"
    assert counted("how many pts are there in the us") == "pts"
    assert counted("whats the median pay") == ""


def test_bold_numbered_paragraphs_are_a_list_of_labelled_items():
    text = (
        "Both trades use the same three-step ladder.\n\n**1. Apprentice.** Most people enter through an "
        "apprenticeship. You need to be at least 18.\n\n**2. Journeyman.** Once you finish your hours, you sit "
        "an exam.\n\n**3. Master.** A master can pull permits and run a business.\n"
    )
    sentences = passage_sentences(text, "The path in")
    assert "Apprentice: You need to be at least 18." in sentences
    assert "The path in: Apprentice; Journeyman; Master." in sentences


def test_a_sum_of_cited_spans_is_supported_and_a_made_up_one_is_not():
    cited = ["Associate product manager: usually for 1 to 2 years. Product manager: typically for 3 to 5 years."]
    assert unsupported("About 4 to 7 years by the guide's steps [1].", cited, VOCABULARY) == []
    assert unsupported("About 4 to 20 years by the guide's steps [1].", cited, VOCABULARY) == ["20"]


def test_a_heading_naming_one_role_is_its_own_unless_it_chooses_between_roles():
    source = "registered-nurse-vs-physician-assistant.md"
    assert BLIND.role_of(source, "Education and Licensing > How to become a physician assistant").name == (
        "physician assistant"
    )
    assert BLIND.role_of(source, "How to Choose Between Nursing and PA School") is None


@pytest.mark.parametrize(
    ("typed", "rewritten"),
    [
        ("whats a mle", "whats an ML engineer"),  # the article follows the name it now stands before
        ("A DS earns what", "A data scientist earns what"),  # an acronym of one role reads as one
        ("how much do mles make", "how much do ML engineers make"),
    ],
)
def test_a_role_typed_as_its_alias_is_named_as_the_guide_names_it(typed, rewritten):
    from assistant.condense import with_role_names

    assert with_role_names(typed, VOCABULARY) == rewritten


def test_a_roles_field_names_it_only_beside_another_of_its_guides_roles():
    from assistant.vocabulary import GuideVocabulary, Role

    dental = [Role("dental hygienist", "d.md"), Role("dental assistant", "d.md")]
    health = [Role("registered nurse", "n.md"), Role("physician assistant", "n.md")]
    security = [Role("cybersecurity analyst", "c.md"), Role("penetration tester", "c.md")]
    vocabulary = Vocabulary(
        [
            GuideVocabulary("d.md", "", dental),
            GuideVocabulary("n.md", "", health),
            GuideVocabulary("c.md", "", security),
        ]
    )
    assert vocabulary.roles_in("more openings each year, hygiene or assisting") == dental
    assert vocabulary.roles_in("i like analysis, which one") == [], "alone, a field names no role"
    assert vocabulary.roles_in("data analysis vs penetration testers") == [security[1]], "data analysis is a thing"


def test_a_one_word_name_of_two_words_goes_by_its_initials():
    from assistant.vocabulary import GuideVocabulary, Role, compound_initials

    assert compound_initials("firefighter") == "ff" and compound_initials("electrician") == ""
    roles = [Role("firefighter", "f.md"), Role("police officer", "f.md")]
    vocabulary = Vocabulary([GuideVocabulary("f.md", "", roles)])
    assert vocabulary.roles_in("how much do ffs make") == roles[:1]


@pytest.mark.parametrize(
    ("question", "word"),
    [
        ("how do you get promoted to lieutenant in the fire dept", "dept"),  # a contraction the guide spells out
        ("top earners - do the top 10% of police officers or firefighters make more", "earners"),  # "earn" + "er"
        ("which one can i start younger at, police officer or firefighter", "younger"),  # a comparative
    ],
)
def test_a_way_of_writing_a_guides_word_is_not_a_missing_thing(question, word):
    corpus = CorpusWords(["department", "earn", "start", "promot", "lieutenant", "fire", "top", "make"])
    assert word not in analyse(question, VOCABULARY, corpus).unknown


def test_a_mistyped_common_word_is_not_a_missing_thing():
    corpus = CorpusWords(["ml", "engineer", "data", "scientist", "switch", "later"])
    assert "bein" not in analyse("can an ml engineer switch to bein a data scientist", VOCABULARY, corpus).unknown


def test_minutes_are_a_duration():
    assert figure_value("You must finish in 10 minutes and 20 seconds or less.", "duration")[0] == "10 minutes"


def test_a_word_in_brackets_that_only_says_which_kind_is_no_alias():
    text = "Firefighters and police officers both serve.\n\nPolice Officer (probationary), then Police Officer."
    guide = derive_vocabulary("f.md", "Firefighter vs. Police Officer", ["Ranks", "Ranks"], [text, text])
    officer = next(r for r in guide.roles if r.name == "police officer")
    assert "probationary" not in officer.aliases


def test_informal_names_a_guide_uses_for_its_roles_are_aliases(embeddings):
    """With the real model: a word said of a person ("hired as a cop") near one role's name and not the other's."""
    from assistant.vocabulary import informal_names

    guide = derive_vocabulary("f.md", "Firefighter vs. Police Officer", ["Pay", "Pay"], ["x", "y"])
    texts = [
        "It is far easier to get hired as a cop than as a career firefighter, so cops earn more.",
        "Structure fires are rare; as a result, crews train as a team.",
    ]
    roles = {r.name: r.aliases for r in informal_names(guide, texts, embeddings.encode).roles}
    assert "cop" in roles["police officer"]
    assert not {"result", "team", "fire"} & {*roles["police officer"], *roles["firefighter"]}


def test_a_clipped_last_word_names_the_one_role_of_the_guide_asked_about():
    """ "techs" stands for technicians, vet techs and technologists alike: beside "pharmacists" (or after them, in a
    conversation) it is the pharmacists' guide's one role whose name ends in such a word."""
    from assistant.condense import condense
    from assistant.vocabulary import GuideVocabulary, Role

    pharmacy = [Role("pharmacist", "p.md", ("RPh",)), Role("pharmacy technician", "p.md", ("CPhT",))]
    vets = [Role("veterinary technician", "v.md", ("vet tech",)), Role("veterinary assistant", "v.md")]
    imaging = [Role("radiologic technologist", "r.md", ("rad tech",)), Role("sonographer", "r.md")]
    vocabulary = Vocabulary(
        [GuideVocabulary("p.md", "", pharmacy), GuideVocabulary("v.md", "", vets), GuideVocabulary("r.md", "", imaging)]
    )
    assert vocabulary.roles_in("pharmacists vs techs, who earns more") == pharmacy
    assert vocabulary.roles_in("sonographers or techs") == imaging[::-1]
    assert vocabulary.roles_in("how much do techs make") == [], "alone, techs are of three guides"
    assert vocabulary.roles_in("do pharmacists work in big tech") == pharmacy[:1], "big tech is no one"
    history = [
        {"role": "user", "content": "how much do pharmacists make an hour"},
        {"role": "assistant", "content": "About $63.82 an hour."},
    ]
    assert condense("and techs?", history, vocabulary) == "how much do pharmacy technicians make an hour"


def test_a_role_in_brackets_after_a_word_that_does_not_agree_with_it_names_nothing():
    """ "Median yearly pay (welders)" heads a table column: "pay" is no name of welders (it had made "what industry
    pays machinists the best" + "and for welders?" read "what industry welders machinists the best")."""
    text = "| Industry | Median yearly pay (welders) |\n\nSparkies (electricians) wire buildings."
    guide = derive_vocabulary("w.md", "Welder vs. Electrician", ["Pay", "Pay"], [text, text])
    welder = next(r for r in guide.roles if r.name == "welder")
    electrician = next(r for r in guide.roles if r.name == "electrician")
    assert "pay" not in welder.aliases and "sparkies" in electrician.aliases, guide.roles


def test_a_stem_the_guides_have_is_not_cut_again():
    """ "openings" is read "opening", which the guides have: not cut again to "open" ("open-source")."""
    corpus = CorpusWords(["opening", "open", "welder", "year"])
    assert corpus.expand("opening") == ("opening",)
    assert asked_terms("yearly job openings welders vs machinists?", Vocabulary([]), corpus) >= {"opening"}


def test_a_role_the_title_names_with_its_abbreviation_is_named_without_it():
    """ "Certified Nursing Assistant (CNA) vs. Licensed Practical Nurse (LPN)": the roles are the certified nursing
    assistant and the licensed practical nurse, their abbreviations aliases (an eighteenth guide's title had made
    "certified nursing assistant (CNA)" a name, and every composed sentence naming it unsupported)."""
    text = "Become a certified nursing assistant (CNA) or a licensed practical nurse (LPN)."
    title = "Certified Nursing Assistant (CNA) vs. Licensed Practical Nurse (LPN)"
    guide = derive_vocabulary("c.md", title, ["Pay", "Pay"], [text, text])
    assert {r.name: r.aliases for r in guide.roles} == {
        "certified nursing assistant": ("CNA",),
        "licensed practical nurse": ("LPN",),
    }


def test_a_verb_form_and_a_word_written_as_two_are_the_guides_words():
    """ "lapsing" is the guides' "lapse" (its stem "laps" starts no form of it); "healthcare" is a guide's "health
    care", in any guide that writes the two words; a made-up compound is not."""
    corpus = CorpusWords(sorted(["lapse", "health", "care", "renew"]))
    assert corpus.expand("lapsing") == ("lapse",)
    assert corpus.expand("healthcare") == ("health", "care")
    assert corpus.knows_in("healthcare", frozenset({"any.md"}))
    assert corpus.halves("healthzzzz") == ()


def test_a_role_is_named_by_what_its_acronym_is_called_and_by_the_initials_of_its_two_word_head():
    """The twentieth guide, written blind: "uw" for underwriters had been "The guide does not cover insurance uw";
    "speech therapist", which the SLP guide gives its role in "An SLP (sometimes called a speech therapist)", had
    been a missing word."""
    text = (
        "A speech-language pathologist (SLP) treats speech. An SLP (sometimes called a speech therapist) helps "
        "people talk. An insurance underwriter decides whether to accept a risk."
    )
    title = "Speech-Language Pathologist vs. Insurance Underwriter"
    guide = derive_vocabulary("s.md", title, ["Pay", "Pay"], [text, text])
    aliases = {r.name.lower(): set(r.aliases) for r in guide.roles}
    assert {"SLP", "speech therapist"} <= aliases["speech-language pathologist"], aliases
    assert "UW" in aliases["insurance underwriter"], aliases  # under + writer
    vocabulary = Vocabulary([guide])
    # the name's word before its acronym is the same mention: "insurance uw" is no "insurance insurance underwriter"
    assert [(m.start, m.end) for m in vocabulary.mentions("how much do insurance uw make")] == [(3, 5)]


def test_a_table_cell_ends_a_role_and_a_field_before_its_work_names_the_role():
    """ "| State | Actuary median | Underwriter median |" names both roles (the cell's "|" had joined "median
    Underwriter", and every composed sentence of the row was "unsupported"); "is underwriting employment expected to
    grow" asks of the underwriters (it had been answered with the actuaries' growth), "data analysis salary" of no
    analyst."""
    text = "Actuaries price risk. Insurance underwriters accept it."
    guide = derive_vocabulary("a.md", "Actuary vs. Insurance Underwriter", ["Pay", "Pay"], [text, text])
    vocabulary = Vocabulary([guide])
    names = lambda t: [r.name for r in vocabulary.roles_in(t)]  # noqa: E731
    assert names("| State | Actuary median | Underwriter median |") == ["actuary", "insurance underwriter"]
    assert names("is underwriting employment expected to grow") == ["insurance underwriter"]
    assert names("i like underwriting the most") == []


def test_a_gap_against_a_decline_is_supported():
    """22% against "projected to decline 4%" is 26 points more: a fall is a negative change (in a passage of many
    figures, where sums of them are not tried)."""
    many = " ".join(f"State {n}: ${n},100." for n in range(10, 22))
    cited = [f"Outlook\nActuaries will grow 22%. Underwriters are projected to decline 4% from 2023 to 2033. {many}"]
    sentence = "Actuaries grow faster: 22% [1] against -4% [1], 26 percentage points more."
    assert unsupported(sentence, cited, VOCABULARY) == []
    assert unsupported(sentence, [cited[0].replace("decline", "grow")], VOCABULARY) == ["26"]


def test_a_name_whose_first_words_the_guide_writes_as_initials_goes_by_them():
    """ "Public relations specialist", which its guide writes "PR specialist": that is an alias, and "pr" alone (the
    field, or "pr people") names the role; "journalism" is a field, kept as written when roles are named."""
    from assistant.condense import with_role_names

    text = "A PR specialist works for an organization. A good PR person saves a reporter time. Journalists report."
    guide = derive_vocabulary("j.md", "Journalist vs. Public Relations Specialist", ["Pay", "Pay"], [text, text])
    aliases = {r.name.lower(): set(r.aliases) for r in guide.roles}
    assert "PR specialist" in aliases["public relations specialist"], aliases
    vocabulary = Vocabulary([guide])
    names = lambda t: [r.name for r in vocabulary.roles_in(t)]  # noqa: E731
    assert names("pr specs hourly pay") == ["public relations specialist"]
    assert names("top 10% of pr people") == ["public relations specialist"]
    assert names("journalism or pr") == ["journalist", "public relations specialist"]
    assert with_role_names("do i need a journalism degree", vocabulary) == "do i need a journalism degree"


def test_an_adverb_names_no_role_and_take_home_pay_has_no_home():
    """ "how much would an lpn actually take home after taxes each paycheck" had named the actuary ("actually" shares
    its first five letters), and been weighed against the actuary's pay; "take home" asks for pay, not for a home (the
    "Home health care services" row had answered). "how much more does lpn school cost" asks what it costs."""
    from assistant.vocabulary import token_matches

    assert not token_matches("actually", "actuary") and not token_matches("usually", "user")
    assert token_matches("actuarys", "actuary") and token_matches("engineering", "engineer")
    asked = analyse("how much would a nurse actually take home after taxes", VOCABULARY, CorpusWords(["home", "tax"]))
    assert "home" not in asked.terms, asked.terms
    cost = analyse("how much more does lpn school cost than cna classes", VOCABULARY, CorpusWords(["school", "cost"]))
    assert cost.wants == "cost", cost


def test_a_pay_range_written_between_two_figures_is_one_range():
    """ "New OT graduates typically start between $68,000 and $78,000": the range, not its first figure (a comparison
    had weighed "$68,000" against another role's median)."""
    assert figure_value("New OT graduates typically start between $68,000 and $78,000.", "money") == (
        "$68,000 to $78,000",
        68000.0,
    )
    assert figure_value("They earn $50,000 and get $5,000 in bonuses.", "money") == ("$50,000", 50000.0)
