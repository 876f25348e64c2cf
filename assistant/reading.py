"""How the writer reads one guide sentence: its figures and their units, the parts that give each role's, an
alternative ("a degree, an online course, or a bootcamp"), a negation, a defined term, a list item's label.
Pure text rules, no model: `assistant.extractive` plans an answer with them."""

from __future__ import annotations

import re
from functools import lru_cache

from .analysis import FIGURES, readings
from .sentences import LIST_SENTENCE
from .tuning import TUNING
from .vocabulary import _spells, words

# After a figure: it is a difference, not a level ("a hygienist earns about $41,000 more per year than an assistant",
# "about $1,800 a year in favor of machinists"); not "$125,000 or more".
GAP_AFTER = re.compile(r"\s*(?!or\b)(?:[\w-]+\s+){0,2}?(?:more|less|higher|lower|fewer|in favou?r of)\b", re.I)
# A pay figure by the hour, in a sentence that gives none by the year ("Median hourly pay: ... $22.38").
HOURLY = re.compile(r"\b(hourly|per hour|an hour|a hour)\b|/\s?hr\b", re.I)
ANNUAL = re.compile(r"\b(year\w*|annual\w*|salar\w*)\b", re.I)


def gap_only(text: str, wants: str) -> bool:
    """Whether every figure of the kind in a sentence is a difference ("$41,000 more per year than an assistant")."""
    found = list(FIGURES[wants].finditer(text)) if wants in FIGURES else []
    return bool(found) and all(GAP_AFTER.match(text, m.end()) for m in found)


def leads_with_gap(text: str, wants: str) -> bool:
    """Whether a sentence's first figure of the kind is a difference: "The median heavy equipment operator earns $4,000
    more a year than the median truck driver, ... the best-paid 10% of operators earn more than $94,150" gives no
    median."""
    found = FIGURES[wants].search(text) if wants in FIGURES else None
    return found is not None and GAP_AFTER.match(text, found.end()) is not None


def hourly_only(text: str) -> bool:
    """Whether a sentence's pay is by the hour only: not "VAs earned a median of $36,440, or about $17.52 an hour",
    whose first figure is by the year though it never says so."""
    if HOURLY.search(text) is None or ANNUAL.search(text) is not None:
        return False
    return all(
        ((per := PER.search(text[m.end() : m.end() + 20])) and per.group(2) == "hour") or number_of(m.group(0)) < 1000
        for m in FIGURES["money"].finditer(text)
    )


PER = re.compile(r"^\s*(per|a|an|each) (year|month|week|day|hour)\b", re.I)
BY_YEAR = re.compile(r"\s+(?:by|until|through)\s+((?:19|20)\d\d)\b")
# Numbers written as words, which count things too ("The exam has four sections").
NUMBER_WORDS = {
    w: n
    for n, w in enumerate(
        ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], 2
    )
}
COUNT = re.compile(
    r"\b\d+(?:,\d{3})*(?:\.\d+)?(?:\s+(?:million|billion|thousand))?|\b(?:"
    + "|".join(NUMBER_WORDS)
    + r")\b(?=\s+[a-z])",
    re.I,
)
UNITS = {
    "year": 1,
    "month": 1 / 12,
    "week": 1 / 52,
    "day": 1 / 365,
    "hour": 1 / 8760,
    "minute": 1 / 525600,
    "million": 1e6,
    "billion": 1e9,
    "thousand": 1e3,
}
# What follows a number that makes it no count of things: a share, a range's other end of a year ("2023-2033"), a
# ratio ("four times as many").
# ... or a proportion ("9 out of 10 vet techs", "1 in 5").
_NOT_A_COUNT = re.compile(
    r"\s?(%|percent\b|[-\u2013]\s?(19|20)\d\d\b|out of \d|in \d+\b(?! ?(?:19|20)\d\d)|times\b)", re.I
)  # (nor a ratio: "four times as many openings")
_OF_A_PROPORTION = re.compile(r"\b(\d+|one)\s+(out of|in)\s*$", re.I)
_A_YEAR = re.compile(r"(19|20)\d\d")
_TIME_AFTER = re.compile(
    r"(\s?(-|to|\u2013)\s?(\d[\d,]*|[a-z]+))?(\s+|-)(years?|months?|weeks?|days?|hours?|minutes?)\b", re.I
)


def _counts(text: str, match: re.Match) -> bool:
    """Whether a number in a text counts things ("259,200 PTs", "1,500 hours of flight time"): not a year, a share,
    a sum of money, nor a span of time ("2 to 4 years", "40 to 50 hours a week", "30 weeks")."""
    if _NOT_A_COUNT.match(text, match.end()) or _A_YEAR.fullmatch(match.group(0)):
        return False
    if match.group(0)[:1].isdigit() and _OF_A_PROPORTION.search(text[max(0, match.start() - 16) : match.start()]):
        return False  # the 10 of "9 out of 10"
    if text[: match.start()].rstrip().endswith(("$", "€", "£")):
        return False
    time = _TIME_AFTER.match(text, match.end())
    return not time or number_of(match.group(0)) >= 100  # hours by the hundred are counted ("1,000 to 2,000 hours")


