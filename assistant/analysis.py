"""What a question asks: which roles, what kind of answer (a fact, a comparison, yes or no, a list, advice ...),
which figure it wants, its parts, and the words it uses that no guide does.

The patterns here are English question phrasing ("how much", "which suits me", "do they need"), never the
words of one guide: the roles come from the corpus's `Vocabulary`.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache, partial

from .tuning import TUNING
from .vocabulary import Role, Vocabulary, contracted, one_edit_apart, plural, singular, words

KINDS = ("fact", "comparison", "yesno", "list", "fit", "common", "howto", "definition", "multi")

# What the asker says they would rather avoid ("i hate blood", "afraid of heights", "cant stand desk work"), or lack
# ("im colorblind"): the thing itself runs to its clause's end ("i hate blood but love people": blood).
_AVERSE = (
    r"hates?|dislikes?|can'?t stand|cannot stand|(?:afraid|scared|terrified) of|not (?:good|great) (?:at|with)|bad at|"
    r"allergic to|squeamish about|(?:don'?t|do not) (?:really |even )?(?:like|enjoy|want to)|"
    r"(?:can'?t|cannot|don'?t|do not) (?:handle|deal with|cope with)|struggle with"
)
_AVERSION = re.compile(rf"\b(?:{_AVERSE})\s+(?P<what>.+?)(?=\s*(?:\b(?:but|and|or|so|which|what)\b|[,;.?!]|$))", re.I)
_LACKING = re.compile(r"\b(?P<what>[a-z]+?)[\s-]?blind\b", re.I)  # "colorblind", "color-blind": color (vision)

_FIT = re.compile(
    r"\b(i'?m|i am|i)\b[^?.;]{0,40}?\b(good at|into|love|like|enjoy|prefer|hate|[a-z]+[\s-]?blind|"
    rf"{_AVERSE}|(need|want|would like) to (?!know|ask|"
    r"understand|see\b))\b.*\b(or|which|what|should)\b|"
    r"\b(suits?|fits?|right for me|better for me|best for me|for someone (like|who)|match(es)? me|"
    r"should i (be|become|choose|pick|go|do|get into|try)|which (one|role|career|job|path) (should|would|do)|"
    r"\bwhich (one|role|career|job|path)\W*$|"  # "i want a long term career with ..., which role"
    # "..., which one if i wanna be home every night" (not "which one pays more if i have a bachelors": a figure)
    r"\bwhich (one|role|career|job|path)\b(?![^?.;]*\b(pays?|earns?|makes?|more|less|longer|shorter|faster|costs?)\b)"
    r"[^?.;]*\bif (i|u|you)\b|"
    r"(which|what) .*\b(for me|would i(?! (have|need|use|learn|make|earn|get|take)\b))\b|"  # (not "what software
    # would i have to learn": a list)
    r"\bor\b[^?.;]{1,40}\bfor me\b)",  # "paralegal or legal secretary for me?"
    re.I,
)
# How to choose between the roles, asked with or without a word of the asker: "how do I decide between ...".
_CHOOSE = re.compile(
    r"\bhow (do|should|can|would|to) (i |you |one |someone )?(decide|choose|pick)\b|"
    r"\b(decide|choose|pick|choosing|deciding) between\b",
    re.I,
)
# "27, cant afford 100k for flight school and want to be home every night. pilot or atc?": what the asker says of
# themselves (no question word in it), then which of two.
_SAYS_THEN_ASKS = re.compile(
    r"^(?![^.!?]*\b(who|which|what|how|why|when|where|whats|is|are|do|does)\b)[^.!?]*?(\w+\W+){4,}?\w+[.!]\s+"
    r"\S+(\s+\S+){0,3}\s+or\s+\S+(\s+\S+){0,3}\s*\?*\s*$",
    re.I,
)
# The asker says something of themselves: advice can match it against the roles' descriptions.
_SELF = re.compile(
    r"\b(i'?m|i am|i'?ve|i have|i like|i love|i enjoy|i prefer|i hate|i'?d rather|i want|i need|my|"
    r"me)\b",
    re.I,
)
_COMMON = re.compile(r"\b(both|overlap\w*|share[ds]?|sharing|in common|common|same|similar\w*|alike)\b", re.I)
_CONTRAST = re.compile(
    r"\b(vs\.?|versus|compared?|comparison|differ\w*|diff|unlike|contrast|or|more|less|better|worse|higher|lower|"
    r"faster|slower|bigger|smaller|most|least|best|longer|shorter|quicker|out[- ]?earn\w*|each|"
    r"easier|harder|safer|riskier|cheaper|tougher|simpler)\b",
    re.I,
)
# "what about the cissp, can i just go for that right away": a thing named, then the question asked of it.
_ABOUT_THEN = re.compile(r"^\s*(ok(ay)?\W+)?(and\s+)?(what|how) about [^,?]{1,40}[,?]\s*", re.I)
# A question answered yes or no: "do ...", "is ...", "can ...".
# A figure weighed, with nothing named to weigh it against ("is the growth better for ml engineers?") ...
_WEIGHED = re.compile(r"\b(better|worse|higher|lower|more|less|faster|slower|bigger|smaller|greater|stronger)\b", re.I)
# ... or with something else named ("more than pas", "more in hospitals", "more on the side")
_AGAINST = re.compile(
    r"\b(than|vs\.?|versus|compared|or|in|at|on|with|by|as|from|through|per|after|before|if|when)\b", re.I
)
YES_NO = re.compile(r"^\s*(do|does|did|is|are|was|were|can|could|will|would|should|has|have|must|need)\b", re.I)
_LIST = re.compile(
    r"\b(list|name|tools?|skills?|languages?|technolog\w*|certs?|certifications?|frameworks?|responsibilit\w*|"
    r"duties|tasks|steps|platforms?|software|qualifications?|degrees?|stack|libraries|techniques|methods|"
    r"certificates?|requirements|prerequisites|pros|cons|advantages|disadvantages|perks|drawbacks|downsides)\b",
    re.I,
)
_HOW_TO = re.compile(
    r"\b(how (do|can|should|would|to|does one)\b.*\b(become|get|start|break|transition|move|switch|land|into)\b|"
    r"how long\b.*\b(become|get into|break into|land)\b|steps? to|path to|road ?map|get started|career path|"
    r"what (do|would|should) (i|u|you) (need|have) to do to (become|get|be)\b)",  # "what do i need to do to become"
    re.I,
)
_DEFINITION = re.compile(
    r"^\s*(what|who)('s| is| are| does| do)\b|^\s*whats\s+(an?\s+|the\s+)?[\w-]+(\s+exactly)?\s*\??\s*$", re.I
)
_PART_SPLIT = re.compile(
    r"\s*(?:\?|;|,)?\s+(?:and|also|plus|&)\s+(?=(?:what|how|which|who|where|when|why|do|does|is|are|can)(?:'?s)?\b)"
    r"|\?\s+(?=\w)",
    re.I,
)

# A comma before another question: ", which is growing faster".
_COMMA_PART = re.compile(r",\s+(?=(?:which|what|how|who|where|when|why)\b)", re.I)

# Words that make a piece of a message a question: "what", "how much", "do they", "is it".
ASKS = re.compile(
    r"\b(what|whats|how|which|who|where|when|why)\b|^\s*(do|does|did|is|are|can|could|should|would|will|any)\b",
    re.I,
)
# The figure an answer must give, by the English of the question.
_WANTS = [
    (  # what something costs, not what a role earns: "how much does the vtne cost", "whats the exam fee"
        "cost",
        re.compile(
            r"\bhow much (more |less )?(does|do|is|are|will|would)\b.*\bcosts?\b|\bhow expensive\b|"
            r"\b(what|how much) (is|are|was) (the|a|an) (\w+ ){0,2}(fees?|costs?|price|tuition)\b|"
            r"\b(what|how much)'?s (the|a|an) (\w+ ){0,2}(fees?|costs?|price|tuition)\b|"
            # "how much is the arrt exam": what it costs to take, not a figure about it
            r"\bhow much (is|are|was) (the|a|an|one|each) (\w+ ){0,3}(exams?|tests?|programs?|schools?|courses?|"
            r"certifications?|certs?|licen[cs]es?|degrees?|trainings?|bootcamps?|credentials?|applications?|renewals?)\b|"
            # "how much is the praxis 5001": a thing named and nothing more asked of it (not "how much is the pay")
            r"\bhow much (is|are|was) (the|a|an|one|each) (?!.*\b(pay|salary|salaries|wages?|income|earnings)\b)"
            r"([\w-]+ ){0,3}[\w-]+\W*$",
            re.I,
        ),
    ),
    (
        "duration",
        re.compile(
            r"\bhow (long|quickly|soon)\b|\btime to\b|\blength\b|"  # "grad school length slp vs aud?"
            r"\bhow many ((?!more|fewer|less)\w+ )?(years|yrs|months|weeks|days|hours|hrs)\b|"
            r"\byears? (to|until|before)\b|\btakes? (longer|less time)\b|\b(longer|quicker|shorter)\b|\btime limit\b|"
            r"\b(working|started|licensed|qualified|there|done|finished) (faster|sooner)\b|"  # "gets me working faster"
            r"\b(faster|sooner) to (get|become|start|finish|qualify)\b",
            re.I,
        ),
    ),
    (
        "money",
        re.compile(
            # (not what one pays into or off: "do teachers pay into social security", "pay off my loans")
            r"\b(earn\w*|salar\w*|sallar\w*|(?:pay|pays|paid|paying)(?! (?:into|off|back|for by)\b)|income|wages?|"
            r"compensation|money|"
            r"how much (more |less )?(do|does|did|can|will|would|could) \w+( [\w%]+){0,8} (make|get|earn)|"
            r"makes? (more|less)|"
            r"what (do|does|did|can|will|would|could) \w+( \w+){0,3} make\b|"
            r"\b(start|starts|starting) (out )?at\b|"
            r"\w+ make\b\??$|take[- ]home|after[- ]tax\w*)|[$€£]\s?\d|\b\d+(?:\.\d+)?\s?k\b|\bsix figures?\b",
            re.I,
        ),
    ),
    (
        "percent",
        re.compile(r"\b(growth|grow\w*|percent\w*|how fast|rate|increase|outlook|demand|(job )?prospects)\b", re.I),
    ),
    (
        "count",
        re.compile(
            r"\bhow many\b|\bmore( \w+){0,2} (jobs|openings|positions|people|workers)\b|\bnumber of\b|"
            r"\b(job )?openings\b.*\b(vs\.?|versus|or|compared)\b|"  # "yearly job openings welders vs machinists?"
            r"\b(are|is) there more\b",  # "are there more pts or ots working in the us"
            re.I,
        ),
    ),
    (  # a score, an age, a grade: a number that is none of the above ("what score do u need to pass the npte")
        "number",
        re.compile(
            r"\b(what|which|min\w*|max\w*|passing|required|cut-?off)\s+(scores?|gpa|grades?|age|marks?)\b|"
            r"\bhow old\b|\b(scores?|gpa) (do|does|should|must|is)\b",
            re.I,
        ),
    ),
]
# "In which industries is the demand strong?", "what companies pay the most?": it asks for things, not a figure.
_WHICH_THINGS = re.compile(
    r"\b(which|what)\s+(industr\w*|sectors?|fields?|compan\w*|employers?|cit\w*|"
    r"places?|countr\w*|areas?|tools?|skills?|factors?)\b",
    re.I,
)
_REASON = re.compile(
    r"\s*(why|how (can|could|do|does|did|should|might|to)(?!\b.*\bcompare\b)|what (makes|affects|factors|drives))\b",
    re.I,
)  # (not "how do the top earners compare": a comparison of figures)
# A stage of a career a figure is for, in a question ("starting salary", "senior pm pay") or a sentence ("Junior UX
# designers typically start around $70,000"). With no stage asked, the typical (median, average) figure answers.
CAREER_STAGE = re.compile(r"\b(start\w*|entry|junior|beginn\w*|senior|experienced|lead\w*)\b", re.I)
# Which end of a range a question asks for: "at the very top of the pay range", "the lowest salary".
RANGE_END = re.compile(
    r"\b(?P<high>(?:top|highest)(?![- ](?:paying|paid|earning)\b)|high end|upper end|max\w*|ceiling)\b|"  # (not "top
    # paying states": which states)
    r"\b(?P<low>bottom|low end|lower end|lowest|min\w*|floor)\b",
    re.I,
)
# A yes/no question that sets a figure against a bar: "do APMs start at over 100k", "is growth above 15%".
THRESHOLD = re.compile(
    r"\b(?P<op>over|above|more than|greater than|at least|exceed\w*|beyond|under|below|less than|"
    r"at most|fewer than)\s+(?P<bar>[$€£]?\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m|%|percent)?)(?![\w])",
    re.I,
)
# A sum asked to be reached, with no bar's word: "is it realistic for a welder to make 100k".
REACHED = re.compile(
    r"\b(make|makes|making|earn|earns|earning|clear|clears|hit|reach|pull in|bring in)\s+"
    r"(?P<bar>[$€£]?\s?\d[\d,]*(?:\.\d+)?\s?(?:k|m)?)(?![\w%])",
    re.I,
)
# A figure for a share of the role ("the top 10 percent earn more than $102,300"): like a stage's, not the typical one.
PERCENTILE = re.compile(r"\b(top|bottom|lowest|highest|lowest-paid|highest-paid)\s+\d+\s*(%|percent)", re.I)
TYPICAL_FIGURE = re.compile(r"\b(median|average|mean)\b", re.I)
# A question about the gap between two figures: "by how much", "how much more", "pay diff".
ASKS_GAP = re.compile(r"\b(by how much|how much (more|less|higher|lower)|diff\w*|gap)\b", re.I)
# A sum of money as written: "$87,530", "$95K", "£40,000".
_PRICE = r"[$€£]\s?\d+(?:,\d{3})*(?:\.\d+)?(?:\s?[KkMm](?![A-Za-z]))?"
FIGURES = {
    "money": re.compile(rf"{_PRICE}|\b\d[\d,.]*\s?(dollars|USD)\b"),
    "percent": re.compile(r"\b\d[\d,.]*\s?%|\b\d+ percent\b"),
    "duration": re.compile(
        r"\b(?:(?:about|around|roughly|approximately|nearly|up to) )?"  # "about 2 years": as hedged as the guide
        r"(?:(?:a few|several|a couple(?: of)?) (?:days|weeks|months) to )?"  # "a few weeks to 3 months"
        r"(?<![\d,.])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten)"  # "8,000
        # hours", "3.5 hours": whole
        r"(\s?(-|to|\u2013)\s?\d[\d,]*)?(\s+|-)"
        r"(?:(?!per\b|each\b|every\b|and\b|the\b)[a-z]{3,} )?"  # "1,500 clinical hours", not "$80,000 per year"
        r"(years?|months?|weeks?|days?|hours?|minutes?)\b",
        re.I,
    ),
    "count": re.compile(r"\b\d[\d,]*\b|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|dozens?)\b", re.I),
    "cost": re.compile(_PRICE),
    "number": re.compile(r"(?<![$\d.,])\b(?!(19|20)\d\d\b)\d[\d,]*(\.\d+)?\b"),  # not a year, nor a price
}
# Words of asking rather than of a subject ("whats the pay diff"), which no guide needs to contain.
ASKING = frozenset(
    [
        "length",  # "grad school length": a span asked (`_WANTS`), not a thing the guides lack
        "decade",  # "expected to grow over the next decade": the guides' ten-year projection, asked
        "friend",  # "asking for a friend"
        "whats",
        "what's",
        "whos",  # "who's" typed without its apostrophe, as "whats"
        "hows",
        "wheres",
        "whens",
        "diff",
        "gap",  # "whats the gap": the difference asked
        "difference",
        "different",
        "differ",
        "compare",
        "comparison",
        "versus",
        "vs",
        "pay",
        "paid",
        "pays",
        "paying",
        "salary",
        "salaries",
        "earn",
        "earns",
        "earning",
        "make",
        "makes",
        "making",
        "money",
        "income",
        "wage",
        "wages",
        "get",
        "gets",
        "getting",
        "got",
        "much",
        "many",
        "long",
        "lot",
        "better",
        "best",
        "worse",
        "good",
        "great",
        "bad",
        "more",
        "less",
        "higher",
        "lower",
        "faster",
        "slower",
        "which",
        "who",
        "role",
        "roles",
        "job",
        "jobs",
        "career",
        "careers",
        "field",
        "work",
        "working",
        "worked",
        "works",
        "day",
        "daily",
        "typical",
        "typically",
        "usually",
        "actually",
        "really",
        "tell",
        "explain",
        "know",
        "mean",
        "means",
        "stand",  # "what does cpat stand for"
        "stands",
        "like",
        "love",
        "enjoy",
        "hate",
        "prefer",
        "want",
        "wants",
        "need",
        "needs",
        "require",
        "required",
        "start",
        "started",
        "begin",
        "become",
        "becoming",
        "became",
        "choose",
        "pick",
        "go",
        "going",
        "suit",
        "suits",
        "fit",
        "fits",
        "right",
        "person",
        "someone",
        "people",
        "thing",
        "things",
        "kind",
        "kinds",
        "type",
        "types",
        "stuff",
        "way",
        "ways",
        "main",
        "key",
        "important",
        "top",
        "average",
        "avg",
        "year",
        "years",
        "annual",
        "annually",
        "per",
        "hour",
        "month",
        "thanks",
        "thank",
        "please",
        "pls",
        "hi",
        "hello",
        "hey",
        "ok",
        "okay",
        "sure",
        "though",
        "guys",
        "anyone",
        "me",
        "mine",
        "think",
        "guess",
        "use",
        "used",
        "uses",
        "using",
        "skill",
        "skills",
        "tool",
        "tools",
        "two",
        "either",
        "neither",
        "another",
        "one",
        "ones",
        "part",
        "parts",
        "overall",
        "question",
        "answer",
        "quick",
        "worth",
        "basically",
        "generally",
        "exactly",
        "kinda",
        "sorta",
        "gonna",
        "wanna",
        "lol",
        "yeah",
        "yes",
        "nope",
        "nah",
        "time",
        "times",
        "idea",
        "easy",
        "hard",
        "harder",
        "easier",
        "which",
        "whichever",
        "doing",
        "done",
        "asap",
    ]
)


@dataclass(frozen=True)
class Analysis:
    """A standalone question, read."""

    text: str
    kind: str
    roles: list[Role]
    wants: str | None  # "money", "percent", "duration", "count": the figure a full answer gives
    parts: list[str] = field(default_factory=list)  # several questions in one, each standalone; else empty
    unknown: list[str] = field(default_factory=list)  # the question's words that no indexed guide uses
    terms: frozenset[str] = frozenset()  # its words as the guides spell them, role names aside ("certs": certif...)
    profile: str = ""  # for advice, what the user says of themselves ("I love breaking into things")
    lacks: frozenset[str] = frozenset()  # what they would avoid or lack, as the guides spell it ("colorblind": color)
    besides: frozenset[str] = frozenset()  # what the answer is to leave out ("tools ... besides figma": figma)
    towards: Role | None = None  # the role one switches to ("can a data scientist switch to ML engineering")


@lru_cache(maxsize=1 << 12)  # a question's sentences and parts are read for the figure they want several times
def _wanted(text: str) -> str | None:
    return next((name for name, pattern in _WANTS if pattern.search(text)), None)


def wants_figure(text: str) -> str | None:
    """The kind of figure a question asks for, if any. "Why ..." and "how can ..." ask for reasons and ways, not
    figures, even when they mention pay ("why might they earn more than that")."""
    # "pa is growing way faster than rn right? but which one has more openings each yr": the last sentence asks
    asked = next((c for c in reversed(re.split(r"(?<=[?!.])\s+", text.strip())) if _wanted(c)), text)
    wanted = _wanted(asked)
    if wanted in ("money", "percent") and (_REASON.match(text) or _WHICH_THINGS.search(text)):
        return None
    return wanted


def kind_of(text: str, roles: list[Role], unnamed: str | None = None) -> str:
    """Which kind of question this is (one of `KINDS`). `unnamed`: the text without the roles' names, whose words ask
    nothing ("what does a speech-language pathologist do" asks for no languages)."""
    if (
        (_FIT.search(text) and _SELF.search(text))
        or _CHOOSE.search(text)
        or (len(roles) >= 2 and _SAYS_THEN_ASKS.search(text))
    ):
        return "fit"
    if _COMMON.search(text) and not re.search(r"\b(differ\w*|diff|unlike|vs\.?|versus|more|better)\b", text, re.I):
        return "common"
    # With no role named, only "who ...?" or "which role ...?" compares the guide's roles ("red team vs blue team"
    # compares something else).
    if (len(roles) >= 2 and _CONTRAST.search(text)) or (
        # "which one lets u retire sooner, ff or leo": one side named as the guide does not name it
        (not roles or (len(roles) == 1 and re.search(r"\bor\b", text, re.I)))
        and re.search(
            r"\b(who|which (role|one|job|career|path|trade|profession|occupation|field|option|of)|"
            r"(the|these|those) (two|2) (roles|jobs|careers|paths|trades|professions))\b",
            text,
            re.I,
        )
        and _CONTRAST.search(text)
    ):
        return "comparison"
    if YES_NO.match(text) or YES_NO.match(_ABOUT_THEN.sub("", text)):
        return "yesno"
    if _HOW_TO.search(text):
        return "howto"
    if _LIST.search(text if unnamed is None else unnamed) and not re.match(
        r"\s*(how|why|when|where|who)\b", text, re.I
    ):
        return "list"
    if re.match(r"\s*what(?:'s| are| r)? (all )?the (\w+ ){0,3}\w+s\s*\??\s*$", text, re.I) and not re.search(
        r"\b(is|does)\b", text, re.I
    ):
        return "list"  # "what are the cpat events": things, not what one thing is
    things = re.match(r"\s*(what|which) ([a-z]+s) (are|do|does|did|should|can|will|would)\b", text, re.I) or re.match(
        r"\s*what (are|r) (all )?(the )?(?P<things>[a-z]+s)\b", text, re.I
    )
    if things and _plural_noun((things.groupdict().get("things") or things.group(2)).lower()):
        return "list"  # "what events are on the cpat test", "which exams do i need", "what are all the events in ..."
    if _DEFINITION.match(text) and len(words(text)) <= 8:
        return "definition"
    return "fact"


# What a way in is to do without: "without a design degree", "w/o going back to school" (not what the asker has not
# got yet, "with no experience": the way to get it is the answer).
_WITHOUT = re.compile(r"\b(without|w/o)\s+([^,;?.]+)", re.I)
# What a question asks to leave out: "besides figma", "other than python", "except splunk".
_BESIDES = re.compile(r"\b(besides|other than|apart from|aside from|except(?: for)?)\s+([^,;?.]+)", re.I)


@lru_cache(maxsize=1 << 12)
def _verb_lemma(word: str) -> str:
    """A verb form's base ("lapsing": "lapse"), or ""."""
    from lemminflect import getLemma

    found = getLemma(word, upos="VERB")
    return found[0] if found else ""


