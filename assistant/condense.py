"""Make a follow-up question standalone without an LLM, from the conversation so far.

The roles come from the indexed guides' `Vocabulary` (no role is named in the code). A follow-up may name another
role ("And what about pen testers?"), point back at the roles talked about ("Who do they usually work with?",
"why that tool though?") or add a topic ("What about the job outlook?").
"""

from __future__ import annotations

import re

from .analysis import ASKING, ASKS, ASKS_GAP, PHRASING, readings
from .vocabulary import Role, Vocabulary, plural_names, words
from .vocabulary import article as indefinite

_LEAD_IN = re.compile(
    r"^\s*(and|but|also|so|ok(ay)?|then|now|well)?[\s,]*"
    r"(what|how)\s+about\s+|^\s*(ok(ay)?[\s,]+)?(and|but|also|so|then|what of|how about|"
    r"same(?: (?:q|qs|question|questions|thing))?(?: but)? for)\b[\s,]*",  # "same q but for welders"
    re.I,
)
_PRONOUNS = re.compile(
    r"\b(they|them|their|theirs|he|she|his|her|"
    r"(this|that|these|those|the same) (job|jobs|role|roles|career|careers|position|field|profession|one))\b",
    re.I,
)
# Words that point back at the conversation: "an example", "that tool", "anything else".
_POINTING = re.compile(
    r"\b(an example|examples?|the [\w ]+ one|that|this|those|these|it|its|else|too|"
    r"more about|the two|both of them|either)\b",
    re.I,
)
_FILLER = {
    "a",
    "an",
    "the",
    "for",
    "of",
    "to",
    "in",
    "on",
    "about",
    "what",
    "how",
    "and",
    "then",
    "same",
    "one",
    "ones",
    "other",
    "too",
    "as",
    "well",
    "please",
    "instead",
    "role",
    "roles",
    "there",
    "is",
    "are",
    "do",
    "does",
    "tell",
    "me",
    "more",
    "why",
    "so",
    "ok",
    "okay",
    "also",
    "thing",
    "though",
    "though?",
}
_TOPIC_HINTS = re.compile(
    r"\b(earn|salary|salaries|pay|paid|make|tools?|use|skills?|career|path|become|outlook|growth|demand|certs?|"
    r"responsib\w*|do|does|job|jobs|work|education|degree|learn|languages?|future|important|need|who|why|"
    r"how long|how much|which)\b",
    re.I,
)


def _word_spans(text: str) -> list[tuple[int, int]]:
    from .vocabulary import _WORD

    return [m.span() for m in _WORD.finditer(text)]


_SPELLED_OUT = re.compile(r"\s*((stands?|is short|are short)\s+for|means?)\b", re.I)


def with_role_names(text: str, vocabulary: Vocabulary) -> str:
    """`text` with each role named as its guide names it: "ml eng" -> "ML engineer", "soc analysts" ->
    "cybersecurity analysts", "MLE" -> "ML engineer". The model knows the guide's words, not a user's shorthand.

    A field ("data science", "pen testing") keeps its wording: it names the work, not the person.
    """
    spans = _word_spans(text)
    for mention in reversed(vocabulary.mentions(text)):
        if mention.end > len(spans):
            continue
        start, end = spans[mention.start][0], spans[mention.end - 1][1]
        written = text[start:end]
        if written.lower() in (mention.role.name.lower(), mention.role.plural.lower()) or re.search(
            r"(ing|ence|ance|ysis|ism)$", written, re.I
        ):
            continue
        if _SPELLED_OUT.match(text[end:]):  # "what does rph stand for": the letters asked about, kept
            continue
        forms = {form.lower() for form in (mention.role.name, *mention.role.aliases)}
        plural = written.lower().endswith("s") and written.lower() not in forms  # "DS" is one data scientist
        name = mention.role.plural if plural else mention.role.name
        before = text[:start]
        if re.search(r"\b(a|an)\s+$", before, re.I):  # "whats a sparky" -> "whats an electrician"
            found = re.search(r"\b(a|an)(\s+)$", before, re.I)
            word = indefinite(name).capitalize() if found.group(1)[0].isupper() else indefinite(name)
            before = before[: found.start()] + word + found.group(2)
        text = before + name + text[end:]
    return text