NUMBER = re.compile(r"[$€£]?\s?(\d[\d,]*(?:\.\d+)?)\s?([KkMm])?\b")


# What a "how many" question counts: its words up to the next verb or preposition ("how many flight hours do u need",
# "which one has more openings each yr").
_COUNT_ENDS = (
    r"do|does|did|are|is|was|were|can|could|will|would|should|in|on|at|for|to|of|per|a|an|the|there|have|has|work|"
    r"get|need|each|than|or|and|every"
)
_HOW_MANY = re.compile(rf"\b(?:how many|more)\s+((?:(?!(?:{_COUNT_ENDS})\b)[\w-]+\s*){{1,3}})", re.I)


def counted(question: str) -> str:
    """The words of what a question counts ("flight hours", "pts"), or ""."""
    found = _HOW_MANY.search(question)
    return found.group(1).strip() if found else ""


def count_of(text: str, match_words, match_label, after: int = 2) -> bool:
    """Whether a count in a text is of what `match_words(words)` recognises among the few words after it ("259,200
    PTs", "1,500 hours of total flight time"), or `match_label(words)` in the label of its row ("Number of jobs:")."""
    label = text.split(":", 1)[0].split() if ":" in text else []

    def labelled(m: re.Match) -> bool:  # "Number of jobs: 259,200", or a row's cell: "...; Number employed: 342,400"
        cell = _CELL_LABEL.search(text[: m.start()])
        return match_label(cell.group(1).split()[-4:]) if cell else ":" in text[: m.start()] and match_label(label[-4:])

    return any(
        _counts(text, m) and (match_words(text[m.end() :].split()[:after]) or labelled(m)) for m in COUNT.finditer(text)
    )


# The label of a table row's cell just before its figure: "Number employed" of "...; Number employed: about 342,400".
_CELL_LABEL = re.compile(r"(?:^|;\s)([^;:]+):\s*(?:about |around |roughly |nearly |over |some )?$")


def figure_value(
    text: str,
    wants: str,
    stage: str | None = None,
    end: str | None = None,
    hourly: bool = False,
    unit: str = "",
    counted: str = "",
) -> tuple[str, float] | None:
    """The figure of the wanted kind in a sentence, as written and as a number ("$95K" -> 95000): the first after
    the asked stage's word when the sentence has it ("... while senior UX designers often earn $125,000"), the
    highest or lowest of a range when asked for an `end` ("high", "low"), the hourly one when asked `hourly` and the
    sentence has one ("$87,530, or about $42.08 per hour"), the count of what is `counted` when one is followed by its
    word ("about 15,400 openings", not the "222,600 rad techs" before it), else the first."""
    at = re.search(rf"\b{re.escape(stage[:5])}", text, re.I) if stage else None
    pattern = COUNT if wants == "count" else FIGURES[wants]
    found = [m for m in pattern.finditer(text) if not GAP_AFTER.match(text, m.end())]  # not "$41,000 more than"
    if wants == "count":
        found = [m for m in found if _counts(text, m)]
    if counted and wants == "count":
        stem = counted.lower()[:5]
        found = [m for m in found if any(w.lower().startswith(stem) for w in text[m.end() :].split()[:2])] or found
    if unit and wants == "duration":  # "how many hours of ...": the span in hours ("8,000 hours"), if it has one
        found = [m for m in found if re.search(rf"\b{unit}", m.group(0), re.I)] or found
    if hourly and wants == "money":
        by_hour = [m for m in found if (per := PER.search(text[m.end() : m.end() + 20])) and per.group(2) == "hour"]
        found = by_hour or found
    if end and len(found) >= 2:
        valued = [(m, number_of(m.group(0))) for m in found]
        found = [(max if end == "high" else min)(valued, key=lambda mv: mv[1])[0]]
    match = next((m for m in found if at and m.start() >= at.start()), found[0] if found else None)
    if not match:
        return None
    if match.group(0).lower() in NUMBER_WORDS:  # "four sections"
        return match.group(0), float(NUMBER_WORDS[match.group(0).lower()])
    number = NUMBER.search(match.group(0))
    spelled = next((NUMBER_WORDS[w] for w in match.group(0).lower().split() if w in NUMBER_WORDS), None)
    if not number and spelled is None:
        return None
    value = float(number.group(1).replace(",", "")) if number else float(spelled)  # ("four months")
    value *= {"k": 1e3, "m": 1e6}.get((number.group(2) or "").lower(), 1) if number else 1
    before = text[max(0, match.start() - 40) : match.start()]
    signed = wants == "percent" and (re.search(r"(?<![\d\w])[-\u2212\u2013]\s?$", before) or _FALLING.search(before))
    if signed:  # "-3% (decline)", "projected to decline 1%": a fall, not 3% growth
        value = -value
    unit = re.search(r"(year|month|week|day|hour|minute|million|billion|thousand)", match.group(0), re.I)
    value *= UNITS.get(unit.group(1).lower(), 1) if unit else 1  # "27 months" against "2 to 4 years"
    upper = _MONEY_RANGE_END.match(text, match.end()) if wants == "money" else None
    if wants == "money" and not upper and _BETWEEN.search(text[: match.start()]):  # "between $68,000 and $78,000"
        upper = _MONEY_AND_END.match(text, match.end())  # (written "$68,000 to $78,000")
    # "7 months to 2 years": a span's other end in another unit is written with it
    upper = upper or (_SPAN_END.match(text, match.end()) if wants == "duration" else None)
    written = match.group(0).strip() + (upper.group(0) if upper else "")  # "$36,000-$40,000": the range as written
    written = re.sub(r"\s+and\s+(?=[$€£])", " to ", written)
    end_at = upper.end() if upper else match.end()
    per = PER.search(text[end_at : end_at + 20])
    by = BY_YEAR.match(text, match.end())  # "16% by 2033": the figure's horizon goes with it
    unit = per.group(2).lower() if per else ""
    written = f"-{written}" if signed else written
    return written + (f" {'an' if unit.startswith('hour') else 'a'} {unit}" if per else "") + (
        f" by {by.group(1)}" if by and wants == "percent" else ""
    ), value