def _plural_noun(word: str) -> bool:
    """Whether a word reads as a plural noun ("events", "exams", "benefits"; not "news", "does")."""
    from lemminflect import getAllLemmas

    readings = getAllLemmas(word)
    return "NOUN" in readings and readings["NOUN"][0] != word and "AUX" not in readings


def split_parts(text: str) -> list[str]:
    """Several questions in one ("how much do they make and what certs do they need", "ml engineer salary and job
    outlook"): the parts; else []."""
    pieces = [p for p in _PART_SPLIT.split(text) if p and p.strip(" ?,;")]
    # a remark after a question is no part of it ("how long is the oscp exam?? heard its brutal")
    parts = [p.strip(" ?,;") for p in pieces if p.rstrip().endswith("?") or ASKS.search(p) or p is pieces[0]]
    # "who makes more, pt or ot? by how much": the gap of the comparison before it, no part of its own
    parts = [p for n, p in enumerate(parts) if not (n and ASKS_GAP.search(p) and len(words(p)) <= 4)]
    # "pa is growing way faster than rn right? but which one ...": what they take as known, before what they ask
    parts = [p for n, p in enumerate(parts) if n == len(parts) - 1 or not re.search(r"\b(right|correct)$", p, re.I)]
    # "accountant vs financial analyst, which has more jobs, which is growing faster": questions a comma parts, a
    # piece that asks nothing going with the question after it (as "I love maths, which role suits me?" stays one),
    # and a word alone with the one before it ("..., which has more openings a year, and why")
    pieces = [q for p in parts for q in _COMMA_PART.split(p) if q.strip(" ?,;")]
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(words(re.sub(r"\([^()]*\)", "", piece))) < 2 or not ASKS.search(merged[-1])):
            merged[-1] = f"{merged[-1]}, {piece}"
        else:
            merged.append(piece.strip(" ?,;"))
    parts = merged if len(merged) > 1 and all(ASKS.search(p) for p in merged) else parts
    if len(parts) > 1 and all(len(words(p)) >= 2 for p in parts):
        return parts
    # "X salary and job outlook": two topics that want different figures, the second sharing the first's subject.
    head, sep, tail = text.rpartition(" and ")
    if sep and wants_figure(head) and wants_figure(tail) and wants_figure(head) != wants_figure(tail):
        return [head.strip(" ?,;"), tail.strip(" ?,;")]
    return []


