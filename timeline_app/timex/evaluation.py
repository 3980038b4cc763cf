"""Scoring the tagger on TimeML corpora the way TempEval-3 Task A does.

Why a hand-written reader instead of an XML library: the figures are only comparable with
published ones if the tagger sees the same plain text the annotators' offsets refer to,
i.e. the content of ``<TEXT>`` with tags removed, entities decoded and *whitespace kept
exactly*. XML parsers normalise ``\\r\\n`` to ``\\n`` (some corpus files contain ``\\r``),
and a small scanner is also several times faster than building a tree, which matters when
the corpus is re-scored after every rule change.

Scoring (TempEval-3 Task A, timex extraction and normalisation):

* a predicted span and a gold span are matched one-to-one; identical spans first
  (strict matches), then overlapping spans, largest overlap first (relaxed matches);
* strict/relaxed precision = matches / predicted, recall = matches / gold;
* type F1 and value F1 = relaxed F1 x the share of relaxed matches whose attribute is
  right (so a tagger cannot score on values for spans it never found).

Use from Python while iterating on rules::

    from timeline_app.timex.evaluation import evaluate_corpus
    report = evaluate_corpus("../shared/corpora/tempeval3-train")
    print(report.format(errors=5))
    report.value_f1, report.errors["wrong value"][:3]
"""

from __future__ import annotations

import bisect
import os
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from timeline_app.timex.documents import DocumentError, load_text

__all__ = [
    "ERROR_KINDS",
    "DocumentResult",
    "ErrorExample",
    "GoldTimex",
    "Report",
    "TmlDocument",
    "evaluate_corpus",
    "evaluate_documents",
    "find_tml_files",
    "load_tml",
    "parse_tml",
]

