"""English for templates: verb tenses, questions with the right auxiliary, agreement, articles.

Facts give a subject ("the next CSTO summit") and a verb phrase in the base form ("be
held", "begin", "suspend its participation in the CSTO"); these helpers turn them into
"The next CSTO summit will be held …" and "When will the next CSTO summit be held?".

Only the first word of a verb phrase is inflected. A small table covers the irregular
verbs news reports use; a general inflection library was measured and left out: `inflect`
took 17 s to import here and `lemminflect` 1.9 s (it loads NumPy), against a few
milliseconds for this module, on a command whose first question should appear at once.
"""

from __future__ import annotations

import re

Tense = str  # "past", "present" or "future"

# base -> (past simple, past participle)
_IRREGULAR: dict[str, tuple[str, str]] = {
    "be": ("was", "been"), "become": ("became", "become"), "begin": ("began", "begun"),
    "break": ("broke", "broken"), "bring": ("brought", "brought"), "build": ("built", "built"),
    "buy": ("bought", "bought"), "choose": ("chose", "chosen"), "come": ("came", "come"),
    "cut": ("cut", "cut"), "do": ("did", "done"), "draw": ("drew", "drawn"),
    "fall": ("fell", "fallen"), "find": ("found", "found"), "forbid": ("forbade", "forbidden"),
    "freeze": ("froze", "frozen"), "get": ("got", "got"), "give": ("gave", "given"),
    "go": ("went", "gone"), "grow": ("grew", "grown"), "have": ("had", "had"),
    "hold": ("held", "held"), "keep": ("kept", "kept"), "know": ("knew", "known"),
    "lead": ("led", "led"), "leave": ("left", "left"), "let": ("let", "let"),
    "lose": ("lost", "lost"), "make": ("made", "made"), "meet": ("met", "met"),
    "pay": ("paid", "paid"), "put": ("put", "put"), "rise": ("rose", "risen"),
    "run": ("ran", "run"), "say": ("said", "said"), "see": ("saw", "seen"),
    "sell": ("sold", "sold"), "send": ("sent", "sent"), "set": ("set", "set"),
    "shut": ("shut", "shut"), "speak": ("spoke", "spoken"), "spend": ("spent", "spent"),
    "stand": ("stood", "stood"), "take": ("took", "taken"), "tell": ("told", "told"),
    "think": ("thought", "thought"), "undertake": ("undertook", "undertaken"),
    "win": ("won", "won"), "withdraw": ("withdrew", "withdrawn"), "write": ("wrote", "written"),
    "overtake": ("overtook", "overtaken"), "arise": ("arose", "arisen"), "seek": ("sought", "sought"),
    "strike": ("struck", "struck"), "swear": ("swore", "sworn"), "upset": ("upset", "upset"),
}
# Verbs that double their last consonant although stressed on the last syllable.
_DOUBLING = {"admit", "commit", "compel", "control", "equip", "occur", "omit", "patrol",
             "permit", "prefer", "refer", "regret", "submit", "transfer", "expel", "propel",
             # British spelling, as the default bank's outlets write: cancelled, travelled
             "cancel", "travel", "label", "model", "signal", "fuel", "level", "total", "channel"}
_VOWELS = "aeiou"
# A phrase's head noun ends before the first of these.
_HEAD_END = re.compile(r"\s(?:of|on|in|for|to|with|at|from|by|about|against|between|that|which|"
                       r"who|whose|under|over|into|during|since|as)\s")
_NOT_PLURAL = {"news", "series", "species", "politics", "economics", "physics", "status",
               "census", "crisis", "basis", "analysis", "process", "progress", "address",
               "congress", "access", "success", "business", "press", "campus", "bus",
               "consensus", "virus", "bonus", "focus", "chaos", "ethos", "always"}


