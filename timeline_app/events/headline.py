"""A short, readable headline for an event, made from the sentence that dates it.

A timeline label has room for about a dozen words, and the date is already drawn by the
axis, so the headline is the *clause* that holds the time expression, with the
expression (and the preposition that introduces it) taken out and without the reporting
tail ("..., the sources said"), which says who told the reporter, not what happened.
When the expression sits in the reporting clause itself ("..., Zelensky said last
month") the event is the statement, so the headline becomes "Zelensky: <what was said>".
"""

from __future__ import annotations

import re

MAX_WORDS = 12
#: A clause a little longer than MAX_WORDS is kept whole rather than cut near its end.
KEEP_WHOLE = 14



def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Clause boundaries: punctuation and subordinating conjunctions.
# A comma or colon inside a number ("683,000", "5:30") is not a boundary.
_PUNCT_BOUNDARY = re.compile(r"\s*(?:[,;:](?!\d)|\s[–—]|--|\s-\s|\(|\)|\[|\])\s*")
_SUBORDINATORS = (
    "after", "before", "because", "when", "while", "although", "though", "whereas",
    "until", "unless", "amid", "but", "once", "whether",
)
_SUB_BOUNDARY = re.compile(r"\s(?=(?:" + "|".join(_SUBORDINATORS) + r")\s)", re.IGNORECASE)

# Words that introduce a time expression and go with it when it is removed.
_PREPOSITIONS = _wordset(
    "in on at during since by over for from until till through throughout within "
    "around about before after back with"
)
# Leading connectives that make no sense once the clause stands alone.
_LEADING = _wordset(
    "and but or so yet rather then also however furthermore meanwhile after before because "
    "when while although though whereas until unless amid once whether where"
)
# Function words a cut headline must not end with.
_TRAILING = _wordset(
    "a an the to of in on at for with and or but that by from as is was are were be been "
    "could would should will can may might must has have had its their his her our your "
    "this these those which who whom whose than into onto over under about not no"
)
_REPORT_VERBS = (
    r"said|says|say|told|tells|added|adds|reported|reports|noted|notes|stated|states|"
    r"explained|wrote|writes|warned|insisted|acknowledged|claimed|confirmed|announced|"
    r"according to"
)
_ATTRIBUTION = re.compile(
    r"^(?P<who>(?:[\w’'.\-]+\s+){0,8}?)(?:has\s+|have\s+|had\s+)?(?:" + _REPORT_VERBS + r")"
    r"(?:\s+(?:\w+\s*){0,3})?$",
    re.IGNORECASE,
)
_PARTICIPLE_TAIL = re.compile(r"^(?:referring|speaking|adding|citing|noting|according)\b",
                              re.IGNORECASE)
# Time adverbs that can be taken out of the middle of a clause; not when they are its
# subject ("that now is the time").
_ADVERBS = _wordset(
    "now today yesterday tomorrow tonight currently recently lately nowadays soon previously "
    "formerly earlier later daily weekly monthly annually yearly once again"
)
_DEICTIC = _wordset(
    "last this next earlier later today yesterday tomorrow tonight monday tuesday wednesday "
    "thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january "
    "february march april may june july august september october november december jan feb "
    "mar apr jun jul aug sep sept oct nov dec"
)
_DETERMINERS = _wordset(
    "a an the this that these those its his her their our your my whose each every no "
    "of 's ’s"
)
_PHRASE_STARTS = _wordset(
    "with for in on at of by from and or but that which who as after before because "
    "while amid into over about during since until than"
)
_COPULAS = _wordset("is was are were will would has had be")
_TITLES = (
    r"President|Vice President|Prime Minister|Foreign Minister|Defen[cs]e Minister|Minister|"
    r"Secretary(?: of \w+)?|Chancellor|[Ss]pokes(?:man|woman|person)|[Aa]dvis[eo]r|Senator|"
    r"Sen\.|Rep\.|Governor|Gov\.|Mayor|General|Gen\.|Leader|CEO|[Cc]hairman|[Cc]hairwoman|"
    r"[Aa]mbassador|King|Queen|Pope|Attorney General|Judge|Justice"
)
_TITLED_NAME = re.compile(
    r"(?:(?:[A-Z][\w.'’-]*|national|security|foreign|policy|former|deputy|chief|press|"
    r"top|senior|then-)\s+){0,4}?(?:" + _TITLES + r")\s+"
    r"(?:[A-Z][\w.'’-]*\s+){0,2}(?P<surname>[A-Z][\w'’-]+)(?=\s+[a-z])"
)
_OF_PHRASE = re.compile(r"^of\s+(?:the|this|that|his|her|its|their|our)\s+\w+\b\s*")
_QUOTES = "\"“”‘’'«»`"
_EMPHASIS = "*_"
# A wire dateline: "WASHINGTON (AP) _", "NAIROBI, August 21 (Xinhua) --", "NEW YORK _".
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)(?:,\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?"
    r"(?:,?\s+[A-Z][a-z]+\.?\s+\d{1,2})?"
    r"(?:\s*\([A-Za-z.]+\)\s*(?:--|_|—|–|-)|\s*(?:--|_|—|–))\s+"
)
# A relative clause set off by commas: it describes a noun, it is not the news.
_RELATIVE = re.compile(r"(?:who|whom|whose|which|where)\b", re.IGNORECASE)
# **bold**, *italic*, __bold__ in Markdown articles: the marks are not words.
_MARKDOWN_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")