_PERSON_ENDING = re.compile(r"(ian|ist|ician)s?$")


def _same_word(typed: str, known: str) -> bool:
    """Whether a user's word is a guide's word: a longer form of it ("engineering"), an abbreviation of it
    ("certs"), or it with one typo ("sallary"). Stricter than a role name's match: "interview" is not "internship"."""
    if typed.startswith(known) and len(known) >= 4:
        # ... not a person named after it: "librarian" is no form of "libraries", nor "economist" of "economic"
        return not (_PERSON_ENDING.search(typed) and not _PERSON_ENDING.search(known))
    if known.startswith(typed) and len(typed) >= 3 and not readings(typed):  # "certs", "eng"; not "even" (event)
        return True
    return (len(typed) >= 5 and one_edit_apart(typed, known)) or contracted(typed, known)


# Units (and people) as typed short, too short to read as a contraction of a guide's word.
_CHAT_SHORT = {
    "hr": "hour",
    "hrs": "hours",
    "yr": "year",
    "yrs": "years",
    "wk": "week",
    "wks": "weeks",
    "mos": "months",
    "ppl": "people",
    "qs": "questions",
    "q's": "questions",
    "thru": "through",  # "job growth thru 2033"
    "med": "medication",
    "meds": "medications",  # "can a vet tech prescribe meds": "prescribe medication"
}


def spelled_out(word: str) -> str:
    """A word as written out when chat typed it short ("ppl": people), else itself."""
    return _CHAT_SHORT.get(word.lower(), word)


# Everyday words for what guides head otherwise: "Pros" and "Cons", "Responsibilities".
_HEADED_AS = {
    "downside": "cons",
    "drawback": "cons",
    "disadvantage": "cons",
    "upside": "pros",
    "advantage": "pros",
    "duty": "responsibilities",
    "task": "responsibilities",
    "prospect": "outlook",  # "which one has better job prospects"
    "promotion": "advancement",  # "what can a machinist get promoted to": "Career Paths and Advancement"
    "promote": "advancement",
}


@lru_cache(maxsize=1)
def _headed_stems() -> dict[str, str]:
    """`_HEADED_AS` by the stems search reads ("downsid" of "downsides")."""
    from .retrieval import tokenize

    return {stem: heading for word, heading in _HEADED_AS.items() for stem in tokenize(plural(word))}


class _Listed:
    """A list of words as `CorpusWords` reads them: membership, and the words with a prefix."""

    def __init__(self, words: list[str]) -> None:
        self.sorted, self.known = sorted(words), frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self.known

    def starting(self, prefix: str) -> Iterator[str]:
        at = bisect.bisect_left(self.sorted, prefix)
        while at < len(self.sorted) and self.sorted[at].startswith(prefix):
            yield self.sorted[at]
            at += 1


def _adjective_base(word: str) -> str | None:
    """The noun an "-ly" adjective is made of ("hourly": hour, "yearly": year), for a guide that says "per hour"."""
    return word[:-2].lower() if len(word) > 5 and word.lower().endswith("ly") else None