def past(verb: str) -> str:
    """Past simple of a base-form verb: ``hold`` → ``held``, ``suspend`` → ``suspended``."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb][0]
    return _regular_ed(verb)


def participle(verb: str) -> str:
    """Past participle: ``hold`` → ``held``, ``found`` → ``founded``."""
    if verb in _IRREGULAR:
        return _IRREGULAR[verb][1]
    return _regular_ed(verb)


def third_person(verb: str) -> str:
    """Present simple, third person singular: ``begin`` → ``begins``, ``go`` → ``goes``."""
    if verb == "be":
        return "is"
    if verb == "have":
        return "has"
    if re.search(r"(s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ies"
    return verb + "s"


def _regular_ed(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if re.search(r"[^aeiou]y$", verb):
        return verb[:-1] + "ied"
    if verb in _DOUBLING or _short_cvc(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _short_cvc(verb: str) -> bool:
    """One syllable ending consonant–vowel–consonant (``ban``, ``plan``, ``stop``)."""
    groups = re.findall(r"[aeiouy]+", verb)
    return (len(groups) == 1 and len(verb) >= 3 and verb[-1] not in _VOWELS + "wxy"
            and verb[-2] in _VOWELS and verb[-3] not in _VOWELS)


def is_plural(subject: str) -> bool:
    """Whether a noun phrase takes a plural verb: "the documents on …", "X and Y".

    A name (a capitalised head, "the United Arab Emirates") counts as singular.
    """
    head_part = _HEAD_END.split(f" {subject} ", maxsplit=1)[0].strip()
    if re.search(r"\band\b", head_part):
        return True
    words = head_part.split()
    if not words:
        return False
    head = words[-1].strip(",.;:")
    if head[:1].isupper() or head.lower() in _NOT_PLURAL:
        return False
    return head.endswith("s") and not head.endswith(("ss", "us", "is", "'s", "’s"))


def _split(subject: str, verb: str, tense: Tense) -> tuple[str, str, bool, str]:
    """The verb's first word, the rest (with its space), whether the subject is plural,
    and the form of *be* for ``tense``."""
    first, _, rest = verb.partition(" ")
    plural = is_plural(subject)
    be = ("were" if plural else "was") if tense == "past" else ("are" if plural else "is")
    return first, f" {rest}" if rest else "", plural, be


def clause(subject: str, verb: str, tense: Tense) -> str:
    """A declarative clause: ``the CSTO``, ``be founded``, past → ``the CSTO was founded``."""
    first, tail, plural, be = _split(subject, verb, tense)
    if tense == "future":
        return f"{subject} will {verb}"
    if first == "be":
        return f"{subject} {be}{tail}"
    if tense == "past":
        return f"{subject} {past(first)}{tail}"
    return f"{subject} {first if plural else third_person(first)}{tail}"


def ask(wh: str, subject: str, verb: str, tense: Tense) -> str:
    """A question: ``When``, ``the next summit``, ``be held``, future → ``When will the next
    summit be held?``."""
    first, tail, plural, be = _split(subject, verb, tense)
    if tense == "future":
        return f"{wh} will {subject} {verb}?"
    if first == "be":
        return f"{wh} {be} {subject}{tail}?"
    aux = "did" if tense == "past" else ("do" if plural else "does")
    return f"{wh} {aux} {subject} {first}{tail}?"


def article(noun: str) -> str:
    """``an observer``, ``a member``, ``a European partner``: the indefinite article by sound."""
    word = noun.split()[0].lower() if noun.split() else ""
    an = word[:1] in _VOWELS and not re.match(r"(uni|use|usu|eu|one|once)", word)
    an = an or bool(re.match(r"(hour|honest|honour|heir)", word))
    return f"{'an' if an else 'a'} {noun}"


def strip_article(phrase: str) -> str:
    """``the CSTO`` → ``CSTO``: for a name used as a modifier ("CSTO operation")."""
    return re.sub(r"^(the|a|an)\s+", "", phrase, flags=re.IGNORECASE)


def join_names(names: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