# Words before a share that make it a fall: "projected to decline 1%", "a drop of about 2%".
_FALLING = re.compile(
    r"\b(declin\w*|decreas\w*|drop\w*|fall\w*|fell|shrink\w*|shrank|los[es]\w*)\s+"
    r"(?:by |of )?(?:about |roughly |around |nearly )?$",
    re.I,
)
# The rest of a span after its first figure, in another unit: " to 2 years" of "7 months to 2 years".
_SPAN_END = re.compile(r"\s?(?:[-\u2013]|to)\s?\d+(?:\.\d+)?\s(?:years?|months?|weeks?|days?|hours?)\b", re.I)
# The rest of a pay range after its first figure: "-$40,000" of "$36,000-$40,000", " to $85,000".
_MONEY_RANGE_END = re.compile(r"\s?(?:[-\u2013]|to)\s?[$€£]\d[\d,]*(?:\.\d+)?(?:\s?[KkMm](?![A-Za-z]))?")
# ... and after "between": " and $78,000" of "between $68,000 and $78,000".
_BETWEEN = re.compile(r"\bbetween\s+(?:about\s+|roughly\s+)?$", re.I)
_MONEY_AND_END = re.compile(r"\s+and\s+[$€£]\d[\d,]*(?:\.\d+)?(?:\s?[KkMm](?![A-Za-z]))?")


def number_of(figure: str) -> float:
    """A figure's number, as written: "$95K" -> 95000; 0 if it has none."""
    number = NUMBER.search(figure)
    if not number:
        return 0.0
    return float(number.group(1).replace(",", "")) * {"k": 1e3, "m": 1e6}.get((number.group(2) or "").lower(), 1)


def difference(a: float, b: float, wants: str, written: str, other: str = "") -> str:
    """How much more the higher figure is, as a reader says it: "about $2,830 more", "5 percentage points more"; of
    two ranges of money, end for end ("$2.00 to $5.00" against "$1.00 to $2.50": "$1.00 to $2.50 more")."""
    ends = [[number_of(m.group(0)) for m in NUMBER.finditer(w)] for w in (written, other)]
    if wants == "money" and all(len(e) == 2 for e in ends):
        low, high = sorted(abs(x - y) for x, y in zip(ends[0], ends[1], strict=True))
        if low != high:
            return f"{_money_gap(low, written)} to {_money_gap(high, written).removeprefix('about ')} more"
    gap = abs(a - b)
    if wants == "percent":
        return f"{gap:g} percentage point{'' if gap == 1 else 's'} more"
    return f"{_money_gap(gap, written)} more"


def _money_gap(gap: float, written: str) -> str:
    """A gap in the figure's own style: "about $33,120", "$19.70" (of "$42.08 an hour"), "$4"."""
    symbol = written[0] if written[0] in "$€£" else ""
    if gap >= 1000:
        return f"about {symbol}{gap:,.0f}"
    if symbol and "." in written:  # "$42.08 an hour" against "$22.38": "$19.70 more"
        return f"{symbol}{gap:.2f}"
    return f"{symbol}{gap:g}"