class CorpusWords:
    """The words of every indexed guide, for telling which of a question's words no guide uses."""

    def __init__(self, stems, used_in=None, only_in=None) -> None:
        """`stems`: a list of words, or the index's mapped word list (`frozen.Words`); `used_in(stem, sources)`:
        whether one of these guides has the stem (by default, every guide has every word); `only_in(stem)`: the one
        guide that has it, if only one has (by default, none)."""
        self.words = stems if hasattr(stems, "starting") else _Listed(stems)
        self.used_in = used_in or (lambda stem, sources: True)
        self.only_in = only_in or (lambda stem: None)

    def chunks_with(self, stem: str) -> int:
        """How many chunks have a stem (a word list without counts: as if every chunk had it)."""
        frequency = getattr(self.words, "frequency", None)
        n = self.words.id(stem) if frequency is not None else None
        return int(frequency[n]) if n is not None else (0 if frequency is not None else 1 << 30)

    def guide_of(self, terms: frozenset[str]) -> str | None:
        """The guide a question's words point to when one of them is a word only that guide uses ("cop", "faa") and
        no other points elsewhere."""
        only = {t: g for t in terms if (g := self.only_in(t)) is not None}
        found = set(only.values())
        if len(found) > 1:  # "oscp exam fee": a name no dictionary has says more than a common word another guide has
            found = {g for t, g in only.items() if not readings(t)}
        return found.pop() if len(found) == 1 else None

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - one instance per index revision, a few thousand words asked
    def expand(self, word: str) -> tuple[str, ...]:
        """The guides' own stems for a word: itself, or the forms it abbreviates ("certs") or misspells ("sallary")."""
        from .retrieval import tokenize

        if word.lower() in _CHAT_SHORT:  # "hrs", "yrs": hours, years
            return self.expand(_CHAT_SHORT[word.lower()])
        # (a stem already, as the guides have it, is not cut again: "opening" of "openings" is no "open")
        stems = [word.lower()] if word.lower() in self.words else tokenize(word) or [word.lower()]
        stem = stems[0]
        headed = _HEADED_AS.get(singular(word.lower())) or _headed_stems().get(stem)
        if headed:  # "downsides": what guides head "Cons" too (one guide may say it)
            return tuple(dict.fromkeys(((stem,) if stem in self.words else ()) + self.expand(headed)))
        if stem in self.words:
            return (stem,)
        if word.lower() in self.words:
            return (word.lower(),)
        if (base := _adjective_base(word)) and self.expand(base):  # "hourly": "per hour"
            return self.expand(base)
        if (lemma := _verb_lemma(word.lower())) and lemma != word.lower() and lemma in self.words:
            return (lemma,)  # "lapsing": "lapse", whose stem "laps" no form of it starts
        if len(word) >= 8 and (halves := self.halves(word.lower())):  # "homecare": "home care", the guides' two words
            return halves
        found = []
        for known in self.words.starting(stem[:3]):
            if _same_word(stem, known) or _same_word(word.lower(), known):
                found.append(known)
                if len(found) == 8:
                    break
        if not found and len(stem) >= 5 and not readings(word.lower()):  # "qustions": a typo in its first letters
            found = [
                known
                for known in self.words.starting(stem[:1])
                if abs(len(known) - len(stem)) <= 1 and not known.startswith(stem[:3]) and one_edit_apart(stem, known)
            ][:8]
        return tuple(found)

    def halves(self, word: str) -> tuple[str, ...]:
        """A word written as one that the guides write as two dictionary words ("healthcare": "health care"), as
        their stems; () if it is not."""
        from .retrieval import tokenize

        for n in range(4, len(word) - 3):
            first, rest = (tokenize(word[:n]) or [""])[0], (tokenize(word[n:]) or [""])[0]
            if first in self.words and rest in self.words and readings(word[:n]) and readings(word[n:]):
                return (first, rest)
        return ()

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - as `expand`
    def family(self, stem: str) -> frozenset[str]:
        """A stem with the guides' words of its family, which share its first `TUNING.family_prefix` letters:
        "specialize" with "specialty" and "specialist", "certification" with "certified"."""
        cut = TUNING.family_prefix
        if len(stem) <= cut:
            return frozenset((stem,))
        return frozenset((stem, *itertools.islice(self.words.starting(stem[:cut]), 16)))

    def knows(self, word: str) -> bool:
        """Whether a guide uses the word, a form of it, an abbreviation of it or a near typo."""
        return bool(self.expand(word))

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - as `expand`
    def knows_in(self, word: str, sources: frozenset[str]) -> bool:
        """Whether one of these guides uses the word (or a form, an abbreviation or a near typo of it)."""
        same = _HEADED_AS.get(singular(word.lower()))
        same = same or _adjective_base(word)  # "hourly": a guide that says "per hour"
        halves = self.halves(word.lower()) if len(word) >= 8 else ()  # ("healthcare" in a guide of "health care")
        return (
            any(self.used_in(stem, sources) for stem in self.expand(word))
            or bool(same and self.knows_in(same, sources))
            or bool(halves and all(self.used_in(h, sources) for h in halves))
        )


# A word in these places qualifies what is asked: "in canada", "after taxes", "google pays", "interview questions".
_PLACE_BEFORE = frozenset(["in", "at", "from", "outside", "near", "within", "across"])
_TIME_BEFORE = frozenset(["after", "before"])
_QUALIFIER_BEFORE = _PLACE_BEFORE | _TIME_BEFORE
_QUALIFIER_AFTER = frozenset(
    [
        "pay",
        "pays",
        "paid",
        "salary",
        "salaries",
        "question",
        "questions",
        "cost",
        "costs",
        "fee",
        "fees",
        "price",
        "prices",
        "hire",
        "hires",
        "hiring",
    ]
)


@lru_cache(maxsize=1 << 14)
def readings(word: str) -> frozenset[str]:
    """The parts of speech an English word can be (lemminflect's dictionary; empty for names such as "canada").
    Remembered: lemminflect copies its whole entry at every look-up, and a question reads its words several times."""
    from lemminflect import getAllLemmas

    return frozenset(getAllLemmas(word))


def _names_a_thing(tokens: list[str], n: int) -> bool:
    """Whether a word names a thing (a place, a company, a role, a tax), rather than asks ("affects", "switch").

    After "in", "at", "from" only a name does ("in canada", "in the uk"; not "in a nutshell", "at university"); after
    "after" or "before" a noun does ("after tax"); before "pays", "questions", "fee" any word does ("google pays");
    elsewhere a word that cannot be a verb or an adverb does ("dentists", "laptop").
    """
    from .retrieval import STOPWORDS

    read = readings(tokens[n])
    back = n - 1
    while back >= 0 and tokens[back] in ("the", "a", "an"):
        back -= 1
    before = tokens[back] if back >= 0 else ""
    after = tokens[n + 1] if n + 1 < len(tokens) else ""
    if after in _QUALIFIER_AFTER:
        return True
    if before in _PLACE_BEFORE:  # "in canada", "at google" (a verb too); not "at university", "in practice"
        return "NOUN" not in read
    if before in _TIME_BEFORE:
        return "NOUN" in read or not read
    if read and not read - {"ADJ"}:
        return False  # "how big is the gap": a quality asked, not a thing (of a thing: `unsaid_quality`)
    if " ".join(tokens[max(0, back - 1) : back + 1]) in ("is that", "is it", "is this", "out of"):
        return not read  # "or is that a myth", "straight out of college": a common noun there is not asked about
    if not read & {"VERB", "ADV", "AUX"}:
        return True
    if "NOUN" not in read:
        return False
    if _ends_a_noun_phrase(tokens, n):
        return True  # "in an ot job interview": what an article opens and the question closes is a thing
    # "how much is the exam fee", "... bootcamp cost": the last word of a price question, after a noun or a name
    preceding = readings(before) if before else {"VERB"}
    plain_word = before.isalpha() and before not in STOPWORDS and before not in ASKING
    priced = not after and re.match(r"\s*how much\b", " ".join(tokens)) is not None
    return priced and plain_word and (("NOUN" in preceding and not preceding & {"VERB", "ADV", "AUX"}) or not preceding)


def _ends_a_noun_phrase(tokens: list[str], n: int) -> bool:
    """Whether the word closes the question's last phrase, one that an article opens with no verb between: "an ot
    job interview" (not "how long does a typical engagement last", where the article opens the subject)."""
    if n + 1 != len(tokens):
        return False
    for k in range(n - 1, max(-1, n - 6), -1):  # "an occupational therapist job interview", as condensed
        if tokens[k] in ("a", "an", "the"):  # not the subject of a question's last verb: "does a pen test ... last"
            return not (k and readings(tokens[k - 1]) & {"AUX"})
        if readings(tokens[k]) & {"AUX"} or readings(tokens[k]) == {"VERB"}:
            return False
    return False


def _looks_like_a_word(word: str) -> bool:
    """A word to name back to the user: in the dictionary, or a plausible name; not "xxxxx" or escape debris."""
    return bool(readings(word)) or (
        len(word) >= 4 and not re.search(r"(.)\1\1", word) and re.search(r"[aeiouy]", word) is not None
    )  # a short unknown word is a user's abbreviation ("viz"), not a name


_SIDE_BY = frozenset(["vs", "versus", "or"])
# Words of any sentence that name no thing: "im", "dont" typed without their apostrophes, reflexive pronouns.
_FUNCTION_WORDS = frozenset(
    [
        "i",
        "im",
        "ive",
        "id",
        "dont",
        "doesnt",
        "something",
        "anything",
        "someone",
        "anyone",
        "didnt",
        "cant",
        "wont",
        "isnt",
        "arent",
        "wasnt",
        "werent",
        "shouldnt",
        "wouldnt",
        "couldnt",
        "youre",
        "theyre",
        "thats",
        "theres",
        "hes",
        "shes",
        "myself",
        "yourself",
        "yourselves",
        "himself",
        "herself",
        "itself",
        "ourselves",
        "themselves",
    ]
)


def _mistyped_common(word: str) -> bool:
    """ "bein", "shuld": a common word mistyped, not a thing the guides lack."""
    from .retrieval import STOPWORDS

    return len(word) >= 4 and any(len(s) >= 5 and one_edit_apart(word, s) for s in STOPWORDS | ASKING)  # "diffrence"