def swap_roles(text: str, new: list[Role], vocabulary: Vocabulary) -> str:
    """`text` about the `new` roles instead of the ones it names, in order.

    When fewer roles come than it names, a role of another guide than the first new one is swapped for that
    guide's other roles ("pay diff between ML engineers and data scientists" + "and pen testers?" -> "... between
    penetration testers and cybersecurity analysts"), so that one question never sets two guides' roles side by side.
    """
    named = vocabulary.roles_in(text)
    spare = [r for r in vocabulary.partner(new[0]) if r not in new] if new else []
    plan: list[tuple[Role, str]] = []
    for n, old in enumerate(named):
        if n < len(new):
            plan.append((old, new[n].plural))
        elif new and old.source != new[0].source and spare:
            plan.append((old, spare.pop(0).plural))
    for old, name in reversed(plan):  # from the end, so that earlier spans stay where they are
        text = replace_roles(text, name, vocabulary, only=old)
    return text


def replace_roles(
    text: str, new: str, vocabulary: Vocabulary, keep: Role | None = None, only: Role | None = None
) -> str:
    """`text` with its first mention of a role (other than `keep`; only of `only` when given) about `new` instead,
    in the same number.

    `new` is a plural ("pen testers"); a singular mention ("a data scientist") gets the singular, with its article.
    """
    spans = _word_spans(text)
    for mention in vocabulary.mentions(text):
        if mention.role == keep or (only is not None and mention.role != only) or mention.end > len(spans):
            continue
        start, end = spans[mention.start][0], spans[mention.end - 1][1]
        was_plural = text[start:end].lower().endswith("s")
        name = new if was_plural else _singular_phrase(new)
        before = text[:start]
        article = re.search(r"\b(a|an)\s+$", before, re.I)
        if article:
            before = before[: article.start()] + indefinite(name) + " "
        possessive = text[end : end + 2] == "'s"
        if was_plural and text[end : end + 1] == "'":
            possessive = False
        return before + name + ("'s" if possessive else "") + text[end + (2 if possessive else 0) :]
    return text


def _singular_phrase(plural_phrase: str) -> str:
    from .vocabulary import singular

    parts = plural_phrase.split()
    return " ".join([*parts[:-1], singular(parts[-1])]) if parts else plural_phrase


def is_follow_up(question: str, vocabulary: Vocabulary) -> bool:
    """Whether a question leans on the conversation: a lead-in, a pronoun, a pointer, or almost no words."""
    named = {i for m in vocabulary.mentions(question) for i in range(m.start, m.end)}
    content = [w for n, w in enumerate(words(question)) if w not in _FILLER and n not in named]
    if named and _ASKS_WHAT_IT_IS.match(question) and not (_PRONOUNS.search(question) or _POINTING.search(question)):
        return False  # "what is an ml engineer", "what do pen testers do": a question of its own, not "and ...?"
    return bool(
        _LEAD_IN.match(question) or _PRONOUNS.search(question) or _POINTING.search(question) or len(content) <= 1
    )


# A question asking what a role is or does, whole: "what is an ml engineer", "who are pen testers".
_ASKS_WHAT_IT_IS = re.compile(r"^\s*(what|who)(?:'?s|\s+is|\s+are|\s+does|\s+do)\b", re.I)


# What a follow-up adds to the previous question rather than a new subject: "what about in the uk", "and after tax",
# "what about per hour".
_QUALIFIER = re.compile(
    r"(in|at|on|with|near|outside|inside|after|before|during|within|without|from|under|per)\b", re.I
)