# Figures a comparison weighs, and the parts of a sentence that give one role's: a table row's cells, "..., while".
WEIGHED = ("money", "percent", "duration", "count")
CLAUSES = re.compile(r",\s*(?:while|whereas|but|and)\s+|;\s+")
GAP = re.compile(r"\b(more|less|higher|lower|fewer|ahead of|behind)\b", re.I)
# Where a sentence's part about one role ends: "...; ", ", while ", ". ", and " and " before the next figure
# ("about 259,200 PTs and about 149,000 OTs").
PARTS = re.compile(
    r";\s+|,\s+(?:while |whereas |but )?|\.\s+|"
    r"\s+and\s+(?=(?:(?:about|around|roughly|nearly|almost|over|some|only)\s+)?[$€£]?\d)"
)
# A comparison of what the roles do ("the difference in what they do day to day"): each role's own sentence, not the
# guide's one sentence setting them apart.
DUTIES = re.compile(
    r"\bwhat (they|\w+s) (actually )?do\b|\bday[- ]to[- ]day\b|\bdaily\b|\bduties\b|\bresponsibilit", re.I
)
# Words that name what the roles are, not a topic of theirs: "the key difference between the two roles".
ROLE_WORDS = frozenset({"rol", "role", "roles", "job", "jobs", "career", "careers", "position", "positions"})
CONTRAST = re.compile(r"\b(while|whereas|unlike|but|however|in contrast|on the other hand|differ\w*|opposite)\b", re.I)
EXAMPLE = re.compile(r"(For example|For instance|E\.g\.|As an example)\b", re.I)
# The evidence says the opposite of the question's premise: "Pen testing is rarely an entry-level job".
NEGATION = re.compile(r"\b(not|no|never|rarely|seldom|hardly|without|isn't|aren't|doesn't|don't|cannot|can't)\b", re.I)


NOT_REQUIRED = re.compile(
    r"\bor (an? )?equivalent\b|\bnot (always |strictly )?(required|necessary|needed)\b|"
    r"\b(do|does) not (strictly |necessarily )?need\b|\b(don'?t|doesn'?t) (strictly |necessarily )?need\b|"
    r"\boptional\b|\bwithout (a|an|any) (degree|certification)\b",
    re.I,
)
# "Can I skip ...?", "... instead of ...": answered "No" by evidence that it is still needed.
SKIPPING = re.compile(r"\b(skip|instead of|without|just do|replace|avoid)\b", re.I)
STILL_NEEDED = re.compile(
    r"\b(still|also) (need|needs|have to|has to|must|require)|\bdoes not replace\b|"
    r"\bis not a substitute\b|\bcannot replace\b|\bnot without\b",  # "Yes, but not without additional training"
    re.I,
)
# A question asking whether the least is enough: "straight out of college", "with just a masters", "is a 4 yr
# bachelors enough", "with no experience".
MINIMAL = re.compile(
    r"\b(straight|right|fresh) (out of|after|from)\b|\bwith (just|only)\b|\benough\b|\bno experience\b|"
    r"\b(right|straight) away\b|\bimmediately\b|"  # "can i just go for that right away"
    r"\bwithout (any )?(experience|a degree|going back)\b",
    re.I,
)
# ... which a sentence answers no when it asks for more: "the CISSP requires 5 years of paid security experience".
ASKS_MORE = re.compile(
    r"\b(requires?|need|needs|must have|at least|minimum of|longer|extra|additional|more than)\b[^.;]*\d|"
    r"\b(rarely|seldom) an? entry[- ]level\b|"  # "Pen testing is rarely an entry-level job"
    r"\b(spend|spends|spent|work|works)\b[^.;]*\d[^.;]*\bbefore\b",  # "spend 2 to 4 years in IT ... before"
    re.I,
)
# The asker's age: "im 32 can i still apply", "is 34 too old", "37 years old".
_ASKER_AGE = re.compile(
    r"\b(?:i'?m|i am|is|at)\s+(\d{2})\b(?!\s*(?:%|k\b|percent|hours|hrs|weeks|months|years? of))|"
    r"\b(\d{2})\s*(?:years? old|yrs? old|yo|y/o)\b",
    re.I,
)
_AGED = re.compile(r"\b(old|young|age|ages|aged|too late|still apply|cutoff|cut-off|limit)\b", re.I)
# An age bound in a sentence: below which one may start ("under 31", "cap the age of new hires at 35"), from which one
# may ("age 18 or older", "at least 21"), or none ("no upper age limit", "no hiring age cap").
_AGE_UNDER = re.compile(
    r"\b(?:under|younger than|before (?:age |the age of |your |their |turning )?)(\d{2})(?:st|nd|rd|th)?\b|"
    r"\bcap\w*\b[^.;]*?\bat (\d{2})\b|"
    r"\b(?:no older than|maximum (?:hiring )?age (?:of |is )?)(\d{2})\b",
    re.I,
)
_NOT_YEARS_OF_AGE = (
    r"(?!\s*(?:%|percent|(?:days?|weeks?|months?|hours?|minutes?|credits?|questions?|points?)\b|years?\b(?! old)))"
)
_AGE_FROM = re.compile(
    rf"\b(?:age (\d{{2}}) or older|at least (\d{{2}})\b{_NOT_YEARS_OF_AGE}|(\d{{2}}) or older|"
    r"minimum age (?:of |is )?(\d{2}))\b|"
    r"(?<!at )\bage (\d{2})(?=[,;])|"  # "Meet the basics: age 21, US citizenship", not "retire at age 56,"
    rf"\b(?:must|have to|need to) be (\d{{2}})\b{_NOT_YEARS_OF_AGE}",  # "You must be 21 to drive across state lines"
    re.I,
)
_NO_AGE_LIMIT = re.compile(
    r"\bno (?:upper |maximum )?(?:age limit|hiring age cap|age cap|maximum age|upper limit)\b", re.I
)
_SOME = re.compile(r"\b(many|most|some|often|usually|typically|vary|varies)\b", re.I)