MISSED = "missed"
SPURIOUS = "spurious"
SPAN_MISMATCH = "span mismatch"
WRONG_TYPE = "wrong type"
WRONG_VALUE = "wrong value"
WRONG_MOD = "wrong mod"
#: Error kinds in display order. A relaxed match can be in several kinds at once
#: (a shifted span with a wrong value is both a span mismatch and a wrong value).
ERROR_KINDS = (MISSED, SPURIOUS, SPAN_MISMATCH, WRONG_TYPE, WRONG_VALUE, WRONG_MOD)


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """A TIMEX3 annotated inside ``<TEXT>``; offsets index :attr:`TmlDocument.text`."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str | None = None


@dataclass(frozen=True, slots=True)
class TmlDocument:
    name: str
    text: str
    dct: date | datetime
    gold: tuple[GoldTimex, ...]


_MARKUP_RE = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[(?P<cdata>.*?)\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE[^>]*>"
    r"|<(?P<close>/)?(?P<name>[A-Za-z_][\w.:-]*)(?P<attrs>(?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(?P<empty>/)?>",
    re.DOTALL,
)
_ATTR_RE = re.compile(r"([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_ENTITY_RE = re.compile(r"&(#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);")
_NAMED_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_TEXT_OPEN_RE = re.compile(r"<TEXT(?:\s[^>]*)?>")
_TEXT_CLOSE_RE = re.compile(r"</TEXT\s*>")
_TIMEX_TAG_RE = re.compile(r"<TIMEX3(\s[^>]*)?>")
_DCT_VALUE_RE = re.compile(
    r"([0-9]{4})-?([0-9]{2})-?([0-9]{2})(?:T([0-9]{2}):?([0-9]{2})(?::?([0-9]{2}))?)?"
)


class _TmlSyntaxError(Exception):
    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset = offset
        self.reason = reason


def _decode_entities(chunk: str, offset: int) -> str:
    if "&" not in chunk:
        return chunk

    def replace(match: re.Match[str]) -> str:
        ref = match.group(1)
        if ref.startswith("#x"):
            return chr(int(ref[2:], 16))
        if ref.startswith("#"):
            return chr(int(ref[1:]))
        try:
            return _NAMED_ENTITIES[ref]
        except KeyError:
            raise _TmlSyntaxError(offset + match.start(), f"unknown entity &{ref};") from None

    amp = chunk.find("&")
    while amp >= 0:
        if _ENTITY_RE.match(chunk, amp) is None:
            raise _TmlSyntaxError(offset + amp, "'&' that does not start an entity")
        amp = chunk.find("&", amp + 1)
    return _ENTITY_RE.sub(replace, chunk)


def _attributes(raw: str, offset: int) -> dict[str, str]:
    attrs: dict[str, str] = {}
    for match in _ATTR_RE.finditer(raw):
        value = match.group(2) if match.group(2) is not None else match.group(3)
        attrs[match.group(1)] = _decode_entities(value, offset)
    return attrs


def _plain_text(source: str, begin: int, end: int) -> tuple[str, list[GoldTimex]]:
    """Strip markup from ``source[begin:end]``; return the text and its TIMEX3 spans."""
    pieces: list[str] = []
    length = 0
    stack: list[tuple[str, int, dict[str, str] | None, int]] = []
    found: list[tuple[int, int, dict[str, str]]] = []
    pos = begin
    while pos < end:
        lt = source.find("<", pos, end)
        if lt < 0:
            lt = end
        if lt > pos:
            chunk = _decode_entities(source[pos:lt], pos)
            pieces.append(chunk)
            length += len(chunk)
        if lt >= end:
            break
        match = _MARKUP_RE.match(source, lt, end)
        if match is None:
            raise _TmlSyntaxError(lt, "'<' that does not start a well-formed tag")
        pos = match.end()
        name = match.group("name")
        if name is None:
            cdata = match.group("cdata")
            if cdata:
                pieces.append(cdata)
                length += len(cdata)
            continue
        if match.group("close"):
            if match.group("attrs") or match.group("empty"):
                raise _TmlSyntaxError(lt, f"malformed closing tag </{name}>")
            if not stack:
                raise _TmlSyntaxError(lt, f"</{name}> closes nothing")
            open_name, start, attrs, _ = stack.pop()
            if open_name != name:
                raise _TmlSyntaxError(lt, f"</{name}> closes <{open_name}>")
            if attrs is not None:
                found.append((start, length, attrs))
            continue
        attrs = _attributes(match.group("attrs"), lt) if name == "TIMEX3" else None
        if match.group("empty"):
            continue  # an empty (non-consuming) TIMEX3 has no extent to find
        stack.append((name, length, attrs, lt))
    if stack:
        raise _TmlSyntaxError(stack[-1][3], f"<{stack[-1][0]}> is never closed")
    text = "".join(pieces)
    gold = [
        GoldTimex(
            start=s,
            end=e,
            text=text[s:e],
            type=a.get("type", ""),
            value=a.get("value", ""),
            mod=a.get("mod") or None,
            tid=a.get("tid"),
        )
        for s, e, a in sorted(found, key=lambda item: (item[0], -item[1]))
    ]
    return text, gold


def _dct(source: str, text_begin: int, text_end: int) -> date | datetime:
    candidates = []
    for match in _TIMEX_TAG_RE.finditer(source):
        attrs = _attributes(match.group(1) or "", match.start())
        if attrs.get("functionInDocument") == "CREATION_TIME":
            inside = text_begin <= match.start() < text_end
            candidates.append((inside, match.start(), attrs))
    if not candidates:
        raise _TmlSyntaxError(0, "no TIMEX3 with functionInDocument=\"CREATION_TIME\" (the DCT)")
    _, offset, attrs = min(candidates, key=lambda c: (c[0], c[1]))
    raw = attrs.get("value", "")
    match = _DCT_VALUE_RE.match(raw)
    try:
        if match is None:
            raise ValueError
        y, mo, d, h, mi, s = match.groups()
        if h is None:
            return date(int(y), int(mo), int(d))
        return datetime(int(y), int(mo), int(d), int(h), int(mi), int(s or 0))
    except ValueError:
        raise _TmlSyntaxError(offset, f"DCT value {raw!r} is not a calendar date") from None


def parse_tml(source: str, name: str = "<string>") -> TmlDocument:
    """Parse TimeML text; raise :class:`DocumentError` naming ``name`` and the line."""
    try:
        opens = list(_TEXT_OPEN_RE.finditer(source))
        closes = list(_TEXT_CLOSE_RE.finditer(source))
        if not opens:
            raise _TmlSyntaxError(0, "no <TEXT> element")
        if len(opens) > 1:
            raise _TmlSyntaxError(opens[1].start(), "more than one <TEXT> element")
        if len(closes) != 1 or closes[0].start() < opens[0].end():
            raise _TmlSyntaxError(opens[0].start(), "<TEXT> is not closed by one </TEXT>")
        begin, end = opens[0].end(), closes[0].start()
        text, gold = _plain_text(source, begin, end)
        dct = _dct(source, begin, end)
    except _TmlSyntaxError as exc:
        line = source.count("\n", 0, exc.offset) + 1
        raise DocumentError(name, f"line {line}: {exc.reason}") from None
    return TmlDocument(name=name, text=text, dct=dct, gold=tuple(gold))


def load_tml(path: str | os.PathLike[str]) -> TmlDocument:
    """Read and parse one ``.tml`` file (strict UTF-8, see :func:`load_text`)."""
    return parse_tml(load_text(path), name=os.fspath(path))


def find_tml_files(corpus: str | os.PathLike[str]) -> list[Path]:
    """All ``.tml`` files under ``corpus`` (recursively, sorted), or ``corpus`` itself.

    Raises :class:`DocumentError` for a missing path or a folder without ``.tml`` files,
    because an empty score would look like a tagger that finds nothing.
    """
    root = Path(corpus)
    if root.is_file():
        return [root]
    if not root.exists():
        raise DocumentError(root, "no such file or folder")
    if not root.is_dir():
        raise DocumentError(root, "not a folder or .tml file")
    files = sorted(p for p in root.rglob("*.tml") if p.is_file())
    if not files:
        raise DocumentError(root, "no .tml files in this folder")
    return files


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True, slots=True)
class ErrorExample:
    """One disagreement, with enough context to see why without opening the file."""

    kind: str
    doc: str
    #: ``text`` of the gold span if there is one, else of the predicted span.
    text: str
    #: The surrounding text, spans marked ``[gold]`` and ``{predicted}``.
    context: str
    gold: GoldTimex | None
    predicted: Any | None  # a Timex (or anything with start/end/text/type/value/mod)

    def describe(self) -> str:
        """One line: where, what the annotators said, what the tagger said."""

        def show(t: Any | None) -> str:
            if t is None:
                return "-"
            mod = f" mod={t.mod}" if getattr(t, "mod", None) else ""
            rule = getattr(t, "rule", "")
            rule = f" rule={rule}" if rule else ""
            return f"{t.text!r} {t.type} {t.value}{mod}{rule}"

        return (
            f"{Path(self.doc).name}: {self.context}\n"
            f"      gold: {show(self.gold)}   predicted: {show(self.predicted)}"
        )


@dataclass(slots=True)
class DocumentResult:
    doc: str
    gold: int
    predicted: int
    strict: int
    relaxed: int
    type_correct: int
    value_correct: int
    words: int
    error: str | None = None  # the tagger raised on this document

    @property
    def errors(self) -> int:
        """Misses, spurious and wrong values: how much there is to fix in this file."""
        return (self.gold - self.relaxed) + (self.predicted - self.relaxed) + (
            self.relaxed - self.value_correct
        )


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    """Corpus-level TempEval-3 figures plus the errors behind them."""

    documents: list[DocumentResult] = field(default_factory=list)
    errors: dict[str, list[ErrorExample]] = field(
        default_factory=lambda: {kind: [] for kind in ERROR_KINDS}
    )
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed: int = 0
    type_correct: int = 0
    value_correct: int = 0
    mod_correct: int = 0
    words: int = 0
    tag_seconds: float = 0.0

    # strict
    @property
    def strict_precision(self) -> float:
        return _ratio(self.strict, self.predicted)

    @property
    def strict_recall(self) -> float:
        return _ratio(self.strict, self.gold)

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)

    # relaxed
    @property
    def relaxed_precision(self) -> float:
        return _ratio(self.relaxed, self.predicted)

    @property
    def relaxed_recall(self) -> float:
        return _ratio(self.relaxed, self.gold)

    @property
    def relaxed_f1(self) -> float:
        return _f1(self.relaxed_precision, self.relaxed_recall)

    # attributes
    @property
    def type_accuracy(self) -> float:
        return _ratio(self.type_correct, self.relaxed)

    @property
    def value_accuracy(self) -> float:
        return _ratio(self.value_correct, self.relaxed)

    @property
    def mod_accuracy(self) -> float:
        return _ratio(self.mod_correct, self.relaxed)

    @property
    def type_f1(self) -> float:
        return self.relaxed_f1 * self.type_accuracy

    @property
    def value_f1(self) -> float:
        return self.relaxed_f1 * self.value_accuracy

    @property
    def failures(self) -> list[DocumentResult]:
        """Documents on which the tagger raised (their gold counts as missed)."""
        return [d for d in self.documents if d.error]

    def errors_by_rule(self) -> dict[str, Counter[str]]:
        """For each tagger rule, how many of its outputs fall in each error kind.

        Points the rule author at the rule to fix; misses have no rule and are left out.
        """
        table: dict[str, Counter[str]] = {}
        for kind in ERROR_KINDS:
            for example in self.errors[kind]:
                if example.predicted is None:
                    continue
                rule = getattr(example.predicted, "rule", "") or "(no rule)"
                table.setdefault(rule, Counter())[kind] += 1
        return table

    def figures(self) -> dict[str, float | int]:
        """The headline numbers as a flat dict (for tests, JSON, or comparing two runs)."""
        return {
            "documents": len(self.documents),
            "gold": self.gold,
            "predicted": self.predicted,
            "strict_matches": self.strict,
            "relaxed_matches": self.relaxed,
            "strict_precision": self.strict_precision,
            "strict_recall": self.strict_recall,
            "strict_f1": self.strict_f1,
            "relaxed_precision": self.relaxed_precision,
            "relaxed_recall": self.relaxed_recall,
            "relaxed_f1": self.relaxed_f1,
            "type_accuracy": self.type_accuracy,
            "type_f1": self.type_f1,
            "value_accuracy": self.value_accuracy,
            "value_f1": self.value_f1,
            "mod_accuracy": self.mod_accuracy,
        }

    def format(self, errors: int = 0, worst: int = 5) -> str:
        """Human-readable report: figures, then each error kind with ``errors`` examples."""
        words_per_s = _ratio(self.words, self.tag_seconds) if self.tag_seconds else 0.0
        lines = [
            f"documents {len(self.documents)}   gold {self.gold}   predicted {self.predicted}"
            f"   words {self.words}   tagging {self.tag_seconds:.2f}s"
            + (f" ({words_per_s:,.0f} words/s in one cold pass, which learns each new word;"
               " bench/bench_timex.py times the steady rate)" if words_per_s else ""),
            "",
            "            precision  recall      F1   matches",
            f"  strict       {self.strict_precision:7.4f} {self.strict_recall:7.4f}"
            f" {self.strict_f1:7.4f}   {self.strict}",
            f"  relaxed      {self.relaxed_precision:7.4f} {self.relaxed_recall:7.4f}"
            f" {self.relaxed_f1:7.4f}   {self.relaxed}",
            "",
            "            accuracy      F1   (F1 = relaxed F1 x accuracy over relaxed matches)",
            f"  type         {self.type_accuracy:7.4f} {self.type_f1:7.4f}"
            f"   {self.type_correct}/{self.relaxed}",
            f"  value        {self.value_accuracy:7.4f} {self.value_f1:7.4f}"
            f"   {self.value_correct}/{self.relaxed}",
            f"  mod          {self.mod_accuracy:7.4f}         "
            f"   {self.mod_correct}/{self.relaxed}",
        ]
        for failure in self.failures:
            lines.append(f"TAGGER FAILED on {failure.doc}: {failure.error}")
        lines.append("")
        lines.append("errors by kind:")
        for kind in ERROR_KINDS:
            examples = self.errors[kind]
            lines.append(f"  {kind:14} {len(examples)}")
        if worst:
            ranked = sorted(self.documents, key=lambda d: (-d.errors, d.doc))[:worst]
            ranked = [d for d in ranked if d.errors]
            if ranked:
                lines.append("")
                lines.append("documents with most errors (missed + spurious + wrong value):")
                for d in ranked:
                    lines.append(
                        f"  {d.errors:4}  {d.doc}  (gold {d.gold}, predicted {d.predicted},"
                        f" relaxed {d.relaxed}, value ok {d.value_correct})"
                    )
        by_rule = self.errors_by_rule()
        if by_rule and worst:
            ranked_rules = sorted(by_rule.items(), key=lambda kv: (-kv[1].total(), kv[0]))
            lines.append("")
            lines.append("rules with most errors:")
            for rule, counts in ranked_rules[:worst]:
                detail = ", ".join(f"{kind} {counts[kind]}" for kind in ERROR_KINDS if counts[kind])
                lines.append(f"  {counts.total():4}  {rule}  ({detail})")
        if errors:
            for kind in ERROR_KINDS:
                examples = self.errors[kind]
                if not examples:
                    continue
                lines.append("")
                lines.append(f"== {kind} ({len(examples)}) ==")
                common = Counter(e.text.lower() for e in examples).most_common(8)
                repeated = [f"{t!r} x{n}" for t, n in common if n > 1]
                if repeated:
                    lines.append("  most frequent: " + ", ".join(repeated))
                for example in examples[:errors]:
                    lines.append("  - " + example.describe())
        return "\n".join(lines)


def _context(text: str, gold: GoldTimex | None, pred: Any | None, width: int = 50) -> str:
    """The passage around the spans, with ``[gold]`` and ``{predicted}`` marked."""
    spans = [s for s in (gold, pred) if s is not None]
    lo = min(s.start for s in spans)
    hi = max(s.end for s in spans)
    begin = max(0, lo - width)
    end = min(len(text), hi + width)
    # Sort so the markers nest: at one offset closings come before openings, the span
    # opened last closes first, and the span that ends last opens first.
    marks: list[tuple[int, int, int, str]] = []
    for span, opening, closing in ((gold, "[", "]"), (pred, "{", "}")):
        if span is not None:
            marks.append((span.start, 1, -span.end, opening))
            marks.append((span.end, 0, -span.start, closing))
    out = []
    pos = begin
    for offset, _, _, mark in sorted(marks):
        out.append(text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(text[pos:end])
    snippet = " ".join("".join(out).split())
    return ("..." if begin > 0 else "") + snippet + ("..." if end < len(text) else "")


def _match(
    gold: Sequence[GoldTimex], predicted: Sequence[Any]
) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """One-to-one matching: identical spans first, then by largest overlap.

    Returns (strict pairs, overlap-only pairs) as (gold index, predicted index).
    """
    by_span: dict[tuple[int, int], list[int]] = {}
    for j, p in enumerate(predicted):
        by_span.setdefault((p.start, p.end), []).append(j)
    strict: list[tuple[int, int]] = []
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for i, g in enumerate(gold):
        candidates = by_span.get((g.start, g.end))
        if candidates:
            j = candidates.pop(0)
            strict.append((i, j))
            used_gold.add(i)
            used_pred.add(j)

    rest_pred = sorted(
        (p.start, p.end, j) for j, p in enumerate(predicted) if j not in used_pred
    )
    starts = [s for s, _, _ in rest_pred]
    longest = max((e - s for s, e, _ in rest_pred), default=0)
    candidates_list: list[tuple[int, int, int, int]] = []
    for i, g in enumerate(gold):
        if i in used_gold:
            continue
        k = bisect.bisect_left(starts, g.start - longest)
        while k < len(rest_pred) and rest_pred[k][0] < g.end:
            s, e, j = rest_pred[k]
            overlap = min(e, g.end) - max(s, g.start)
            if overlap > 0:
                candidates_list.append((-overlap, abs(s - g.start) + abs(e - g.end), i, j))
            k += 1
    relaxed: list[tuple[int, int]] = []
    for _, _, i, j in sorted(candidates_list):
        if i in used_gold or j in used_pred:
            continue
        relaxed.append((i, j))
        used_gold.add(i)
        used_pred.add(j)
    return strict, relaxed


TaggerFn = Callable[..., Sequence[Any]]


def evaluate_documents(
    documents: Iterable[TmlDocument],
    tagger: TaggerFn | None = None,
    doc_type: str = "news",
    raise_errors: bool = False,
    progress: Callable[[TmlDocument], None] | None = None,
) -> Report:
    """Tag each document's plain text against its DCT and score it against the gold.

    A tagger exception is recorded on the document (its gold counts as missed) unless
    ``raise_errors`` is set, so one bad rule cannot hide the figures for the rest.
    ``progress`` is called after each document (the command line draws a bar with it).
    """
    if tagger is None:
        from timeline_app.timex import tag as tagger
        from timeline_app.timex.grammar import load_grammar

        load_grammar()  # compiled once per process: the time reported is tagging time
    report = Report()
    for doc in documents:
        words = len(doc.text.split())
        error = None
        started = time.perf_counter()
        try:
            predicted = list(tagger(doc.text, doc.dct, doc_type=doc_type))
        except Exception as exc:
            if raise_errors:
                raise
            predicted = []
            error = f"{type(exc).__name__}: {exc}"
        report.tag_seconds += time.perf_counter() - started
        predicted.sort(key=lambda t: (t.start, t.end))
        gold = doc.gold
        strict, overlap = _match(gold, predicted)
        result = DocumentResult(
            doc=doc.name,
            gold=len(gold),
            predicted=len(predicted),
            strict=len(strict),
            relaxed=len(strict) + len(overlap),
            type_correct=0,
            value_correct=0,
            words=words,
            error=error,
        )
        errors = report.errors
        matched_gold: set[int] = set()
        matched_pred: set[int] = set()
        pairs = sorted([(i, j, True) for i, j in strict] + [(i, j, False) for i, j in overlap])
        for i, j, is_strict in pairs:
            g, p = gold[i], predicted[j]
            matched_gold.add(i)
            matched_pred.add(j)
            type_ok = p.type == g.type
            value_ok = p.value == g.value
            mod_ok = (getattr(p, "mod", None) or None) == g.mod
            result.type_correct += type_ok
            result.value_correct += value_ok
            report.mod_correct += mod_ok
            kinds = [
                kind
                for kind, wrong in (
                    (SPAN_MISMATCH, not is_strict),
                    (WRONG_TYPE, not type_ok),
                    (WRONG_VALUE, not value_ok),
                    (WRONG_MOD, not mod_ok),
                )
                if wrong
            ]
            if kinds:
                context = _context(doc.text, g, p)
                for kind in kinds:
                    errors[kind].append(ErrorExample(kind, doc.name, g.text, context, g, p))
        for i, g in enumerate(gold):
            if i not in matched_gold:
                errors[MISSED].append(
                    ErrorExample(MISSED, doc.name, g.text, _context(doc.text, g, None), g, None)
                )
        for j, p in enumerate(predicted):
            if j not in matched_pred:
                errors[SPURIOUS].append(
                    ErrorExample(
                        SPURIOUS, doc.name, p.text, _context(doc.text, None, p), None, p
                    )
                )
        report.documents.append(result)
        report.gold += result.gold
        report.predicted += result.predicted
        report.strict += result.strict
        report.relaxed += result.relaxed
        report.type_correct += result.type_correct
        report.value_correct += result.value_correct
        report.words += words
        if progress is not None:
            progress(doc)
    return report


def evaluate_corpus(
    corpus_dir: str | os.PathLike[str],
    tagger: TaggerFn | None = None,
    doc_type: str = "news",
    raise_errors: bool = False,
    progress: Callable[[TmlDocument], None] | None = None,
) -> Report:
    """Score ``tagger`` (default: :func:`timeline_app.timex.tag`) on every ``.tml`` file.

    ``corpus_dir`` may be a folder (searched recursively) or a single ``.tml`` file.
    Raises :class:`DocumentError` for a missing folder, no ``.tml`` files, or a file
    that is not TimeML; nothing is written anywhere.
    """
    documents = [load_tml(path) for path in find_tml_files(corpus_dir)]
    return evaluate_documents(
        documents, tagger, doc_type=doc_type, raise_errors=raise_errors, progress=progress
    )