def condense(question: str, history: list[dict] | None, vocabulary: Vocabulary) -> str:
    """The question rewritten so that it stands alone.

    The last standalone user question gives the topic and the roles; the follow-up may swap the role it is
    about ("And what about ML engineers?"), refer to the roles by a pronoun ("How much do they earn?") or add a
    topic to them ("What about their career path?").
    """
    previous = ""
    for turn in history or []:
        if turn["role"] == "user":
            asked = condense(turn["content"], [{"role": "user", "content": previous}] if previous else None, vocabulary)
            # A remark that names no role ("Okay, that's a bit abstract.") keeps the earlier topic.
            if vocabulary.roles_in(asked) or not vocabulary.roles_in(previous):
                previous = asked
    question = question.strip()
    question = _named_back(question, history, vocabulary)
    # A question naming no role, after questions about some, is about them too ("which langs should i learn").
    carries_on = bool(vocabulary.roles_in(previous)) and not vocabulary.roles_in(question)
    if not previous or not (is_follow_up(question, vocabulary) or carries_on):
        return question

    rest = _LEAD_IN.sub("", question, count=1).strip()
    roles_before = vocabulary.roles_in(previous)
    # "and techs?" after the pharmacists: their guide's techs (a short follow-up; "is it worth starting as an assistant
    # first?" after the pay of hygienists and assistants asks something new of them)
    among = frozenset(r.source for r in roles_before) if len(words(rest)) <= 3 else frozenset()
    roles_now = vocabulary.roles_in(rest, among)
    named = {i for m in vocabulary.mentions(rest, among) for i in range(m.start, m.end)}
    topic_words = [w for n, w in enumerate(words(rest)) if w not in _FILLER and n not in named]
    names_a_role = bool(roles_now) or (
        bool(_LEAD_IN.match(question))
        and 0 < len(topic_words) <= 3
        and not _PRONOUNS.search(rest)
        and not ASKS.match(rest)  # "and how fast is each growing?": a question, not a name
    )

    if _LEAD_IN.match(question) and _QUALIFIER.match(rest) and not roles_now:
        # "What about in the UK?": the previous question, with the place, time or condition added.
        return f"{previous.rstrip('?!. ')} {rest.rstrip('?!. ')}?"
    subject = plural_names(roles_before)
    if roles_now and subject and _PRONOUNS.search(rest) and not set(roles_now) & set(roles_before):
        # "Could they later switch to ML engineering?": they are the roles talked about, the role named is new.
        return _capitalised(_PRONOUNS.sub(lambda m: _pronoun_for(m.group(0), subject), rest))
    if names_a_role and not _TOPIC_HINTS.search(without_roles(rest, vocabulary)):
        # "And what about ML engineers?": the previous question, about the new role.
        new = roles_now[0].plural if roles_now else rest.rstrip("?!. ")
        if roles_now and set(roles_now) <= set(roles_before):
            return previous
        if roles_before and roles_now and ASKS_GAP.search(rest) and len(roles_before) == len(roles_now) == 1:
            # "and pilots? whats the gap": the new role's against the one asked about, and by how much
            swapped = swap_roles(previous, roles_now, vocabulary).rstrip("?!. ")
            return f"{swapped} compared to {roles_before[0].plural}, and by how much?"
        if roles_before and roles_now:
            return swap_roles(previous, roles_now, vocabulary)
        if roles_before:
            return replace_roles(previous, new, vocabulary)
        return _name_swapped(previous, rest) or f"{previous.rstrip('?!. ')} for {new}?"
    if _PRONOUNS.search(rest) and subject and not roles_now:
        return _capitalised(_PRONOUNS.sub(lambda m: _pronoun_for(m.group(0), subject), rest))
    if topic_words and subject and not roles_now:
        # "What about the job outlook?", "why that tool though?": the new topic, for the roles talked about before.
        return _capitalised(f"{rest.rstrip('?!. ')} for {subject}?")
    if topic_words:
        return _capitalised(rest)
    return previous