def asker_age(question: str) -> int | None:
    """The age an asker gives of themselves in a question about age ("im 32 can i still apply"), else None."""
    found = _ASKER_AGE.search(question)
    if not found or not (_AGED.search(question) or re.search(r"\b(can|could) i\b", question, re.I)):
        return None
    age = int(found.group(1) or found.group(2))
    return age if 14 <= age <= 80 else None


def age_bound(sentence: str) -> re.Match | None:
    """Where a sentence states an age bound, if it does."""
    return _NO_AGE_LIMIT.search(sentence) or _AGE_UNDER.search(sentence) or _AGE_FROM.search(sentence)


_MEASURE = re.compile(r"\b(score|gpa|grade|mark|age)s?\b|\bhow (old)\b", re.I)


def states_measure(question: str, sentence: str) -> bool:
    """Whether a sentence states the measure a question asks the number of: an age bound for "how old" or "min age",
    else the measure's word ("what score do u need": "you need a 600 to pass" beside "Scores are reported ...")."""
    asked = {m.group(1) or m.group(2) for m in _MEASURE.finditer(question)}
    if asked & {"age", "old"} and (age_bound(sentence) or re.search(r"\bages?\b", sentence, re.I)):
        return True
    measures = asked - {"age", "old"}
    if "score" in measures and re.search(r"\bpass(es|ing)?\b", sentence, re.I):
        return True  # "Passing requires a score of at least 70%", "you need a 600 to pass"
    return any(re.search(rf"\b{w}s?\b", sentence, re.I) for w in measures)


def upper_age_bound(sentence: str) -> bool:
    """Whether a sentence bounds how old one may be (or says there is no such bound)."""
    return bool(_NO_AGE_LIMIT.search(sentence) or _AGE_UNDER.search(sentence))


def age_verdict(sentence: str, age: int) -> str | None:
    """ "Yes", "No" or "Often not" for an asker of this age, by a sentence's age bound; None when it states none."""
    if _NO_AGE_LIMIT.search(sentence):
        return "Yes"
    under = _AGE_UNDER.search(sentence)
    if under:
        bound = int(next(g for g in under.groups() if g))
        return ("Often not" if _SOME.search(sentence) else "No") if age >= bound else "Yes"
    least = _AGE_FROM.search(sentence)
    if least:
        return "Yes" if age >= int(next(g for g in least.groups() if g)) else "No"
    return None


# A guide saying it does not cover something: "Outside linemen ... are a separate occupation and are not covered".
NOT_COVERED = re.compile(
    r"\bnot (?:covered|included|described|discussed)\b|"
    r"\b(?:does not|doesn't|do not|don't) (?:cover|include|describe)\b|\boutside (?:the )?scope\b",
    re.I,
)
_AFTER = re.compile(r"\b(after|before|following|once)\s+(?:the |a |an |your |their )?(\w+)", re.I)


def only_after(sentence: str, asked: frozenset[str]) -> bool:
    """Whether the asked words a sentence has all come right after "after" or "before" ("two to three years after the
    academy"): a span of something else, measured from what was asked about."""
    from .retrieval import terms

    found = asked & terms(sentence)
    if not found:
        return False
    pointed = {t for m in _AFTER.finditer(sentence) for t in terms(m.group(2))}
    return found <= pointed


# A sentence that gives its own verdict: "In most states, yes."; "No. Apprenticeships have no upper age limit".
# ("Not in most states.", "In most states, yes; a handful of states leave ...")
SAYS_SO = re.compile(r"^(yes|no|not|usually not|rarely)\b|\b(yes|no)(?:[.!]?$|(?=;))", re.I)
# A verdict opening a sentence: "Yes: ...", "No, not necessarily: ...", "No, ...", the guide's own "No. ...".
VERDICT = re.compile(r"^(yes|no|neither|often not|often, yes|usually not)(\b[^:.]{0,20}:|[:,.])\s+", re.I)
# A sentence that is a verdict, answering a yes/no question of the guide's own: "Yes, but only for intrastate driving."
VERDICT_OPENS = re.compile(r"^(yes|no)\b[,.!:;]", re.I)
BELOW = frozenset(["under", "below", "less than", "at most", "fewer than"])
NEED = re.compile(r"\b(need|needs|required?|requires|must|have to|has to|necessary|mandatory)\b", re.I)
# What a role asks of whoever does it, beyond "need": a thing it cannot be done without ("nurses deal with blood",
# "comfortable with ladders and heights"), read against what the asker would avoid or lacks.
DEMANDS = re.compile(
    rf"{NEED.pattern}|\b(deals? with|comfortable (with|\w+ing)|involves?|expect|exposed to|lets? you avoid|spends?)\b",
    re.I,
)


