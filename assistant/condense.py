"""Make a follow-up question standalone without an LLM, from the conversation so far."""

from __future__ import annotations

import re

# Roles a guide may compare; each as (pattern, plural name). A follow-up may also name a role
# outside this list ("And what about lawyers?"), which then replaces the previous one as it is.
ROLES = [
    (re.compile(r"\b(?:machine learning|ML) engineer(?P<suffix>s'|'s|s)?(?![\w'])", re.I), "ML engineers"),
    (re.compile(r"\bdata scientist(?P<suffix>s'|'s|s)?(?![\w'])", re.I), "data scientists"),
]
_LEAD_IN = re.compile(
    r"^\s*(and|but|also|so|ok(ay)?|then|now|well)?[\s,]*"
    r"(what|how)\s+about\s+|^\s*(and|but|also|so|then|same for|what of|how about)\b[\s,]*",
    re.I,
)
_PRONOUNS = re.compile(
    r"\b(they|them|their|theirs|it|its|he|she|his|her|"
    r"(this|that|these|those|the same) (job|jobs|role|roles|career|careers|position|field|profession|one))\b",
    re.I,
)
# Words that point back at the conversation: "an example", "the version control one", "anything else".
_POINTING = re.compile(r"\b(an example|examples?|the [\w ]+ one|that|this|those|these|else|too|more about)\b", re.I)
_FILLER = {
    "a", "an", "the", "for", "of", "to", "in", "on", "about", "what", "how", "and", "then", "same", "one",
    "ones", "other", "too", "as", "well", "please", "instead", "role", "roles", "there", "is", "are", "do",
    "does", "tell", "me", "more", "why", "so", "ok", "okay", "also", "thing",
}


def _roles(text: str) -> list[str]:
    return [name for pattern, name in ROLES if pattern.search(text)]


def swap_role(question: str, new_role: str) -> str:
    """The question about `new_role` (a plural) instead, keeping singular mentions singular."""
    singular = new_role[:-1] if new_role.endswith("s") else new_role
    article = "an" if re.match(r"[aeiou]|ML\b", singular, re.I) else "a"

    def replace(match: re.Match) -> str:
        plural = (match.group("suffix") or "").lower() in ("s", "s'")
        name = new_role if plural else singular
        possessive = "'" if match.group("suffix") == "s'" else "'s" if match.group("suffix") == "'s" else ""
        return (f"{article} " if match.group("article") else "") + name + possessive

    for pattern, _ in ROLES:
        question = re.sub(r"(?P<article>\b(an?)\s+)?(?:" + pattern.pattern + ")", replace, question, flags=re.I)
    return question


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9$%,.]+", text.lower())


def is_follow_up(question: str) -> bool:
    """Whether a question leans on the conversation: a lead-in, a pronoun, or almost no words."""
    content = [w for w in _words(question) if w.strip(",.") not in _FILLER]
    return bool(
        _LEAD_IN.match(question) or _PRONOUNS.search(question) or _POINTING.search(question) or len(content) <= 1
    )


def condense(question: str, history: list[dict] | None) -> str:
    """The question rewritten so that it stands alone.

    The last standalone user question gives the topic; the follow-up may swap the role it is about
    ("And what about ML engineers?"), refer to it by a pronoun ("How much do they earn?") or add a
    topic to it ("What about their career path?").
    """
    previous = ""
    for turn in history or []:
        if turn["role"] == "user":
            asked = condense(turn["content"], [{"role": "user", "content": previous}] if previous else None)
            # A remark that names no role ("Okay, that's a bit abstract.") keeps the earlier topic.
            if _roles(asked) or not _roles(previous):
                previous = asked
    question = question.strip()
    if not previous or not is_follow_up(question):
        return question

    rest = _LEAD_IN.sub("", question, count=1).strip()
    rest_words = [w.strip(",.?!") for w in _words(rest)]
    roles_now, roles_before = _roles(rest), _roles(previous)
    topic_words = [w for w in rest_words if w and w not in _FILLER and not any(p.search(w) for p, _ in ROLES)]
    names_a_role = bool(roles_now) or (
        _LEAD_IN.match(question) and 0 < len(topic_words) <= 3 and not _PRONOUNS.search(rest)
    )

    if names_a_role and not _has_own_topic(rest):
        # "And what about ML engineers?": the previous question, about the new role.
        new_role = roles_now[0] if roles_now else rest.rstrip("?!. ")
        if roles_before:
            return swap_role(previous, new_role)
        return f"{previous.rstrip('?!. ')} for {new_role}?"
    subject = " and ".join(roles_before)
    if _PRONOUNS.search(rest) and subject:
        return _capitalised(_PRONOUNS.sub(lambda m: _pronoun_for(m.group(0), subject), rest))
    if topic_words and subject and not roles_now:
        # "What about the job outlook?": the new topic, for the role talked about before.
        return _capitalised(f"{rest.rstrip('?!. ')} for {subject}?")
    if topic_words:
        return _capitalised(rest)
    return previous


_TOPIC_HINTS = re.compile(
    r"\b(earn|salary|salaries|pay|paid|make|tools?|use|skills?|career|path|become|outlook|growth|demand|"
    r"responsib\w*|do|does|job|jobs|work|education|degree|learn|languages?|future|important)\b",
    re.I,
)


def _has_own_topic(rest: str) -> bool:
    return bool(_TOPIC_HINTS.search(swap_role(rest, "")))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pronoun_for(pronoun: str, subject: str) -> str:
    lowered = pronoun.lower()
    if " " in lowered:  # "that job" -> "ML engineers' job"
        return f"{subject}' {lowered.split()[-1]}"
    if lowered in {"their", "theirs", "its", "his", "her"}:
        return f"{subject}'"
    return subject