def foreign(question: str, vocabulary: Vocabulary, corpus: CorpusWords) -> bool:
    """Whether a question is about something the guides do not write of: most of its words unknown to them, or a thing
    no guide names ("who won the super bowl last year"; not "which langs should i learn")."""
    from .retrieval import STOPWORDS

    content = [w for w in words(question) if w not in STOPWORDS and w not in ASKING]
    unknown = sum(not corpus.knows(w) for w in content)
    return unknown * 2 > len(content) or bool(unknown_words(question, vocabulary, corpus))


def unknown_words(text: str, vocabulary: Vocabulary, corpus: CorpusWords, guide: str | None = None) -> list[str]:
    """The question's words that name something no guide mentions: "canada", "google", "dentists", "taxes".
    `guide`: the guide that answers a question naming no role, whose words alone count (as a role's guide's do)."""
    from .retrieval import STOPWORDS

    named = {i for m in vocabulary.mentions(text) for i in range(m.start, m.end)}
    # Asked about one guide's roles, a word only another guide uses is missing too ("nurse pay after taxes"); a
    # document that compares no roles of its own (a note about "underwater data scientists") may say it
    asked = {r.source for r in vocabulary.roles_in(text)} or ({guide} if guide else set())
    knows = partial(corpus.knows_in, sources=frozenset(asked) | vocabulary.notes) if len(asked) == 1 else corpus.knows
    tokens = words(text)
    found = []
    studied = {n + k for n in range(len(tokens) - 1) if _STUDY.fullmatch(" ".join(tokens[n : n + 2])) for k in (2, 3)}
    for n, word in enumerate(tokens):
        if n in named or n in studied or not word.isalpha() or len(word) < 2:
            continue  # (the subject of the asker's degree is theirs: "i already have a bachelors in english")
        if _take_home(tokens, n):
            continue  # "take home pay": pay
        if word == "step" and "step by step" in (" ".join(tokens[n : n + 3]), " ".join(tokens[max(0, n - 2) : n + 1])):
            continue  # "step by step": how it is asked
        if singular(word) in _ASKERS_LIFE:
            continue  # "i have a family so worried about money": the asker's life, not a thing asked of the guide
        if n and tokens[n - 1] in ("from", "without") and word.endswith("ing") and "VERB" in readings(word):
            continue  # "keep my certification from lapsing": what it does, not a thing
        after = tokens[n + 1] if n + 1 < len(tokens) else ""
        if n - 1 in named and readings(word) & {"VERB"} and after not in _QUALIFIER_AFTER:
            continue  # "can a data scientist switch to ...": what the role does, not a thing
        if n + 1 in named and "ADJ" in readings(word):
            continue  # "a normal dental asst": which of the role, not a thing the guides lack
        if "ADJ" in readings(word) and _qualifying(tokens, n):
            continue  # "too old", "any particular cert", "(red green)": a quality, not a thing the guides lack
        if word in STOPWORDS or word in ASKING or singular(word) in ASKING or word in _FUNCTION_WORDS:
            continue
        if word in _CHAT_SHORT or (word.endswith("ings") and knows(word[:-4])):
            continue  # "thru", "ppl": chat's spelling of a common word; "cleanings": what the guides call cleaning
        if RANGE_END.fullmatch(word) or (n and RANGE_END.fullmatch(f"{tokens[n - 1]} {word}")):
            continue  # "lowest", "high end": which end of a figure's range
        base = singular(word)  # "earners": earn
        if (
            (n and tokens[n - 1] in ("more", "less", "most", "least"))
            or (base.endswith("er") and (corpus.knows(base[:-2]) or corpus.knows(base[:-1])))
            or (word.endswith("er") and "ADJ" in readings(word))  # "younger", "safer"
        ):
            continue  # what two roles are weighed by ("more dangerous", "longer"), not a thing the guides lack
        short_name = len(word) == 2 and n and tokens[n - 1] in _QUALIFIER_BEFORE | {"the"}  # "in the uk"
        # "np vs pa": what a role is set against names another role, even as an abbreviation no guide uses
        short_name = short_name or after in _SIDE_BY or (n > 0 and tokens[n - 1] in _SIDE_BY)
        short_name = short_name or (len(word) == 2 and n + 1 in named and word not in STOPWORDS)  # "uk firefighters"
        if (
            not knows(word)
            and _names_a_thing(tokens, n)
            and (_looks_like_a_word(word) or short_name)
            and not _mistyped_common(word)
        ):
            found.append(word)
    # "data engineer", not "earn nurses" or "do nurses": the word before a role's last word must name a kind of it
    found += [
        u
        for u in vocabulary.unlisted(text)
        if u.split()[0] not in ASKING | STOPWORDS
        and not (len(u.split()[0]) <= 4 and not readings(u.split()[0]) and corpus.knows(u.split()[0]))
    ]  # (an "adn nurse" holds a degree the guide names: "Associate degree (ADN)")
    for asked_about in (_SUBJECT.search(text), _BECOME.search(text), _DOES_WHAT.search(text)):
        if asked_about and not vocabulary.roles_in(asked_about.group("who")):
            # "how much do software architects make", "how do I become a pilot": someone no guide describes.
            who = asked_about.group("who").strip()
            if (
                who.lower().split()[0] not in _PRONOUN_SUBJECTS  # (nor "what do i need to do": the asker)
                and not any(w in found for w in words(who))
                and not vocabulary.unlisted(who)
                # (nor a last word several roles share: "therapists", the physical and the occupational)
                and not all(singular(w) in vocabulary.name_words for w in words(who))
                and who.lower() not in ASKING
                # "become a cpa": a credential the guides name (not "vets", a word of the dictionary)
                and not (len(who) <= 4 and corpus.knows(who.lower()) and not readings(who.lower()))
            ):
                found.append(who)
    found = list(dict.fromkeys(found))
    return [u for u in found if not any(u != v and u in v.split() for v in found)]  # "nurse practitioners" alone


# Words that make the adjective after them a quality asked of the asker or a thing ("too old", "so young").
_DEGREE = frozenset(["too", "so", "very", "really", "pretty", "quite", "that", "how", "any"])


def _qualifying(tokens: list[str], n: int) -> bool:
    """Whether a word that can be an adjective is one here: after a degree word ("too old", "any particular
    cert"), or beside another adjective ("red green"). Not before a noun alone: "delta" in "a delta captain's
    salary" names an airline."""
    from .retrieval import STOPWORDS

    before = tokens[n - 1] if n else ""
    after = tokens[n + 1] if n + 1 < len(tokens) else ""
    return before in _DEGREE or any(
        w.isalpha() and w not in STOPWORDS and "ADJ" in readings(w) for w in (before, after) if w
    )


# What each qualifier asks of the word before it, as the guides would write it: "google pays" - a pay figure.
_QUALIFIED = {
    "pay": r"pa(y|id)\w*|salar\w*|earn\w*|[$€£]\d",
    "paid": r"pa(y|id)\w*|salar\w*|earn\w*|[$€£]\d",
    "salary": r"pa(y|id)\w*|salar\w*|earn\w*|[$€£]\d",
    "question": r"question\w*",
    "cost": r"cost\w*|pric\w*|fee\w*|[$€£]\d",
    "fee": r"cost\w*|pric\w*|fee\w*|[$€£]\d",
    "price": r"cost\w*|pric\w*|fee\w*|[$€£]\d",
    "hire": r"hir\w*",
    "interview": r"interview\w*",
}
# ... of which these name a thing of the word before, named back together: "interview questions", "school cost".
_QUALIFYING_NOUNS = frozenset(["question", "cost", "fee", "price", "interview"])


def _take_home(tokens: list[str], n: int) -> bool:
    """Whether the word is the "home" of "take home (pay)", which asks for pay."""
    return tokens[n] == "home" and n > 0 and tokens[n - 1] == "take"


def unsaid_pairs(
    text: str,
    vocabulary: Vocabulary,
    passages: list[str],
    headings: list[str] | None = None,
    corpus: CorpusWords | None = None,
) -> list[str]:
    """Words the guides use, but never with what the question asks of them: "google" in "what does google pay"
    (the guide names Google Sheets, not Google's pay), "interview" in "interview questions", "bootcamp" in
    "bootcamp cost". Checked against the question's best passages: a guide that answered would say them together,
    or say what is asked under a heading of the word ("### NAPLEX": "The registration fee is $520.")."""
    from .retrieval import STOPWORDS

    named = {i for m in vocabulary.mentions(text) for i in range(m.start, m.end)}
    tokens = words(text)
    found = []
    pairs = [(n, n + 1) for n in range(len(tokens) - 1)]  # "interview questions", "google pays"
    # ... and a word after a preposition, with the word before it: "pay after taxes", "salary in ohio"
    pairs += [(n, n - 2) for n in range(2, len(tokens)) if tokens[n - 1] in _QUALIFIER_BEFORE]
    # ... and the questions asked in something the question ends on: "what questions do they usually ask in a pharm
    # tech interview" (the interview's questions; in one clause, not "... and what's on the test")
    last = len(tokens) - 1
    nouns = [m for m in range(last) if singular(tokens[m]) == "question"]
    between = tokens[nouns[0] + 1 : last] if nouns else []
    bare = bool(nouns) and (nouns[0] == 0 or tokens[nouns[0] - 1] in STOPWORDS | ASKING)  # not "interview questions"
    if bare and _PREPOSITION.intersection(between) and not {"and", "or", "but"}.intersection(between):
        pairs.append((last, nouns[0]))
    for n, q in pairs:
        word = tokens[n]
        if q < n and any(word in f.split() for f in found):  # "pa school interviews": missing as a whole already
            continue
        asked = _QUALIFIED.get(singular(tokens[q]).rstrip("s") if tokens[q] != "pays" else "pay")
        if asked is None or n in named or q in named or word in STOPWORDS or word in ASKING or len(word) < 3:
            continue
        if _take_home(tokens, n):
            continue  # "take home pay": pay itself
        if tokens[q : q + 3] == ["paid", "for", "by"]:
            continue  # "my training paid for by an employer": what it costs, not a pay
        # in one clause, either way round: "the FAA covers training costs and pays trainees", "costs $85,000 to
        # $110,000 at most flight schools"; not "a two-part exam focused on corporate finance, budgeting and cost"
        gap = r"\W+(?:\S+(?<![,;:.])\s+){0,6}"
        # "hourly": "per hour"; "interview": "interv", not the "inter" of "drug interactions"
        stem = re.escape(_adjective_base(word) or word[: max(5, len(word) - 3)])
        # ... or as the guides spell it: "schol cost" - "cost $4,000 to $10,000 at private schools"
        spelled = [re.escape(k[: max(5, len(k) - 3)]) for k in (corpus.expand(word) if corpus else ()) if len(k) >= 4]
        stem = f"(?:{'|'.join(dict.fromkeys([stem, *spelled]))})"
        together = re.compile(rf"\b{stem}\w*{gap}({asked})|\b({asked})\S*{gap}{stem}", re.I)
        headed = re.compile(rf"\b{stem}", re.I)
        under = [
            re.search(rf"\b({asked})", p, re.I)
            for p, h in zip(passages, headings or [], strict=False)
            if headed.search(h)
        ]
        if not any(together.search(p) for p in passages) and not any(under):
            noun = singular(tokens[q]) in _QUALIFYING_NOUNS
            found.append(f"{word} {tokens[q]}" if noun else word)
    return found


