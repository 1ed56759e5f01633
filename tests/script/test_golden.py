"""Golden narration scripts of the project's own sample articles.

A change in ingest, quotes or speakers that changes a sample's script shows up here as a diff.
After checking that the new script is right, regenerate the files with
    ARTICLECAST_UPDATE_GOLDEN=1 .venv/bin/pytest tests/script/test_golden.py
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from articlecast.pipeline import make_script_from
from articlecast.script.scriptfile import parse_script, script_to_json
from tests.conftest import ROOT, SAMPLES

GOLDEN = Path(__file__).parent / "golden"


@pytest.mark.parametrize("sample", sorted(p.name for p in SAMPLES.iterdir()))
def test_sample_script_matches_golden(sample, monkeypatch):
    monkeypatch.chdir(ROOT)  # the script records its source as given: keep it relative and stable
    script_json = script_to_json(make_script_from(f"samples/{sample}"))
    golden = GOLDEN / f"{Path(sample).stem}.script.json"
    if os.environ.get("ARTICLECAST_UPDATE_GOLDEN"):
        golden.write_text(script_json, encoding="utf-8")
    assert script_json == golden.read_text(encoding="utf-8")
    assert parse_script(script_json) == make_script_from(f"samples/{sample}")  # and it reads back as it was