def covers(lacks: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a sentence's words have what the asker would avoid: each word of it, up to two ("public speaking" is
    not "public money"), spelled alike to a suffix ("meet": "meetings"; not "week": "weekends")."""
    found = [t for t in lacks if any(forms_of_one(w, t) for w in words)]
    return bool(lacks) and len(found) >= min(2, len(lacks))


# Words before a thing that say one goes without it: "prefer judgment calls over heavy math", "without a long exam".
_SPARED = re.compile(r"\b(over|without|no|not|less|little|fewer|avoid\w*|instead of|rather than|away from)\s+", re.I)


def spares(text: str, lacks: frozenset[str]) -> bool:
    """Whether a sentence says its role goes without what the asker would avoid ("... and prefer judgment calls over
    heavy math" for "hate heavy math"): the avoided words within three after a word of going without."""
    for m in _SPARED.finditer(text):
        after = words(text[m.end() :])[:3]
        if any(forms_of_one(w, t) or w == t for w in after for t in lacks):
            return True
    return False


def forms_of_one(a: str, b: str) -> bool:
    """Whether two words of four letters or more are forms of one ("renew" and "renewal", "full" and "fully")."""
    return min(len(a), len(b)) >= 4 and (_alike(a, b) or _alike(b, a))


def _alike(word: str, stem: str) -> bool:
    """Whether a word is the stem with a suffix that makes another form of it."""
    return word.startswith(stem) and _FORM_SUFFIX.fullmatch(word[len(stem) :]) is not None


_FORM_SUFFIX = re.compile(r"(?:e?s|e?d|ings?|e?rs?|ions?|ations?|ments?|ly|al|ic|ive|ity|ities)?")


# A span that is the whole of a way in, not one step of it: "All told, becoming a licensed CPA usually takes 5 to 7
# years".
TOTAL = re.compile(r"\b(all told|in total|altogether|from start to finish|end to end|all in all)\b", re.I)
# A sentence that holds for every role alike ("neither job lets you avoid blood"): no role is ruled out by it.
EVERY_ROLE = re.compile(r"\b(neither|both|either|all of them|whichever)\b", re.I)


def head(question: str, term: str, asked: list[str]) -> str:
    """The asked word a question's `term` qualifies, if the next word is asked too: "degree" in "a design degree"."""
    from .retrieval import tokenize

    stems = tokenize(question)
    at = stems.index(term) if term in stems else -1
    return stems[at + 1] if 0 <= at < len(stems) - 1 and stems[at + 1] in asked else term


def one_of_several(sentence: str, term: str) -> bool:
    """Whether the asked word is one of alternatives in the sentence: "a bachelor's or master's degree"."""
    from .retrieval import tokenize

    if NOT_REQUIRED.search(sentence):  # "Bachelor's in computer science, or equivalent experience"
        return True
    for word in re.finditer(r"[\w'+#/-]+", sentence):
        if term in tokenize(word.group(0)):
            # An item of an "a, b, or c" list in its own clause: "a degree, an online course, or a bootcamp";
            # "a bachelor's or master's degree" (not "Typical degree: ... design, HCI, or psychology").
            return bool(OR_AFTER.match(sentence, word.end()) or OR_BEFORE.search(sentence, 0, word.start()))
    return False


OR_AFTER = re.compile(r"(?:,\s*[^,.;:()]{1,30}?)*,?\s+or\b")
OR_BEFORE = re.compile(r"\bor\s+(?:[\w'-]+\s+){0,2}$")


@lru_cache(maxsize=1 << 14)
def defines(sentence: str, asked: frozenset[str]) -> bool:
    """Whether a sentence defines an asked term: "Splunk is a SIEM (security information and event management)
    platform ...", "Kubernetes is a container platform ..."."""
    for word in surface(sentence, set(asked)):
        if re.search(rf"(^|[\s:]){re.escape(word)}s?\s+(\(|is an?\b|are\b|refers to\b|means\b)", sentence):
            return True
        spelled = re.search(rf"((?:[\w'-]+\s+){{1,8}})\({re.escape(word)}s?\)", sentence)
        if spelled:  # "Associate product manager (APM)", "Bachelor of Science in Nursing (BSN)"; not "bachelor's (BSN)"
            before = [w for w in spelled.group(1).split() if w.lower() not in SMALL_WORDS]
            if any(_spells(word, " ".join(before[-k:])) for k in range(1, len(before) + 1)):
                return True
    return False


def negates(sentence: str, term: str) -> bool:
    """Whether a negation stands in the few words before the asked word: "is rarely an entry-level job"."""
    from .retrieval import tokenize

    tokens = re.findall(r"[\w'+#/-]+|[.;:,]", sentence.lower())
    at = next((n for n, t in enumerate(tokens) if term in tokenize(t)), None)
    if at is None:
        return False
    if any(NEGATION.fullmatch(t) for t in [t for t in tokens[:at] if t != ","][-4:]):
        return True
    # ... or one that heads a list of three or more the word is in: "they cannot perform ..., create ..., or give IV
    # push medications" (not "They do not need a degree, and can work in hospitals or clinics")
    clause = []
    for t in reversed(tokens[max(0, at - TUNING.negated_list_words) : at]):
        if t in ".;:" or t in _TURNS:
            break
        clause.append(t)
    negation = next((n for n, t in enumerate(clause) if NEGATION.fullmatch(t)), None)
    return negation is not None and clause[:4].count(",") + ("or" in clause[:4]) >= 2 and clause.count(",") >= 2


# Words that turn a clause: a negation before them does not reach past them ("No CDL is required ..., but many ...").
_TURNS = frozenset(["but", "while", "whereas", "although", "though", "however", "yet"])
SMALL_WORDS = frozenset(["of", "in", "and", "the", "for", "to", "&"])  # not spelled in an acronym
YES_NO_FILLER = frozenset(
    {
        "need",
        "use",
        "know",
        "requir",
        "require",
        "learn",
        "work",
        "tool",
        "skill",
        "do",
        "doe",
        "involv",
        "involve",
        "usual",
        "usually",
        "typical",
        "typically",
        "good",
        "important",
        "become",
        "becom",
        "get",
        "start",
        "job",
        "role",
        "career",
    }
)
# A myth and the fact that answers it, as one sentence: "Myth: You need a CDL to run heavy equipment: Fact: No CDL is
# required to operate a machine on a job site, ..." (the fact is the evidence, not the myth).
MYTH = re.compile(r"^\W*myth\W*:\s*.+?\bfact\W*:\s*(?P<fact>.+)$", re.I)
# ... or as two: "Myth: You need a math degree to become an actuary." then "Fact: You need the math, not the degree."
MYTH_ALONE = re.compile(r"^\W*myth\W*:", re.I)
FACT = re.compile(r"^\W*fact\W*:\s*(?P<fact>.+)$", re.I)


def surface(text: str, stems: set[str]) -> list[str]:
    """The words of a sentence as written whose stems are among `stems`: "C++" for "c++"."""
    from .retrieval import tokenize

    return [w for w in re.findall(r"[A-Za-z0-9][\w+#/.-]*[\w+#]|[A-Za-z0-9]", text) if set(tokenize(w)) & stems]


def shares(asked: frozenset[str], words: frozenset[str]) -> bool:
    """Whether a text has one of the asked words, or a longer form of one ("tech": "technologies")."""
    return bool(asked & words) or any(w.startswith(a) for a in asked if len(a) >= 3 for w in words)


def list_parts(text: str) -> tuple[str, list[str]]:
    """A list-naming sentence ("The path in: apprentice, journeyman, master: Apprentice; Journeyman; Master.") as its
    intro and its items: the items start after the last ": " before the first "; " (an intro may hold a colon)."""
    first = text.find("; ")
    at = text.rfind(": ", 0, first if first >= 0 else len(text))
    if at < 0:
        return text.rstrip("."), []
    return text[:at], [item.strip() for item in text[at + 2 :].rstrip(".").split("; ")]


# A comparison a yes/no question makes ("slower than average") and the guide's ("faster than the average", or the
# same: "about as fast as average").
COMPARED = re.compile(
    r"\b(slower|faster|higher|lower|more|less|fewer|longer|shorter|better|worse|larger|smaller|bigger)\s+than\b|"
    r"\b(above|below)\s+(?:the\s+)?average\b|"
    r"\b(as)\s+(?:fast|quickly|high|much|many|long|well|good|large)\s+as\b",
    re.I,
)
# A question that weighs a role against the average: its evidence is the role's sentence that does too.
AGAINST_AVERAGE = re.compile(r"\b(than|above|below|as)\s+(?:the\s+)?(?:national\s+)?average\b", re.I)
OPPOSITE = {
    "slower": "faster", "higher": "lower", "more": "less", "fewer": "more", "longer": "shorter", "better": "worse",
    "larger": "smaller", "bigger": "smaller", "above": "below",
}  # fmt: skip
OPPOSITE |= {b: a for a, b in OPPOSITE.items()} | {"less": "more", "smaller": "larger"}


def against(question: str, evidence: str) -> bool | None:
    """Whether the evidence compares the other way from the question (True: "slower than average?" - "faster than the
    average"), the same way (False), or neither compares (None)."""
    asked = {next(filter(None, m.groups())).lower() for m in COMPARED.finditer(question)}
    said = {next(filter(None, m.groups())).lower() for m in COMPARED.finditer(evidence)}
    if not asked or not said:
        return None
    if asked & said:
        return False
    if "as" in said:  # "faster than average?" - "about as fast as average": neither faster nor slower
        return True
    return True if any(OPPOSITE.get(word) in said for word in asked) else None


# An amount of time a question names: "24 hour shifts", "3 years".
_AMOUNT = re.compile(r"\b(\d+(?:\.\d+)?)[\s-]?(hours?|days?|weeks?|months?|years?)\b", re.I)


def other_amount(question: str, evidence: str) -> bool:
    """Whether the evidence gives other amounts of the unit the question asks one of: "24 hour shifts?" - "8, 10, or
    12-hour shifts" (not "24 hours on, 48 hours off")."""
    asked = {(m.group(1), m.group(2).lower().rstrip("s")) for m in _AMOUNT.finditer(question)}
    if not asked:
        return False
    said = re.findall(r"\b(\d+(?:\.\d+)?)[\s-]?(hour|day|week|month|year)s?\b", evidence, re.I)
    numbers_of = {unit for _, unit in asked}
    same_unit = {(x, u.lower()) for x, u in said if u.lower() in numbers_of}
    listed = {x for x in re.findall(r"\b\d+(?:\.\d+)?\b", evidence)}
    return bool(same_unit) and not any(x in listed for x, _ in asked)


def item_label(text: str) -> str:
    """The label a list item's sentence carries ("Certifications: ..." -> "Certifications"), or ""."""
    label, sep, rest = text.partition(": ")
    return label if sep and rest[:1].isupper() and len(label.split()) <= 6 else ""


def without_label(text: str) -> str:
    """A list item's sentence without its label ("Advancing to senior roles: Most analysts ..." -> "Most analysts
    ..."), when what follows is a sentence of its own; a list-naming sentence keeps its intro."""
    label, _, rest = text.partition(": ")
    if rest[:1].isupper() and len(label.split()) <= 6 and not LIST_SENTENCE.search(text):
        return rest
    return text


def lower_first(text: str) -> str:
    """A sentence's first word in lower case, to go on after a clause ("This" -> "this"; "ML", "TorchServe" and a
    singular name no dictionary has, "California", stay; not "Sonographers")."""
    from .retrieval import STOPWORDS

    first = text.split(" ", 1)[0]
    word = re.sub(r"('s)?[,;:]?$", "", first).lower()
    named = first[:1].isupper() and word.isalpha() and not word.endswith("s") and not readings(word)
    named = named and word not in STOPWORDS
    return (
        text
        if named or (len(first) > 1 and (first.isupper() or first[1:] != first[1:].lower()))
        else (text[:1].lower() + text[1:])
    )


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _initials(letters: str, spelled: list[tuple[str, bool]]) -> bool:
    """Whether words give an abbreviation's letters in order, each word the next one or more from its start ("Ph" of
    "Pharmacy" in "CPhT"); a small word, or a later part of a hyphenated one, may give none ("Speech-Language-Hearing"
    is the "S" of "ASHA"). `spelled`: each word, and whether it may give none."""
    if not spelled:
        return not letters
    (word, optional), rest = spelled[0], spelled[1:]
    if optional and _initials(letters, rest):
        return True
    if letters[:1] == "x" and word.lower().startswith("ex") and _initials(letters[1:], rest):  # "user eXperience"
        return True
    n = 0
    while n < min(len(word), len(letters)) and word[n].lower() == letters[n]:
        n += 1
        if _initials(letters[n:], rest):
            return True
    return False


@lru_cache(maxsize=1 << 14)  # a definition's every candidate sentence is read for it
def spelled_out(sentence: str, abbreviation: str) -> tuple[str, str] | None:
    """What a sentence says an abbreviation stands for, as (the abbreviation as written, its words): "RPh (registered
    pharmacist)" and "Speech-Language Pathologist (SLP)" spell theirs out; "An SLP (sometimes called a speech
    therapist)" does not, nor does one word ("An audiologist (AuD)": the degree)."""
    letters = re.sub(r"[^a-z]", "", abbreviation.lower())

    def spells(spelled: list[str]) -> bool:
        parts = [(p, n > 0 or p.lower() in SMALL_WORDS) for w in spelled for n, p in enumerate(w.split("-")) if p]
        # (of two words or more, or of one hyphenated: "over-the-road (OTR)"; not "An audiologist (AuD)")
        named = sum(p.lower() not in SMALL_WORDS for p, _ in parts)
        return len(letters) > 1 and named > 1 and _initials(letters, parts)

    escaped = re.escape(abbreviation)
    for m in re.finditer(rf"\b({escaped})\s*\(([^()]{{3,80}})\)", sentence, re.I):
        if spells(m.group(2).split()):
            return m.group(1), m.group(2).strip()
    # "... (LVN)", or "... a licensed vocational nurse, or LVN"
    for pattern in (
        rf"((?:[\w'-]+\s+){{1,12}})\(({escaped})s?\)",  # (and its plural: "documents (PRDs)")
        rf"((?:[\w'-]+\s+){{0,7}}[\w'-]+),?\s+or\s+({escaped})\b",
    ):
        for m in re.finditer(pattern, sentence, re.I):
            before = m.group(1).split()
            for k in range(1, len(before) + 1):  # the fewest words that spell it
                if before[-k].lower() not in SMALL_WORDS and spells(before[-k:]):
                    return m.group(2), " ".join(before[-k:])
    return None
