"""Each guide's own vocabulary, derived from its text: the roles it compares, their aliases, its topics.

Nothing here knows one guide. A guide's roles come from its title ("ML Engineer vs. Data Scientist") and from the
leaf headings that recur under several sections ("### Data scientist" under earnings, tools, outlook ...); their
aliases from the text ("machine learning (ML) engineers", "penetration testers (pen testers)") and from the name
itself (initials "MLE", "DS"; a user's "ml eng", "data sci" and typos match by prefix and edit distance).
Ingestion derives a `GuideVocabulary` per file and stores it with the index; the assistant reads them back.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9+#/-]*")
_TITLE_SPLIT = re.compile(r"\s+(?:vs\.?|versus|or|compared (?:to|with))\s+", re.I)
# Leaf headings that name no one role: "Both roles", "Overview", "Key differences".
_GENERIC_HEADING = re.compile(
    r"\b(both|all|common|shared|overview|summary|conclusion|introduction|differences?|similarities|faq|"
    r"comparison|compared|vs\.?|versus|which|how|what|why)\b",
    re.I,
)
# ... and of those, the words that make a heading naming one role about more than it: "Data scientists vs. ...".
_SHARED_HEADING = re.compile(
    r"\b(both|all|common|shared|differences?|similarities|comparison|compared|vs\.?|versus|"
    r"between|choos\w*|decid\w*)\b",
    re.I,
)  # "How to Choose Between Nursing and PA School"
_CHOOSE_IF = re.compile(r"\s*choose\b[^,;:]*\bif\b", re.I)  # "Choose Counseling If...": the one role's
_ACRONYM = re.compile(r"\b((?:[A-Za-z][\w-]*\s+){1,4})\(([A-Z][A-Za-z]{1,5})\)")
_PAREN = re.compile(r"\b([A-Za-z][\w -]{2,40}?)\s*\(([^()]{2,120})\)")
_ALIAS_LEAD = re.compile(
    r"^(?:often |also |sometimes |commonly )?(?:called|known as|referred to as|written|"
    r"spelled|aka|or|i\.e\.,?|e\.g\.,?)\s+",
    re.I,
)
_DETERMINERS = frozenset(
    [
        "a",
        "an",
        "the",
        "my",
        "your",
        "their",
        "our",
        "his",
        "her",
        "its",
        "this",
        "that",
        "these",
        "those",
        "both",
        "each",
        "every",
        "any",
        "some",
        "no",
        "and",
        "or",
        "vs",
        "versus",
        "than",
        "as",
        "for",
        "to",
        "of",
        "with",
        "between",
    ]
)
# Verbs and prepositions before a role's last word leave it the guide's role: "do PAs out earn nurses", "hire testers".
_BEFORE_A_ROLE = _DETERMINERS | frozenset(
    [
        "earn",
        "earns",
        "make",
        "makes",
        "pay",
        "pays",
        "paid",
        "become",
        "becoming",
        "hire",
        "hires",
        "hiring",
        "need",
        "needs",
        "like",
        "love",
        "prefer",
        "choose",
        "pick",
        "are",
        "is",
        "be",
        "do",
        "does",
        "did",
        "want",
        "about",
        "from",
        "into",
        "over",
        "under",
        "in",
        "on",
        "at",
        "by",
        "outearn",
        "outearns",
        "out",
        "more",  # "are there more pilot jobs": how many of the role, not a kind of it
        "fewer",
        "most",
        "many",
        "growth",  # "job growth pilots vs controllers": what is asked of the role, not a kind of it
        "outlook",
        "salary",
        "salaries",
        "wage",
        "wages",
        "income",
        "demand",
        # joining words: "which is easier since pilots have no hiring age cap", "more than nurses"
        "since",
        "because",
        "while",
        "whereas",
        "than",
        "unlike",
        "and",
        "or",
        "but",
        "for",
        "with",
        "to",
        "of",
    ]
)
# A word naming a person by what they do: "practitioner", "anesthetist", "technician", "assistant".
_PERSON = re.compile(r"[a-z]{4,}(?:er|or|ist|ian|ant)s?")
# Punctuation between two words: the first does not modify the second ("who earns more, hygienists or assistants").
_CLAUSE_BREAK = re.compile(r"[.,;:()!?|\u2013\u2014]|\s-\s")  # ("|": a table's cells)
# Words before a role's name that say which stage or what of it, not which other role: "senior analyst", "role".
_NOT_A_KIND = frozenset(
    [
        "senior",
        "junior",
        "entry",
        "level",
        "lead",
        "principal",
        "chief",
        "head",
        "staff",
        "new",
        "good",
        "great",
        "best",
        "average",
        "typical",
        "first",
        "role",
        "job",
        "career",
        "time",
    ]
)
_SHORT_WORDS = frozenset(
    [
        "me",
        "us",
        "it",
        "is",
        "as",
        "at",
        "an",
        "am",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "my",
        "no",
        "of",
        "oh",
        "ok",
        "on",
        "or",
        "so",
        "to",
        "up",
        "we",
    ]
)
# Words after a role's leading acronym that leave it standing for the role ("ux vs pm", "ux jobs", "is ml worth
# it"), not for its field as a modifier ("ML models", "UX research").
_AFTER_LEAD = frozenset(
    [
        "vs",
        "versus",
        "or",
        "and",
        "than",
        "job",
        "jobs",
        "role",
        "roles",
        "career",
        "careers",
        "people",
        "person",
        "folks",
        "pros",
        "salary",
        "salaries",
        "pay",
        "position",
        "positions",
        "field",
        "path",
    ]
)
# Words after a role's field that make it the role's work, when only one role has that field: "underwriting jobs".
_WORK_OF_FIELD = frozenset(
    ["employment", "job", "jobs", "career", "careers", "salary", "salaries", "pay", "wages", "openings", "outlook"]
)
# Words after a role's field that leave it the field: "hygiene or assisting which pays more", "is analysis better".
_AFTER_FIELD = _AFTER_LEAD | frozenset(
    ["which", "who", "what", "pays", "makes", "earns", "is", "are", "better", "more", "tho", "though", "lol", "pls"]
)
_ALSO_CALLED = re.compile(
    r"\b(?:also|often|sometimes) (?:called|known as|referred to as)\s+"
    r"((?:[\w/-]+(?:\s+or\s+|\s)?){1,4})",
    re.I,
)


@lru_cache(maxsize=1 << 16)  # every word of every sentence an answer reads, several times
def singular(word: str) -> str:
    """English singular of a plural noun, good enough for role names: analysts, companies, boxes."""
    low = word.lower()
    if low.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if re.search(r"(ss|x|ch|sh)es$", low):
        return word[:-2]
    if low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def plural(phrase: str) -> str:
    head = phrase.split()[-1] if phrase.split() else phrase
    if re.search(r"[^aeiou]y$", head):
        return phrase[:-1] + "ies"
    if re.search(r"(s|x|ch|sh)$", head):
        return phrase + "es"
    return phrase + "s"


def _display(name: str) -> str:
    """A role as it reads mid-sentence: lower case but for acronyms ("ML engineer", "data scientist")."""
    words = name.split()
    return " ".join(w if (w.isupper() and len(w) > 1) or re.search(r"[A-Z].*[A-Z]", w) else w.lower() for w in words)


def _field_cut(head: str) -> int:
    """How many first letters a field's word shares with a role's last word: six ("therapy" of therapist), five of a
    short one ("teaching" of teacher)."""
    return 5 if len(head) <= 7 else 6


def words(text: str) -> list[str]:
    """Lower-case word tokens, for matching a user's text against role names."""
    return [w.lower().strip("-/") for w in _WORD.findall(text)]