_PREPOSITION = frozenset(["in", "at", "for", "during", "of"])


def unsaid_quality(text: str, passages: list[str]) -> list[str]:
    """The quality a yes/no question asks of something, when none of its best passages states it: "free" in "is
    figma free" (the guide says what Figma is, not what it costs)."""
    asked = re.match(r"^\s*(is|are|was|were)\b.*\b([a-z]{3,})\W*$", text, re.I)
    if not asked:
        return []
    word = asked.group(2).lower()
    if "ADJ" not in readings(word) or word in ASKING or word in PHRASING:
        return []
    if word.endswith("er") and readings(word[:-2]) | readings(word[:-1]):
        return []  # "is the electrical or plumbing apprenticeship longer": what two things are weighed by
    return [] if any(re.search(rf"\b{re.escape(word[:5])}", p, re.I) for p in passages) else [word]


# "how much do <someone> make": the someone a pay question is about.
_SUBJECT = re.compile(
    r"\bhow much (?:do|does|can|could|will|would|did) (?:an? |the )?(?P<who>[a-z][\w ]{2,40}?) "
    r"(?:make|earn|get paid|get|take home)\b",
    re.I,
)
# "what does a <someone> do".
_DOES_WHAT = re.compile(r"\bwhat (?:does|do) (?:an? |the )?(?P<who>[a-z][\w ]{2,40}?) (?:actually |really )?do\b", re.I)
# "how do I become a <someone>", "a job as a <someone>".
_BECOME = re.compile(
    r"\b(?:become|becoming|work as|working as|job as|career as) (?:an? |the )?"
    r"(?P<who>[a-z][a-z]+(?: [a-z]+)?)\s*(?:\?|$|,|\b(?:in|at|with|without|if|when|after|from|and|but|so)\b)",
    re.I,
)
_PRONOUN_SUBJECTS = frozenset(
    {
        "they",
        "i",
        "you",
        "we",
        "people",
        "one",
        "someone",
        "he",
        "she",
        "it",
        "those",
        "these",
        "both",
        "both roles",
        "the roles",
        "each role",
        "each",
        "either",
    }
)


@lru_cache(maxsize=1)
def asking_stems() -> frozenset[str]:
    """`ASKING` as the keyword index spells words."""
    from .retrieval import tokenize

    return frozenset(t for w in ASKING for t in tokenize(w))


# Words that only phrase a question ("what do they usually do all day"): matching them says nothing of an answer.
PHRASING = frozenset(
    [
        "roughly",  # "how many welders are working in the us roughly": how exact it is asked
        "approximately",
        "version",  # "short version pls"
        "tldr",
        "briefly",
        "actually",
        "even",  # "is ethical hacking even legal"
        "really",
        "usually",
        "typically",
        "typical",
        "basically",
        "generally",
        "exactly",
        "kinda",
        "sorta",
        "like",
        "thing",
        "things",
        "stuff",
        "way",
        "ways",
        "lot",
        "guys",
        "someone",
        "people",
        "person",
        "know",
        "tell",
        "explain",
        "think",
        "guess",
        "mean",
        "want",
        "day",
        "daily",
        "whats",
        "what's",
        "please",
        "pls",
        "thanks",
        "hi",
        "hello",
        "hey",
        "ok",
        "okay",
        "sure",
        "though",
        "time",
        "quick",
        "question",
        "answer",
        "idea",
        "main",
        "key",
        "best",
        "good",
        "great",
        "bad",
        "get",
        "gets",
        "getting",
        "got",
        "go",
        "going",
        "do",
        "does",
        "did",
        "diff",
        "difference",
        "different",
        "differ",
        "compare",
        "comparison",
        "versus",
        "vs",
        "between",
        "much",
        "many",
        # "what do they need", "which tools do they use": how a question asks, not what ("business needs" is no answer)
        "need",
        "needs",
        "needed",
        "use",
        "uses",
        "used",
        "using",
        "two",
        "nutshell",
        "short",
        "kind",
        "kinds",
        "sort",
        "same",
        "similar",
        "u",
        "ur",
        "w",
        "plz",
        "tho",
        "ya",
        "anyone",
        "guys",
        "love",
        "hate",
        "enjoy",
        "called",
        "asap",
    ]
)


# "what does rph stand for", "whats CWI short for", "what does cpht mean": the letters asked about
SPELLED_ASKED = re.compile(
    r"\bwhat(?:'?s| is| does| do)\s+(?:an?\s+|the\s+)?(?P<abbr>[A-Za-z][\w-]{1,9})\s+"
    r"(?:stands?\s+for|(?:is\s+)?short\s+for|means?)\b",
    re.I,
)


def asked_terms(text: str, vocabulary: Vocabulary, corpus: CorpusWords) -> frozenset[str]:
    """The question's words as the guides spell them, without the roles' names (every passage of a role has
    those; they say nothing about which sentence answers) and without words that only phrase the question."""
    from .retrieval import tokenize

    named = {i for m in vocabulary.mentions(text) for i in range(m.start, m.end)}
    tokens = words(text)
    kept = " ".join(
        w
        for n, w in enumerate(tokens)
        if n not in named
        and (
            (w.lower() not in PHRASING and singular(w) not in PHRASING)
            or _names_a_credential(tokens, n, corpus)
            or (singular(w) == "question" and tokens[n - 1 : n] == ["many"])  # "how many questions": what is counted
        )
        and not (w == "one" and n and tokens[n - 1] in ("which", "each", "either", "any", "become", "be"))  # pronoun
        and not (n and tokens[n - 1] == "how" and w in _HOW_WORDS)  # "how long": a span asked, not "long-term"
        and not (w in ("take", "takes") and "how long" in " ".join(tokens[:n]))  # "how long does it take"
        and not (w == "r" and tokens[n + 1 : n + 2] and tokens[n + 1] in _AFTER_ARE)  # "how many qs r on the exam"
        and not _take_home(tokens, n)  # "take home pay": pay, no home
    )
    # ... and a code the guides use ("the praxis 5331": "### Praxis Speech-Language Pathology (5331)"), not a figure
    codes = [c for c in _CODE.findall(text) if c in corpus.words]
    return frozenset(stem for t in tokenize(kept) for stem in (corpus.expand(t) or (t,))) | frozenset(codes)


# A number that names something (an exam's code), not an amount: "5331", not "$5,331", "5,331", "100k", "800 bucks"
# or "1500 hours".
_CODE = re.compile(
    r"(?<![$€£\d.,])\b\d{4,6}\b(?![\d.,%]|\s?[kKmM]\b|\s+(?:bucks|dollars|usd|grand|hours?|hrs?|years?|yrs?|"
    r"months?|weeks?|days?|people|jobs|openings|students|questions|credits|words)\b)",
    re.I,
)


def guide_pointed(text: str, vocabulary: Vocabulary, corpus: CorpusWords, names_only: bool = False) -> str | None:
    """The guide a question naming no role points to by a word only it uses (`CorpusWords.guide_of`), each word read
    all its ways: "bio" is biology as much as the physical therapists' "biomechanics", so it points nowhere. A name
    no dictionary has points alone ("faa"), and so does a common word its guide says more than once ("creative"); not
    one it says once ("a pile of loans": the accountants' one "pile"), unless beside another ("heights", "dirty")."""
    from .retrieval import tokenize

    asked = asked_terms(text, vocabulary, corpus)
    pointing: list[tuple[str, tuple[str, ...]]] = []
    # (and a test's or form's number: "praxis 5001"; not a year)
    numbers = [n for n in re.findall(r"(?<![$\d,.])\d{3,5}(?![\d,.%])", text) if not re.fullmatch(r"(19|20)\d\d", n)]
    for word in [*words(text), *numbers]:
        if names_only and readings(word):
            continue  # (a name no dictionary has, or a test's number, alone: "oscp", not "flies")
        stems = tuple(s for token in tokenize(word) for s in corpus.expand(token) or (token,) if s in asked)
        guides = {corpus.only_in(stem) for stem in stems}
        if stems and len(guides) == 1 and None not in guides and not _clipped(word, guides, corpus):
            pointing.append((word, stems))
    if len(pointing) == 1 and readings(pointing[0][0]) and max(map(corpus.chunks_with, pointing[0][1])) < 2:
        return None
    guides = {corpus.only_in(stems[0]) for _, stems in pointing}
    if len(guides) > 1:  # "oscp exam fee": a name no dictionary has says more than a common word another guide has
        guides = {corpus.only_in(stems[0]) for word, stems in pointing if not readings(word)}
    return guides.pop() if len(guides) == 1 else None


