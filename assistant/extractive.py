"""The default answer writer: the answer first, from the guide's own sentences, each cited.

A plan per kind of question (see `assistant.analysis`): a fact gets its best sentence; a comparison of a figure a
verdict with both figures and their difference; a yes/no question "Yes:" or "No:" with its evidence; a list the
sentence that names its items; advice the role whose description matches, framed as the guide's; several parts
one sentence each. A sentence joins only if it clears a floor relative to the best one and adds asked words.
The few sentences the writer composes around guide content are checked by `assistant.support`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import numpy as np

from . import reading
from .analysis import (
    ASKS_GAP,
    CAREER_STAGE,
    CHOOSING,
    FIGURES,
    MOVES,
    PERCENTILE,
    RANGE_END,
    REACHED,
    SPELLED_ASKED,
    THRESHOLD,
    TYPICAL_FIGURE,
    YES_NO,
    Analysis,
    asked_terms,
    asks_route,
    compared_things,
    introduces,
    is_list_question,
    listed_thing,
    readings,
    spelled_out,
)
from .retrieval import SHARED_HEADING, STOPWORDS, Passage, phrases, terms
from .sentences import LIST_SENTENCE, SIGNPOST, SentenceVectors, plain
from .tuning import TUNING
from .vocabulary import Role, singular, words

# Opens by pointing back ("This number fluctuates", "These ML engineers"): it reads only after what it points at.
_ANAPHOR = re.compile(
    r"(These|This|They|Their|Such|It|Its|That|Those|He|She|However|Overall|Also|Additionally|"
    r"Instead|Still|Therefore|Thus|Otherwise|Similarly|Likewise|Moreover|Furthermore|"
    r"On the other hand|In contrast|By contrast|In addition|For example|For instance)\b|"
    r"(\w+ ){1,4}(do so|doing so|do this|this way)\b|"
    r"([\w,]+ ){1,5}(it|them)\b(?! (is|was) (a|an|the|not|also|often|usually|possible|hard|easy)\b)"
)


# A question asking by the hour: "per hour", "hourly", "an hr".
_BY_THE_HOUR = re.compile(r"\b(hour\w*|hr)\b", re.I)
# Words of a change over time: what a question about growth asks, and what a sentence states a growth rate with (not
# "About 80% of insurance underwriters work for insurance carriers", a share).
_CHANGE = re.compile(
    r"\b(grow\w*|grew|ris(e|es|ing)|increas\w*|declin\w*|decreas\w*|drop\w*|fall\w*|shrink\w*|expan\w*|outlook|"
    r"project\w*|demand|faster|slower)\b",
    re.I,
)
# A period pay is asked by: "hourly pay", "per day", "a month".
_PERIOD = re.compile(r"\b(hour\w*|hrs?|days?|daily|weeks?|weekly|months?|monthly|per)\b", re.I)


def _paid_by_the(sentence: str) -> bool:
    """Whether all the pay a sentence gives is by the hour, day, week or month ("... makes roughly $333 per day, while
    ... $326 per day"); not "$43,740 ($21.03 per hour)", whose first figure is a year's."""
    found = list(FIGURES["money"].finditer(sentence))
    return bool(found) and all(
        (per := reading.PER.search(sentence[m.end() : m.end() + 20])) and per.group(2).lower() != "year" for m in found
    )


_UNIT = re.compile(r"(?<![\w-])(year|month|week|day|hour|minute)s?\b|-(hour|day|week|month|year)\b", re.I)


def _unit(figure: str) -> str | None:
    """How a span is stated: "span" for "12 to 16 days" or "4 years" (spans compare across units); "-hour" for a
    "40-hour" week or "12-hour" shifts (a kind of week or shift, not a span)."""
    found = _UNIT.search(figure)
    return None if not found else "span" if found.group(1) else f"-{found.group(2).lower()}"


@dataclass(frozen=True)
class Focus:
    """A question asked of one role alone (a comparison's side, or a part of the question), and its vector."""

    question: str
    vector: np.ndarray
    role: Role | None = None
    analysis: Analysis | None = None


@dataclass(frozen=True)
class Said:
    """What the assistant said last, found in the guide: a follow-up goes on from there."""

    passage_id: str  # the passage it was taken from
    text: str
    asks_next: bool = False  # "what comes after that?": the sentence after it
    asks_why: bool = False  # "why that tool though?": the reason may be in what was said


@dataclass(frozen=True)
class Sentence:
    """One sentence of an answer: its text and the passages (indices into the writer's list) it cites."""

    text: str
    cites: tuple[int, ...]
    composed: bool = False  # written by the assistant around guide content, rather than the guide's own words


@dataclass(frozen=True)
class _Candidate:
    passage: int
    order: int
    text: str


@lru_cache(maxsize=1 << 16)
def _alternative(sentence: str) -> bool:
    """Whether a sentence offers another way in ("A 4-year bachelor's degree ... is also available"), remembered."""
    return _ALTERNATIVE.search(sentence) is not None


@lru_cache(maxsize=1 << 16)
def _is_list(sentence: str) -> bool:
    """Whether a sentence names a list ("Key skills: ..."), remembered: every answer reads its passages' sentences."""
    return LIST_SENTENCE.search(sentence) is not None


@lru_cache(maxsize=1 << 16)
def _cues(sentence: str) -> tuple[float, bool, bool, bool, bool, bool, bool, bool, bool]:
    """A sentence's worth apart from the question: signpost penalty, points back, names a list, and which
    figures it states (money, percent, duration, a count of things, any other number, a price)."""
    return (
        TUNING.signpost_penalty if SIGNPOST.search(sentence) else 0.0,
        bool(_ANAPHOR.match(sentence)),
        _names_list(sentence),
        bool(FIGURES["money"].search(sentence)),
        bool(FIGURES["percent"].search(sentence)),
        bool(FIGURES["duration"].search(sentence)),
        reading.figure_value(sentence, "count") is not None,
        bool(FIGURES["number"].search(sentence)),
        bool(FIGURES["cost"].search(sentence)) and _COST.search(sentence) is not None,
    )


def _names_list(sentence: str) -> bool:
    """Whether a sentence names a list's items ("... tools, including: R and SQL; Microsoft Excel; Jupyter."): three or
    more, or two each short or capitalised (a row's cells); not a step told in two clauses ("Pass your subject exam:
    Most states use ..., which costs $168; some states also require ...")."""
    if not LIST_SENTENCE.search(sentence):
        return False
    items = sentence.partition(": ")[2].split("; ")
    return len(items) >= 3 or all(len(item.split()) <= 8 or not item[:1].islower() for item in items)


# A sentence that goes on about what the one before it named: "You complete eight events ...", "It takes ...".
_GOES_ON = re.compile(r"(You|It|They|This|These|That|Those)\b")
# ... or names again what the one before named: "The exam lasts four hours" after "... the national exam ...".
_THE_SAME = re.compile(r"The (\w+) (?!of\b)")
# One span, not a range: "21 weeks".
_ONE_SPAN = re.compile(r"(?:about |around |roughly )?(\d+)\s+(years?|months?|weeks?|days?|hours?)", re.I)
# A duration comparison asking for the shorter: "which one gets u there quicker".
_SOONER = re.compile(
    r"\b(quicker|quickest|quickly|faster|fastest|sooner|soonest|shorter|shortest|less time|asap|fast|right away)\b",
    re.I,
)
# The best-paying of a role's settings, states or employers, and a question asking where pay is best.
_PAYS_BEST = re.compile(r"\b(pays? (the )?(best|most)|top[- ]paying|best[- ]paying|highest[- ]paying)\b", re.I)
# The place a figure is given for: "California" of "SLPs: California ($112,340), New Jersey ...".
_PLACE_OF = r"\b([A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,3})\s*[(:]\s*"
# A sentence giving an example of the one before it.
_EXAMPLE = re.compile(r"\s*(for example|for instance|e\.g\.)\b", re.I)
# A sentence opening on the typical one of a role: "The median police officer salary is ...", "The average nurse ...".
_TYPICAL_OF = re.compile(r"\s*the (median|average|typical) ", re.I)
# Where a sentence's next clause has a subject of its own: "The median truck driver earns $54,320, while the median
# heavy equipment operator earns $58,320."
_CLAUSE_OF_ITS_OWN = re.compile(r",?\s+\b(?:while|whereas)\s+", re.I)
# A figure of a place named before: "the median heavy equipment operator there earns about $49,600" (not "there is").
_THERE = re.compile(r"\bthere\b(?!\s+(?:is|are|was|were|will|may|might|can|could|has|have|had)\b)(?!['\u2019]s)", re.I)
_WHERE_PAID = re.compile(
    r"\b(where|which|state|states|setting|settings|city|cities|industry|industries|employers?|hospitals?|best|top|"
    r"highest|most)\b",
    re.I,
)
# A sentence naming several items: "Popular credentials include BCPS (...), BCOP (...) and BCACP (...)".
_ENUMERATES = re.compile(r"\b(include|includes|including|such as)\b[^.;]*,[^.;]*\b(and|or)\b", re.I)
_FIGURE_COLUMN = {"money": 3, "percent": 4, "duration": 5, "count": 6, "number": 7, "cost": 8}
# Words that count people, whoever they are: what is counted is the role the question names.
_PEOPLE = frozenset(["people", "ppl", "persons", "workers", "folks"])
# A heading's words for the way into a role: "Becoming a Vet Tech", "The PT path", "Steps to Become a VA".
_WAY_IN = frozenset(["become", "path", "route", "roadmap", "step"])
# A sentence telling a later step of a way in: "After graduating, you must pass ...", "Graduates then take ...".
_NEXT_STEP = re.compile(r"^(?:After|Once|Then|Next|Finally|Upon)\b|\b(?:then|must)\b")
# The unit a span is asked in: "how many hours of ...", "how many yrs".
_ASKED_UNIT = re.compile(r"\bhow many (?:\w+ )?(hours|hrs|days|weeks|months|years|yrs)\b", re.I)


def _unit_asked(found: re.Match) -> str:
    """The first letters of the unit "how many ..." asks in: "hour" of "hrs", "year" of "years"."""
    return {"hrs": "hour", "yrs": "year"}.get(found.group(1).lower(), found.group(1).lower()[:4])


# A yes/no question that offers its own alternative: "... or is a masters enough", "... or can i get in with certs".
_EITHER_OR = re.compile(r"\bor (is|are|can|could|do|does|should|will|would|just|only)\b", re.I)
# A way besides the usual one: "A 4-year bachelor's degree in veterinary technology is also available".
_ALTERNATIVE = re.compile(r"\b(is|are) also (available|an option|possible|offered)\b|\balternatively\b", re.I)
# What a price is said with: "Fee: $330", "tuition runs $20,000", "costs about $5,000".
# A table's row read with its headers: "Best-known credential: Welder: AWS Certified Welder; Machinist ...".
_ROW = re.compile(r"^[^:;.]{2,60}: [^:;]{2,60}: ")
# A yes/no asking whether a role's jobs grow (or shrink), with no bar and no other role to weigh against.
_GROWING = re.compile(
    r"^(?!.*\b(than|faster|slower|average|over \d|at least)\b).*\b(grow\w*|declin\w*|shrink\w*)\b", re.I
)
# A label before a sentence of its own: "Pass the state counseling exam: Many states use the Praxis ...".
_LABELLED = re.compile(r"^([A-Z][^:()\d]{2,60}): ([A-Z](?:[^:]*?\s){5,}[^:]*)$")
# The word after a step's imperative: "Pass the", "Earn a", "Finish your", "Apply for".
_STEP_OBJECT = frozenset(["a", "an", "the", "your", "any", "for", "to", "with", "on", "in", "up", "out", "some"])
# A definition asked of one short word: "what is an lvn", "whats the nnaap".
_WHAT_IS = re.compile(r"\s*what(?:'?s| is| are)\s+(?:an?\s+|the\s+)?(?P<abbr>[A-Za-z]{2,7}?)s?\s*\??\s*", re.I)


def _verb_of(label: str) -> str:
    """The verb a row's label takes as a subject: "Certifications", "Typical hours", "Openings per year" are; "Number
    of jobs", "Median pay" is."""
    head = re.sub(r"\s*\([^)]*\)", "", label).split(" of ")[0].split(" per ")[0].split()[-1:]
    return "are" if head and re.search(r"[^su]s$", head[0]) else "is"


# What a question asks of each row of a table: "in each work setting", "by state", "in every industry".
_EACH = re.compile(r"\b(?:in\s+)?(?:each|every|all(?: the)?|different)\s+([a-z]+(?:\s+[a-z]+)?)\b", re.I)
# A table row of one role, read with its headers: "School counselor (role): Median yearly pay: $65,170; ...".
_ROLE_ROW = re.compile(r"^[^:;.()]{2,60} \([^()]+\): [^:;]{2,60}: ")
# A sentence that announces the parts of what it names, which the sentences after it tell: "The CDL process has two
# stages."
_ANNOUNCES = re.compile(
    r"\b(?:has|have|takes|involves|in) (two|three|four) (?:main )?(?:stages|steps|parts|phases)\.$", re.I
)
# What a reader does, as a guide tells it: "you weld a test coupon ...".
_YOU_DO = re.compile(r"\byou (?!can\b|may\b|might\b)\w+", re.I)
# "what industry pays welders the best", "which state is the highest paying for ..."
_TOP_PAYING = re.compile(
    r"\b(?:which|what)\s+(?P<thing>[a-z]+)\s+(?:pays?|paid)\b.*\b(?:most|best|highest)\b|"
    r"\b(?:which|what)\s+(?P<other>[a-z]+)\s+(?:is|are)\s+(?:the\s+)?(?:best|highest|top)[- ]pa(?:id|ying)\b",
    re.I,
)
# A span counted in clock time (hours of work), not on the calendar.
_CLOCK = re.compile(r"\b(hours?|hrs?|minutes?)\b", re.I)
_COST = re.compile(r"\b(fees?|costs?|tuition|price\w*|spend|expens\w*|pay for|charged?|charges)\b", re.I)


class ExtractiveWriter:
    """Writes an answer from the passages' own sentences, following a plan for the kind of question."""

    name = "extractive"

    def __init__(self, sentences: SentenceVectors, max_sentences: int = 3) -> None:
        self.vectors = sentences
        self.max_sentences = max_sentences

    def write(
        self,
        analysis: Analysis,
        vector: np.ndarray,
        passages: list[Passage],
        index,
        foci: list[Focus],
        said: Said | None = None,
    ) -> list[Sentence]:
        """The answer's sentences, the answer first.

        Args:
            analysis: The question, read (`assistant.analysis.analyse`).
            vector: Its embedding.
            passages: The retrieved passages, best first.
            index: The store revision read (`retrieval.HybridSearch.keyword_index`): the guides' roles, and each
                word's rarity (a rare shared word, "Git", counts for more than a common one).
            foci: Each compared role's own question, each part of a several-part question, or an advice
                question's profile of the asker.
            said: For a follow-up, what was said last and the passage it came from: the sentences around it are
                what the follow-up asks about, and it is not said again.
        """
        plan = _Plan(self, analysis, vector, passages, index, said)
        if not plan.candidates:
            return []
        out, seen = [], set()
        for sentence in plan.left_out(plan.run(foci)):  # near-duplicate documents hold a sentence twice: say it once
            key = " ".join(re.sub(r"\s*\[\d+\]", "", sentence.text).lower().split()).rstrip(".")
            if not any(key.startswith(k) or k.startswith(key) for k in seen):  # nor with or without its list after it
                seen.add(key)
                out.append(sentence)
        return out


_COMPARATIVE = re.compile(r"\b(more|less|longer|shorter|higher|lower|cheaper|faster|quicker|slower|fewer)\b", re.I)
# A question weighing prices: "which one costs more", "is the ptce cheaper".
_ASKS_COST = re.compile(r"\b(cost|costs|fees?|price|cheaper|expensive)\b", re.I)


def _figure_weighed(question: str) -> str | None:
    """The figure a question weighs things by, said by its verb: "costs more" money, "takes longer" a span."""
    if _ASKS_COST.search(question) or re.search(r"\b(pays?|paid|earns?|makes?)\b", question, re.I):
        return "money"
    if re.search(r"\b(longer|shorter|quicker|faster)\b", question, re.I):
        return "duration"
    return None


# A table row's label read with its first column's header (`sentences.table_sentences`): "Texas (state): ...".
_ROW_LABEL = re.compile(r"^([^:()]+) \(([^()]+)\): ")


@lru_cache(maxsize=1 << 12)
def _table_lines(passage: str) -> tuple[str, ...]:
    """A passage's Markdown table lines, as plain text."""
    return tuple(plain(line).strip() for line in passage.splitlines() if line.lstrip().startswith("|"))


def _in_table(label: str, passage: str) -> bool:
    """Whether a sentence's label is in a line of its passage's table: a row read with its headers, not a list's
    intro ("Pros: ...") nor a label under its section's name ("Exams and Certification (fees and upkeep): ...")."""
    return any(label in line for line in _table_lines(passage))


def _instance(sentence: str, passage: str) -> re.Match | None:
    """A table row about one instance of what its first column lists ("Texas (state): ...", "Hospitals (setting):
    ..."), read against the passage's table; not a label's own parenthesis ("Median annual pay (May 2023)") nor a
    role's row."""
    row = _ROW_LABEL.match(sentence)
    header = row.group(2).rpartition("; ")[2].lower() if row else ""  # "(skilled nursing facilities; work setting)"
    if not row or header in ("role", "career", "job"):
        return None
    headers = {line.strip("|").split("|")[0].strip().lower() for line in _table_lines(passage)}
    return row if header in headers else None


def _other_instance(sentence: str, asked: frozenset[str], passage: str) -> bool:
    """Whether a sentence is a row of one instance (`_instance`) that a question's words (not its roles') neither name
    nor ask among ("which state ..."): a part of the figure asked, not it."""
    row = _instance(sentence, passage)
    return row is not None and not (terms(row.group(1)) & asked or terms(row.group(2).rpartition("; ")[2]) & asked)


class _Plan:
    """One question's candidates and scores, and the plans that pick from them."""

    def __init__(
        self,
        writer: ExtractiveWriter,
        analysis: Analysis,
        vector: np.ndarray,
        passages: list[Passage],
        index,
        said: Said | None = None,
    ) -> None:
        self.writer, self.analysis, self.vector, self.passages = writer, analysis, vector, passages
        self.vocabulary, self.idf, self.corpus = index.vocabulary, index.idf, index.corpus_words
        self.candidates: list[_Candidate] = []
        self._counts: dict[str, np.ndarray] = {}  # see `counts_of`
        blocks = []
        for i, (texts, vecs) in enumerate(writer.vectors.of(passages)):
            self.candidates += [_Candidate(i, j, t) for j, t in enumerate(texts)]
            blocks.append(vecs)
        if not self.candidates:
            return
        self.matrix = np.vstack(blocks)
        self.cites = [(c.passage,) for c in self.candidates]
        self._merge_list_pieces()
        # A sentence's words with its section's: a sentence under "Tools" is about tools, whatever it says.
        self.words = [terms(c.text) | terms(passages[c.passage].section) for c in self.candidates]
        for n, c in enumerate(self.candidates[1:], start=1):
            before = self.candidates[n - 1]
            the = _THE_SAME.match(c.text)  # "... the national exam given by the NBCOT. The exam lasts ..."
            same = bool(the) and bool(terms(the.group(1)) & self.words[n - 1])
            if (_GOES_ON.match(c.text) or same) and before.passage == c.passage and before.order == c.order - 1:
                # "Most fire departments use the CPAT ... You complete eight events ... in 10 minutes and 20 seconds":
                # a sentence going on about the one before is about its words too
                self.words[n] = self.words[n] | self.words[n - 1]
        cues = [_cues(c.text) for c in self.candidates]
        # A guide's opening sentence says what the guide is about ("Compare the day-to-day work, tools, pay ... to
        # decide which side of security fits you."): it points at the guide, like a signpost, and answers nothing.
        self.signpost = np.array(
            [
                TUNING.signpost_penalty if passages[c.passage].position == 0 and c.order == 0 else cue[0]
                for c, cue in zip(self.candidates, cues, strict=True)
            ]
        )
        self.anaphor = np.array([c[1] for c in cues])
        self.listing = np.array([c[2] for c in cues])
        self.list_of: dict[int, int] = {}  # a list's item told alone: the list's sentence
        for m in np.flatnonzero(self.listing):  # a list's item told alone ("Time limit: 3.5 hours.") is about what
            listed = self.candidates[m].text  # its intro says ("... the ARRT Radiography exam. Key details:")
            intro = terms(listed.split(": ", 1)[0])
            items = set(reading.list_parts(listed)[1])
            for n, c in enumerate(self.candidates):
                item = c.text.rstrip(". ")
                if c.passage != self.candidates[m].passage or n == m or len(item) <= 3:
                    continue
                if f": {item}" in listed:
                    self.words[n] = self.words[n] | intro
                if item in items:
                    self.list_of.setdefault(n, int(m))
        self.figures = {kind: np.array([c[col] for c in cues]) for kind, col in _FIGURE_COLUMN.items()}
        top = passages[0].fused or 1.0
        self.rank = np.array([TUNING.rank_weight * passages[c.passage].fused / top for c in self.candidates])
        self.source = np.array([passages[c.passage].source for c in self.candidates])
        self.roles = [passages[c.passage].role for c in self.candidates]
        # A guide's sentence names its own roles: the accounting guide's "controllers" are no air traffic controllers.
        # A document comparing no roles (an uploaded note) may name any guide's.
        mentions = [
            [
                m
                for m in self.vocabulary.mentions(c.text)
                if m.role.source == source or not self.vocabulary.compares(source)
            ]
            for c, source in zip(self.candidates, self.source, strict=True)
        ]
        self.named = [list(dict.fromkeys(m.role for m in found)) for found in mentions]
        self.carried = self._carried_roles()
        # a sentence that opens with a role's name ("Controllers must retire at 56 ..."): its subject
        self.opens = [  # (or with "the median" one's: "The median police officer salary is $69,160, compared with ...")
            bool(found) and (found[0].start <= 1 or (found[0].start == 2 and _TYPICAL_OF.match(c.text) is not None))
            for found, c in zip(mentions, self.candidates, strict=True)
        ]
        self.passage_of = np.array([c.passage for c in self.candidates])
        # The role a sentence is about when it opens with it ("A penetration tester is hired to ...").
        self.subject = [next((m.role for m in found if m.start <= 1), None) for found in mentions]
        # How much two sentences say the same: the share of their words in common. (Their vectors are of the sentence
        # with its section's headings, so any two sentences of one section are alike by them: cosine 0.8-0.93.)
        self.own_words = [terms(c.text) for c in self.candidates]
        self.choosing_words = asked_terms(CHOOSING, self.vocabulary, self.corpus)
        self.context, self.said = self._context(said)
        self.said_text = said.text if said else ""

    def _carried_roles(self) -> list[Role | None]:
        """In a section about several roles, the role a sentence naming none goes on about: the one the sentence
        before it names ("Registered nurses earn a median of $86,070. The lowest-paid 10% make less than ...")."""
        carried: list[Role | None] = [None] * len(self.candidates)
        for n, c in enumerate(self.candidates[1:], start=1):
            before = self.candidates[n - 1]
            if (
                self.roles[n] is None
                and not self.named[n]
                and before.passage == c.passage
                and before.order == c.order - 1
            ):
                named = self.named[n - 1] or ([carried[n - 1]] if carried[n - 1] else [])
                carried[n] = named[0] if len(named) == 1 else None
        return carried

    def _context(self, said: Said | None) -> tuple[np.ndarray, np.ndarray]:
        """A bonus for the sentences of the section a follow-up goes on from (and the sentence after what was said,
        when it asks what comes next), and which sentences were said already."""
        from .retrieval import tokenize

        bonus, done = np.zeros(len(self.candidates)), np.zeros(len(self.candidates), dtype=bool)
        where = next(((p.source, p.section) for p in self.passages if said and p.id == said.passage_id), None)
        if where is None:
            return bonus, done
        from .citations import split_sentences

        spoken = [set(tokenize(s)) for s in split_sentences(said.text)]
        wanted = FIGURES.get(self.analysis.wants) if self.analysis.wants else None
        spoken = [words for words in spoken if words]
        for n, c in enumerate(self.candidates):
            p = self.passages[c.passage]
            if (p.source, p.section) == where:
                bonus[n] = TUNING.context_bonus
                # Said already: its words were said, or it holds all that one sentence said (said in other words).
                mine = set(tokenize(c.text))
                done[n] = bool(mine) and any(
                    len(mine & words) / min(len(mine), len(words)) >= TUNING.said_sentence for words in spoken
                )
                # "how long do they stay at that level": no span was said, so its "1 to 2 years" is new
                done[n] = done[n] and not (
                    wanted is not None and wanted.search(c.text) and not wanted.search(said.text)
                )
        if said.asks_why:
            done[:] = False
        if said.asks_next:  # the sentence after each said one ("The growth is driven by ...")
            for after in np.flatnonzero(done) + 1:
                if after < len(done) and bonus[after] and not done[after]:
                    bonus[after] += TUNING.context_bonus
        return bonus, done

    def _merge_list_pieces(self) -> None:
        """A long list split over chunks names its items once per piece, each piece with the list's intro: the
        pieces retrieved together name all their items, citing each piece."""
        groups: dict[tuple, list[int]] = {}
        for n, c in enumerate(self.candidates):
            if _is_list(c.text):
                p = self.passages[c.passage]
                groups.setdefault((p.source, p.section, reading.list_parts(c.text)[0]), []).append(n)
        listed = {self.candidates[n].passage for members in groups.values() for n in members}
        for (source, section, intro), members in groups.items():
            # A piece holding the list's last item alone names no list of its own: its item's label joins the list.
            tails: dict[int, dict[str, None]] = {}
            for c in self.candidates:
                p = self.passages[c.passage]
                if (
                    (p.source, p.section) == (source, section)
                    and c.passage not in listed
                    and reading.item_label(c.text)
                ):
                    tails.setdefault(c.passage, {})[reading.item_label(c.text)] = None
            if len({self.candidates[n].passage for n in members} | set(tails)) < 2:
                continue
            pieces = [
                (
                    self.passages[self.candidates[n].passage].position,
                    self.candidates[n].passage,
                    reading.list_parts(self.candidates[n].text)[1],
                )
                for n in members
            ]
            pieces += [(self.passages[i].position, i, list(labels)) for i, labels in tails.items()]
            pieces.sort(key=lambda piece: piece[0])
            items = dict.fromkeys(item.strip() for _, _, labels in pieces for item in labels)
            text = f"{intro}: {'; '.join(items)}."
            cites = tuple(dict.fromkeys(i for _, i, _ in pieces))
            for n in members:
                self.candidates[n] = _Candidate(self.candidates[n].passage, self.candidates[n].order, text)
                self.cites[n] = cites

    def left_out(self, sentences: list[Sentence]) -> list[Sentence]:
        """The answer without what the question leaves out ("tools ... besides figma"): a list sentence without its
        items that name it, and no other sentence about it, unless nothing else is left."""
        besides = self.analysis.besides
        if not besides:
            return sentences
        kept = []
        for sentence in sentences:
            intro, items = reading.list_parts(sentence.text) if LIST_SENTENCE.search(sentence.text) else ("", [])
            rest = [item for item in items if not besides & terms(item)]
            if items and rest and len(rest) < len(items):
                kept.append(replace(sentence, text=f"{intro}: {'; '.join(rest)}.", composed=True))
            elif items or not besides & terms(sentence.text):
                kept.append(sentence)
        return kept or sentences

    # -- scoring ---------------------------------------------------------------------------------------------

    def relevance(
        self, question: str | frozenset, vector: np.ndarray, wants: str | None, text: str | None = None
    ) -> np.ndarray:
        """Each sentence's score for a question (its text, or its terms as `analysis.asked_terms` gives them, and then
        its `text` too, if known)."""
        asked = question if isinstance(question, frozenset) else asked_terms(question, self.vocabulary, self.corpus)
        # Normalised by the asked words' rarity, but not below `lexical_floor`: a question of one common word ("who do
        # they work with") must not hand its whole lexical weight to any sentence with "work" in it.
        # (A mistyped word read as several of the guides' forms, "emplyed": employ, employer ..., counts once.)
        rarity: dict[str, float] = {}
        for t in asked:
            rarity[t[:5]] = max(rarity.get(t[:5], 0.0), self.idf.get(t, 1.0))
        weight = max(sum(rarity.values()), TUNING.lexical_floor, 1.0)
        cut = TUNING.family_prefix
        families = [(t, self.idf.get(t, 1.0), t[:cut], self.corpus.family(t)) for t in asked if len(t) > cut]
        shared = np.array([self.shared_weight(asked, w, families) for w in self.words])
        scores = (
            self.matrix @ vector
            + TUNING.lexical_weight * shared / weight
            + self.rank
            + self.signpost
            + self.context
            + TUNING.asked_heading_bonus * self.heading_asks(asked)
        )
        text = question if isinstance(question, str) else text
        # "how long is student teaching": the step "Complete student teaching, ...", not a sentence of "students" and
        # "teachers" apart (words of the dictionary, not both a role's: a name, "arrt radiography", is rare already)
        said = {p for p in phrases(text) if not set(p) & self.role_words and all(map(readings, p))} if text else None
        if said:
            scores = scores + TUNING.phrase_bonus * np.array([bool(said & phrases(c.text)) for c in self.candidates])
        if wants in self.figures:
            figures = self.figures[wants]
            if wants == "percent" and _CHANGE.search(question if isinstance(question, str) else self.analysis.text):
                figures = figures & np.array([_CHANGE.search(c.text) is not None for c in self.candidates])
            scores = scores + TUNING.figure_bonus * figures
            if wants == "money":
                scores = scores + self.stage_scores(question if isinstance(question, str) else " ".join(question))
            if wants == "duration":  # "how long to get the CPA": the whole span of it ("All told, ... 5 to 7 years")
                totals = [
                    bool(f) and reading.TOTAL.search(c.text) is not None and bool(asked & w)
                    for c, f, w in zip(self.candidates, self.figures[wants], self.words, strict=True)
                ]
                scores = scores + TUNING.asked_stage_bonus * np.array(totals)
            if wants == "duration":  # "how long is the faa academy": not "two to three years after the academy"
                scores = scores - TUNING.span_after_penalty * np.array(
                    [
                        bool(f) and reading.only_after(c.text, asked - self.role_words)
                        for c, f in zip(self.candidates, self.figures[wants], strict=True)
                    ]
                )
            if wants == "duration" and (unit := _ASKED_UNIT.search(question if isinstance(question, str) else "")):
                # "how many hours of on the job training": a span in hours ("8,000 hours"), not "4 to 5 years"
                asked_unit = _unit_asked(unit)
                scores = scores + TUNING.asked_stage_bonus * np.array(
                    [
                        bool(f)
                        and any(m.group(5).lower().startswith(asked_unit) for m in FIGURES[wants].finditer(c.text))
                        for c, f in zip(self.candidates, self.figures[wants], strict=True)
                    ]
                )
            if wants == "number":  # "what score do u need": a sentence with a number and the score ("a 600 to pass")
                text = question if isinstance(question, str) else self.analysis.text
                measured = [
                    bool(f) and reading.states_measure(text, c.text)
                    for c, f in zip(self.candidates, self.figures[wants], strict=True)
                ]
                scores = scores + TUNING.asked_stage_bonus * np.array(measured)
            if wants == "count":  # "how many pts": a count of PTs ("259,200 PTs")
                text = question if isinstance(question, str) else self.analysis.text
                counted = self.counts_of(text)
                # ... of the thing asked by its name: "how many questions on the nbcot test" is no count of the NPTE's
                names = self.names(asked) & set(words(text))  # (as typed: not a typo's guesses, "employe")
                if names:
                    counted = counted & np.array([names <= w for w in self.words])
                scores = scores + TUNING.asked_stage_bonus * counted
        return scores

    def shared_weight(self, asked: frozenset[str], words: frozenset[str], families: list[tuple]) -> float:
        """The rarity of the asked words a sentence has; an asked word it lacks counts when it has another of its
        family ("specialize": "specialties"), once for the family (`families`: each long asked word's idf, first
        letters and `CorpusWords.family`)."""
        had = asked & words
        weight = sum(self.idf.get(t, 1.0) for t in had)
        missed: dict[str, float] = {}
        for t, idf, first, family in families:
            if t not in words and not family.isdisjoint(words) and not any(w.startswith(first) for w in had):
                missed[first] = max(missed.get(first, 0.0), idf)
        return weight + sum(missed.values())

    def counts_of(self, question: str) -> np.ndarray:
        """Which sentences count what the question counts: a number followed by its words or its role (read once a
        question: relevance, each side and the row of a comparison ask)."""
        if question not in self._counts:
            self._counts[question] = self._counting(question)
        return self._counts[question]

    def _counting(self, question: str) -> np.ndarray:
        matchers = self.count_matchers(question)
        if matchers is None:
            return np.zeros(len(self.candidates), dtype=bool)
        return np.array(
            [
                bool(f) and reading.count_of(c.text, *matchers)
                for c, f in zip(self.candidates, self.figures["count"], strict=True)
            ]
        )

    def count_matchers(self, question: str) -> tuple[Callable, Callable] | None:
        """What tells a count of what the question counts (`reading.count_of`): the words after a number, and the label
        before it; None when the question counts nothing."""
        what = reading.counted(question)
        if not what:
            return None
        roles = {m.role for m in self.vocabulary.mentions(what)}
        head = self.counted_head(question)  # "openings", not the "job" of "Jobs in the US"
        asked = asked_terms(head, self.vocabulary, self.corpus) if head else frozenset()
        # (a word that alone only phrases a question still names what is counted: "how many questions")
        asked = asked or frozenset(t for t in terms(head) if t in self.corpus.words)
        stems = {f for t in asked for f in self.corpus.family(t)} | (terms(head) - self.role_words if asked else set())
        if set(words(what)) & _PEOPLE or (roles and not head):  # "how many ppl work as paralegals", "how many rad
            # techs are there": the ones employed
            roles |= set(self.vocabulary.roles_in(question))
            stems |= {"employ", "employed"}

        def said(following: list[str]) -> bool:  # "jobs" in "Number of jobs:"; not a label naming a role
            return bool(stems & terms(" ".join(following)))

        def match(following: list[str]) -> bool:
            return said(following) or any(m.role in roles for m in self.vocabulary.mentions(" ".join(following)))

        return match, said

    def heading_asks(self, asked: frozenset[str]) -> np.ndarray:
        """The first sentence of each passage whose heading is a question asking what this one asks: most of the
        heading's words asked, and most of the asked words in it ("Do firefighters need to be paramedics?")."""
        if not asked:
            return np.zeros(len(self.candidates))
        asks = []
        for p in self.passages:
            last = p.section.split(" > ")[-1]
            own = asked_terms(last, self.vocabulary, self.corpus) if last.rstrip().endswith("?") else frozenset()
            both = len(own & asked)
            asks.append(bool(own) and both * 3 >= len(own) * 2 and both * 2 >= len(asked))
        first = {}
        for n, c in enumerate(self.candidates):
            first.setdefault(c.passage, n)
        return np.array([asks[c.passage] and first[c.passage] == n for n, c in enumerate(self.candidates)])

    def stage_scores(self, question: str) -> np.ndarray:
        """For a pay question: a bonus for the figure of the career stage it (or what was said last) asks about
        ("starting salary ux vs pm":
        "usually start around $95,000"), or, asking none, a penalty for a stage's figure beside the median ("how much
        do UX designers make": not "Junior UX designers typically start around $70,000")."""
        # "how much does that pay", after "Most people start as a junior UX designer": the stage said last.
        asked = (
            CAREER_STAGE.search(question)
            or PERCENTILE.search(self.analysis.text)
            or RANGE_END.search(self.analysis.text)  # "how much do the top plumbers make"
            or CAREER_STAGE.search(self.said_text)
        )
        if asked:
            stem = re.compile(rf"\b{re.escape(asked.group(1).lower()[:5])}", re.I)
            return TUNING.asked_stage_bonus * np.array(
                [
                    bool(f) and stem.search(c.text) is not None
                    for c, f in zip(self.candidates, self.figures["money"], strict=True)
                ]
            )
        # Nor, unless asked, a difference ("about $41,000 more per year than an assistant"), an hourly rate alone, or
        # the best-paying of its settings or states ("By setting, outpatient care centers pay best at a median of ...").
        gap, hourly = ASKS_GAP.search(question) is None, _BY_THE_HOUR.search(question) is None
        where = _WHERE_PAID.search(f"{question} {self.analysis.text}") is None  # (`question` may be its stems)
        beside_note = not all(self.vocabulary.compares(p.source) for p in self.passages)
        return -TUNING.staged_figure_penalty * np.array(
            [
                bool(f)
                and (
                    (
                        bool(CAREER_STAGE.search(c.text) or PERCENTILE.search(c.text))
                        and not TYPICAL_FIGURE.search(c.text)
                    )
                    or (gap and reading.leads_with_gap(c.text, "money"))
                    or (hourly and reading.hourly_only(c.text))
                    or (where and (_PAYS_BEST.search(c.text) or _THERE.search(c.text)) is not None)
                )
                for c, f in zip(self.candidates, self.figures["money"], strict=True)
            ]
        ) + TUNING.typical_figure_bonus * np.array(
            [  # ... and the asked role's median or average wins over an add-on ("a paramedic stipend of $5,000")
                bool(f)
                and bool(TYPICAL_FIGURE.search(c.text))
                and bool(set(self.analysis.roles) & set(named))
                and not beside_note  # not beside an uploaded note's own figure ("42 golden pearls")
                for c, f, named in zip(self.candidates, self.figures["money"], self.named, strict=True)
            ]
        )

    def alike(self, picks: list[int]) -> np.ndarray:
        """How much each sentence says what one of the picked ones says: the most of its words in common with one."""
        return np.array(
            [
                max(len(w & self.own_words[p]) / max(1, min(len(w), len(self.own_words[p]))) for p in picks)
                for w in self.own_words
            ]
        )

    def asked_weight(self, n: int) -> float:
        """How much of the question's words (by rarity) a sentence and its section have."""
        return sum(self.idf.get(t, 1.0) for t in self.analysis.terms & self.words[n])

    def allowed(self, roles: list[Role]) -> np.ndarray:
        """Sentences that may answer about these roles: from their guide (or naming one of them, in any document),
        and not from another role's sections.

        With no role named, the guide of the best passage answers: one answer never mixes two guides.
        """
        sources = {r.source for r in roles} or {self.passages[0].source}
        ok = np.isin(self.source, list(sources)) | np.array([any(r in nm for r in roles) for nm in self.named])
        if roles:
            for n, own in enumerate(self.roles):
                if own is not None and own not in roles and not any(r in self.named[n] for r in roles):
                    ok[n] = False
        return ok

    def role_scores(self, scores: np.ndarray, roles: list[Role]) -> np.ndarray:
        """Scores with a bonus for a sentence of an asked role's own sections, a penalty for another role's (or for
        one going on about another role)."""
        adjusted = scores.copy()
        for n, own in enumerate(self.roles):
            if own is None and roles and self.carried[n] is not None and self.carried[n] not in roles:
                adjusted[n] -= TUNING.other_role_penalty  # no bonus: it may be a remark about no one role
            elif own is not None:
                adjusted[n] += TUNING.own_role_bonus if own in roles else -TUNING.other_role_penalty
            elif roles and self.named[n] and not set(self.named[n]) & set(roles):
                adjusted[n] -= TUNING.other_role_penalty  # in a section about both, a sentence of the other's alone
            elif self.of_other_subject(n, roles):
                adjusted[n] -= TUNING.other_subject_penalty  # about the other role, the asked one in passing
            elif len(roles) >= 2 and all(r in self.named[n] for r in roles):
                adjusted[n] += (
                    TUNING.own_role_bonus
                )  # a question about both: a sentence about both is as much their own
        return adjusted

    @cached_property
    def role_words(self) -> frozenset[str]:
        """The words of the roles' names, as the keyword index spells them."""
        return frozenset(t for r in self.vocabulary.roles for t in terms(r.name))

    def names(self, stems: frozenset[str]) -> set[str]:
        """The asked words that are names no dictionary has ("pls", "nbcot"), not of a role's name."""
        return {t for t in stems - self.role_words if len(t) > 2 and not readings(t)}

    def of_other_subject(self, n: int, roles: list[Role]) -> bool:
        """Whether a sentence opens with another role than the one asked, naming the asked one after it (in passing:
        not as the subject of a clause of its own, "..., while the median heavy equipment operator earns $58,320")."""
        if not (len(roles) == 1 and len(self.named[n]) >= 2 and self.named[n][0] not in roles and self.opens[n]):
            return False
        return not self.own_clauses(self.candidates[n].text, roles[0])

    def own_clauses(self, text: str, role: Role) -> list[str]:
        """The clauses after a sentence's first whose subject is the role: "the median heavy equipment operator earns
        $58,320" of "The median truck driver earns $54,320, while the median heavy equipment operator earns ..."."""
        return [
            clause
            for clause in _CLAUSE_OF_ITS_OWN.split(text.rstrip("."))[1:]
            if role in self.vocabulary.roles_in(" ".join(clause.split()[:6]))
        ]

    def best(
        self, scores: np.ndarray, ok: np.ndarray, prefer_list: bool = False, about: frozenset[str] | None = None
    ) -> int | None:
        """The best allowed sentence; with `prefer_list`, a sentence naming a list's items when it is nearly as
        good (only a list whose intro has one of the words `about`, when given: "Tools (...): ..." for "tools")."""
        if not ok.any():
            return None
        masked = np.where(ok, scores, -np.inf)
        best = int(np.argmax(masked))
        # Of near-ties in one passage, its first: a section leads with its answer ("Do electricians need a license?":
        # "Nearly all states require electricians to be licensed ..." before "Apprentices typically register ...").
        if not self.listing[best]:  # (a list's naming sentence comes last, made from its items)
            ties = np.flatnonzero(
                (masked >= scores[best] - TUNING.lead_tie) & (self.passage_of == self.passage_of[best])
            )
            best = int(min(ties, key=lambda n: self.candidates[n].order))
        listing = self.listing
        if about is not None:
            listing = listing.copy()
            named = self.role_words  # "Cons (airline pilot)" is about cons, not airlines
            intros = {n: terms(reading.list_parts(self.candidates[n].text)[0]) - named for n in np.flatnonzero(listing)}
            # only list sentences whose intro has an asked word: as written, if one has ("Cons (controller)" for "cons",
            # not "Pros (controller)"), else a longer form of one ("tech": "technologies")
            exact = any(about & words for n, words in intros.items() if ok[n])
            for n, words in intros.items():
                listing[n] = bool(about & words) if exact else reading.shares(about, words)
        if prefer_list and (ok & listing).any():
            listed = int(np.argmax(np.where(ok & listing, scores, -np.inf)))
            # (not a list that has the asked word only from the heading of two things that introduces it, over a better
            # sentence naming several of its own: "Common tools are ... such as Cision, Meltwater and Muck Rack", not
            # "Skills and Tools (what makes a good PR specialist): Persuasive writing ...")
            intro, items = reading.list_parts(self.candidates[listed].text)
            intro = intro.partition(" (")[0]
            headed = intro in self.passages[self.candidates[listed].passage].section.split(" > ")
            several = " and " in intro and self.candidates[best].text.count(", ") >= 2  # (a heading of two things)
            own = about and not self.listing[best] and about & self.own_words[best] - self.role_words
            if headed and several and own:
                return best
            # ... nor a list that only names the thing asked by its name, over a sentence about it: "how do i get the
            # PLS certification" - "Professional Legal Secretary (PLS) - an advanced credential. It requires ...", not
            # "Certification is optional ...: Accredited Legal Professional (ALP); Professional Legal Secretary (PLS)"
            names = self.names(about or frozenset())
            label = [i for i in items if names & terms(i) and len(i.split()) <= 6]
            if label and not self.listing[best] and names <= self.own_words[best]:
                return best
            if scores[listed] >= scores[best] - TUNING.list_margin:
                return listed
        return best

    # -- sentences that stand alone ---------------------------------------------------------------------------

    def standalone(self, n: int) -> list[int]:
        """The sentence, after the one before it in its passage when it opens by pointing back at it, or after its list
        item's earlier sentences."""
        if self.anaphor[n] and n > 0 and self.candidates[n - 1].passage == self.candidates[n].passage:
            return [n - 1, n]
        start = n
        while (
            start > 0
            and self.same_item(start - 1, start)
            and self.candidates[start - 1].passage == self.candidates[n].passage
        ):
            start -= 1  # "Certifications: The CEH ... are common alternatives" reads after the item's first sentence
        return list(range(start, n + 1))

    def extracted(
        self, picks: list[int], continued: float | None = None, scores: np.ndarray | None = None
    ) -> list[Sentence]:
        """The picked sentences as the guide wrote them; one that points back is joined to what it points at:
        "Data scientists make an average of $103,500 per year; this number fluctuates depending on ...".

        A list item's short first sentence brings the item's next one ("Foundation first: Pen testing is rarely an
        entry-level job; most pen testers spend 2 to 4 years ..."). With `continued`, a sentence that goes on from a
        pick ("However, ... may earn more if ...") joins it when its score reaches that.
        """
        seen, out = set(), []
        for n in picks:
            run = [m for m in self.standalone(n) if m not in seen]
            after = run[-1] + 1 if run else n + 1
            last = run[-1] if run else n
            short_item = (
                (self.same_item(last, after) or self.goes_on_about(last, after))
                if after < len(self.candidates)
                else False
            )
            short_item = short_item and len(self.candidates[last].text.split()) < TUNING.definition_short_lead
            terse = len(self.candidates[last].text.split()) < TUNING.terse_words and not self.listing[last]
            terse = terse and ": " not in self.candidates[last].text  # (not a label's value: "Fee: $330.")
            if (
                after < len(self.candidates)
                and after not in seen
                and self.candidates[after].passage == self.candidates[n].passage
                and (
                    short_item
                    or terse
                    or (
                        continued is not None
                        and scores[after] >= continued
                        and (self.anaphor[after] or self.same_item(last, after))
                    )
                )
            ):
                run.append(after)  # "Foundation first: Pen testing is rarely an entry-level job; most pen testers ..."

            seen.update(run)
            if not run:
                continue
            # A run's first sentence keeps its label, unless its item's earlier sentence was said already.
            head = self.candidates[run[0]].text if run[0] - 1 not in seen else self.item_text(run[0])
            texts = [head, *(self.item_text(m) for m in run[1:])]
            end = texts[-1][-1] if texts[-1][-1:] in ("!", "?") else "."
            text = (
                "; ".join([texts[0].rstrip(".!?"), *(reading.lower_first(t).rstrip(".!?") for t in texts[1:])]) + end
                if len(run) > 1
                else texts[0]
            )
            out.append(Sentence(text, self.cites[run[0]], len(run) > 1))
        return out

    def same_item(self, n: int, m: int) -> bool:
        """Whether two sentences are one labelled list item's ("Certifications: CompTIA ...", "Certifications: The
        CISSP ...")."""
        label = reading.item_label(self.candidates[n].text)
        return bool(label) and label == reading.item_label(self.candidates[m].text) and not self.listing[m]

    def goes_on_about(self, n: int, m: int) -> bool:
        """Whether a sentence goes on about the labelled item before it, in its passage, naming it again without the
        label: "Certified Welding Inspector (CWI): inspectors verify ..." and "The AWS CWI exam has three parts ..."."""
        label, colon, _ = self.candidates[n].text.partition(": ")
        later = self.candidates[m].text
        return (
            bool(colon)
            and len(label.split()) <= 6
            and self.candidates[m].passage == self.candidates[n].passage
            and not reading.item_label(later)
            and not self.listing[m]
            and bool(set(re.findall(r"\(([A-Z]{2,})\)", label)) & set(re.findall(r"\b[A-Z]{2,}\b", later)))
        )

    def item_text(self, m: int) -> str:
        """A sentence going on from another of its list item, without the label they share."""
        text, label = self.candidates[m].text, reading.item_label(self.candidates[m].text)
        return text[len(label) + 2 :] if label and m > 0 and self.same_item(m - 1, m) else text

    # -- plans ------------------------------------------------------------------------------------------------

    def run(self, foci: list[Focus]) -> list[Sentence]:
        a = self.analysis
        if a.kind == "multi" and foci:
            return self.several(foci)
        weighs = a.kind in ("comparison", "yesno") or (a.kind == "fact" and _COMPARATIVE.search(a.text) is not None)
        if weighs and (things := compared_things(a.text, self.vocabulary, self.corpus)):
            weighed = self.weigh_things(things)  # "do pipeline welders make more than shipyard welders"
            if weighed:
                return weighed
        if a.kind == "comparison":
            return self.comparison(foci)
        if a.kind == "fit":
            return self.fit(foci)
        if (each := _EACH.search(a.text)) and len(a.roles) == 1 and (found := self.each_row(each.group(1), a.roles[0])):
            return found  # "what does an lpn make in each work setting": the LPN's figure of every setting's row
        if (top := _TOP_PAYING.search(a.text)) and (found := self.top_paying(top.group("thing") or top.group("other"))):
            return found  # "what industry pays welders the best": the row of the highest figure among the industries
        if spelled := SPELLED_ASKED.search(a.text):
            found = self.spelled_out(spelled.group("abbr"))
            if found:
                return found
        if (
            a.kind == "definition"
            and (named := _WHAT_IS.fullmatch(a.text))
            and not readings(named.group("abbr").lower())
        ):
            # "what is the nnaap": what it stands for, then the sentence that says so
            found = self.spelled_out(named.group("abbr"), said=True)
            told = self.fact(most=1)
            spelled = found[0].text.split(" stands for ")[-1].rstrip(".") if found else ""
            if found and not (told and told[0].text.lower().startswith(spelled.lower())):
                return found  # (unless the guide's own sentence opens on the name: "Bachelor of Science in ...")
            if found:
                return told
        if introduces(a):
            return self.introduction(a.roles[0]) or self.fact()
        if asks_route(a):
            return self.route(a.roles[0]) or self.fact()
        if a.kind == "yesno" and (faq := self.asked_heading()):
            return faq
        if (a.roles or a.kind == "yesno") and a.kind in ("fact", "yesno") and (age := reading.asker_age(a.text)):
            found = self.by_age(age)  # "im 32 can i still apply to be atc": the guide's age bound, read for them
            if found:
                return found
        if a.kind == "yesno" and a.wants in ("money", "percent") and THRESHOLD.search(a.text):
            return self.against_bar() or self.fact()
        if a.kind == "yesno" and a.wants == "percent" and len(a.roles) == 1 and _GROWING.search(a.text):
            found = self.growing()  # "are teaching jobs expected to grow": the sign of the projection says
            if found:
                return found
        if a.kind == "yesno" and a.wants == "money" and REACHED.search(a.text):
            # "can a welder make 100k": yes, when the guide says some of them do; else its figures, with no verdict
            return self.reached() or self.fact()
        # "do nurse practitioners make more than PAs": no yes or no about someone no guide describes, only what the
        # guide says of the role named
        if a.kind == "yesno" and set(a.unknown) & set(self.vocabulary.unlisted(a.text)):
            return self.fact()
        if a.kind == "yesno" or (a.kind == "common" and YES_NO.match(a.text)):
            return self.yes_no() or (self.common() if a.kind == "common" else self.fact())
        if a.kind == "common":
            return self.common()
        return self.fact()

    def each_row(self, asked: str, role: Role) -> list[Sentence]:
        """The role's figure in every row of a table whose first column lists what is asked of each ("each work
        setting": "Work setting, for licensed practical nurses: Nursing homes $61,200; Hospitals $55,880; ...") with
        the rows in the table's order; [] unless three rows or more give one."""
        wanted = self.analysis.wants if self.analysis.wants in reading.WEIGHED else "money"
        asked_words = {singular(w) for w in words(asked)}
        tables: dict[int, list[tuple[int, str, str]]] = {}  # each passage's rows: (order, label, figure)
        headers: dict[int, str] = {}
        for c in self.candidates:
            row = _instance(c.text, self.passages[c.passage].text)
            header = row.group(2).rpartition("; ")[2] if row else ""
            if not row or not asked_words <= {singular(w) for w in words(header)}:
                continue
            figure = self.figure_for(c.text, wanted, [role], strict=True)  # ("CNA median: —" gives none)
            if figure is not None:
                tables.setdefault(c.passage, []).append((c.order, row.group(1), figure[0]))
                headers[c.passage] = header
        passage, found = max(tables.items(), key=lambda kv: len(kv[1]), default=(None, []))
        if len(found) < 3:
            return []
        listed = "; ".join(f"{label} {figure}" for _, label, figure in sorted(found))
        return [Sentence(f"{reading.capital(headers[passage])}, for {role.plural}: {listed}.", (passage,), True)]

    def top_paying(self, thing: str) -> list[Sentence]:
        """Of the sentences naming the thing asked with a pay figure, two or more (a table's rows: "Pipeline
        construction (industry): Median yearly pay (welders) $65,400."), the one of the highest figure."""
        a = self.analysis
        asked = asked_terms(thing, self.vocabulary, self.corpus)
        named = np.array(
            [bool(asked) and asked <= own and bool(self.figures["money"][n]) for n, own in enumerate(self.own_words)]
        )
        rows = np.flatnonzero(named & self.allowed(a.roles))
        values = {n: reading.figure_value(self.candidates[n].text, "money") for n in rows}
        values = {n: v[1] for n, v in values.items() if v is not None}
        if len(values) < 2:
            return []
        return self.extracted([max(values, key=values.get)])

    def spelled_out(self, abbreviation: str, said: bool = False) -> list[Sentence]:
        """ "what does rph stand for": "RPh stands for registered pharmacist [1].", from the best sentence that spells
        it out, if one does; with `said`, that sentence after it ("In Texas and California the same license is called a
        licensed vocational nurse, or LVN; ..."), when it says more than the name."""
        out = [reading.spelled_out(c.text, abbreviation) for c in self.candidates]
        ok = np.array([found is not None for found in out])
        n = self.best(self.relevance(self.analysis.terms, self.vector, None), ok)
        if n is None:
            return []
        written, spelled = out[n]
        stands = Sentence(f"{written} stands for {spelled}.", self.cites[n], True)
        source = self.extracted([n])
        more = said and len(words(self.candidates[n].text)) > len(words(f"{written} {spelled}")) + 3
        return [stands, *source[:1]] if more else [stands]

    def fact(
        self,
        question: str | None = None,
        vector: np.ndarray | None = None,
        roles: list[Role] | None = None,
        analysis: Analysis | None = None,
        most: int | None = None,
    ) -> list[Sentence]:
        """The best sentence, and up to `most` (the writer's `max_sentences`) in all that are nearly as good or add
        words the question asked."""
        a = analysis or self.analysis
        most = most or self.writer.max_sentences
        asked = a.terms if question is None else asked_terms(question, self.vocabulary, self.corpus)
        vector = self.vector if vector is None else vector
        roles = a.roles if roles is None else roles
        scores = self.role_scores(self.relevance(asked, vector, a.wants, question or a.text), roles)
        if a.wants in self.figures and a.kind not in ("list", "howto"):
            # a figure asked: not a list that names one among its items (the cons' "About 2 years of school"), though
            # a table's row may read as one ("Number of jobs: Firefighter about 330,000; Police Officer ...")
            # ... or a role's own row ("School counselor (role): Median yearly pay: $65,170; ...")
            rows = np.array(
                [
                    bool(listed) and ((len(named) >= 2 and self.table_row(n)) or _ROLE_ROW.match(c.text) is not None)
                    for n, (listed, named, c) in enumerate(zip(self.listing, self.named, self.candidates, strict=True))
                ]
            )
            scores = scores - TUNING.choosing_bonus * (self.listing & ~rows)
            # ... nor one instance's row the question does not name ("Nursing homes (work setting): CNA median ...";
            # "take home" pay names no home)
            said = frozenset(terms(re.sub(r"\btake[- ]home\b", "", a.text, flags=re.I)) - self.role_words)
            scores = scores - TUNING.choosing_bonus * np.array(
                [
                    _ROW_LABEL.match(c.text) is not None
                    and _other_instance(c.text, said, self.passages[c.passage].text)
                    for c in self.candidates
                ]
            )
        if a.kind == "howto":  # a way asked: not a table's row that names each role's ("Best-known credential: ...")
            rows = np.array(
                [
                    len(named) >= 2 and _ROW.match(c.text) is not None
                    for named, c in zip(self.named, self.candidates, strict=True)
                ]
            )
            scores = scores - TUNING.choosing_bonus * rows
        # Nor the other way in, unless asked of ("A 4-year bachelor's degree ... is also available")
        scores = scores - TUNING.alternative_penalty * np.array(
            [_alternative(c.text) and not asked & w for c, w in zip(self.candidates, self.words, strict=True)]
        )
        if a.kind == "definition":
            scores = scores + TUNING.definition_subject_bonus * np.array([s in roles for s in self.subject])
            scores = scores + TUNING.definition_subject_bonus * np.array(
                [
                    bool(asked & self.own_words[n]) and reading.defines(c.text, asked)
                    for n, c in enumerate(self.candidates)
                ]
            )
            # ... and so does the opening of a section headed by the term alone ("### MPJE": "The Multistate Pharmacy
            # Jurisprudence Examination, also from NABP, covers federal and state pharmacy law.")
            headed = [terms(p.section.rpartition(" > ")[2]) for p in self.passages]
            scores = scores + TUNING.definition_subject_bonus * np.array(
                [c.order == 0 and bool(headed[c.passage]) and headed[c.passage] <= asked for c in self.candidates]
            )
        ok = self.allowed(roles) & ~self.anaphor_orphans()
        if a.kind in ("howto", "list", "definition"):  # "how do i get my cdl": not an FAQ's verdict ("Yes, but ...")
            verdicts = np.array([reading.VERDICT_OPENS.match(c.text) is not None for c in self.candidates])
            ok = ok & ~verdicts if (ok & ~verdicts).any() else ok
        # A follow-up is not answered with what was just said, unless it asks the same of another role ("and
        # hygienists?" after "The number of jobs for dental assistants is about 376,300": the same row has theirs).
        # Nor when it asks what the guide lacks ("what about in canada"): what the guide does say is the figure said.
        before = self.vocabulary.roles_in(self.said_text.split(". ")[0])[:1]  # (its subject: "The median truck driver
        # earns $54,320 ..., while the median heavy equipment operator earns $58,320" was said of truck drivers)
        if (ok & ~self.said).any() and not (roles and before and not set(roles) & set(before)) and not a.unknown:
            ok &= ~self.said
        # Only a list question prefers a list-naming sentence: a narrower how-to ("how do I learn data viz") takes its
        # best step's substance, not a list of step headings (the whole route is `route`'s).
        # "what do linemen make": the guide's own word that what is asked is not covered, alone and first (an asked
        # word it says nothing else of: not "apprenticeship" beside "we don't cover pipefitting in detail")
        said_once = {t for t in asked - self.role_words if sum(t in self.own_words[m] for m in np.flatnonzero(ok)) == 1}
        excluded = ok & np.array(
            [
                bool(said_once & self.own_words[n]) and bool(reading.NOT_COVERED.search(c.text))
                for n, c in enumerate(self.candidates)
            ]
        )
        if excluded.any():
            return self.extracted([self.best(scores, excluded)])
        first = self.best(scores, ok, prefer_list=a.kind in ("list", "howto"), about=a.terms)
        if first is None:
            return []
        picks = [first]
        covered = set(self.words[first])
        while len(picks) < most:
            open_ = ok & (scores >= scores[first] - TUNING.second_sentence_margin)
            open_ &= self.alike(picks) < TUNING.redundant
            if a.kind == "list" and self.listing[first] and len(self.named[first]) < 2:  # (not a table's row)
                # the list asked is named: only another list may join it,
                open_ &= self.listing  # not one of its items told again, nor a sentence that shares a word by chance
            open_[picks] = False
            # Another sentence joins when nearly as good, or a little less good but adding a word the question asked.
            adds = np.array([bool((asked & w) - covered) for w in self.words])
            open_ &= (scores >= scores[first] - TUNING.close_margin) | adds
            nxt = self.best(scores, open_)
            if nxt is None:
                break
            picks.append(nxt)
            covered |= self.words[nxt]
        after = first + 1
        if (  # "what board certs ...": "... the BPS certifies pharmacists in more than a dozen areas. Popular
            # credentials include BCPS (pharmacotherapy), BCOP (oncology) and BCACP (ambulatory care).": the items
            a.kind == "list"
            and not self.listing[first]
            and after < len(self.candidates)
            and after not in picks
            and self.candidates[after].passage == self.candidates[first].passage
            and _ENUMERATES.search(self.candidates[after].text)
        ):
            picks.append(after)
        if (  # "how do i get certified as a welder": "The most recognized credential is the AWS Certified Welder ...",
            # then what you do for it ("There is no written exam; you weld a test coupon ..."), when nothing else joined
            a.kind == "howto"
            and len(picks) == 1
            and after < len(self.candidates)
            and self.candidates[after].passage == self.candidates[first].passage
            and (
                _YOU_DO.search(self.candidates[after].text)
                or self.same_item(first, after)
                or self.anaphor[after]  # "Professional Legal Secretary (PLS) - ...", then "It requires at least 3 ..."
                # (or opens on a name it has: "... (CWI): ..." then "The AWS CWI exam has three parts")
                or any(
                    not readings(t)
                    for t in (self.own_words[first] & terms(" ".join(self.candidates[after].text.split()[:4])))
                    - self.role_words
                )
            )
        ):
            picks.append(after)
        announced = _ANNOUNCES.search(self.candidates[first].text) if a.kind == "howto" else None
        if announced:  # "The CDL process has two stages.": the stages, as the sentences after it tell them (not the
            # items of their lists told alone)
            same = [n for n in range(first + 1, len(self.candidates)) if self.passage_of[n] == self.passage_of[first]]
            listed = " ".join(self.candidates[n].text for n in same if self.listing[n])
            told = [n for n in same if self.listing[n] or self.candidates[n].text.rstrip(".") not in listed]
            picks = [first, *told[: reading.NUMBER_WORDS.get(announced.group(1).lower(), 0)]]
        rest = sorted(picks[1:], key=lambda n: (self.candidates[n].passage, self.candidates[n].order))
        out = self.extracted([first, *rest], continued=scores[first] - TUNING.continuation_margin, scores=scores)
        bare = bool(out) and out[0].text == self.candidates[first].text
        cell = self.cell(first, roles[0]) if len(roles) == 1 and bare else None
        cell = cell or (self.row_cells(first, a, asked) if bare else None)
        cell = cell or (self.role_clause(out[0].text, roles) if out and len(roles) == 1 else None)
        cell = cell or (self.stage_clause(out[0].text, a) if out else None)  # of the sentence, or of it joined to the
        # one after it that points back ("... $120,360 a year; this figure varies ..., while entry-level ... $75,000")
        out = [Sentence(cell, out[0].cites, True), *out[1:]] if cell else out
        return out if a.kind in ("howto", "list") else [self.unlabelled(s) for s in out]

    def unlabelled(self, sentence: Sentence) -> Sentence:
        """A step's or item's sentence without its label, when what follows is a sentence of its own: "Many states use
        the Praxis Professional School Counselor (5422) test, which costs $130." for a fact, not "Pass the state
        counseling exam: Many states ...". (Kept: a label with a figure, a role or a row's header, and a short rest.)"""
        found = _LABELLED.match(sentence.text)
        if sentence.composed or not found or self.vocabulary.roles_in(found.group(1)):
            return sentence
        label = found.group(1).split()
        # a step: an imperative and what it acts on ("Pass the ...", "Apply for ..."), not a name ("Scikit-learn: This
        # Python library ..."), a topic ("Continuous testing:") or a verdict ("Yes:")
        step = len(label) >= 3 and "VERB" in readings(label[0].lower()) and label[1].lower() in _STEP_OBJECT
        if not step or _ANAPHOR.match(found.group(2)):
            return sentence
        return Sentence(found.group(2), sentence.cites, False)

    def role_clause(self, text: str, roles: list[Role]) -> str | None:
        """Of a sentence giving another role's figure and then, in a clause of its own, the asked role's, that clause:
        "The median heavy equipment operator earns $58,320, or $28.04 an hour." for "how much do heos make", not "The
        median truck driver earns $54,320 ..., while ..."."""
        wants = self.analysis.wants
        opening = self.vocabulary.roles_in(_CLAUSE_OF_ITS_OWN.split(text)[0])
        if wants not in FIGURES or not opening or roles[0] in opening:
            return None
        own = [c for c in self.own_clauses(text, roles[0]) if FIGURES[wants].search(c)]
        return f"{reading.capital(own[0].strip())}." if len(own) == 1 else None

    def stage_clause(self, text: str, analysis: Analysis) -> str | None:
        """Of a sentence giving two stages' figures, the asked stage's clause: "Junior UX designers typically start
        around $70,000." for "junior ux pay", not "..., while senior UX designers often earn $125,000 or more"."""
        stage = CAREER_STAGE.search(analysis.text) or PERCENTILE.search(analysis.text)
        if analysis.wants not in ("money", "percent") or not stage:
            return None
        clauses = reading.CLAUSES.split(text.rstrip("."))
        stated = [c for c in clauses if FIGURES[analysis.wants].search(c)]
        asked = [c for c in stated if re.search(rf"\b{re.escape(stage.group(1).lower()[:5])}", c, re.I)]
        return f"{reading.capital(asked[0].strip())}." if len(stated) >= 2 and len(asked) == 1 else None

    def table_row(self, n: int) -> bool:
        """Whether a sentence is a table's row read with its headers: its label is in a row of its passage's table
        ("Number of jobs: Firefighter about 330,000; ..."), not a list's intro ("Pros: Median pay of $59,730, ...")."""
        label = self.candidates[n].text.partition(": ")[0].split(" (")[0]
        return _in_table(label, self.passages[self.candidates[n].passage].text)

    def row_cells(self, n: int, a: Analysis, asked: frozenset[str]) -> str | None:
        """Of a row of many cells read with its headers ("School counselor (role): Median yearly pay: $65,170; ...;
        Number employed: about 342,400; ..."), the cells the question asks: "School counselor (role): Number
        employed: about 342,400." (the cells of the figure asked, or else naming a word asked; None if none does)."""
        text = self.candidates[n].text
        if not _ROLE_ROW.match(text):
            return None
        label, _, rest = text.rstrip(".").partition(": ")
        cells = rest.split("; ")
        if len(cells) < 3 or not self.table_row(n):
            return None
        asked = asked - self.role_words
        named = [c for c in cells if asked & terms(c.partition(": ")[0])]
        if a.wants in FIGURES:
            stated = [c for c in cells if reading.figure_value(c.partition(": ")[2], a.wants) is not None]
            matchers = self.count_matchers(a.text) if a.wants == "count" else None
            if matchers is not None:  # "how many school counselors are there": "Number employed", not "Openings"
                stated = [c for c in stated if reading.count_of(c, *matchers)]
            stated = [c for c in stated if c in named] or stated
            named = stated if len(stated) <= 2 else named
        if not named or len(named) > 2:
            return None
        roles = self.vocabulary.roles_in(label.split(" (")[0])
        if len(roles) != 1:
            return f"{label}: {'; '.join(named)}."
        said = []  # "The number employed for school counselors is about 342,400."
        for n, cell in enumerate(named):
            header, _, value = cell.partition(": ")
            header = re.sub(r", ((?:19|20)\d\d\S*)$", r" (\1)", header)  # "Job growth (2023-2033)"
            value = re.sub(r"^(About|Around|Roughly|Only|Over|Under)\b", lambda m: m.group(1).lower(), value)
            verb = _verb_of(header)
            whose = f" for {roles[0].plural}" if n == 0 else ""
            said.append(f"the {reading.lower_first(header)}{whose} {verb} {value.strip()}")
        return f"{reading.capital('; '.join(said))}."

    def cell(self, n: int, role: Role) -> str | None:
        """A table row read for one role, of a row that gives each role's ("Entry-level title: UX designer: Junior UX
        designer; Product manager: Associate product manager (APM)"): "The entry-level title for product managers is
        Associate product manager (APM)."
        """
        label, colon, rest = self.candidates[n].text.partition(": ")
        if (
            not colon
            or not _in_table(label, self.passages[self.candidates[n].passage].text)
            or self.vocabulary.roles_in(label)
        ):
            return None  # not a table row: "Collaboration: ML engineers ..., including data scientists"
        cells: list[str] = []
        between = "; " if "; " in rest else ", "  # words' cells end at ";", figures' at ","
        for piece in rest.rstrip(".").split(between):
            if cells and not self.vocabulary.roles_in(piece):  # "None nationally; CDA exam is optional ...": one cell
                cells[-1] += between + piece  # "8, 10, or 12-hour shifts"
            else:
                cells.append(piece)
        parts = [(part, self.vocabulary.roles_in(part)) for part in cells]
        own = [part for part, named in parts if named == [role]]
        others = [part for part, named in parts if named and role not in named]
        if len(own) != 1 or not others:
            return None
        # "Plumber $59,880" or "Cybersecurity analyst: Bachelor's in ...": the column's role, then its value
        header, colon, value = own[0].partition(": ")
        if not colon:
            figure = re.search(r"[$€£\d]", own[0])
            header, value = (own[0][: figure.start()], own[0][figure.start() :]) if figure else ("", "")
        if not value.strip() or not self.vocabulary.roles_in(header):
            return f"{label}: {own[0]}."
        value = re.sub(r"^(About|Around|Roughly|Only|Over|Under|None|Yes|No)\b", lambda m: m.group(1).lower(), value)
        verb = _verb_of(label)
        return f"The {reading.lower_first(label)} for {role.plural} {verb} {value.strip()}."

    def position(self, n: int) -> tuple[int, int]:
        """Where a sentence stands in its guide: its passage's place, then its own in the passage."""
        return self.passages[self.candidates[n].passage].position, self.candidates[n].order

    def introduction(self, role: Role) -> list[Sentence]:
        """What a role is or does, as its guide first says: its first sentence about that role alone ("Product
        managers (PMs) decide what gets built ..."), or else the lead of its first section of its own ("The primary
        responsibility of ML engineers is ..."); a short lead brings the sentence after it."""
        position = self.position
        usable = [
            n
            for n in range(len(self.candidates))
            if not self.listing[n]
            and not self.signpost[n]
            and self.source[n] == role.source
            and not (self.anaphor[n] and not self.same_item(n - 1, n))
        ]
        own = [n for n in usable if self.roles[n] == role]
        about = [
            n for n in usable if self.roles[n] in (None, role) and self.subject[n] == role and self.named[n] == [role]
        ]
        lead = [min(own, key=position)] if own else []
        if not about and not lead:
            return []
        first = min(about + lead, key=position)
        picks = [first]
        after = first + 1
        if (
            len(self.candidates[first].text.split()) < TUNING.definition_short_lead
            and after < len(self.candidates)
            and self.candidates[after].passage == self.candidates[first].passage
            and not self.listing[after]
            and not reading.EXAMPLE.match(self.candidates[after].text)
            and self.named[after] in ([], [role])
        ):
            picks.append(after)
        # ... then what its first section of its own lists it doing: "Typical responsibilities include: ...".
        duties = [
            n
            for n in range(len(self.candidates))
            if self.listing[n]
            and self.roles[n] == role
            and lead
            and self.passages[self.candidates[n].passage].section
            == self.passages[self.candidates[lead[0]].passage].section
        ]
        return self.extracted(picks) + (self.extracted(duties[:1]) if duties and duties[0] not in picks else [])

    def route(self, role: Role) -> list[Sentence]:
        """The route into a role, step by step: the items of the role's best list, each with what the guide says of
        it ("Foundation first: Pen testing is rarely an entry-level job; most pen testers spend 2 to 4 years ..."); or,
        with no list of the role's own, the best of its guide's lists about no one role ("The path in: apprentice,
        journeyman, master") whose items are steps the section goes on to describe (not a table's row)."""
        scores = self.relevance(self.analysis.terms, self.vector, None)
        lists = self.allowed([role]) & self.listing
        headed = self.headed_about(role)
        if headed.any() and not (lists & headed).any():
            # "Becoming a Rad Tech", told in prose: the best such section's opening, then the steps it goes on to
            # ("After graduating, you must pass the NPTE ...", "You then apply for your state license"), in order (not
            # another list's "Become a clinical instructor"); with no such step, its opening sentences
            first = self.passages[self.passage_of[np.flatnonzero(headed)[0]]]
            where = (first.source, first.section)  # (a long section's pieces too)
            section = sorted(
                (n for n, p in enumerate(self.passages[m] for m in self.passage_of) if (p.source, p.section) == where),
                key=self.position,
            )
            short = len(self.candidates[section[0]].text.split()) < TUNING.definition_short_lead
            opening = list(section[: 2 if short else 1])
            steps = [n for n in section[len(opening) :] if _NEXT_STEP.search(self.candidates[n].text)]
            picks = (opening + steps + [n for n in section if n not in opening + steps])[: self.writer.max_sentences]
            return self.extracted(sorted(picks, key=section.index))
        mine = lists & np.array([r == role for r in self.roles])
        # the best list under the role's way-in heading first ("Becoming an SLP": its steps, not the pros' "Shorter
        # path: a master's in about 2 years"), then its best list anywhere
        own = [n for n in dict.fromkeys([self.best(scores, mine & headed), self.best(scores, mine)]) if n is not None]
        shared = lists & np.array([r is None for r in self.roles]) & (self.source == role.source)
        for steps in own or sorted(np.flatnonzero(shared), key=lambda n: -scores[n]):
            picks, named = self.steps(int(steps), role)
            if len(picks) >= 2:
                out = self.extracted(picks)  # a step's short first sentence brings its second (see `extracted`)
                total = self.time_to(picks[:-1]) if self.analysis.wants == "duration" and named else None
                cites = tuple(dict.fromkeys(self.candidates[n].passage for n in picks))
                return [Sentence(total, cites, True)] if total else out
        return []

    def headed_about(self, role: Role) -> np.ndarray:
        """The sentences of the sections about the role whose own heading has an asked word ("how do i become a
        sonographer": "Becoming a Sonographer")."""
        asked = self.analysis.terms | _WAY_IN  # ("The PT path: the DPT" is the way in too)
        headed = []
        for n, p in enumerate(self.passages):
            last = p.section.split(" > ")[-1]
            heading = asked_terms(last, self.vocabulary, self.corpus)  # (a stem's forms: "become", "becoming")
            if any(a[:4] == h[:4] and min(len(a), len(h)) >= 4 for a in asked for h in heading) and (
                role in self.vocabulary.roles_in(last)
            ):
                headed.append(n)
        return np.isin(self.passage_of, headed)

    def steps(self, steps: int, role: Role) -> tuple[list[int], int | None]:
        """The first sentence of each step a list names, in order, and which step is named after the role."""
        where = (
            self.passages[self.candidates[steps].passage].source,
            self.passages[self.candidates[steps].passage].section,
        )
        labels = reading.list_parts(self.candidates[steps].text)[1]
        firsts = {}
        for n, c in enumerate(self.candidates):
            label = reading.item_label(c.text)
            at = (self.passages[c.passage].source, self.passages[c.passage].section)
            if at == where and not label:  # "Earn a bachelor's degree (4 years) that ...": its label opens it
                # (as the list writes it: "Earn a bachelor's degree, business ..." of "...; business ...")
                label = next((item for item in labels if c.text.replace(";", ",").startswith(item)), "")
            if at == where and label in labels and label not in firsts and not (n and self.same_item(n - 1, n)):
                firsts[label] = n
        found = [label for label in labels if label in firsts]
        # Becoming one ends at the first step named after the role ("Junior UX designer"); the steps after it are
        # a career beyond ("Senior ...", "Director of product"), not the way in.
        stage = CAREER_STAGE.search(self.analysis.text)
        named = next((n for n, label in enumerate(found) if self.titles(label, role, stage and stage.group(1))), None)
        if named is not None and named >= 1:
            found = found[: named + 1]
        return [firsts[label] for label in found][: TUNING.route_steps], named

    def time_to(self, before: list[int]) -> str | None:
        """How long the steps before the asked one take, added up from each step's own span: "About 4 to 7 years by
        the guide's steps: Associate product manager (APM) 1 to 2 years, then product manager 3 to 5 years." (a
        step the guide gives no span for is named as not counted)."""
        spans, unknown = [], []
        for n in before:
            label = reading.item_label(self.candidates[n].text) or self.candidates[n].text.split(" (")[0]
            found = FIGURES["duration"].search(self.candidates[n].text)
            numbers = re.findall(r"\d+", found.group(0)) if found and "year" in found.group(0).lower() else []
            if numbers:
                spans.append((label, int(numbers[0]), int(numbers[-1]), found.group(0)))
            else:
                unknown.append(label)
        if len(spans) < 2:
            return None
        low, high = sum(s[1] for s in spans), sum(s[2] for s in spans)
        said = ", then ".join(f"{reading.lower_first(label)} {span}" for label, _, _, span in spans)
        rest = (
            f" (not counting {', '.join(map(reading.lower_first, unknown))}, for which it gives no span)"
            if unknown
            else ""
        )
        return f"About {low} to {high} years by the guide's steps: {reading.capital(said)}{rest} [{{a}}]."

    def titles(self, label: str, role: Role, stage: str | None) -> bool:
        """Whether a step's label is the role's title ("Junior UX designer", "Associate product manager (APM)"; the
        asked stage's when one is asked: "Senior product manager"), not a step that names it ("Complete an
        accredited PA program")."""
        mentions = [m for m in self.vocabulary.mentions(label) if m.role == role]
        if not mentions:
            return False
        rest = [
            w
            for n, w in enumerate(words(re.sub(r"\([^)]*\)", "", label)))
            if not any(m.start <= n < m.end for m in mentions)
        ]
        if stage:
            return any(w.startswith(stage.lower()[:5]) for w in rest)
        return len(rest) <= 1

    def anaphor_orphans(self) -> np.ndarray:
        """Sentences that point back with nothing before them in their passage to point at."""
        return np.array(
            [
                bool(self.anaphor[n]) and (n == 0 or self.candidates[n - 1].passage != c.passage)
                for n, c in enumerate(self.candidates)
            ]
        )

    def sides(self, foci: list[Focus]) -> list[tuple[Role, int]]:
        """For each compared role, its best sentence from its own sections (or naming it)."""
        out = []
        for f in foci:
            if f.role is None:
                continue
            scores = self.relevance(f.question, f.vector, self.analysis.wants)
            # Its own sections' sentences, or a general section's sentence naming it and no other role; a sentence
            # that opens with a role is that role's wherever it stands ("Pharmacists, for comparison, need 30 hours
            # ..." under the technicians' heading).
            own = np.array(
                [
                    (r == f.role and subject in (None, f.role)) or (nm == [f.role] and (r is None or subject == f.role))
                    for r, nm, subject in zip(self.roles, self.named, self.subject, strict=True)
                ]
            )
            ok = own & self.allowed([f.role])
            if (ok & ~self.anaphor).any():  # "This figure varies ...": its figure is not the role's own
                ok &= ~self.anaphor
            if not is_list_question(self.analysis.text) and (ok & ~self.listing).any():
                ok &= ~self.listing  # "education differences": what each says of education, not a list of steps
            pick = self.best(scores, ok, prefer_list=self.analysis.wants is None, about=self.analysis.terms)
            if pick is not None:
                out.append((f.role, pick))
        return out

    def comparison(self, foci: list[Focus]) -> list[Sentence]:
        a = self.analysis
        duties = reading.DUTIES.search(a.text) is not None  # "what they do day to day": what each does, side by side
        if a.wants is None and a.terms <= reading.ROLE_WORDS and len(a.roles) >= 2 and not duties:
            # "ML eng vs data sci?": how the guide sets them apart
            contrast = self.contrast(a.roles[0], a.roles[1])
            if contrast:
                return contrast
        sides = self.sides(foci)[:2]
        if len(sides) < 2:
            return self.fact()
        (role_a, na), (role_b, nb) = sides
        if a.wants == "number":  # "min age cops vs firefighters": a row labelled with the measure asked that gives each
            # its number ("Minimum age: Firefighter 18, Police Officer 21"), not where the measure is another thing's
            row = self.both_figures(
                role_a,
                role_b,
                self.relevance(a.text, self.vector, a.wants),
                lambda text: ": " in text and reading.states_measure(a.text, text.partition(": ")[0]),
            )
            if row is not None:
                return self.extracted([row[1]])
        if a.wants in reading.WEIGHED:
            weighed = self.weigh(role_a, na, role_b, nb)
            if weighed:
                return weighed
        # No figure to weigh: a sentence that sets both roles side by side, if one is as good as each side's own
        # (for a question about items, "tools", "degree", only one that has that word: a table row "Typical
        # degree: ..."; else each side's own list answers it).
        thing = listed_thing(a.text)
        scores = self.relevance(a.text, self.vector, a.wants)
        # ... one that says something of each ("Typical degree: analyst Bachelor's in ..., tester ..."), not one
        # naming them together ("The career paths for both data scientists and ML engineers involve ...").
        both = np.array([self.apart(c.text, role_a, role_b) is not None for c in self.candidates])
        both &= self.allowed([role_a, role_b])
        asked = a.terms - self.role_words  # (not "heavy equipment" of "running heavy equipment": the role's name)
        if asked:  # "education differences": a sentence naming both roles must also be about education
            both &= np.array([bool(asked & w) for w in self.words])
        if thing is not None:  # ... and one about the items asked ("degree")
            both &= np.array([terms(thing) <= w for w in self.own_words])
        pick = None if duties else self.best(scores, both)
        if pick is not None and scores[pick] >= max(scores[na], scores[nb]) - TUNING.second_sentence_margin:
            return self.weighed_in(pick, role_a, role_b) or self.extracted([pick])
        side_a, side_b = self.extracted([na])[0], self.extracted([nb])[0]
        if len(side_a.cites) > 1 or len(side_b.cites) > 1:  # a list merged from pieces cites each piece
            return [side_a, side_b]
        return [self.side_by_side(side_a, side_b)]

    def weighed_in(self, n: int, role_a: Role, role_b: Role) -> list[Sentence]:
        """A sentence setting two roles side by side with a figure each, weighed: "night shift diff cna vs lpn" asks no
        figure by its words, but "... add $1.00 to $2.50 an hour for CNAs and $2.00 to $5.00 an hour for LPNs" gives
        one: "Licensed practical nurses earn more: $2.00 to $5.00 an hour [1] against ..." ([] if it gives none)."""
        a = self.analysis
        for kind in ("money",):  # (a share weighed with no word of what it measures reads "have the higher rate")
            if not self.figures[kind][n]:
                continue
            self.analysis = replace(a, wants=kind)
            try:
                row = self.both_figures(role_a, role_b, np.where(np.arange(len(self.candidates)) == n, 1.0, 0.0))
                weighed = self.weigh(role_a, n, role_b, n) if row is not None and row[1] == n else []
            finally:
                self.analysis = a
            # (each side's figure as the row gives it: not one figure twice, "Neither: ... both earn $89,290")
            if weighed and row[2][0] in weighed[0].text and row[3][0] in weighed[0].text and row[2][1] != row[3][1]:
                return weighed
        return []

    def weigh(self, role_a: Role, na: int, role_b: Role, nb: int) -> list[Sentence]:
        """A figure's verdict: "Physician assistants earn more: $130,020 a year [1] against $86,070 for registered
        nurses [2], about $43,950 more." The figures are each side's own sentence's, or a row's that gives both
        ("Time to enter the field: Registered Nurse (RN): 2 to 4 years; Physician Assistant (PA): 6 to 7 years")."""
        a = self.analysis
        stage = CAREER_STAGE.search(a.text)
        stage = stage and stage.group(1)
        end = RANGE_END.search(a.text)
        end = end and ("high" if end.group("high") else "low")
        hourly = _BY_THE_HOUR.search(a.text) is not None  # "how much more ... per hour"
        asked_unit = _ASKED_UNIT.search(a.text)
        unit = _unit_asked(asked_unit) if asked_unit else ""
        scores = self.relevance(a.text, self.vector, a.wants)
        # a side's sentence without the figure ("RNs: employment is projected to grow 6% ..."): its role's best that
        # has it ("Because the workforce is so large, that means about 197,200 openings each year")
        na, nb = (self.stating(role, n, scores) for role, n in ((role_a, na), (role_b, nb)))
        # a place or setting asked ("in california"): a name no dictionary has, as each side's sentence writes it (not
        # a word of a role's name, "cybersecurity", nor one of how it is asked, "than")
        named = [
            re.compile(rf"\b{re.escape(w[0].upper() + w[1:5])}\w*")
            for w in words(a.text)
            if len(w) > 3
            and w.isalpha()
            and not readings(w)
            and w not in STOPWORDS
            and not terms(w) & self.role_words
            and not self.vocabulary.roles_in(w)
        ]
        na, nb = (self.placed(role, n, named, scores) for role, n in ((role_a, na), (role_b, nb)))
        counted = self.counted_head(a.text) if a.wants == "count" else ""
        fa, fb = (
            reading.figure_value(self.candidates[n].text, a.wants, stage, end, hourly, unit, counted) for n in (na, nb)
        )
        # a stage, a share ("the top 10%") or an end asked is each side's own: not a row of both medians
        share = PERCENTILE.search(a.text)  # ... unless the row is the share's ("Senior (top 10%): ...")
        having = re.compile(rf"\b{share.group(1)}\s+{re.escape(share.group(0).split()[-1])}", re.I) if share else None
        row = None if end and not share else self.both_figures(role_a, role_b, scores, having and having.search)
        staged_row = False  # ... unless the row is the stage's and the sides are not ("Entry level (0-2 years): ...")
        if row is not None and stage:
            staged = [re.search(rf"\b{re.escape(stage[:5])}", self.candidates[n].text, re.I) for n in (row[1], na, nb)]
            row = row if staged[0] and not (staged[1] and staged[2]) else None
            staged_row = row is not None
        # a span's sides are often steps of a route ("Earn a bachelor's degree (4 years)", "RN-to-BSN bridge programs
        # ... 1 to 2 years"); a row that gives both is the same span for each ("Time to enter the field")
        margin = TUNING.span_row_margin if a.wants == "duration" else TUNING.second_sentence_margin
        if row is not None and a.wants == "count" and fa and fb:  # each side counts what is asked, the row not:
            counts = self.counts_of(a.text)  # "more openings each yr": not the row of "Jobs in the US"
            row = None if counts[na] and counts[nb] and not counts[row[1]] else row
        # a place or setting asked that each side's sentence names and the row does not ("in california": "Rad techs:
        # California ($101,450), ...", not the national row): each side's figure after it
        where = [p for p in named if p.search(self.candidates[na].text) and p.search(self.candidates[nb].text)]
        place = None
        if where and (row is None or not where[0].search(self.candidates[row[1]].text)) and fa and fb:
            place = where[0].search(self.candidates[na].text)
            fa, fb = (
                reading.figure_value(self.candidates[n].text, a.wants, place.group(0), end, hourly, unit, counted)
                for n in (na, nb)
            )
            row = None
        # "top paying state for slps vs audiologists": each side's best place, not a row of both national medians
        best_places = None
        if fa and fb and _PAYS_BEST.search(a.text) and row is not None and na != nb:
            found = [re.search(_PLACE_OF + re.escape(f[0]), self.candidates[n].text) for f, n in ((fa, na), (fb, nb))]
            best_places = [m.group(1) for m in found] if all(found) else None
            row = None if best_places else row
        if row is not None and (not (fa and fb) or row[0] >= max(scores[na], scores[nb]) - margin or staged_row):
            _, n, fa, fb = row
            na = nb = n
        if not (fa and fb):
            return []
        if na == nb and fa[1] == fb[1]:  # one figure of one sentence read for both: each role's own part's instead
            # ("the best-paid 10% of operators earn more than $94,150, against $76,850 for drivers"), if each has one
            parts = self.parts_by_role(self.candidates[na].text)
            own = [
                [
                    v
                    for of, part in parts
                    if of == role and (v := reading.figure_value(part, a.wants, stage, end, hourly, unit, counted))
                ]
                for role in (role_a, role_b)
            ]
            if not (own[0] and own[1]):
                return []
            fa, fb = own[0][0], own[1][0]  # (the same again: "4 to 5 years" for each, "Neither")
        if a.wants == "money" and min(fa[1], fb[1]) > 0 and max(fa[1], fb[1]) > 10 * min(fa[1], fb[1]):
            return []  # "$75,000 to $82,000" against "$100 to $200" (a fee): not two roles' pay
        if fa[1] == fb[1]:  # "is the electrical or plumbing apprenticeship longer": "4 to 5 years" for each
            same = {"money": "earn", "percent": "are projected to grow", "duration": "take", "count": "number"}
            if fa[0] != fb[0] or a.wants not in same:
                return []
            text = f"Neither: {role_a.plural} and {role_b.plural} both {same[a.wants]} {fa[0]} [{{a}}]."
            return [
                Sentence(text, tuple(dict.fromkeys((self.candidates[na].passage, self.candidates[nb].passage))), True)
            ]
        if a.wants == "duration" and len({_unit(fa[0]), _unit(fb[0])}) > 1:
            return []  # "12 to 16 days" against a "40-hour" week: not two spans of one thing
        if a.wants == "duration" and len({bool(_CLOCK.search(f[0])) for f in (fa, fb)}) > 1:
            return []  # "about 2 years" of school against "1,820 hours" of clinical work: not one measure
        if best_places:  # "$118,390 in Oregon"
            fa, fb = ((f"{f[0]} in {where}", f[1]) for f, where in zip((fa, fb), best_places, strict=True))
        (hi_role, hi_n, hi), (lo_role, lo_n, lo) = sorted([(role_a, na, fa), (role_b, nb, fb)], key=lambda s: -s[2][1])
        grows = re.search(r"\b(grow\w*|growth|outlook|demand|increase|prospects?)\b", a.text, re.I)
        verdict = {
            "money": "earn more",
            "percent": "are projected to grow faster" if grows else "have the higher rate",
            "duration": "take longer",
            "count": "are more numerous",
        }[a.wants]
        thing = self.counted_thing() if a.wants == "count" else ""
        verdict = (f"have {thing}" if thing.startswith("the ") else f"have more {thing}") if thing else verdict
        gap = f", {reading.difference(hi[1], lo[1], a.wants, hi[0], lo[0])}" if a.wants in ("money", "percent") else ""
        spans = [_ONE_SPAN.fullmatch(f[0].strip()) for f in (hi, lo)]
        if a.wants == "duration" and ASKS_GAP.search(a.text) and all(spans):
            (n_hi, unit), (n_lo, unit_lo) = (m.groups() for m in spans)
            if unit.rstrip("s") == unit_lo.rstrip("s"):  # "which is longer and by how much": "..., 7 weeks more"
                gap = f", {int(n_hi) - int(n_lo)} {unit.rstrip('s')}{'s' if int(n_hi) - int(n_lo) != 1 else ''} more"
        if a.wants == "count" and re.search(r"\b(how many (more|fewer)|by how many)\b", a.text, re.I):
            gap = f", {hi[1] - lo[1]:,.{0 if (hi[1] - lo[1]).is_integer() else 1}f} more"  # "9 more"
        if a.wants == "duration" and _SOONER.search(a.text) and not YES_NO.match(a.text):
            # "which one gets u to senior level quicker": the shorter first
            said = f"{reading.capital(lo_role.plural)} take less time: {lo[0]} [{{a}}]"
            text = f"{said} against {hi[0]} for {hi_role.plural} [{{b}}]."
            return [Sentence(text, (self.candidates[lo_n].passage, self.candidates[hi_n].passage), True)]
        said = f"{reading.capital(hi_role.plural)} {verdict}: {hi[0]} [{{a}}]"
        text = f"{said} against {lo[0]} for {lo_role.plural} [{{b}}]{gap}."
        row = self.candidates[hi_n]
        instance = _instance(row.text, self.passages[row.passage].text) if hi_n == lo_n else None
        if instance and terms(instance.group(1)) & (terms(a.text) - self.role_words):  # "in texas ...": "In Texas, ..."
            text = f"In {instance.group(1)}, {reading.lower_first(text)}"
        elif place:  # "In California, sonographers earn more: ..."
            text = f"In {place.group(0)}, {reading.lower_first(text)}"
        elif best_places:
            text = f"In each one's top-paying state, {reading.lower_first(text)}"
        if re.search(r"\bworth\b", a.text, re.I):  # "is it worth ...?" is the asker's to weigh: the figures are
            text = f"By pay, {reading.lower_first(text)}"  # what the guide gives
        elif YES_NO.match(a.text) and not re.search(r"\bor\b", a.text) and not a.unknown:
            # "do ML engineers earn more than ...?": yes or no first (not for "are there more nursing jobs or PA
            # jobs?", nor under a caveat: "do uk firefighters get paid better")
            lower = bool(re.search(r"\b(less|lower|fewer|slower|worse|shorter|quicker)\b", a.text, re.I))
            text = (
                "Yes, " if (self.asked_about(role_a, role_b) == hi_role) != lower else "No, "
            ) + reading.lower_first(text)
        return [Sentence(text, (self.candidates[hi_n].passage, self.candidates[lo_n].passage), True)]

    def weigh_things(self, things: tuple[tuple[str, frozenset], ...]) -> list[Sentence]:
        """Two things weighed that are not roles, each by the best sentence that states the figure asked with its words
        and not the other's: "PTCE costs more: $129 [1] against $125 for ExCPT [2], $4 more."; "Yes: more for
        speech-language pathologists in hospitals: ...". Nothing when either has none, or both the same figure."""
        a = self.analysis
        wanted = a.wants if a.wants in reading.WEIGHED else _figure_weighed(a.text)
        if wanted is None:
            return []
        scores = self.relevance(a.text, self.vector, wanted)
        ok = self.allowed(a.roles) & self.figures[wanted].astype(bool)
        picks = self.things_row(things, wanted, scores, ok) or self.things_own(things, wanted, scores, ok)
        if not picks or picks[0][2][1] == picks[1][2][1]:
            return []
        (hi_label, hi_n, hi), (lo_label, lo_n, lo) = sorted(picks, key=lambda pick: -pick[2][1])
        word = {"money": "More", "percent": "Higher", "duration": "Longer", "count": "More"}[wanted]
        gap = f", {reading.difference(hi[1], lo[1], wanted, hi[0], lo[0])}" if wanted in ("money", "percent") else ""
        said = f"{word} for {hi_label}"
        if wanted == "money" and _ASKS_COST.search(a.text):  # "which one costs more, ptce or excpt": "PTCE costs more"
            said = f"{reading.capital(hi_label)} costs more"
        text = f"{said}: {hi[0]} [{{a}}] against {lo[0]} for {lo_label} [{{b}}]{gap}."
        if YES_NO.match(a.text):  # "do pipeline welders make more than ...": yes when the first named is ahead
            lower = re.search(r"\b(less|lower|fewer|cheaper|shorter|quicker)\b", a.text, re.I) is not None
            text = ("Yes: " if (hi_n == picks[0][1]) != lower else "No: ") + reading.lower_first(text)
        return [Sentence(text, (self.candidates[hi_n].passage, self.candidates[lo_n].passage), True)]

    def things_own(
        self, things: tuple[tuple[str, frozenset], ...], wanted: str, scores: np.ndarray, ok: np.ndarray
    ) -> list[tuple[str, int, tuple[str, float]]]:
        """Two things weighed each by its best sentence that states the figure with its words and not the other's
        ([] if either has none)."""
        picks = []
        named = self.vocabulary.roles_in(self.analysis.text)  # (the role typed: a comparison's roles are its guide's)
        for (label, mine), (_, other) in ((things[0], things[1]), (things[1], things[0])):
            has = [
                len(mine & w) * 2 > len(mine) and not other & own
                for w, own in zip(self.words, self.own_words, strict=True)
            ]
            n = self.best(scores, ok & np.array(has))
            value = self.figure_for(self.candidates[n].text, wanted, named) if n is not None else None
            if value is None:
                return []
            picks.append((self.written(label, n), n, value))
        return picks

    def things_row(
        self, things: tuple[tuple[str, frozenset], ...], wanted: str, scores: np.ndarray, ok: np.ndarray
    ) -> list[tuple[str, int, tuple[str, float]]]:
        """Two things weighed by a table's row that gives each its own cell: "Time to full credential: Actuary 7 to 10
        years (FSA or FCAS), Insurance underwriter 2 to 3 years (CPCU)" for "fsa or cpcu" ([] if no row does)."""
        rows = ok & np.array([self.table_row(n) for n in range(len(self.candidates))])
        for n in sorted(np.flatnonzero(rows), key=lambda m: -scores[m]):
            cells = reading.PARTS.split(self.candidates[n].text.partition(": ")[2])
            picks = []
            for label, mine in things:
                own = [c for c in cells if mine <= terms(c)]
                value = reading.figure_value(own[0], wanted) if len(own) == 1 else None
                if value is None:
                    break
                picks.append((self.written(label, n), int(n), value))
            if len(picks) == 2 and picks[0][2][1] != picks[1][2][1]:
                return picks
        return []

    def figure_for(self, text: str, wanted: str, roles: list[Role], strict: bool = False) -> tuple[str, float] | None:
        """A sentence's figure of the wanted kind, of the one role asked when its parts name several ("Hospitals (work
        setting): CNA median $40,260, LPN median $57,950": $57,950 for LPNs), else its first (with `strict`, none)."""
        if len(roles) == 1:
            for of, part in self.parts_by_role(text):
                if of == roles[0] and (found := reading.figure_value(part, wanted)) is not None:
                    return found
        return None if strict else reading.figure_value(text, wanted)

    def written(self, label: str, n: int) -> str:
        """A thing's words as typed, its names as the guide writes them ("ptce": "PTCE", from the sentence or its
        section)."""
        said = f"{self.candidates[n].text} {self.passages[self.candidates[n].passage].section}"

        def guide_form(word: str) -> str:
            found = re.search(rf"\b{re.escape(word)}\b", said, re.I)
            form = found.group(0) if found else word
            return form if form.isupper() or re.search(r"[A-Z].*[A-Z]", form) else word

        return " ".join(guide_form(w) for w in label.split())

    def counted_head(self, question: str) -> str:
        """The word for what a count question counts, but for the roles and "more": "openings" of "more job openings
        each yr", "jobs" of "nursing jobs overall" ("" when it counts the roles)."""
        counted = reading.counted(question) or next(iter(re.findall(r"\bopenings\b", question, re.I)), "")
        what = re.sub(r"^(more|fewer)\s+", "", counted, flags=re.I)  # (or the openings weighed: "openings x vs y")
        named = {i for m in self.vocabulary.mentions(what) for i in range(m.start, m.end)}
        rest = [w.lower() for i, w in enumerate(words(what)) if i not in named]
        plural = [w for w in rest if len(w) > 3 and w.endswith("s")]
        return (plural or rest or [""])[-1]

    def counted_thing(self) -> str:
        """What a verdict says a count question counts: its head word, or "the higher count" for a word no guide
        writes ("hrs")."""
        thing = spelled_out(self.counted_head(self.analysis.text))  # ("ppl": people)
        if thing and not any(stem in self.corpus.words for stem in terms(thing)):
            return "the higher count"  # "hrs": a word no guide writes, not to be written back
        return thing

    def stating(self, role: Role, n: int, scores: np.ndarray) -> int:
        """A side's sentence, or when it lacks the figure asked (or a count asked counts something else), the best
        of its role's that has it, if one does ("On paper, police officers come out ahead.": not the top 10%'s pay)."""
        wants, text = self.analysis.wants, self.analysis.text
        if wants != "count":
            ends = RANGE_END.search(text) or PERCENTILE.search(text)  # "the top 10%": one that says the end asked
            said = self.candidates[n].text
            if (
                not ends
                or wants not in FIGURES
                or (
                    reading.figure_value(said, wants) is not None
                    and (RANGE_END.search(said) or PERCENTILE.search(said))
                )
            ):
                return n  # (else a row of both, if there is one, gives the figures; not the median's: "The median PR
                # specialist earns $69,800" is no top 10%'s pay)
            # "... more than $113,860 at the top", not the median
            counts = self.figures[wants].astype(bool)
            counts &= np.array([bool(RANGE_END.search(c.text)) for c in self.candidates])
        else:
            counts = self.counts_of(self.analysis.text)
            if counts[n] or (not counts.any() and reading.figure_value(self.candidates[n].text, "count") is not None):
                return n  # it counts what is asked ("all 50 states" does not count openings)
        # (or, naming no role, its field's word: "For police, pay runs from ... to more than $113,860 at the top")
        field = re.compile(rf"\b{re.escape(role.name.split()[0])}\b", re.I) if len(role.name.split()) > 1 else None
        fields = [
            bool(field and not named and field.search(c.text))
            for named, c in zip(self.named, self.candidates, strict=True)
        ]
        of_role = np.array(
            [
                own == role or (own is None and (role in named or carried == role or in_field))
                for own, named, carried, in_field in zip(self.roles, self.named, self.carried, fields, strict=True)
            ]
        )
        found = self.best(scores, counts & of_role & self.allowed([role]))
        return n if found is None else found

    def placed(self, role: Role, n: int, places: list[re.Pattern], scores: np.ndarray) -> int:
        """A side's sentence, or when it names no place asked, the best of its role's that gives the figure asked after
        one ("welder or machinist in alaska": "... followed by Alaska ($62,900)", not the national median)."""
        wants = self.analysis.wants
        if not places or wants not in FIGURES or any(p.search(self.candidates[n].text) for p in places):
            return n
        ok = self.allowed([role]) & np.array(
            [
                (own == role or (own is None and (role in named or carried == role)))
                and any((m := p.search(c.text)) and reading.figure_value(c.text, wants, m.group(0)) for p in places)
                for own, named, carried, c in zip(self.roles, self.named, self.carried, self.candidates, strict=True)
            ]
        )
        found = self.best(scores, ok)
        return n if found is None else found

    def both_figures(
        self, role_a: Role, role_b: Role, scores: np.ndarray, having: Callable[[str], object] | None = None
    ) -> tuple[float, int, tuple, tuple] | None:
        """The best sentence that gives the wanted figure for each of two roles, in a part naming only that role
        (a table row's cells, "... while ..."), with its score and the two figures; with `having`, only a sentence
        it holds for ("top 10%")."""
        a = self.analysis
        found = None
        stated = self.figures[a.wants]
        if a.wants == "count":  # "are there more pts or ots": a sentence counting them, if one does
            counts = stated & self.counts_of(a.text)
            stated = counts if (counts & self.allowed([role_a, role_b])).any() else stated
        hourly = _BY_THE_HOUR.search(a.text) is not None
        for n in np.flatnonzero(stated & self.allowed([role_a, role_b])):
            if hourly and a.wants == "money" and not re.search(r"\bhour", self.candidates[n].text, re.I):
                continue  # "who makes more per hour": the row of hourly pay, not the annual one
            if having and not having(self.candidates[n].text):
                continue
            if a.wants == "money" and not _PERIOD.search(a.text) and _paid_by_the(self.candidates[n].text):
                continue  # "which pays more": the pay of a year, not "$333 per day, while ... $326 per day"
            asked = terms(a.text) - self.role_words  # ("nursing" of the roles is no "Nursing homes" asked)
            if _other_instance(self.candidates[n].text, asked, self.passages[self.candidates[n].passage].text):
                continue  # "Massachusetts (state): Elementary teacher median $88,370, ...": one state's, not asked
            parts, last = {}, None
            for part in reading.PARTS.split(self.candidates[n].text):
                named = self.vocabulary.roles_in(part)
                if reading.GAP.search(
                    part
                ):  # "roughly $14,640 more than cybersecurity analysts": a gap, not their figure
                    continue
                if len(named) == 1 and named[0] in (role_a, role_b) and named[0] not in parts:
                    parts[named[0]], last = reading.figure_value(part, a.wants, hourly=hourly), named[0]
                elif not named and hourly and last and a.wants == "money":  # "... earns $54,320 a year, or $26.12 an
                    by_hour = reading.figure_value(part, a.wants, hourly=True)  # hour": the same role's, by the hour
                    had = parts[last][0] if parts[last] else ""
                    if by_hour and by_hour[0].endswith("an hour") and not had.endswith("an hour"):
                        parts[last] = by_hour
            if parts.get(role_a) and parts.get(role_b) and (found is None or scores[n] > found[0]):
                found = (float(scores[n]), int(n), parts[role_a], parts[role_b])
        return found

    def contrast(self, role_a: Role, role_b: Role) -> list[Sentence]:
        """How the guide first sets two roles apart: its first sentence that names both with a contrast ("ML engineers
        are specialists in ..., while data scientists ..."), else its first sentence about each ("A cybersecurity
        analyst ... defends systems ..."; "Penetration testers ... attack systems ..."), from sections about neither."""
        ok = self.allowed([role_a, role_b]) & np.array([r is None for r in self.roles]) & ~self.anaphor_orphans()
        ok &= ~self.signpost.astype(bool) & ~self.listing

        def first(mask: np.ndarray) -> int | None:
            found = np.flatnonzero(ok & mask)
            return int(min(found, key=self.position)) if len(found) else None

        both = first(np.array([self.sets_apart(c.text, role_a, role_b) for c in self.candidates]))
        if both is not None:
            return self.extracted([both])
        sides = [first(np.array([s == role for s in self.subject])) for role in (role_a, role_b)]
        if None in sides:
            return []
        side_a, side_b = (self.extracted([n])[0] for n in sides)
        return [self.side_by_side(side_a, side_b)]

    def apart(self, text: str, role_a: Role, role_b: Role) -> list[str] | None:
        """The words between a sentence's mentions of two roles, when it says something of each: "<one> ..., while
        <the other> ..." ; None when it names them together ("data scientists and ML engineers") or not both."""
        mentions = self.vocabulary.mentions(text)
        at = {role: next((m for m in mentions if m.role == role), None) for role in (role_a, role_b)}
        if None in at.values():
            return None
        left, right = sorted(at.values(), key=lambda m: m.start)
        between = [w for w in words(text)[left.end : right.start] if w not in ("and", "or", "&", "both", "the")]
        return between or None

    def sets_apart(self, text: str, role_a: Role, role_b: Role) -> bool:
        """Whether a sentence contrasts the two roles: "<one> ..., while <the other> ..." (not "While sharing some
        similarities, <both> have distinct roles", which says only that they differ)."""
        return any(reading.CONTRAST.fullmatch(w) for w in self.apart(text, role_a, role_b) or [])

    def asked_about(self, role_a: Role, role_b: Role) -> Role:
        """The role a "do X earn more than Y?" question is about: the one named before "than" (the other when the
        only role named comes after it: "are ux jobs growing faster than pm jobs")."""
        text = self.analysis.text
        than = re.search(r"\bthan\b", text, re.I)
        first = next(iter(self.vocabulary.mentions(text)), None)
        if than and first is not None and len(words(text[: than.start()])) <= first.start:
            return role_b if first.role == role_a else role_a
        return first.role if first is not None and first.role in (role_a, role_b) else role_a

    def side_by_side(self, a: Sentence, b: Sentence) -> Sentence:
        """Two roles' own sentences as one: "Most analysts reach ... after 4 to 6 years [1]; testers ... [2]"."""
        first, second = (
            t if _ANAPHOR.match(reading.without_label(t)) else reading.without_label(t) for t in (a.text, b.text)
        )
        text = f"{first.rstrip('.!?')} [{{a}}]; {reading.lower_first(second).rstrip('.!?')} [{{b}}]."
        return Sentence(text, (a.cites[0], b.cites[0]), True)

    def yes_no(self) -> list[Sentence]:
        """Yes or no, when the question's own terms are found in the guide for the asked role or another."""
        a = self.analysis
        if a.towards is not None and len(a.roles) == 1:
            moved = self.moving(a.roles[0], a.towards)
            if moved:
                return moved
        # The question's most specific word that the guides use ("c++" in "do data scientists need C++"): the
        # evidence is a sentence that has it. Other words ("need", "used") are how people ask, not what.
        asked = [t for t in a.terms if t not in reading.YES_NO_FILLER and len(t) > 1 and t in self.idf]
        if not asked:
            return []
        scores = self.relevance(a.text, self.vector, a.wants)
        near = np.isin(self.source, list({r.source for r in a.roles} or {self.passages[0].source}))
        # Evidence far below the best sentence is a chance match of the word ("keep"): no verdict then.
        near &= scores >= scores[self.allowed(a.roles)].max(initial=-np.inf) - TUNING.yes_no_evidence_margin
        # ... and of the asked words, the rarest that the passages have; or else that such evidence has ("meds": the
        # guide says "medication").
        found = [t for t in asked if any(t in self.words[n] for n in np.flatnonzero(near))]
        # ... anywhere in the asked guide: not a word only another guide's passage has ("slower" of "is dental
        # hygienist job growth slower than average", said by the paralegal guide alone)
        guide = np.isin(self.source, list({r.source for r in a.roles} or {self.passages[0].source}))
        anywhere = [t for t in asked if any(t in self.words[n] for n in np.flatnonzero(guide))]
        term = max(anywhere or found or asked, key=lambda t: self.idf[t])
        if reading.AGAINST_AVERAGE.search(a.text) and (average := asked_terms("average", self.vocabulary, self.corpus)):
            term = next(iter(average & set(anywhere)), term)  # "is rad tech growth faster than average": the average
        has = np.array([term in w for w in self.words]) & near
        # ... unless the best sentence near, with another asked word, is well above any with it: "can i get my cna
        # training paid for by an employer" - "... the state must arrange for the training costs to be reimbursed, and
        # many facilities offer free training outright", not "Many employers also pay a weekend differential"
        worded = near & np.array([bool(set(asked) & w) for w in self.own_words])
        top = self.best(scores, worded & self.allowed(a.roles))
        if top is not None and has.any() and scores[top] > scores[has].max() + TUNING.yes_no_rarest_margin:
            term = max(set(asked) & self.own_words[top], key=lambda t: self.idf[t])
            has = np.arange(len(self.candidates)) == top
        # ... or a sentence near has more of the asked words (three or more) than any with it, or, none near having
        # it, one of the guide's: "is there a federal minimum number of hours for eldt" - "There is no federal minimum
        # number of hours", not the sentence naming ELDT; "do i need a cdl to run an excavator on a job site" - "No CDL
        # is required to operate a machine on a job site" ("excavator" is only in a list of machines)
        covered = [frozenset(t for t in asked if t in w) for w in self.own_words]
        pool = near if has.any() else guide & self.allowed(a.roles)
        most = max(np.flatnonzero(pool), key=lambda n: (len(covered[n]), scores[n]), default=None)
        widest = max((len(covered[n]) for n in np.flatnonzero(has)), default=0)
        if most is not None and len(covered[most]) >= 3 and len(covered[most]) > widest:
            term = max(covered[most], key=lambda t: self.idf[t])
            has = np.arange(len(self.candidates)) == most
        # ... or the best sentence near is a myth the question says again in its own words, which has two asked words:
        # "do u need a cdl to run an excavator" - "Myth: You need a CDL to run heavy equipment: Fact: No CDL is ..."
        myth = self.best(scores, near & self.allowed(a.roles))
        said_again = reading.MYTH.match(self.candidates[myth].text) if myth is not None and not has[myth] else None
        if said_again:
            shared = set(asked) & terms(said_again.string[: said_again.start("fact")])
            if len(shared) >= 2:
                term, has = max(shared, key=lambda t: self.idf[t]), np.arange(len(self.candidates)) == myth
        if (has & ~self.said).any():
            has &= ~self.said  # "can they earn more on the side?": not the salary just said, but what goes beyond it
        if len(a.roles) != 1:  # about both roles, or none: the sentence that has the word answers
            shared = has & np.array([r is None for r in self.roles])
            found = self.best(scores, (shared if a.kind == "common" and shared.any() else has) & self.allowed(a.roles))
            return [] if found is None else self.verdict(found, term)
        role = a.roles[0]
        own = np.array(
            [r == role or (r is None and (role in nm or not nm)) for r, nm in zip(self.roles, self.named, strict=True)]
        )
        # "do airline pilots have to retire at 65": a sentence with the asked number is the evidence, if one has it
        numbers = re.findall(r"\d[\d,.]*\d|\d", a.text)
        stating = has & own & np.array([self.states_for(c.text, numbers, role) for c in self.candidates])
        subject = np.array([self.of_other_subject(n, [role]) for n in range(len(self.candidates))])
        # ... as is one whose asked word is in the other role's clause, not in the asked role's own: "A dental hygienist
        # needs a degree and a state license ..., while a dental assistant can start working in under a year"
        subject |= has & np.array(
            [
                bool(clauses := self.own_clauses(c.text, role)) and not any(term in terms(x) for x in clauses)
                for c in self.candidates
            ]
        )
        yes = self.best(scores - TUNING.other_subject_penalty * subject, stating if stating.any() else has & own)
        # (a myth the question says again is answered by its fact: "Myth: You need a journalism degree to be a ...")
        if yes is not None and reading.NEED.search(a.text) and not reading.MYTH_ALONE.match(self.candidates[yes].text):
            # "Do I need a design degree?": a way in without it ("through a degree, an online course, or a bootcamp")
            # answers before a sentence saying what is typical ("Typical degree: Bachelor's in design ...").
            head = reading.head(a.text, term, asked)  # "design degree": a degree
            optional = self.best(
                scores,
                own
                & np.array(
                    [
                        head in w and reading.one_of_several(c.text, head)
                        for c, w in zip(self.candidates, self.words, strict=True)
                    ]
                ),
            )
            optional = (
                optional
                if optional is not None and scores[optional] >= scores[yes] - TUNING.yes_no_evidence_margin
                else None
            )
            if optional is not None:  # and its verdict is of the head: "a degree" is one way of several
                yes, term = optional, head
        if yes is not None:
            return self.verdict(yes, term)
        other = self.best(scores, has & ~own)
        if other is None or self.roles[other] is None:
            return []
        mine = self.best(self.role_scores(scores, [role]), self.allowed([role]) & own)
        if mine is None:
            return []
        named = ", ".join(dict.fromkeys(reading.surface(self.candidates[other].text, {term})))
        text = f"No: the guide names {named} for {self.roles[other].plural} [{{a}}], not for {role.plural} [{{b}}]."
        return [Sentence(text, (self.candidates[other].passage, self.candidates[mine].passage), True)]

    def asked_heading(self) -> list[Sentence]:
        """ "can i get a cdl at 18": the guide's own question that has every word asked ("### Can I get a CDL at 18?")
        answers it when its answer opens with a yes or no: "Yes, but only for intrastate driving [1]. You must be 21 to
        drive across state lines ..." (a short verdict with the sentence after it); [] when no heading asks it."""
        a = self.analysis
        asked = terms(a.text) - reading.YES_NO_FILLER
        guides = {r.source for r in a.roles} or {self.passages[0].source if self.passages else ""}
        for i, p in enumerate(self.passages):
            heading = p.section.rpartition(" > ")[2].strip()
            if p.source not in guides or not heading.endswith("?") or len(asked) < 2 or not asked <= terms(heading):
                continue
            opening = [n for n, c in enumerate(self.candidates) if c.passage == i and c.order in (0, 1)]
            if not opening or not reading.SAYS_SO.match(self.candidates[opening[0]].text):
                continue
            verdict = self.extracted(opening[:1])
            length = len(words(self.candidates[opening[0]].text))  # (a terse one, "Usually not.", has the next already)
            short = len(verdict) == 1 and TUNING.terse_words <= length < TUNING.short_verdict_words
            return verdict + (self.extracted(opening[1:]) if short and opening[1:] else [])
        return []

    def states_for(self, text: str, numbers: list[str], role: Role) -> bool:
        """Whether a sentence states one of the numbers for the role: in a part after which it names no other role
        ("Typical schedule: Firefighter 24 hours on, ..., Police Officer 8, 10, or 12-hour shifts" states 24 for
        firefighters, not police officers)."""
        return any(
            (of is None or of == role) and any(re.search(rf"(?<![\d,.]){re.escape(x)}(?![\d,])", part) for x in numbers)
            for of, part in self.parts_by_role(text)
        )

    def parts_by_role(self, text: str) -> list[tuple[Role | None, str]]:
        """A sentence's parts (`reading.PARTS`), each with the role last named up to it: a table row's cells ("CNA
        median $40,260", "LPN median $57,950"), a "..., while ..." clause."""
        out, of = [], None
        for part in reading.PARTS.split(text):
            named = self.vocabulary.roles_in(part)
            of = named[-1] if named else of
            out.append((of, part))
        return out

    def by_age(self, age: int, asked: str = "") -> list[Sentence]:
        """For an asker who gives their age: the best sentence of the asked role's guide with an age bound, and
        whether they are within it ("No: ... under 31" for 32; "Often not: Many fire departments cap ... at 35").
        `asked`: how the question put it, when the age came from another part ("im 33, too late for atc? what about
        becoming a pilot": too late, asked of the pilot too)."""
        a = self.analysis
        scores = self.role_scores(self.relevance(a.terms, self.vector, a.wants), a.roles)
        bounded = np.array([self.bounds_age_of(n, a.roles) for n in range(len(self.candidates))])
        ok = bounded & self.allowed(a.roles) & ~self.anaphor_orphans()
        if re.search(r"\b(old|late|still)\b", a.text, re.I):  # "too old": a bound of how old, if the guide has one
            upper = ok & np.array([reading.upper_age_bound(c.text) for c in self.candidates])
            ok = upper if upper.any() else ok
        n = self.best(scores, ok)
        if n is None:
            return []
        first = self.extracted([n])[0]
        if reading.SAYS_SO.match(first.text):  # "No. Apprenticeships have no upper age limit": its own verdict
            return [first]
        said = reading.age_verdict(self.candidates[n].text, age)
        items = reading.list_parts(first.text)[1] if self.listing[n] else []
        if len(items) > 2:  # of a list of steps (not a row of two), the item with the bound: "age 21, US citizenship"
            item = next((i.strip().rstrip(".") for i in items if reading.age_bound(i)), "")
            first = Sentence(f"{item}.", first.cites, True) if item else first
        if re.search(r"\btoo (old|late)\b", asked or a.text, re.I):  # "is it too late at 33?": yes when they cannot
            said = {"Yes": "No", "No": "Yes", "Often not": "Often, yes"}[said]
        return [Sentence(f"{said}: {first.text}", first.cites, True)]

    def bounds_age_of(self, n: int, roles: list[Role]) -> bool:
        """Whether a sentence states an age bound of these roles: the role named last before the bound (else the one
        it goes on about, else its section's), if any, is one of them ("... since pilots have no hiring age cap"
        bounds no controller's age)."""
        text = self.candidates[n].text
        bound = reading.age_bound(text)
        if bound is None:
            return False
        at = len(words(text[: bound.start()]))
        before = [m.role for m in self.vocabulary.mentions(text) if m.end <= at] or [self.carried[n] or self.roles[n]]
        return before[-1] is None or before[-1] in roles

    def against_bar(self) -> list[Sentence]:
        """ "Do APMs start at over 100k?": the guide's figure for what is asked, set against the bar: "No: Associate
        product managers usually start around $95,000 ... [1]"."""
        a = self.analysis
        bar = THRESHOLD.search(a.text)
        number = reading.NUMBER.search(bar.group("bar"))
        if number is None:
            return []
        limit = float(number.group(1).replace(",", "")) * {"k": 1e3, "m": 1e6}.get((number.group(2) or "").lower(), 1)
        stage = CAREER_STAGE.search(a.text)
        scores = self.role_scores(self.relevance(a.terms, self.vector, a.wants), a.roles)
        stated = np.array([reading.figure_value(c.text, a.wants) is not None for c in self.candidates])
        n = self.best(scores, self.allowed(a.roles) & stated & ~self.anaphor_orphans())
        if n is None:
            return []
        _, value = reading.figure_value(self.candidates[n].text, a.wants, stage and stage.group(1))
        op = bar.group("op").lower()
        holds = value < limit if op in reading.BELOW else value > limit
        said = "Yes" if holds or (value == limit and op in ("at least", "at most")) else "No"
        first, *rest = self.extracted([n])
        return [Sentence(f"{said}: {first.text}", first.cites, True), *rest]

    def growing(self) -> list[Sentence]:
        """ "are elementary teaching jobs expected to grow": yes or no by the sign of the guide's projection for the
        role ("No: Employment of elementary school teachers is projected to decline 1% ..."); nothing when no sentence
        of the role's states one, or it is no change."""
        a = self.analysis
        scores = self.role_scores(self.relevance(a.terms, self.vector, a.wants, a.text), a.roles)
        stated = np.array([reading.figure_value(c.text, "percent") is not None for c in self.candidates])
        n = self.best(scores, self.allowed(a.roles) & stated & ~self.anaphor_orphans() & ~self.listing)
        if n is None:
            return []
        value = reading.figure_value(self.candidates[n].text, "percent")[1]
        if value == 0:
            return []
        shrinking = bool(re.search(r"\b(declin|decreas|shrink|fall|drop|los[ei])", a.text, re.I))
        said = "Yes" if (value > 0) != shrinking else "No"
        first, *rest = self.extracted([n])
        return [Sentence(f"{said}: {first.text}", first.cites, True), *rest]

    def reached(self) -> list[Sentence]:
        """ "Is it realistic for a welder to make 100k?": "Yes: Specialized pipeline welders ... regularly clear
        $100,000 in a good year [1]", from the best sentence of the role's that states the sum or more (none: nothing,
        the guide's typical figures do not say no)."""
        a = self.analysis
        limit = reading.number_of(REACHED.search(a.text).group("bar"))
        reaching = np.array(
            [
                any(reading.number_of(m.group(0)) >= limit for m in FIGURES["money"].finditer(c.text))
                and not reading.gap_only(c.text, "money")
                for c in self.candidates
            ]
        )
        scores = self.role_scores(self.relevance(a.terms, self.vector, a.wants), a.roles)
        n = self.best(scores, self.allowed(a.roles) & reaching & ~self.anaphor_orphans())
        if n is None or limit <= 0:
            return []
        first, *rest = self.extracted([n])
        return [Sentence(f"Yes: {first.text}", first.cites, True), *rest]

    def _fact_after(self, n: int) -> str | None:
        """The fact a myth's sentence is answered with, when the next sentence of its passage gives it ("Fact: ...")."""
        after = n + 1
        if after < len(self.candidates) and self.candidates[after].passage == self.candidates[n].passage:
            fact = reading.FACT.match(self.candidates[after].text)
            return fact.group("fact") if fact else None
        return None

    def verdict(self, n: int, term: str) -> list[Sentence]:
        """ "Yes: <the evidence>", or "No: ..." when the evidence negates the asked word ("rarely an entry-level")."""
        first, *rest = self.extracted([n])
        if self.listing[n] and not rest:  # of a list, the one item that has the word: "Low cost, and often free through
            # employer-sponsored training"; of a row, the asked role's cell ("Sonographer: None (no ionizing ...)")
            listed = first.text.partition(": ")[2].rstrip(".").split("; ")
            if len(listed) > 1 and self.vocabulary.roles_in(listed[0]):  # a row's cells: "Dental Assistant: None
                cells = [listed[0]]  # nationally; CDA exam is optional in many states" is one
                for piece in listed[1:]:
                    if self.vocabulary.roles_in(piece):
                        cells.append(piece)
                    else:
                        cells[-1] = f"{cells[-1]}; {piece}"
                listed = cells
            roles = self.analysis.roles
            items = [i for i in listed if len(roles) == 1 and roles[0] in self.vocabulary.roles_in(i)]
            items = items or [i for i in listed if term in terms(i) and not self.vocabulary.roles_in(i)]
            first = Sentence(f"{items[0].rstrip('.')}.", first.cites, first.composed) if len(items) == 1 else first
            # a row's cell that is its own verdict: "Dental Hygienist: Yes, in every state" - "Yes, in every state";
            # "Dental Assistant: Only for certain tasks in some states", of a need - "No, only for certain tasks ..."
            cell = len(items) == 1 and bool(self.vocabulary.roles_in(items[0].partition(": ")[0]))
            value = first.text.partition(": ")[2] if cell else ""
            lead = re.match(r"(yes|no)\b[,.;:]?\s*", value, re.I)
            if lead and value[lead.end() :]:
                said = f"{lead.group(1).capitalize()}, {value[lead.end() :]}"
                return [Sentence(said, first.cites, True), *rest]
            if lead:  # "License required: ...; Public relations specialist: No": the row's label says what is no
                label, role = self.candidates[n].text.partition(": ")[0], self.vocabulary.roles_in(items[0])[0]
                said = f'{lead.group(1).capitalize()}: "{label}" is "{lead.group(1).lower()}" for {role.plural}.'
                return [Sentence(said, first.cites, True), *rest]
            if re.match(r"only\b", value, re.I) and reading.NEED.search(self.analysis.text):
                return [Sentence(f"No, {reading.lower_first(value)}", first.cites, True), *rest]
        if not rest and (self._figure_after(n) or self._example_after(n)):  # "Apprentices are paid while they
            # learn." and how much: "Pay ..."; "does location matter" - "... fluctuates depending on ... location" and
            # "For example, data scientists ... in technology hubs like Silicon Valley could command higher salaries"
            rest = [s for s in self.extracted([n + 1]) if s.text.rstrip(".") not in first.text]
        # "Can a PA switch specialties w/o going back to school?" - "... without going back to school": agreed.
        asked = self.analysis.text.replace("w/o", "without")
        judged = first.text if first.text != self.candidates[n].text and self.listing[n] else self.candidates[n].text
        # "do i need a cdl to run an excavator": "No CDL is required to operate a machine ...", not the myth
        claimed = None  # a myth the question says again: "do underwriters just follow a checklist"
        if myth := reading.MYTH.match(self.candidates[n].text):  # (its own: not one merged with the one before)
            claimed = myth.string[: myth.start("fact")]
            first = Sentence(myth.group("fact"), first.cites, first.composed)
            judged = first.text
        elif reading.MYTH_ALONE.match(first.text) and (fact := self._fact_after(n)):
            claimed = first.text
            first, rest, judged = Sentence(fact, first.cites, first.composed), [], fact
        said = "No" if reading.negates(judged, term) != reading.negates(asked, term) else "Yes"
        if claimed and len(terms(asked) & terms(claimed)) > len(terms(asked) & terms(judged)):
            said = "Yes" if reading.negates(asked, term) else "No"  # the myth's claim is what is false
        against = reading.against(asked, self.candidates[n].text)  # "slower than average?" - "faster than the average"
        said = said if against is None else ("No" if against else "Yes")
        if said == "Yes" and reading.other_amount(asked, self.candidates[n].text):
            said = "No"  # "do cops work 24 hour shifts" - "Police officers typically work 8, 10, or 12-hour shifts"
        lacks = reading.covers(self.analysis.lacks, self.own_words[n])
        if said == "Yes" and lacks and reading.DEMANDS.search(self.candidates[n].text):
            said = "No"  # "can a colorblind person be an electrician" - "electricians need normal color vision"
        if (
            said == "Yes"
            and reading.NEED.search(self.analysis.text)
            and reading.one_of_several(self.candidates[n].text, term)
        ):
            said = "No, not necessarily"  # "do I need a master's?" - "a bachelor's or master's degree"
        evidence = " ".join(s.text for s in (first, *rest))  # (a short verdict with the sentence it reads with)
        needs_more = said == "Yes" and reading.SKIPPING.search(asked) and reading.STILL_NEEDED.search(evidence)
        needs_more = needs_more or (
            said.startswith(("Yes", "No, not"))
            and reading.MINIMAL.search(asked)
            and reading.ASKS_MORE.search(self.candidates[n].text)
        )
        # "can I skip the apprenticeship?" - "..., but you still need the supervised hours"; "can i get the cissp
        # straight out of college" - "the CISSP requires 5 years of experience"
        said = "No" if needs_more else said
        own = reading.SAYS_SO.search(first.text)
        # ... or the evidence negating another asked word it has that the question does not ("is there a written
        # part on the aws test": "There is no written exam")
        others = [t for t in self.analysis.terms if t in self.own_words[n] and t not in reading.YES_NO_FILLER]
        if (
            said == "Yes"
            and not own
            and any(reading.negates(judged, t) and not reading.negates(asked, t) for t in others)
        ):
            said = "No"
        if own and own.group(1) and needs_more and own.group(1).lower() == "yes" and rest:
            # "can a rad tech just start doing ultrasounds without any more schooling" - "Yes, but not without
            # additional training. A rad tech needs to complete ...": no, and what it takes
            return [Sentence(f"No: {rest[0].text}", rest[0].cites, True), *rest[1:]]
        if own and own.group(1):  # "No. Apprenticeships have no upper age limit": the guide's own verdict first
            return [first, *rest]
        if own:  # "In most states, yes." -> "Yes, in most states." (and what goes on after it: "; a handful ...")
            body = first.text[: own.start()].rstrip(" ,;")
            tail = first.text[own.end() :].rstrip(".!")
            verdict = f"{own.group(2).capitalize()}, {reading.lower_first(body)}{tail}."
            return [Sentence(verdict, first.cites, True), *rest]
        if re.search(r"\bworth\b", asked, re.I) and said == "Yes":
            return [first, *rest]  # "is pt school worth it with the debt": the guide's weighing, no verdict of ours
        if _EITHER_OR.search(asked) and said == "Yes":  # "do i need a doctorate or is a masters enough": which
            return [first, *rest]  # one, not a yes to either (a "No" to "straight out of college" stays)
        return [Sentence(f"{said}: {first.text}", first.cites, True), *rest]

    def moving(self, role: Role, towards: Role) -> list[Sentence]:
        """ "can a data scientist switch to ML engineering": yes, where the guide says one moves to the other ("If you
        aspire to transition into an ML engineer role, consider ..."), in that direction; [] where it does not."""
        # (or its field's first word, as its name or another name starts: "public", "PR" of "Switching from journalism
        # to PR is one of the most common career moves")
        fields = {name.split()[0].lower() for name in (towards.name, *towards.aliases) if " " in name}
        moves = np.array(
            [
                bool(MOVES.search(c.text))
                and (towards in nm or bool(fields & set(words(c.text))))
                # (not the other way: "ML engineers can transition into the role of a data scientist")
                and subject != towards
                for c, nm, subject in zip(self.candidates, self.named, self.subject, strict=True)
            ]
        )
        found = self.best(self.relevance(self.analysis.text, self.vector, None), moves & self.allowed([role, towards]))
        if found is None:
            return []
        return self.verdict(found, MOVES.search(self.candidates[found].text).group(0).split()[0].lower())

    def _example_after(self, n: int) -> bool:
        """Whether the next sentence of the passage gives an example of what a yes/no's evidence says ("For example,
        ...", "For instance, ...")."""
        if n + 1 >= len(self.candidates):
            return False
        this, after = self.candidates[n], self.candidates[n + 1]
        return (after.passage, after.order) == (this.passage, this.order + 1) and bool(_EXAMPLE.match(after.text))

    def _figure_after(self, n: int) -> bool:
        """Whether a short sentence without a figure is followed, in its passage, by one that gives the figure of what
        it says ("Apprentices are paid while they learn. Pay usually starts at 40 to 50 percent ...")."""
        if n + 1 >= len(self.candidates) or len(words(self.candidates[n].text)) > 10:
            return False
        this, after = self.candidates[n], self.candidates[n + 1]
        stated = any(FIGURES[kind].search(this.text) for kind in ("money", "percent", "duration", "count"))
        return (
            not stated
            and (after.passage, after.order) == (this.passage, this.order + 1)
            and any(FIGURES[kind].search(after.text) for kind in ("money", "percent", "duration"))
        )

    def fit(self, foci: list[Focus]) -> list[Sentence]:
        """The role whose description in the guide matches what the user says of themselves."""
        if not self.analysis.profile and not self.analysis.lacks:  # "how do I decide which one fits me?": what the
            return self.choice()  # guide says of choosing
        profile = foci[0] if foci else Focus(self.analysis.text, self.vector)
        scores = self.relevance(profile.question, profile.vector, None)
        by_role: dict[Role, list[int]] = {}
        for n, own in enumerate(self.roles):
            # A sentence of one role's sections, or one naming a single role ("Choose penetration tester if ..."), or
            # an item of a list naming one ("Cannot commit to a degree right now", of "Choose veterinary assistant if")
            named = self.named[n] or self.named[self.list_of.get(n, n)]
            role = own or (named[0] if len(named) == 1 else None)
            if (
                role is not None
                and not self.anaphor[n]
                and not self.signpost[n]
                and (not self.analysis.roles or role in self.analysis.roles)
            ):
                by_role.setdefault(role, []).append(n)
        if not by_role:
            return self.fact()
        avoided = self.avoided(by_role, scores)
        if avoided:
            return avoided
        # What the asker would avoid is no match ("bad at math": not the role whose sentences have "math")
        # (unless it says the role goes without it: "prefer judgment calls over heavy math", evidence for the role)
        lacks = self.analysis.lacks
        spared = np.array([bool(lacks) and reading.spares(c.text, lacks) for c in self.candidates])
        covered = np.array([reading.covers(lacks, w) for w in self.own_words])
        scores = scores - (covered & ~spared) + TUNING.fit_spared_bonus * spared

        def fits(role: Role, scores: np.ndarray) -> float:  # by its two best sentences, not one lucky match
            return float(np.mean(sorted(scores[by_role[role]])[-TUNING.fit_evidence :]))

        # The guide that matches; then, within it, its own words on whom each role suits ("Choose UX design if you
        # love visual problem-solving") before a sentence that shares a word of the profile by chance ("sketching":
        # the Sketch tool). Not across guides: one with such sentences would win every question.
        # (a guide by its two best sentences of any of its roles: one "Choose penetration tester if ... explain your
        # findings" is no better evidence than the data scientist's two sentences of math and presenting)
        of_guide: dict[str, list[int]] = {}
        for role, ns in by_role.items():
            of_guide.setdefault(role.source, []).extend(ns)
        guide = max(of_guide, key=lambda g: float(np.mean(sorted(scores[of_guide[g]])[-TUNING.fit_evidence :])))
        choosing = self.choosing()
        scores = scores + TUNING.choosing_bonus * choosing
        candidates = [r for r in by_role if r.source == guide]
        said = asked_terms(profile.question, self.vocabulary, self.corpus) - self.role_words
        # the roles with a "Choose X if ..." sentence that says a word the asker did ("A predictable summer break
        # matters to you"): the guide's own words on whom the role suits, even when the other role's were not found
        matching = [r for r in candidates if any(choosing[n] and said & self.own_words[n] for n in by_role[r])]
        if all(choosing[by_role[r]].any() for r in candidates):  # each role has its "Choose X if ...": weigh those,
            # first by how many of its items say a word the asker did ("... far more job openings", "... regular
            # business hours" for "want normal hours and more jobs"), then by the best one's score
            def agreeing(n: int) -> int:
                return sum(bool(said & terms(item)) for item in reading.list_parts(self.candidates[n].text)[1])

            lists = {r: [n for n in by_role[r] if choosing[n]] for r in candidates}
            best_role = max(candidates, key=lambda r: max((agreeing(n), scores[n]) for n in lists[r]))
            best_n = max(lists[best_role], key=lambda n: (agreeing(n), scores[n]))
            best_n = best_n if agreeing(best_n) else max(by_role[best_role], key=lambda n: scores[n])
        else:
            best_role = (
                max(matching, key=lambda r: max(scores[n] for n in by_role[r] if choosing[n]))
                if matching
                else max(candidates, key=lambda r: fits(r, scores))
            )
            best_n = max(by_role[best_role], key=lambda n: scores[n])
        said = self.candidates[best_n].text
        if self.listing[best_n]:  # of "Choose legal secretary if you: ...", the items that are what the asker said
            intro, items = reading.list_parts(said)
            asked = asked_terms(profile.question, self.vocabulary, self.corpus)
            matched = [item for item in items if asked & terms(item)]
            said = f"{intro}: {'; '.join(matched)}." if 0 < len(matched) < len(items) else said
            if "?" in intro and matched:  # a heading's question ("Which Role Fits You? (choose teaching if...)") would
                said = f"{'; '.join(matched)}."  # end the sentence there: the items alone
        text = f"By the guide's descriptions, that fits {best_role.plural} best: {said}"
        return [Sentence(text, (self.candidates[best_n].passage,), True)]

    def avoided(self, by_role: dict[Role, list[int]], scores: np.ndarray) -> list[Sentence]:
        """What the guide says of what the asker would avoid or lacks ("im colorblind", "i hate blood"): a role that
        demands it is ruled out ("electricians need normal color vision"), leaving its guide's other role; a sentence
        that says no role avoids it is the answer itself ("neither job lets you avoid blood"). [] if it says neither."""
        lacks = self.analysis.lacks
        said = [n for n in np.argsort(-scores) if self.demands(n, lacks)]
        every = [  # not a sentence of one role's ("Financial analysts need: ... both written and in presentations")
            n
            for n in said
            if reading.EVERY_ROLE.search(self.candidates[n].text) and self.roles[n] is None and len(self.named[n]) != 1
        ]
        if every:
            return [Sentence(self.candidates[every[0]].text, (self.candidates[every[0]].passage,), False)]
        choosing = self.choosing()
        for n in said:
            # its role, or the one the sentence before names ("Choose electrical work if ... You will need ...")
            role = next((r for r, own in by_role.items() if n in own), None) or self.carried[n]
            others = [r for r in self.vocabulary.partner(role) if r in by_role] if role else []
            if len(others) == 1:
                # the other role's own words on whom it suits ("Choose plumbing if ..."), else its best sentence
                best = max(by_role[others[0]], key=lambda m: (bool(choosing[m]), scores[m]))
                cites = tuple(dict.fromkeys([self.candidates[n].passage, self.candidates[best].passage]))
                text = self.candidates[n].text
                lead, colon, rest = text.partition(": ")  # "One requirement surprises people: electricians need ..."
                reason = reading.lower_first(
                    rest if colon and lacks & terms(rest) and not lacks & terms(lead) else text
                )
                if self.listing[n]:  # of a list, the item that has it: "are comfortable presenting to executives ..."
                    items = reading.list_parts(text)[1]
                    reason = (
                        reading.lower_first(next((i for i in items if reading.covers(lacks, terms(i))), rest)) + "."
                    )
                return [
                    Sentence(
                        f"By the guide's descriptions, {others[0].plural} suit you better; of {role.plural} it says: "
                        f"{reason}",
                        cites,
                        True,
                    ),
                    Sentence(self.candidates[best].text, (self.candidates[best].passage,), False),
                ]
        return []

    def demands(self, n: int, lacks: frozenset[str]) -> bool:
        """Whether a sentence says a role demands what the asker would avoid: in one clause, or in a list whose intro
        demands its items ("Financial analysts need: ...; Clear communication, both written and in presentations");
        not "Choose accounting if you: ...; Prefer working independently over presenting to groups; Are comfortable
        with a few intense months ..." (a demand, and the word, in two items)."""
        text = self.candidates[n].text
        if not reading.covers(lacks, self.own_words[n]):
            return False
        intro, items = reading.list_parts(text) if self.listing[n] else (text, [])
        clauses = items or re.split(r";\s", text)
        if items and reading.DEMANDS.search(intro) and any(reading.covers(lacks, terms(item)) for item in items):
            return True
        return any(reading.DEMANDS.search(c) and reading.covers(lacks, terms(c)) for c in clauses)

    def choosing(self) -> np.ndarray:
        """Sentences about choosing: with a word of choosing, or under a heading with one ("Which role suits you?":
        "If you are still unsure, starting in UX design is a reasonable bet")."""

        def heading(passage: Passage) -> frozenset[str]:  # its own heading, not the guide's title ("... Fits You?")
            guide = self.vocabulary.guides.get(passage.source)
            last = passage.section.split(" > ")[-1]
            return frozenset() if guide and last == guide.title else asked_terms(last, self.vocabulary, self.corpus)

        headings = {i: heading(p) for i, p in enumerate(self.passages)}
        return np.array(
            [
                bool((w | headings[c.passage]) & self.choosing_words)
                for w, c in zip(self.own_words, self.candidates, strict=True)
            ]
        )

    def choice(self) -> list[Sentence]:
        """How to choose, as the guide puts it: its best sentence about choosing ("the better choice depends on your
        temperament"), then its sentence about choosing each role ("Choose penetration tester if ..."), if any."""
        a = self.analysis
        choosing = self.choosing()
        scores = self.relevance(a.terms, self.vector, None) + TUNING.choosing_bonus * choosing
        ok = self.allowed(a.roles) & ~self.anaphor_orphans()
        first = self.best(scores, ok & choosing)
        if first is None:
            return self.fact()
        picks = [first]
        roles = a.roles or [r for r in self.vocabulary.roles if r.source == self.source[first]]
        for role in roles[:2]:
            own = np.array([role in nm and len(nm) == 1 for nm in self.named]) & ok & choosing
            own[picks] = False
            if not any(role in self.named[n] for n in picks) and (pick := self.best(scores, own)) is not None:
                picks.append(pick)
        return self.extracted(picks)

    def common(self) -> list[Sentence]:
        """What the roles share: sentences of sections about no one role, lists first."""
        a = self.analysis
        scores = self.relevance(a.text, self.vector, a.wants)
        shared = np.array([r is None for r in self.roles]) & self.allowed(a.roles[:0])
        if a.roles:
            shared &= np.isin(self.source, [r.source for r in a.roles])
        # A list under a heading about what they share ("Tools > Both roles") is the answer unless another sentence has
        # more of what was asked ("programming languages such as Python and Java" for "langs both roles need").
        both = (
            shared
            & self.listing
            & np.array(
                [
                    SHARED_HEADING.search(self.passages[c.passage].section.split(" > ")[-1]) is not None
                    for c in self.candidates
                ]
            )
        )
        first = self.best(scores, shared & ~self.anaphor_orphans(), prefer_list=True)
        listed = self.best(scores, both)
        if listed is not None and (first is None or self.asked_weight(listed) >= self.asked_weight(first)):
            first = listed
        if first is None:
            return self.fact()
        picks = [first]
        second_ok = shared & (scores >= scores[first] - 2 * TUNING.second_sentence_margin)
        second_ok &= self.alike([first]) < TUNING.redundant
        second_ok[first] = False
        nxt = self.best(scores, second_ok & ~self.anaphor_orphans(), prefer_list=not self.listing[first])
        if nxt is not None:
            picks.append(nxt)
        return self.extracted(picks)

    def several(self, foci: list[Focus]) -> list[Sentence]:
        """A question of several parts: one sentence (the best) for each; a part that compares roles, or asks yes or
        no, gets that plan's first sentence ("which pays more and which is growing faster": a verdict each)."""
        out: list[Sentence] = []
        parts = [
            (f, [s for s in foci if s.role is not None and s.analysis is f.analysis]) for f in foci if f.role is None
        ]
        for f, sides in parts:
            part = f.analysis or self.analysis
            got = self.as_part(part, f.vector, sides) or (introduces(part) and self.introduction(part.roles[0]))
            got = got or self.fact(f.question, f.vector, part.roles or self.analysis.roles, part, most=1)
            # (not a sentence said already, with its verdict or without: "do trainees get paid at the faa academy? how
            # much" - "Yes: Trainees are paid from the start: ... $52,000 ..." answers both)
            out += [s for s in got[:1] if not any(reading.VERDICT.sub("", s.text) in o.text for o in out)]
        return out or self.fact()

    def as_part(self, part: Analysis, vector: np.ndarray, sides: list[Focus]) -> list[Sentence]:
        """A part's own plan, for a comparison, an asker's age or a yes/no: this plan, reading the part instead (a
        route asked as a part is left to `fact`: its first sentence alone would be one step of it)."""
        # the asker's age, given in the message's first part, goes for the next ("im 33, too late for atc? what about
        # becoming a pilot")
        age = reading.asker_age(part.text) or (
            reading.asker_age(self.analysis.text)
            if re.match(r"\s*(and |also |but )?(what|how) about\b", part.text)
            else None
        )
        age = age if part.kind in ("fact", "yesno", "howto") and part.roles else None
        if not (part.kind == "comparison" and len(sides) >= 2) and age is None and part.kind != "yesno":
            return []
        plan = copy.copy(self)
        plan.analysis, plan.vector, plan._counts = part, vector, {}
        if part.kind == "comparison":
            return plan.comparison(sides)
        by_age = plan.by_age(age, self.analysis.text) if age is not None else []
        return by_age or (plan.yes_no() if part.kind == "yesno" else [])