def one_edit_apart(a: str, b: str) -> bool:
    """Whether `a` and `b` differ by one insertion, deletion, substitution or swap of neighbours."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# Words that set one role beside another: "... than rn", "... or rn".
_JOINING = frozenset(["than", "vs", "versus", "or", "and", "to", "from", "like", "as", "with", "an", "a"])

# What a role's name adds to the stem of what the role does: tester, auditor, analyst, technician, assistant.
_ROLE_ENDINGS = frozenset(["er", "or", "ist", "ian", "ant", "ent", "ician", "ee", "e"])


@lru_cache(maxsize=1 << 15)
def token_matches(typed: str, name: str) -> bool:
    """Whether a user's word stands for a word of a role name: "eng" for engineer, "sci" or "science" for
    scientist, "enginer" (a typo), "engineering", "security" for cybersecurity."""
    typed, name = singular(typed), singular(name)
    if typed == name or ("/" in typed and sorted(typed.split("/")) == sorted(name.split("/"))):  # "ux/ui", "UI/UX"
        return True
    if len(name) <= 3 or len(typed) <= 2:
        return False
    if typed.endswith("ly") and not name.endswith("ly"):
        return False  # "actually" is how it is said, not the actuary
    if typed.endswith(("man", "men")) and not name.endswith(("man", "men")):
        return False  # "journeyman" is a person of his own, not the journalist
    if name.endswith("e") and typed == name[:-1] + "ing":  # "nursing" for nurse
        return True
    prefix = 0
    for x, y in zip(typed, name, strict=False):
        if x != y:
            break
        prefix += 1
    return (
        prefix == len(name)
        or (prefix == len(typed) and len(typed) >= 3)
        or prefix >= 5
        # "testing" for tester, "hacking" for hacker: a shared stem and the name's own ending (not "paramedic" for
        # paralegal, which share only "para")
        or (prefix >= 4 and min(len(typed), len(name)) >= 6 and name[prefix:] in _ROLE_ENDINGS)
        or (len(typed) >= 6 and name.endswith(typed))
        or (len(typed) >= 5 and one_edit_apart(typed, name))
        or contracted(typed, name)
    )


def contracted(typed: str, word: str) -> bool:
    """Whether a user's word is a word's contraction, its first letter then consonants of it in order ("acct" for
    accountant, "mgmt" for management), or its first two letters then some of the rest when it is no English word
    ("dept" for department)."""
    from lemminflect import getAllLemmas

    if len(typed) < 4 or typed[0] != word[0]:
        return False
    if any(c in "aeiou" for c in typed[1:]) and (typed[:2] != word[:2] or getAllLemmas(typed)):
        return False  # "dept" for department, not "best" or "dubai" for any word
    rest = iter(word[1:])
    return all(c in rest for c in typed[1:])


@dataclass(frozen=True)
class Role:
    """One role (or other entity) a guide describes, with the ways people name it."""

    name: str  # singular, as it reads mid-sentence: "ML engineer"
    source: str
    aliases: tuple[str, ...] = ()  # other names: "machine learning engineer", "MLE"

    @property
    def plural(self) -> str:
        return plural(self.name)

    @property
    def with_article(self) -> str:
        """ "an ML engineer", "a data scientist"."""
        return f"{article(self.name)} {self.name}"

    def forms(self) -> list[list[str]]:
        """Each name of the role as a word list, the longest first."""
        return sorted({tuple(words(n)) for n in (self.name, *self.aliases) if words(n)}, key=len, reverse=True)


def compound_initials(name: str) -> str:
    """The initials of a one-word name made of two English words of four letters or more ("firefighter": "ff"), else
    ""."""
    from lemminflect import getAllLemmas

    word = name.lower()
    if " " in word or len(word) < 8 or not word.isalpha():
        return ""
    for cut in range(4, len(word) - 3):
        if getAllLemmas(word[:cut]) and getAllLemmas(word[cut:]):
            return word[0] + word[cut]
    return ""


def article(name: str) -> str:
    """ "a" or "an" before a name; an acronym is read letter by letter: "an ML engineer", "an SOC analyst"."""
    first = name.split()[0] if name.split() else ""
    if first.isupper() and len(first) > 1:
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[:1].lower() in "aeiou" else "a"


def plural_names(roles: list[Role]) -> str:
    """Roles as a subject: "ML engineers and data scientists"."""
    return " and ".join(r.plural for r in roles)


@dataclass
class GuideVocabulary:
    """What one guide is about: its title, the roles it compares, and its topics (top-level headings)."""

    source: str
    title: str
    roles: list[Role] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str) -> GuideVocabulary:
        data = json.loads(text)
        roles = [Role(r["name"], r["source"], tuple(r.get("aliases", ()))) for r in data.get("roles", [])]
        return cls(data.get("source", ""), data.get("title", ""), roles, list(data.get("topics", [])))


def derive_vocabulary(source: str, title: str, sections: list[str], texts: list[str]) -> GuideVocabulary:
    """The roles, aliases and topics of one guide, from its title, heading paths and text.

    Args:
        source: The guide's name in the index.
        title: Its `#` title ("" when it has none).
        sections: Each chunk's heading path ("Earning potentials > Data scientist").
        texts: Each chunk's text.
    """
    paths = [s.split(" > ") for s in dict.fromkeys(sections) if s and s != title]
    parents: dict[str, set[str]] = {}
    for path in paths:
        if len(path) >= 2:
            parents.setdefault(path[-1].strip().lower(), set()).add(path[-2].strip().lower())
    repeated = [leaf for leaf, above in parents.items() if len(above) >= 2 and not _GENERIC_HEADING.search(leaf)]
    names: list[str] = []
    head = title.split(":")[0]
    from_title = [p.strip(" .,!?") for p in _TITLE_SPLIT.split(head)] if _TITLE_SPLIT.search(head) else []
    titled = [singular(p.split()[-1].lower()) for p in from_title if p.split()]

    def under_roles(leaf: str) -> bool:  # "Typical daily tasks" under "What Does a Paralegal Do?" and its like for
        # the legal secretary: a topic of each role the title names, not a role of its own
        return bool(titled) and all(any(t in map(singular, words(above)) for t in titled) for above in parents[leaf])

    for candidate in from_title + [leaf for leaf in repeated if not under_roles(leaf)]:
        # "Certified Nursing Assistant (CNA)": the name without its abbreviation (an alias, found in the text)
        candidate = re.sub(r"\s*\([^()]*\)", "", candidate).strip()
        name = _display(
            " ".join(singular(w) if n == len(candidate.split()) - 1 else w for n, w in enumerate(candidate.split()))
        )
        if name and 1 <= len(name.split()) <= 4 and not any(_same_role(name, known) for known in names):
            names.append(name)
    text = "\n".join(texts)
    roles = [Role(name, source, tuple(_aliases(name, text))) for name in names]
    topics = list(dict.fromkeys(path[0] for path in paths))
    return GuideVocabulary(source, title, roles, topics)


# Where a guide says a word of a person: "hired as a cop", "so cops earn about $12,040 more".
_SAID_OF_A_PERSON = (re.compile(r"\bas an? ([a-z]{3,})\b"), re.compile(r"\b([a-z]{3,}s) (?:earn|make)s?\b"))


def informal_names(guide: GuideVocabulary, texts: list[str], encode) -> GuideVocabulary:
    """The guide with the informal names it uses for its roles as further aliases ("cop" for police officer): a word
    said of a person whose embedding (`encode`, the index's model) is near one role's name and not the others'."""
    import numpy as np

    from .tuning import TUNING

    if len(guide.roles) < 2:
        return guide
    taken = {singular(w.lower()) for r in guide.roles for n in (r.name, *r.aliases) for w in words(n)}
    found = list(
        dict.fromkeys(
            singular(m.group(1))
            for text in texts
            for pattern in _SAID_OF_A_PERSON
            for m in pattern.finditer(text)
            if singular(m.group(1)) not in taken
        )
    )
    if not found:
        return guide
    vectors = np.asarray(encode(found + [r.name for r in guide.roles]), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    near = vectors[: len(found)] @ vectors[len(found) :].T
    extra: dict[int, list[str]] = {}
    for word, sims in zip(found, near, strict=True):
        best, second = np.sort(sims)[::-1][:2]
        if best >= TUNING.informal_name_similarity and best - second >= TUNING.informal_name_margin:
            extra.setdefault(int(np.argmax(sims)), []).append(word)
    roles = [replace(r, aliases=(*r.aliases, *extra.get(n, []))) for n, r in enumerate(guide.roles)]
    return replace(guide, roles=roles)


def settle_acronyms(guides: list[GuideVocabulary], writes) -> list[GuideVocabulary]:
    """The guides with each acronym that roles of several guides go by left to the roles whose guide writes it
    (`writes(source, acronym)`): "PT" stays with the physical therapist ("Physical therapists (PTs)") and leaves the
    penetration tester, whose guide never writes it (it is only that name's initials). An acronym that every guide
    or none writes stays with every role that has it; initials no guide of theirs writes leave a role when another
    guide writes them as a name of its own ("CAS")."""
    holders: dict[str, list[Role]] = {}
    for guide in guides:
        for role in guide.roles:
            for alias in filter(is_acronym, role.aliases):
                holders.setdefault(alias, []).append(role)
    dropped: set[tuple[Role, str]] = set()
    for acronym, roles in holders.items():
        if len({r.name.lower() for r in roles}) > 1:  # copies of one guide share its acronyms without a conflict
            written = [r for r in roles if writes(r.source, acronym)]
            if written and len(written) < len(roles):
                dropped.update((r, acronym) for r in roles if r not in written)
        # ... and initials its own guide never writes leave a role when another guide writes them, or them with an S,
        # as a name of its own: "CAS" (the Casualty Actuarial Society) is no cybersecurity analysts' "CAs"
        others = {g.source for g in guides} - {r.source for r in roles}
        if any(writes(source, acronym) or writes(source, f"{acronym}S") for source in others):
            dropped.update((r, acronym) for r in roles if not writes(r.source, acronym))
    if not dropped:
        return guides
    return [
        replace(g, roles=[replace(r, aliases=tuple(a for a in r.aliases if (r, a) not in dropped)) for r in g.roles])
        for g in guides
    ]


def is_acronym(alias: str) -> bool:
    """Whether a role's alias is an acronym: "PT", "MLE" (not "pen tester")."""
    return alias.isupper() and " " not in alias


def _same_role(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    return len(wa) == len(wb) and all(token_matches(x, y) for x, y in zip(wa, wb, strict=True))


def _qualifies(word: str) -> bool:
    """Whether a word in brackets after a role's name says which kind of it, not another name ("Police Officer
    (probationary)", "(retired)"): one word that reads as an adjective or a participle, never a noun."""
    from lemminflect import getAllLemmas

    readings = getAllLemmas(word) if " " not in word else {}
    return bool(readings) and "NOUN" not in readings and ("ADJ" in readings or word.endswith("ed"))


def _aliases(name: str, text: str) -> list[str]:
    """Other names of a role found in the guide: expansions of its acronyms, parenthesised and "also called"
    names, and its initials."""
    found: list[str] = []
    expansions: list[str] = []
    name_words = name.split()
    for match in _ACRONYM.finditer(text):
        before, acronym = match.group(1).split(), match.group(2)
        expansion = before[-len(acronym) :] if len(before) >= len(acronym) else []
        if expansion and "".join(w[0] for w in expansion).lower() == acronym.lower() and acronym in name_words:
            expansions.append(name.replace(acronym, " ".join(expansion).lower()))
    name_forms = {name.lower(), plural(name).lower()}
    found += _parenthesised(name, text, name_forms, expansions)
    # ... and once more, the role named by an acronym found there: "An SLP (sometimes called a speech therapist)"
    acronyms = {f"{a}{s}".lower() for a in found if a.isupper() for s in ("", "s")}
    found += _parenthesised(name, text, acronyms, expansions) if acronyms else []
    # "UX (user experience) designers": an acronym of the name spelled out after it.
    for acronym in (w for w in name_words if w.isupper() and len(w) >= 2):
        spelled = re.search(rf"\b{re.escape(acronym)}\s*\(([A-Za-z][A-Za-z -]+)\)", text)
        if spelled and _spells(acronym, spelled.group(1)):
            expansions.append(name.replace(acronym, spelled.group(1).strip().lower()))
    # "pen testers, also known as ...", "UX (user experience) designers, sometimes called UI/UX or product designers"
    written = "|".join(
        r"\s+(?:\([^()]*\)\s+)?".join(re.escape(w) for w in form.split()) for form in (plural(name), name)
    )
    for match in re.finditer(rf"\b(?:{written}),?\s", text, re.I):
        also = _ALSO_CALLED.match(text, match.end())
        if also:
            for piece in re.split(r"\s+or\s+|,\s*", also.group(1).strip()):
                piece = re.sub(r"^(an?|the)\s+", "", piece, flags=re.I)
                piece = piece if len(piece.split()) > 1 or len(name_words) == 1 else f"{piece} {name_words[-1]}"
                found.append(_display(" ".join(singular(w) for w in piece.split())))
    found = expansions + found + _contracted(name, text)
    found += _initials(name, expansions)
    found = [a[:-1] if len(a) > 2 and a[:-1].isupper() and a.endswith("s") else a for a in found]  # "PMs": "PM"
    return [a for a in dict.fromkeys(found) if a and a.lower() != name.lower()]


def _contracted(name: str, text: str) -> list[str]:
    """The name with its first words written as their initials, where the guide writes it so: "PR specialist" for
    a public relations specialist ("PR" spelled out nowhere near)."""
    parts = name.split()
    found = []
    for n in range(2, len(parts)):
        initials, rest = "".join(w[0] for w in parts[:n]).upper(), " ".join(parts[n:])
        if re.search(rf"\b{initials}\s+(?i:{re.escape(rest)})", text):
            found.append(f"{initials} {rest}")
    return found


def _agent(word: str) -> tuple[str, ...]:
    """Who does what a word ending in -ing names: "driver" for "driving", "welder" for "welding"."""
    if not word.endswith("ing"):
        return ()
    from lemminflect import getLemma

    lemma = getLemma(word, upos="VERB")[0]
    return (lemma + "r", lemma + "er") if lemma != word else ()


def _initials(name: str, expansions: list[str]) -> list[str]:
    """Initials of the name itself: "DS", "MLE" (not of every alias: "EH"), and of a last word made of two words:
    "UW" for an underwriter, "FF" for a firefighter."""
    from lemminflect import getAllLemmas

    found = [
        "".join(w[0] for w in words(form)).upper()
        for form in [name, *expansions]
        if len(form.split()) >= 2 and not any(w.isupper() for w in form.split())
    ]
    head = words(name)[-1] if words(name) else ""
    parts = [n for n in range(4, len(head) - 3) if getAllLemmas(head[:n]) and "NOUN" in getAllLemmas(head[n:])]
    return found + ([(head[0] + head[parts[0]]).upper()] if len(parts) == 1 else [])


def _parenthesised(name: str, text: str, name_forms: set[str], expansions: list[str]) -> list[str]:
    """Names a parenthesis gives the role: "a cybersecurity analyst (often called a security analyst)", "ATCs (air
    traffic controllers)"."""
    found = []
    name_words = name.split()
    for match in _PAREN.finditer(text):
        outer = match.group(1).strip().lower()
        # "(often called a security analyst, or a SOC analyst when working in a SOC)": each name in it.
        for piece in re.split(r",|;|\bor\b|\band\b", match.group(2)):
            inner = _ALIAS_LEAD.sub("", _ALIAS_LEAD.sub("", piece.strip()))
            inner = (
                re.sub(r"^(an?|the)\s+|\s+(when|who|that|if|in|at|for|with|on|by|among)\b.*$", "", inner, flags=re.I)
                .strip()
                .strip("\"'\u201c\u201d\u2018\u2019")
            )  # '"sparkies" on job sites'

            acronym = inner.rstrip("s") if " " not in inner and inner.rstrip("s").isupper() else ""
            if acronym and not any(_spells(acronym, form) for form in (name, *expansions)):
                continue  # "... Certification of Physician Assistants (NCCPA)": the body's name, not the role's
            if (
                _names_it(outer, name_forms)
                and 1 <= len(inner.split()) <= 3
                and not re.search(r"\d", inner)
                and not _qualifies(inner)
            ):
                found.append(_display(" ".join(singular(w) for w in inner.split())))
        inner = match.group(2).strip().lower()
        alias = " ".join(match.group(1).split()[-len(name_words) :])
        # "ATCs (air traffic controllers)"; not "Median yearly pay (welders)": a name and its other name agree in
        # number, or the other is an acronym
        agrees = inner != plural(name).lower() or alias.lower().endswith("s") or alias.isupper()
        if inner in name_forms and agrees:
            found.append(_display(alias.lower()))
    return found


def _names_it(outer: str, forms: set[str]) -> bool:
    """Whether the words before a parenthesis end with the role's name, not with a kind of it: "a cybersecurity
    analyst (...)", not "associate product manager (APM)"."""
    for form in forms:
        if outer == form or outer.endswith(" " + form):
            before = outer[: len(outer) - len(form)].split()
            return not before or before[-1] in _DETERMINERS or before[-1].endswith(",")
    return False


def _spells(acronym: str, phrase: str) -> bool:
    """Whether a phrase spells an acronym out: each word's first letter ("machine learning": ML), or its letters
    in order from the first ("user experience": UX)."""
    words_, letters = phrase.lower().split(), acronym.lower()
    if "".join(w[0] for w in words_) == letters:
        return True
    joined, at = "".join(words_), 0
    for letter in letters:
        at = joined.find(letter, at) + 1
        if at == 0:
            return False
    return joined[:1] == letters[:1] and len(words_) <= len(letters)


# What makes a person of a field's word: "design" + "er", "account" + "ant", "art" + "ist".
_AGENT_SUFFIXES = frozenset(["er", "or", "ist", "ian", "ant", "ent", "r"])


@dataclass(frozen=True)
class Mention:
    role: Role
    start: int  # word positions in the text's `words()`
    end: int


class Vocabulary:
    """The roles of every indexed guide, and where a text names them."""

    def __init__(self, guides: list[GuideVocabulary]) -> None:
        self.guides = {g.source: g for g in guides}
        self.roles = [r for g in guides for r in g.roles]
        # documents that compare no roles of their own (uploaded notes): they may say any guide's words and roles
        self.notes = frozenset(g.source for g in guides if not g.roles)
        self.name_words = frozenset(singular(w) for r in self.roles for w in words(r.name))  # "data", "engineer" ...
        heads: dict[str, list[Role]] = {}
        for role in self.roles:
            heads.setdefault(singular(words(role.name)[-1]), []).append(role)
        # A role's last word alone names it when no other role shares that word: "testers", "scientists".
        self._heads = {h: rs[0] for h, rs in heads.items() if len(rs) == 1}
        # A last word several roles share names the one of the guide whose other role the text names: "assistant"
        # beside "hygienist" is the dental assistant, not the physician assistant.
        self._shared_heads = {h: rs for h, rs in heads.items() if len(rs) > 1}
        # Every name's last word, a clipped one's too ("tech" of "vet tech"): "techs" beside "pharmacists" is the
        # pharmacy technician, the one role of the pharmacists' guide whose name ends in a word "techs" stands for.
        self._ends: dict[str, set[Role]] = {}
        for role in self.roles:
            for form in role.forms():
                self._ends.setdefault(singular(form[-1]), set()).add(role)
        leads: dict[str, list[Role]] = {}
        for role in self.roles:
            firsts = {n.split()[0] for n in (role.name, *role.aliases) if len(n.split()) > 1}
            for first in firsts:
                if first.isupper() and 2 <= len(first) <= 4:
                    leads.setdefault(first.lower(), []).append(role)
        # A role's leading acronym alone names it when no other role starts with it: "ux" for UX designer, "pr" for
        # the public relations specialist its guide calls a "PR specialist".
        self._leads = {w: rs[0] for w, rs in leads.items() if len(rs) == 1 and w not in _SHORT_WORDS}
        self._forms = sorted(((len(f), role, f) for role in self.roles for f in role.forms()), key=lambda c: -c[0])
        # A one-word name made of two words goes by their initials: "ff" (or "ffs") for firefighter.
        initials: dict[str, list[Role]] = {}
        for role in self.roles:
            if found := compound_initials(role.name):
                initials.setdefault(found, []).append(role)
        self._initials = {i: rs[0] for i, rs in initials.items() if len(rs) == 1 and i not in _SHORT_WORDS}
        # A role's first word, when long enough to name a field: "financial" (analyst), not "ML" or "air".
        self._firsts = [
            (w[0], r) for r in self.roles if len(w := words(r.name)) > 1 and len(w[0]) >= 6 and w[0].isalpha()
        ]
        self._seen: dict[str, list[Mention]] = {}  # guide sentences are read for every question
        self._form_words = {w for _, _, form in self._forms for w in form}
        self._words_of: dict[str, frozenset[str]] = {}  # see `_stands_for`
        self._typed_heads: dict[str, Role | None] = {}  # see `_head_of`

    def compares(self, source: str) -> bool:
        """Whether a document is a guide comparing roles of its own, not an uploaded note (nor unknown here)."""
        return source in self.guides and source not in self.notes

    def mentions(self, text: str, among: frozenset[str] = frozenset()) -> list[Mention]:
        """The roles a text names, in order, each mention once (longest name first). `among`: the guides a
        conversation is about, whose roles a word shared or clipped names as if the text named one ("and techs?")."""
        if among:
            return self._mentions(text, among)
        found = self._seen.get(text)
        if found is None:
            found = self._mentions(text)
            if len(self._seen) < 1 << 16:
                self._seen[text] = found
        return found

    def _mentions(self, text: str, among: frozenset[str] = frozenset()) -> list[Mention]:
        tokens = words(text)
        spans = [m.span() for m in _WORD.finditer(text)]
        taken = [False] * len(tokens)
        found: list[Mention] = []
        match = [self._stands_for(t) for t in tokens]
        present = set(tokens).union(*match)
        for size, role, form in self._forms:
            acronym = size == 1 and form[0].upper() in role.aliases and len(form[0]) <= 2
            if not (acronym and form[0] + "s" in present) and not all(w in present for w in form):
                continue  # a form none of whose words the text has, as typed or as `token_matches` reads them
            for start in range(len(tokens) - size + 1):
                if any(taken[start : start + size]):
                    continue
                if acronym:  # "DS", "ds": not when it is also a common word ("me", "us", "it")
                    ok = tokens[start] in (form[0], form[0] + "s") and (
                        tokens[start] not in _SHORT_WORDS or re.search(rf"\b{form[0].upper()}s?\b", text) is not None
                    )
                else:
                    ok = all(form[i] in match[start + i] for i in range(size))
                    ok = ok and (size > 1 or len(form[0]) > 3 or tokens[start] in (form[0], form[0] + "s"))
                if ok:
                    # "insurance uw": the name's own word before its acronym is part of the mention
                    lead = start - (
                        acronym and start > 0 and not taken[start - 1] and tokens[start - 1] in words(role.name)[:-1]
                    )
                    found.append(Mention(role, lead, start + size))
                    taken[lead : start + size] = [True] * (start + size - lead)
        for start, token in enumerate(tokens):
            # The head alone matches as written or with one typo ("scientsts"), not as a stem ("testing"), and not
            # after a word that makes it another role ("data engineer" is not the guide's "ML engineer").
            role = self._head_of(token)
            lead = start
            if (
                role
                and start
                and not taken[start - 1]
                and any(token_matches(tokens[start - 1], w) for w in words(role.name)[:-1])
            ):
                lead = start - 1  # "elem teachers": the elementary school teacher, a middle word left out
            elif role and start and not taken[start - 1] and not self._alone(tokens, spans, text, start):
                role = None
            if role and self._another_person(tokens, start):
                role = None  # "nurse practitioners": not the guide's nurse
            if role and not taken[start]:
                found.append(Mention(role, lead, start + 1))
                taken[lead : start + 1] = [True] * (start + 1 - lead)
        sources = {m.role.source for m in found} | among
        for start, token in enumerate(tokens):
            sharing = self._shared_heads.get(singular(token), [])
            # "nursing assistants": the one sharer whose name has the word before it (the certified nursing assistant)
            named_by = [
                r for r in sharing if start and not taken[start - 1] and tokens[start - 1] in words(r.name)[:-1]
            ]
            if len(named_by) == 1 and not taken[start] and not self._another_person(tokens, start):
                found.append(Mention(named_by[0], start - 1, start + 1))
                taken[start - 1 : start + 1] = [True, True]
                continue
            of_guide = [r for r in sharing if r.source in sources]
            if not of_guide and not taken[start] and sources and singular(token) not in self._heads:
                clipped = {r for r in self._clipped(singular(token)) if r.source in sources}
                of_guide = list(clipped) if len(clipped) == 1 else []
            if (
                len(of_guide) == 1
                and not taken[start]
                and (not start or self._alone(tokens, spans, text, start))
                and not self._another_person(tokens, start)  # "nurse practitioner vs pa": no registered nurse
            ):
                found.append(Mention(of_guide[0], start, start + 1))
                taken[start] = True
            elif not of_guide and not taken[start] and (not start or self._alone(tokens, spans, text, start)):
                found += self._pair(tokens, start, taken)
        for start, token in enumerate(tokens):
            role = self._leads.get(token)
            before = tokens[start - 1] if start else ""  # (or set against another: "journalism or pr, which fits me")
            beside = start + 1 == len(tokens) or tokens[start + 1] in _AFTER_LEAD or before in ("or", "vs", "versus")
            if role and not taken[start] and beside:
                found.append(Mention(role, start, start + 1))
                taken[start] = True
        for start, token in enumerate(tokens):
            role = self._initials.get(token) or self._initials.get(token[:-1] if token.endswith("s") else "")
            if role and not taken[start]:
                found.append(Mention(role, start, start + 1))
                taken[start] = True
        found += self._fields(tokens, spans, text, taken, found)
        found.sort(key=lambda m: m.start)
        # "im a data scientist rn", "how many rad techs are there in the us rn": chat's "right now" after another
        # guide's role (at once, or closing the message), not the registered nurse ("... than rn" is one)
        return [
            m
            for n, m in enumerate(found)
            if not (
                n
                and (m.start == found[n - 1].end or (m.end == len(tokens) and tokens[m.start - 1] not in _JOINING))
                and m.end == m.start + 1
                and len(tokens[m.start]) == 2
                and text[spans[m.start][0] : spans[m.start][1]].islower()
                and m.role.source != found[n - 1].role.source
            )
        ]

    def _pair(self, tokens: list[str], start: int, taken: list[bool]) -> list[Mention]:
        """A last word several roles share, set beside the last word of one of their partners' names: "tech vs
        assistant" is the vet tech and the veterinary assistant, where "assistant" alone is no one of three. Both
        mentions, if exactly one guide's pair fits."""
        pairs = []
        for role in self._shared_heads.get(singular(tokens[start]), []):
            for other in self.partner(role):
                ends = {singular(form[-1]) for form in other.forms()}
                at = [n for n, t in enumerate(tokens) if n != start and not taken[n] and singular(t) in ends]
                pairs += [(role, other, at[0])] if at else []
        if len({(a, b) for a, b, _ in pairs}) != 1:
            return []
        role, other, at = pairs[0]
        taken[start] = taken[at] = True
        return [Mention(role, start, start + 1), Mention(other, at, at + 1)]

    def _clipped(self, word: str) -> set[Role]:
        """The roles a name of which ends in this word or in a longer one it clips: "tech" ("vet tech", "pharmacy
        technician", "radiologic technologist"); a clip of four letters at least ("con" is no controller), and not
        the field the name is made from ("design" of "designer", "account" of "accountant")."""
        found = set(self._ends.get(word, ()))
        if len(word) >= 4:
            found.update(
                r
                for end, roles in self._ends.items()
                if end.startswith(word) and end[len(word) :] not in _AGENT_SUFFIXES
                for r in roles
            )
        return found

    def _head_of(self, token: str) -> Role | None:
        """The role whose last word, unshared, a typed word is, as written or with one typo ("scientsts")."""
        if token in self._typed_heads:
            return self._typed_heads[token]
        alone = singular(token)
        role = self._heads.get(alone) or next(
            (r for h, r in self._heads.items() if len(token) >= 6 and one_edit_apart(alone, h)), None
        )
        if len(self._typed_heads) < 1 << 16:
            self._typed_heads[token] = role
        return role

    def _stands_for(self, token: str) -> frozenset[str]:
        """The words of the roles' names that a typed word stands for (`token_matches`), once per word."""
        found = self._words_of.get(token)
        if found is None:
            found = frozenset(w for w in self._form_words if token_matches(token, w))
            if len(self._words_of) < 1 << 16:
                self._words_of[token] = found
        return found

    def _fields(self, tokens, spans, text: str, taken: list[bool], found: list[Mention]) -> list[Mention]:
        """A role's field, a word sharing the first letters of its last word ("hygiene or assisting", "analysis"): taken
        only beside another mention of its guide's roles, so "i like analysis" names no analyst, or after a word of
        the role's own name ("elementary teaching")."""
        loose: list[tuple[int, list[Role]]] = []
        for start, token in enumerate(tokens):
            named_before = start > 0 and tokens[start - 1] in self.name_words  # "elementary teaching"
            if (
                taken[start]
                or len(token) < 6
                or (start and not self._alone(tokens, spans, text, start) and not named_before)
            ):
                continue  # "data analysis": another thing
            after = tokens[start + 1] if start + 1 < len(tokens) else ""
            if (
                after.isalpha()
                and after not in _AFTER_FIELD | _WORK_OF_FIELD
                and not named_before  # ("elementary teaching license")
                and not _CLAUSE_BREAK.search(text[spans[start][1] : spans[start + 1][0]])
            ):
                continue  # "code or design screens": a thing done to something, not the field
            agent = _agent(token)  # "driving": a driver's work
            roles = [
                r
                for h, rs in [*((h, [r]) for h, r in self._heads.items()), *self._shared_heads.items()]
                if len(h) >= 6
                and singular(token) != h
                and (singular(token)[: _field_cut(h)] == h[: _field_cut(h)] or h in agent)
                for r in rs
            ]
            roles += [  # or of its first word: "finance" for financial analyst
                r for first, r in self._firsts if singular(token)[:6] == first[:6] and r not in roles
            ]
            if roles:
                loose.append((start, roles, after))
        # (a field word said twice counts once: "OT school shorter than PT school" names no school counselor)
        fields = {singular(tokens[start]): roles for start, roles, _ in loose}
        named = [m.role.source for m in found] + [r.source for roles in fields.values() for r in roles]
        out = []
        for start, roles, after in loose:
            beside = [r for r in roles if named.count(r.source) >= 2]  # its guide named elsewhere too
            # ... or after a word of the role's own name: "elementary teaching" (the elementary school teacher's)
            own = [r for r in roles if start and tokens[start - 1] in words(r.name)[:-1] and not taken[start - 1]]
            if len(own) == 1:
                out.append(Mention(own[0], start - 1, start + 1))
            elif len(beside) == 1:
                out.append(Mention(beside[0], start, start + 1))
            elif len(roles) == 1 and after in _WORK_OF_FIELD:  # "is underwriting employment expected to grow"
                out.append(Mention(roles[0], start, start + 1))
        return out

    @staticmethod
    def _alone(tokens: list[str], spans: list[tuple[int, int]], text: str, start: int) -> bool:
        """Whether the word before a role's last word leaves it the role: a verb or preposition ("do PAs out earn"),
        or punctuation between them ("who earns more, testers"); not another role's word ("data engineer")."""
        return tokens[start - 1] in _BEFORE_A_ROLE or _CLAUSE_BREAK.search(text[spans[start - 1][1] : spans[start][0]])

    def _another_person(self, tokens: list[str], start: int) -> bool:
        """Whether a role's last word is followed by a word naming a person that no guide's role name has: "nurse
        practitioners", "nurse anesthetist" are other roles than the guide's nurse."""
        after = tokens[start + 1] if start + 1 < len(tokens) else ""
        if after in _AFTER_LEAD or after in _WORK_OF_FIELD:
            return False  # "underwriter career": the role's career, not a "career" person
        return bool(_PERSON.fullmatch(after)) and singular(after) not in self.name_words

    def unlisted(self, text: str) -> list[str]:
        """Roles a text names that no guide describes, by a guide role's last word after another word: "data
        engineer" beside the guide's "ML engineer"."""
        tokens = words(text)
        taken = {i for m in self.mentions(text) for i in range(m.start, m.end)}
        found = []
        for n, token in enumerate(tokens):
            modifier = tokens[n - 1] if n else ""
            # "data engineer", "software architect": a singular modifier ("requirements analyst" is not a role)
            if (
                n
                and n not in taken
                and n - 1 not in taken
                and (singular(token) in self._heads or singular(token) in self._shared_heads)  # ("therapist")
                and modifier not in _BEFORE_A_ROLE | _NOT_A_KIND
                and singular(modifier) == modifier
                and not (modifier.endswith("ed") and len(modifier) > 5)  # "the recommended counselor ratio"
            ):
                found.append(f"{tokens[n - 1]} {token}")
            elif (
                n not in taken
                and (singular(token) in self._heads or singular(token) in self._shared_heads)
                and self._another_person(tokens, n)
            ):
                found.append(f"{token} {tokens[n + 1]}")  # "nurse practitioners"
        return found

    def sharers(self, text: str) -> tuple[str, list[Role]]:
        """A last word several roles share, typed alone in a text naming no role (as typed), and those roles: "how much
        do nurses make", with a registered nurse's guide and a licensed practical nurse's indexed, could be about
        either; "what do therapists do", the physical and the occupational, about one guide's two. ("", []) when the
        text names a role (which picks the guide), or when a word before makes the last word someone else ("travel
        nurses") or a word after does ("nurse practitioners")."""
        if self.mentions(text):
            return "", []
        tokens = words(text)
        spans = [m.span() for m in _WORD.finditer(text)]
        for n, token in enumerate(tokens):
            # ... or a clip of several roles' last words: "techs" (veterinary, pharmacy technician; radiologic
            # technologist), typed as a person ("techs", "a tech"; not "i love tech")
            person = token.endswith("s") or (n and tokens[n - 1] in ("a", "an", "the"))
            clipped = sorted(self._clipped(singular(token)), key=self.roles.index) if len(token) > 3 and person else []
            roles = self._shared_heads.get(singular(token)) or (clipped if len(clipped) > 1 else [])
            # ... unless a word of one of their names tells which: "aspen dental pay its assistants"
            hinted = [r for r in roles if set(words(r.name)[:-1]) & set(tokens)]
            roles = hinted if len(hinted) == 1 else roles
            if roles and (not n or self._alone(tokens, spans, text, n)) and not self._another_person(tokens, n):
                return token, roles
        return "", []

    def roles_in(self, text: str, among: frozenset[str] = frozenset()) -> list[Role]:
        """The distinct roles a text names, in order of first mention (`among`: as in `mentions`)."""
        return list(dict.fromkeys(m.role for m in self.mentions(text, among)))

    def role_of(self, source: str, section: str) -> Role | None:
        """The one role a section is about, by its last heading that names exactly one of its guide's roles."""
        for heading in reversed(section.split(" > ")):
            named = {r for r in self.roles_in(heading) if r.source == source} or self.fields_in(heading, source)
            shared = _SHARED_HEADING.search(heading) and not _CHOOSE_IF.match(heading)  # ("Choose Teaching If...")
            if len(named) == 1 and not shared:  # "How to become a physician assistant"
                return named.pop()
            if named or _GENERIC_HEADING.search(heading):
                return None
        return None

    def fields_in(self, heading: str, source: str | None = None) -> set[Role]:
        """The roles (of one guide, or any) whose field a heading names: "Choose Counseling If..." (school counselor),
        "Choose Teaching If..." (elementary school teacher): a word sharing all but the last two letters of the role's
        last word, five at least."""
        found = set()
        for role in (r for r in self.roles if source is None or r.source == source):
            head = singular(words(role.name)[-1])
            stem = head[: max(5, len(head) - 2)]
            if any(w != head and singular(w) != head and w.startswith(stem) for w in words(heading)):
                found.add(role)
        return found

    def partner(self, role: Role) -> list[Role]:
        """The other roles of the same guide."""
        guide = self.guides.get(role.source)
        return [r for r in (guide.roles if guide else []) if r != role]