def _clipped(word: str, guides: set, corpus: CorpusWords) -> bool:
    """Whether a short word no dictionary has may be the clipped start of longer words other guides use too: "med" (of
    one guide's "med passes") is the "medication" and "medical" of many, no name of one guide's."""
    if readings(word) or len(word) > 4:
        return False
    return any(corpus.only_in(known) not in guides for known in corpus.words.starting(word.lower()) if known != word)


# Words after chat's "r" for "are" ("qs r on the exam", "r there"), not after the R language ("use r for").
_AFTER_ARE = frozenset(["on", "in", "there", "the", "they", "u", "you", "we", "a", "an", "at", "required", "needed"])

# What "how" asks with: a figure's kind, not a word a sentence should have.
_HOW_WORDS = frozenset(["long", "far", "old", "soon", "quickly", "fast", "big"])


def _names_a_credential(tokens: list[str], n: int, corpus: CorpusWords) -> bool:
    """ "the pls exam": a word of asking ("pls") that a guide uses, before a noun, names something of the guide's."""
    return len(tokens[n]) <= 4 and n + 1 < len(tokens) and corpus.knows(tokens[n]) and tokens[n + 1] in _EXAMS


_EXAMS = frozenset(["exam", "exams", "test", "tests", "certification", "cert", "credential", "designation"])

_PROFILE_CUT = [
    re.compile(r"[,;.]?\s*\b(so |then |but )?(which|what|should|would|do you think)\b.*$", re.I),
    re.compile(r"^\s*(which|what)\b.*?\b(if|since|as|because|when|given)\b\s*", re.I),
    re.compile(r"^.*?[,;]\s*(which|what)\b[^,;.?]*?\b(if|since|because|given)\b\s*", re.I),  # "x or y, which ... if"
]


# What the asker likes less ("... than deploying stuff", "rather than coding"): not what to match a role against.
_LESS = re.compile(r"\b(rather than|more than|than|instead of|not)\b[^,;.?]*", re.I)
# An asker who wants in soon: the shorter way in fits them.
_IN_A_HURRY = re.compile(
    r"\b(asap|fast|quick(ly)?|soon(er)?|right away|(in )?(under|less than|within) (a|one) year)\b(?! (paced|growing))",
    re.I,
)
# What the asker does not care about: "and i dont care about creative stuff" (no role is ruled out by it).
_INDIFFERENT = re.compile(r"(\band\s+)?\b(i\s+)?(don'?t|do not) (really )?care (about|for|much for)\b[^,;.?!]*", re.I)
# A self-description: "I love ...", "I'm good at ...", "my background is ..." ("how do I decide" describes no one).
# Typed without its "I": "career changer here", "dont want student debt", "just want to see if i even like it".
_DESCRIBES_SELF = re.compile(
    r"\b(i'?m|i am|i'?ve|i have|i like|i love|i enjoy|i prefer|i hate|i'?d rather|i want|i care|i value|"
    r"i'?m into|i need|my|if i|(don'?t|do not|just|really|only) (want|like|need|mind|care))\b|"
    r"^\s*[a-z]+( [a-z]+)? here\b",
    re.I,
)


def profile_of(text: str) -> str:
    """What an advice question says of the asker, without the asking: "I love maths, which role suits me?"; "" when
    it says nothing of them ("how do I decide which one fits me?")."""
    rest = text
    cuts = [c for cut in _PROFILE_CUT if (c := cut.sub("", text).strip(" ,;?")) != text.strip(" ,;?")]
    cuts = [c for c in cuts if len(words(c)) >= 3]
    # (the cut that leaves what the asker says of themselves: "journalism or pr, which fits me if i love writing ...")
    rest = next((c for c in cuts if _DESCRIBES_SELF.search(c)), cuts[0] if cuts else rest)
    rest = _AVERSION.sub("", _LESS.sub("", rest))  # what they would avoid is no match (`lacks`)
    rest = _INDIFFERENT.sub("", rest).strip(" ,;?")  # nor what they do not care about
    if not _DESCRIBES_SELF.search(rest) and _SAYS_THEN_ASKS.search(text):  # "27, want to be home every night. x or y?"
        return re.split(r"[.!]\s+(?=[^.!]*$)", text)[0]
    return rest if _DESCRIBES_SELF.search(rest) else ""


# What a guide says about choosing between its roles is worded with these ("the better choice depends on ...", "to
# determine the best fit ...", "Choose penetration tester if ..."): an advice question that says nothing of the
# asker looks for them.
CHOOSING = "choose choice determine fit suits"  # not "decide": "PMs decide what gets built" is no advice


def choosing(analysis: Analysis) -> bool:
    """Whether the question asks how to choose between roles without saying anything of the asker."""
    return analysis.kind == "fit" and not analysis.profile


def introduces(analysis: Analysis) -> bool:
    """Whether the question asks what one role is or does, and nothing more ("what does a SOC analyst do"): its
    guide's introduction of the role answers it."""
    return analysis.kind == "definition" and len(analysis.roles) == 1 and not analysis.terms


# How people ask for a route into a role ("how do I become ...", "steps to ...", "career path for ..."): a how-to
# question with no other word asks for the guide's whole route.
_ROUTE_WORDS = frozenset(
    {
        "become",
        "license",  # "how do i get my elementary teaching license": the way in, for a licensed job
        "licensed",
        "step",
        "path",
        "career",
        "route",
        "roadmap",
        "road",
        "map",
        "start",
        "get",
        "break",
        "land",
        "into",
        "long",
        "take",
        "takes",
        "time",
        "senior",
        "junior",
        "lead",
    }
)


def asks_route(analysis: Analysis) -> bool:
    """Whether a how-to question asks for the whole route into one role ("how do I become a pen tester")."""
    return analysis.kind == "howto" and len(analysis.roles) == 1 and analysis.terms <= _route_stems()


@lru_cache(maxsize=1)
def _route_stems() -> frozenset[str]:
    """`_ROUTE_WORDS` and their stems, once (every sentence of a how-to's passages asks)."""
    from .retrieval import tokenize

    return frozenset({stem for w in _ROUTE_WORDS for stem in tokenize(w)} | _ROUTE_WORDS)


# A sentence saying that one moves from one role to another: "If you aspire to transition into an ML engineer role".
MOVES = re.compile(
    r"\b(switch\w*|transition\w*|mov(e|es|ed|ing) (in)?to|pivot\w*|cross-train\w*|bridge|become|becoming)\b", re.I
)
_SWITCH = re.compile(
    r"^(switch\w*|transition\w*|mov\w*|pivot\w*|go|goes|going|get|getting|jump\w*|chang\w*|"
    r"become|becoming|to|into)$"
)


def _mover(text: str, vocabulary: Vocabulary) -> Role | None:
    """The role that moves in "<role> switch to <other role>" (or "from <role> to <other role>"), if any."""
    mentions = vocabulary.mentions(text)
    if len(mentions) != 2 or mentions[0].role == mentions[1].role:
        return None
    between = words(text)[mentions[0].end : mentions[1].start]
    moves = any(_SWITCH.match(w) and w not in ("to", "into") for w in between) and between[-1:] in (["to"], ["into"])
    before = words(text)[: mentions[0].start]
    return mentions[0].role if moves or (before[-1:] == ["from"] and between[-1:] in (["to"], ["into"])) else None


def unknown_role(analysis: Analysis, vocabulary: Vocabulary) -> bool:
    """Whether the question is about someone no guide describes ("how much do linemen make", "how do i become a
    pilot"), with no role of the guides named beside them (nor a word of one: "the assistants", of two guides)."""
    if not analysis.roles and set(analysis.unknown) & set(vocabulary.unlisted(analysis.text)):
        return True  # "whats the median salary for a medical assistant": a guide's role word after another word
    asked = _SUBJECT.search(analysis.text) or _BECOME.search(analysis.text)
    who = asked.group("who").strip().lower() if asked else ""
    return (
        not analysis.roles
        and bool(who)
        and any(f" {u} " in f" {who} " for u in analysis.unknown)  # ("... a respiratory therapist and whats the pay")
        and not {singular(w) for w in words(who)} <= vocabulary.name_words
    )


def averse(text: str) -> str:
    """What the asker says they would avoid or lack, as they put it ("im colorblind and hate heights": "color
    heights"); "" if nothing."""
    return " ".join(m.group("what") for pattern in (_AVERSION, _LACKING) for m in pattern.finditer(text))


def _beside_a_role(text: str, vocabulary: Vocabulary) -> bool:
    """Whether "or", "vs" or "compared" sets a role against something ("pen testers or the other one"), not two
    things done ("do product managers have to code or design screens")."""
    tokens = words(text)
    ends = {n for m in vocabulary.mentions(text) for n in (m.end, m.start - 1)}  # the words just after, or before
    return any(
        re.fullmatch(r"or|vs\.?|versus|compared?", t, re.I)
        and (n in ends or (n - 1 in ends and readings(tokens[n - 1]) != {"VERB"}) or _compared_to_someone(tokens, n))
        and not (n + 1 < len(tokens) and tokens[n + 1] in _CLAUSE_OPENERS)  # "a vet assistant or do i have to wait"
        for n, t in enumerate(tokens)
    )


def _compared_to_someone(tokens: list[str], n: int) -> bool:
    """ "... start at compared to apms": "compared to" sets the role against whoever follows, wherever it stands;
    not against a figure ("compared to the national average")."""
    if tokens[n] != "compared":  # ("classroom hrs vs on the job hrs": two things of one role)
        return False
    rest = [t for t in tokens[n + 1 :] if t not in ("to", "with", "the", "a", "an")]
    return bool(rest) and rest[0] not in _NOT_SOMEONE