# "how long does it take to get that", "how often do they retake it": a thing done, pointed at.
_DONE_TO_IT = re.compile(r"\b(get|take|retake|pass|earn|renew|need|use|learn)\s+(that|it|this)\b", re.I)
# "how much does it cost", after "Most vet techs must pass the VTNE": the VTNE's cost.
_IT_DOES = re.compile(
    r"\b(does|do|is|did|will|would)\s+(that|it|this)\s+(?=(cost|take|last|involve|require|include|cover)\b)", re.I
)
_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,7}\b")
# "how long do ppl stay at that level", after "Usually associate product manager (APM)": the APM level.
_AT_THAT = re.compile(
    r"\b(at|in|past|beyond|reach|leave)\s+(that|this)\s+(?=(level|stage|step|rank|title|position)\b)", re.I
)


def _named_back(question: str, history: list[dict] | None, vocabulary: Vocabulary) -> str:
    """The thing a follow-up points at, by the name the last answer gave it: "how long does it take to get that",
    after "The main one is the CPA ...": "how long does it take to get the CPA" (an abbreviation that names no role)."""
    pointed = _DONE_TO_IT.search(question) or _AT_THAT.search(question) or _IT_DOES.search(question)
    said = next((t["content"] for t in reversed(history or []) if t["role"] == "assistant"), "")
    if not pointed or not said:
        return question
    first = next((s for s in said.split(". ") if len(s.split()) >= 3), "")  # not the "No." before it
    names = [f"the {m.group(0)}" for m in _ACRONYM.finditer(first) if not vocabulary.roles_in(m.group(0))]
    # ... or the thing the question before asked what it is: "how long does it take" after "whats an lpn to rn bridge"
    asked = next((t["content"] for t in reversed(history or []) if t["role"] == "user"), "")
    defined = _WHAT_IS_A.fullmatch(asked.strip())
    if not names and defined and not _only_roles(defined.group("thing"), vocabulary):
        names = [defined.group("thing")]
    if not names:
        return question
    return f"{question[: pointed.start(2)]}{names[0]}{question[pointed.end(2) :]}"


def _only_roles(text: str, vocabulary: Vocabulary) -> bool:
    """Whether a text's words after its article name roles and nothing else ("a welder"; not "an lpn to rn bridge")."""
    covered = {i for m in vocabulary.mentions(text) for i in range(m.start, m.end)}
    return bool(covered) and covered >= set(range(1, len(words(text))))


# A question asking what a thing is: "whats an lpn to rn bridge", "what is the nnaap".
_WHAT_IS_A = re.compile(r"what(?:'?s| is)\s+(?P<thing>(?:an?|the)\s+[\w'-]+(?:\s+[\w'-]+){0,5})\s*\??", re.I)


# Chat's contractions without their apostrophe, which no dictionary has either: not names.
_CONTRACTIONS = frozenset(["dont", "cant", "wont", "im", "ive", "isnt", "doesnt", "didnt", "youre", "theyre", "whats"])


def _name_swapped(previous: str, rest: str) -> str | None:
    """ "and the cfa?" after "how long does it take to become a cpa?": the earlier question about the name asked now,
    in place of the one it named (a name no dictionary has, as exams and credentials are named); None if either
    message names no such thing, or the earlier one several."""

    from .retrieval import STOPWORDS

    def names(text: str) -> list[str]:
        common = PHRASING | ASKING | _CONTRACTIONS | STOPWORDS
        return [w for w in words(text) if len(w) >= 3 and w.isalpha() and not readings(w) and w not in common]

    new = [w for w in words(rest) if w not in _FILLER]
    old = names(previous)
    if len(new) != 1 or names(rest) != new or len(old) != 1:
        return None
    return re.sub(rf"\b{re.escape(old[0])}\b", new[0], previous, count=1, flags=re.I)


def without_roles(text: str, vocabulary: Vocabulary) -> str:
    spans = _word_spans(text)
    for mention in reversed(vocabulary.mentions(text)):
        if mention.end <= len(spans):
            text = text[: spans[mention.start][0]] + text[spans[mention.end - 1][1] :]
    return text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pronoun_for(pronoun: str, subject: str) -> str:
    lowered = pronoun.lower()
    if " " in lowered:  # "that job" -> "ML engineers' job"
        return f"{subject}' {lowered.split()[-1]}"
    if lowered in {"their", "theirs", "his", "her"}:
        return f"{subject}'"
    return subject