def _clauses(sentence: str, keep: tuple[int, int] = (0, 0)) -> list[tuple[int, int]]:
    """Clause spans of ``sentence`` (offsets into it); no cut falls inside ``keep`` (the
    expression: "March 3, 2021" holds a comma but is one phrase)."""
    cuts = [0]
    for m in _PUNCT_BOUNDARY.finditer(sentence):
        cuts.append(m.start())
        cuts.append(m.end())
    for m in _SUB_BOUNDARY.finditer(sentence):
        cuts.append(m.start())
        cuts.append(m.end())
    cuts.append(len(sentence))
    cuts = sorted({c for c in cuts if not keep[0] < c < keep[1]})
    spans = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = sentence[a:b]
        if piece.strip(" ,;:–—-()[]"):
            spans.append((a, b))
    return spans


def _words(text: str) -> list[str]:
    return [w for w in text.split() if w.strip(_QUOTES + ",;:.!?–—-")]


def _has_predicate(text: str) -> bool:
    """A clause has a lower-case word somewhere (a verb, usually); "Paul E. Lego" alone,
    an appositive split off by commas, has none and says nothing on a timeline."""
    return any(w[:1].islower() for w in _words(text)[1:])


def _is_attribution(text: str) -> bool:
    stripped = text.strip().strip(_QUOTES + ".,;:!? ")
    if not stripped:
        return False
    if _PARTICIPLE_TAIL.match(stripped):
        return True
    return bool(_ATTRIBUTION.match(stripped)) and len(stripped.split()) <= 10


def _speaker(text: str) -> str:
    m = _ATTRIBUTION.match(text.strip().strip(_QUOTES + ".,;:!? "))
    who = (m.group("who") if m else "").strip()
    return who


def _tidy(text: str) -> str:
    text = _MARKDOWN_EMPHASIS.sub(r"\2", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,;:.!?])", r"\1", text)
    text = text.strip(" ,;:–—-" + _QUOTES)
    words = text.split()
    while words and words[0].lower().strip(",") in _LEADING:
        words.pop(0)
    text = " ".join(words).strip(" ,;:–—-" + _QUOTES)
    text = text.rstrip(".!?").rstrip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


def _shorten_titles(text: str) -> str:
    """"Kremlin spokesman Dmitry Peskov said" -> "Peskov said": in a dozen-word label the
    surname is enough, as in a newspaper headline."""
    match = _TITLED_NAME.match(text)
    if match is None:
        return text
    return match.group("surname") + text[match.end():]


def _cut(text: str, max_words: int = MAX_WORDS) -> str:
    text = _shorten_titles(text)
    words = text.split()
    if len(words) <= KEEP_WHOLE:
        return text
    kept = words[:max_words]
    # End at a phrase boundary when one is near: "... any negotiations" reads better than
    # "... any negotiations with the Russian".
    for i in range(len(kept) - 1, max(len(kept) - 4, 5), -1):
        if kept[i].lower() in _PHRASE_STARTS or kept[i - 1].endswith((",", ";", ":")):
            kept = kept[:i]
            break
    while len(kept) > 3 and kept[-1].lower().strip(",;:" + _QUOTES) in _TRAILING:
        kept.pop()
    return " ".join(kept).rstrip(",;:–—-.") + "…"


def _remove_expression(clause: str, a: int, b: int) -> str:
    """Take the expression at clause[a:b] out when it is an adverbial (introduced by a
    preposition, or at either end of the clause); inside a noun phrase ("a tough winter
    for Europe") taking it out would leave broken grammar, so it stays."""
    before = clause[:a].rstrip()
    after = clause[b:].lstrip()
    if clause[b:b + 2] in ("'s", "’s"):  # "today's editions": part of a noun phrase
        return clause
    prev_words = before.split()
    prev = prev_words[-1].lower().strip(_QUOTES + ",") if prev_words else ""
    at_start = all(w.lower().strip(_QUOTES + ",") in _LEADING for w in prev_words)
    at_end = not after.strip(" ,;:.!?" + _QUOTES)
    if prev in _PREPOSITIONS:
        prev_words.pop()
        # "over the past eight months of the war": the genitive belongs to the expression.
        after = _OF_PHRASE.sub("", after, count=1)
        # "back in June", "earlier in the week": the adverb goes too.
        if prev_words and prev_words[-1].lower() in {"back", "earlier", "later", "since"}:
            prev_words.pop()
        return " ".join(prev_words) + " " + after
    first = clause[a:b].split()[:1]
    if first and first[0].lower() in _PREPOSITIONS:  # "in June", "On Monday", "at the moment"
        return before + " " + after
    if at_start or at_end:
        return before + " " + after
    expr = clause[a:b].strip().lower()
    next_word = after.split()[0].lower() if after.split() else ""
    if expr in _ADVERBS and next_word not in _COPULAS:  # "are now worried", not "now is"
        return before + " " + after
    # "said Thursday that", "said last week that": a deictic date after a verb is an
    # adverbial; after a determiner ("the Aug. 7 blasts") or as a possessive ("Monday's
    # vote") it belongs to a noun phrase and stays.
    first_word = expr.split()[0].rstrip(".,") if expr.split() else ""
    possessive = after[:2] in ("'s", "’s")
    if (first_word in _DEICTIC and prev not in _DETERMINERS and not possessive
            and next_word not in _COPULAS):
        return before + " " + after
    return clause