_NOT_SOMEONE = frozenset(["average", "national", "median", "mean", "other", "others", "overall", "typical", "before"])


# The people in an asker's life, whom they mention to explain a question.
_ASKERS_LIFE = frozenset(
    [
        "family",
        "kid",
        "child",
        "children",
        "wife",
        "husband",
        "spouse",
        "girlfriend",
        "boyfriend",
        "parent",
        "mom",
        "dad",
        "baby",
    ]
)
# What the asker studied: the word after it is a subject, not a thing the guides lack ("a bachelors in english").
_STUDY = re.compile(r"(degree|degrees|bachelors?|masters?|ba|bs|ma|major|majored|majoring|background|minor) (in|of)")
# Words that open a clause after "or": another question, not another role ("or do i have to wait", "or is it").
_CLAUSE_OPENERS = frozenset(["do", "does", "did", "should", "can", "could", "is", "are", "will", "would", "must", "i"])


# "what" typed in a hurry.
_HURRIED_WHAT = re.compile(r"\b(wat|wut)(s?)\b", re.I)
# Chat's "n" for "and": "how many questions r on the exam n how long do u get".
_HURRIED_AND = re.compile(r"(?<=\w) n (?=\w)")


def analyse(text: str, vocabulary: Vocabulary, corpus: CorpusWords) -> Analysis:
    """Read a standalone question: its roles, kind, wanted figure, parts and unknown words."""
    # "wat events are ...": "what", not "watch" or "water"
    text = _HURRIED_WHAT.sub(lambda m: ("What" if m.group(0)[0].isupper() else "what") + m.group(2), text)
    text = _HURRIED_AND.sub(" and ", text)
    roles = vocabulary.roles_in(text)
    # "afraid", "colorblind": how the asker feels, not a thing the guides lack
    unknown = unknown_words(_LACKING.sub(r"\g<what>", _AVERSION.sub(r"\g<what>", text)), vocabulary, corpus)
    # "pen testers or the other one, who earns more": the guide's other roles too (not beside a role no guide has)
    if (
        len(roles) == 1
        and _beside_a_role(text, vocabulary)
        and _CONTRAST.search(text)
        and not vocabulary.unlisted(text)
        and not unknown
    ):
        roles += vocabulary.partner(roles[0])
    elif (
        len(roles) == 1
        and YES_NO.match(text)
        and wants_figure(text) in ("money", "percent")
        and _WEIGHED.search(text)
        and not _AGAINST.search(text)
    ):
        # "is the growth better for ml engineers?": weighed against the role's partner (the data scientists' 35%), not
        # a "Yes" for the 23% alone
        roles += vocabulary.partner(roles[0])
    elif len(roles) == 1 and _CONTRAST.search(text) and (than := re.search(r"\bthan\b(.*)$", text, re.I)):
        # "is the fire academy longer than the police academy": the partner named by a word of its name after "than"
        after = set(words(than.group(1)))
        roles += [r for r in vocabulary.partner(roles[0]) if after & set(words(r.name.lower()))]
    parts = split_parts(text)
    from .condense import without_roles

    kind = kind_of(text, roles, without_roles(text, vocabulary))
    if kind == "definition" and wants_figure(text):  # "what do firefighters make on average": a figure, not who
        kind = "fact"
    mover = _mover(text, vocabulary)
    towards = next((m.role for m in vocabulary.mentions(text) if m.role != mover), None) if mover else None
    if mover is not None and kind != "howto":  # "can a data scientist switch to ML engineering": about the one who
        # moves (no advice on whom a role suits); "how do i switch to sonography": the way from one to the other
        roles, kind = [mover], ("fact" if kind in ("comparison", "common", "fit") else kind)
    if parts and kind in ("fact", "yesno", "list", "definition", "howto", "comparison"):
        kind = "multi"
    hurry = kind == "fit" and bool(roles) and _IN_A_HURRY.search(text) is not None  # (naming none: the guide's
    # own words on whom each role suits find the guide: "Choose dental assisting if: You want to start earning quickly")
    if hurry:  # "need something i can get into fast. rn or pa?": the shorter way in is the guide's answer to that
        kind = "comparison"
        roles = roles + [r for r in vocabulary.partner(roles[0]) if r not in roles] if len(roles) == 1 else roles
    profile = profile_of(text) if kind == "fit" else ""
    if profile:  # the roles' names say nothing of the asker ("..., ds or mle")
        profile = re.sub(r"(,\s*)?\b(or)\s*$", "", without_roles(profile, vocabulary).strip(" ,;?")).strip(" ,;?")
    avoided = averse(text)
    lacks = asked_terms(avoided, vocabulary, corpus) if avoided else frozenset()
    wants = "duration" if hurry else wants_figure(text)
    if wants is None and kind == "comparison" and len(roles) >= 2 and not _REASON.match(text):
        wants = _wanted(text)  # "which field is growing faster, rad tech or sono": the two roles' fields
    if (
        re.search(r"\bworth\b", text, re.I)
        and re.search(r"\b(more|extra|longer|\d+)\b", text, re.I)  # not "worth starting as an assistant first"
        and len(roles) == 2
        and kind in ("yesno", "fact")
    ):
        kind, wants = "comparison", wants or "money"  # "worth 3 more years to be a hygienist than an assistant?"
    terms = asked_terms(text, vocabulary, corpus)
    if spelled := SPELLED_ASKED.search(text):  # "what does rph stand for": the letters, a role's or not
        from .retrieval import tokenize

        terms |= frozenset(tokenize(spelled.group("abbr")))
    left_out = _BESIDES.search(text)  # "what tools do ux designers use besides figma": not figma again
    besides = asked_terms(left_out.group(2), vocabulary, corpus) if left_out else frozenset()
    terms -= asked_terms(left_out.group(0), vocabulary, corpus) if left_out else frozenset()  # "besides figma"
    done_without = _WITHOUT.search(text) if kind == "howto" else None
    if done_without:  # "how do i get into ux design without a design degree": the way in, not the degree
        terms -= asked_terms(done_without.group(0), vocabulary, corpus)
    if wants == "money" and not re.search(r"\bthan (the )?average\b", text, re.I):  # "make on average": the typical
        # figure (`TYPICAL_FIGURE`), however named; not the bar of "growing faster than average"
        terms -= asked_terms("average median mean", vocabulary, corpus)
    return Analysis(text, kind, roles, wants, parts, unknown, terms, profile, lacks, besides, towards)


# Two things weighed: "pipeline welders ... than shipyard welders", "ptce or excpt", "aerospace vs motor vehicle parts".
_SIDES = re.compile(r"(?P<a>[\w'&/ -]+?)\s+(?:vs\.?|versus|or|than|compared (?:to|with))\s+(?P<b>[\w'&/ -]+)", re.I)
# What a comparison of figures asks with, not the things it weighs ("make more", "costs less"), and the small words
# a thing's name may hold ("slps in hospitals").
_WEIGHING = "make made earn pay paid salary cost take more less higher lower longer shorter cheaper bigger"
_WITHIN = frozenset(["in", "at", "of", "for", "the", "a", "an", "on"])


def compared_things(text: str, vocabulary: Vocabulary, corpus: CorpusWords) -> tuple[tuple[str, frozenset], ...]:
    """The two things a question weighs that are not roles, each as (its words as typed, their terms): ("pipeline
    welders", {"pipeline"}) and ("shipyard welders", {"shipyard"}) of "do pipeline welders make more than shipyard
    welders"; ("ptce", ...) and ("excpt", ...) of "which one costs more to take, ptce or excpt". Empty when the sides
    name different roles (the roles are weighed), or a side names nothing, or more than three things."""
    weighing = asked_terms(_WEIGHING, vocabulary, corpus) | asking_stems()
    # a role's last word (not "school" of "school counselor": "slps in schools")
    role_words = {words(r.name)[-1] for r in vocabulary.roles}
    for clause in re.split(r"[,;:?!.]", text):
        found = _SIDES.search(clause)
        if not found:
            continue
        sides, roles = [], []
        for side, backwards in ((found.group("a"), True), (found.group("b"), False)):
            tokens = words(side)
            named = {i for m in vocabulary.mentions(side) for i in range(m.start, m.end)}
            # a thing's word: asked, not a role's nor its clip ("techs" of pharmacy technicians)
            asked = [
                n not in named
                and bool(asked_terms(w, vocabulary, corpus) - weighing)
                and not any(r.startswith(w.rstrip("s")) for r in role_words)
                for n, w in enumerate(tokens)
            ]
            order = list(range(len(tokens)))[:: -1 if backwards else 1]
            # the thing's words next to the connector: "pipeline welders" of "do pipeline welders make more"
            start = next((n for n in order if asked[n] or n in named), None)
            if start is None:
                return ()
            run = []
            for n in order[order.index(start) :]:
                if not (asked[n] or n in named or tokens[n] in _WITHIN):
                    break
                run.append(n)
            run = sorted(run)
            while run and tokens[run[0]] in _WITHIN:
                run.pop(0)
            thing = [tokens[n] for n in run if asked[n]]
            if not thing or len(thing) > 3:
                return ()
            sides.append((" ".join(tokens[n] for n in run), asked_terms(" ".join(thing), vocabulary, corpus)))
            roles.append(set(vocabulary.roles_in(side)))
        if (roles[0] and roles[1] and roles[0] != roles[1]) or sides[0][1] & sides[1][1]:
            return ()
        return tuple(sides)
    return ()


def is_list_question(text: str) -> bool:
    """Whether the question asks for items: tools, skills, certifications, steps ..."""
    return _LIST.search(text) is not None


def listed_thing(text: str) -> str | None:
    """The items a list question asks for, as it says them: "tools", "degree"."""
    found = _LIST.search(text)
    return found.group(0) if found else None


def has_figure(text: str, wants: str | None) -> bool:
    return bool(wants) and FIGURES[wants].search(text) is not None
