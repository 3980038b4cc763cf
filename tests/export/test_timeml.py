from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from timeline_app.export import ExportError, export_events


def parse(path):
    root = ET.parse(path).getroot()
    text_el = root.find("TEXT")
    plain = (text_el.text or "") + "".join(
        (child.text or "") + (child.tail or "") for child in text_el)
    return root, text_el, plain


def test_folder_with_one_file_per_document(store, text, tmp_path):
    out = tmp_path / "tml"
    assert export_events(store, out, "timeml") == 4
    (path,) = out.iterdir()
    assert path.name == "0001-evil-title.tml"
    root, text_el, plain = parse(path)
    assert plain == text  # tags added, nothing else changed
    dct = root.find("DCT/TIMEX3")
    assert dct.get("value") == "2022-11-08" and dct.get("functionInDocument") == "CREATION_TIME"
    tags = {t.text: t.attrib for t in text_el.iter("TIMEX3")}
    assert set(tags) == {"Monday", "early October", "2021", "the past eight months", "daily"}
    assert tags["early October"]["mod"] == "START" and tags["daily"]["type"] == "SET"
    assert tags["the past eight months"]["value"] == "P8M"
    assert len({t["tid"] for t in tags.values()}) == 5


def test_single_file_for_one_document(store, tmp_path):
    out = tmp_path / "one.tml"
    export_events(store, out, "timeml", document_id=1)
    assert parse(out)[2].startswith("date 2022-11-08")


def test_single_file_needs_exactly_one_document(store, tmp_path):
    with pytest.raises(ExportError, match="holds one document"):
        export_events(store, tmp_path / "one.tml", "timeml", document_id=42)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ExportError, match="not a folder"):
        export_events(store, tmp_path / "file", "timeml")