def make_headline(sentence: str, expr_start: int, expr_end: int) -> str:
    """Headline for the expression at ``sentence[expr_start:expr_end]``."""
    dateline = _DATELINE.match(sentence)
    if dateline and dateline.end() < len(sentence):
        # "NAIROBI, August 21 (Xinhua) -- ...": where the story was filed is no headline.
        k = dateline.end()
        if expr_start < k:  # the dateline's own date: the story's first clause says what
            return _cut(_tidy(sentence[k:]))
        return make_headline(sentence[k:], expr_start - k, expr_end - k)
    # Markdown emphasis around the expression ("on **12 July 2019**") goes with it.
    while expr_start > 0 and sentence[expr_start - 1] in _EMPHASIS:
        expr_start -= 1
    while expr_end < len(sentence) and sentence[expr_end] in _EMPHASIS:
        expr_end += 1
    spans = _clauses(sentence, (expr_start, expr_end))
    if not spans:
        return _cut(_tidy(sentence))
    idx = next(
        (i for i, (s, e) in enumerate(spans) if s <= expr_start < e),
        min(range(len(spans)), key=lambda i: abs(spans[i][0] - expr_start)),
    )
    s, e = spans[idx]
    clause = sentence[s:e]
    # The expression may run past a clause boundary ("two to three weeks, ..."): clamp.
    a, b = max(expr_start - s, 0), min(expr_end - s, len(clause))
    remainder = _tidy(_remove_expression(clause, a, b))
    if idx > 0 and remainder.lower().startswith(("who ", "which ")):
        # "Paul E. Lego, who became chief executive ..." -> "Paul E. Lego became ..."
        antecedent = _tidy(sentence[spans[idx - 1][0]:spans[idx - 1][1]])
        if antecedent and not _has_predicate(antecedent):
            remainder = antecedent + remainder[remainder.index(" "):]

    def clause_at(j: int) -> str:
        """Clause j; a bare subject interrupted by relative clauses ("the government,
        which had stalled, said ...") joins the clause that carries its verb."""
        text = _tidy(sentence[spans[j][0]:spans[j][1]])
        if len(_words(text)) < 3 or not _has_predicate(text):
            k = j + 1
            while k < len(spans) and _RELATIVE.match(_tidy(sentence[spans[k][0]:spans[k][1]])):
                k += 1
            if j + 1 < k < len(spans):
                joined = sentence[spans[j][0]:spans[j][1]] + " " + sentence[spans[k][0]:spans[k][1]]
                text = _tidy(joined)
        return text

    def content_clauses(order):
        for j in order:
            text = clause_at(j)
            if _RELATIVE.match(text):  # "which had stalled" says nothing on its own
                continue
            if len(_words(text)) >= 3 and _has_predicate(text) and not _is_attribution(text):
                yield text

    if _is_attribution(remainder) or _is_attribution(clause):
        who = _speaker(remainder) or _speaker(clause)
        said = next(content_clauses(list(range(idx)) + list(range(idx + 1, len(spans)))), "")
        if said:
            who = _tidy(who)
            return _cut(f"{who}: {said}" if who else said)
    n_words = len(_words(remainder))
    # Two words are enough when they open the sentence ("Prices rose in early October"):
    # that is subject and verb; elsewhere ("with winter fast approaching") they are not.
    opens_sentence = idx == 0 and n_words == 2 and sentence.split()[:1] == remainder.split()[:1]
    if (n_words >= 3 or opens_sentence) and _has_predicate(remainder):
        return _cut(remainder)
    # Too little left ("In recent weeks, ..."): the neighbouring clause says what happened;
    # the one right after a fronted date even when it is two words ("On Monday, rates rose;").
    order = list(range(idx + 1, len(spans))) + list(range(idx - 1, -1, -1))
    neighbour = ""
    if idx + 1 < len(spans) and not remainder.strip():
        a, b = spans[idx + 1]
        following = _tidy(sentence[a:b])
        ends_clause = not sentence[b:].strip(" ") or sentence[b:].lstrip(" ")[:1] in ";.!?"
        if (len(_words(following)) == 2 and ends_clause and _has_predicate(following)
                and not _is_attribution(following)):
            neighbour = following
    neighbour = neighbour or next(content_clauses(order), "")
    if neighbour:
        return _cut(neighbour)
    fallback = _tidy(sentence)
    return _cut(fallback) if fallback else sentence[expr_start:expr_end]
