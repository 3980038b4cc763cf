"""Every rule and modifier in the rule files carries examples; each must hold.

The examples double as the tagger's specification: adding a rule without examples, or
with an example the engine does not reproduce, fails here.
"""

from __future__ import annotations

from datetime import date

import pytest

from timeline_app.timex import tag
from timeline_app.timex.grammar import load_grammar

DEFAULT_DCT = date(2022, 11, 8)


def _normalise(example) -> dict:
    if isinstance(example, list):
        spec = {"text": example[0], "value": example[1]}
        if len(example) > 2:
            spec["dct"] = example[2]
        return spec
    return dict(example)


def _cases():
    grammar = load_grammar("en")
    for owner in [*grammar.rules, *grammar.modifiers]:
        for i, example in enumerate(owner.examples):
            yield pytest.param(owner.name, _normalise(example), id=f"{owner.name}-{i}")


def test_every_rule_has_examples():
    grammar = load_grammar("en")
    missing = [r.name for r in [*grammar.rules, *grammar.modifiers] if not r.examples]
    assert not missing, f"rules without examples: {missing}"


def test_rule_names_are_unique():
    names = [r.name for r in load_grammar("en").rules]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(("rule", "example"), list(_cases()))
def test_rule_example(rule: str, example: dict):
    dct = date.fromisoformat(example["dct"]) if "dct" in example else DEFAULT_DCT
    text = example["text"]
    span = example.get("span", text)
    found = [t for t in tag(text, dct) if t.text == span]
    if example.get("absent"):  # a counter-example: the span is not a time expression
        assert not found, f"{span!r} wrongly tagged in {text!r}: {found}"
        return
    assert found, f"{span!r} not tagged in {text!r}: {tag(text, dct)}"
    timex = found[0]
    assert timex.value == example["value"], (rule, timex)
    assert rule in timex.rule.split("+"), f"{span!r} matched rule {timex.rule}, not {rule}"
    if "mod" in example:
        assert timex.mod == example["mod"]
    if "type" in example:
        assert timex.type == example["type"]
    if example.get("interval") == []:  # nothing to draw: no interval
        assert (timex.interval_start, timex.interval_end) == (None, None)
    elif "interval" in example:
        lo, hi = (date.fromisoformat(d) for d in example["interval"])
        assert (timex.interval_start.date(), timex.interval_end.date()) == (lo, hi)
