"""The --json output is a public interface: its schema is exported and every documented key is kept."""

from __future__ import annotations

import json

import jsonschema
from conftest import EXAMPLES, SCREENS
from typer.testing import CliRunner

from assistant.cli import app

FACT_KEYS = {"name", "tagline", "category", "description", "pricing", "license", "open_weights", "claims", "evidence", "backend"}
runner = CliRunner()


def _schema(which):
    result = runner.invoke(app, ["schema", which])
    assert result.exit_code == 0
    return json.loads(result.stdout)


def test_extract_json_keeps_the_contract():
    result = runner.invoke(app, ["extract", str(SCREENS / "parrot-voice-pricing.png"), "--json", "--backend", "ocr"])
    assert result.exit_code == 0, result.output
    facts = json.loads(result.stdout)
    jsonschema.validate(facts, _schema("facts"))
    assert facts.keys() >= FACT_KEYS and facts["backend"] == "ocr"
    assert {"entry", "entry_usd_per_month", "tiers"} <= facts["pricing"].keys()
    tier = facts["pricing"]["tiers"][0]
    assert {"name", "price_usd", "period", "unit", "text"} <= tier.keys()
    ev = facts["evidence"]["pricing"][0]
    assert set(ev) >= {"text", "image", "box", "confidence"} and len(ev["box"]) == 4


def test_compare_json_keeps_the_contract(tmp_path):
    result = runner.invoke(app, ["compare", str(EXAMPLES / "lumen-notes"), str(EXAMPLES / "kestrel-coder"),
                                 "--json", "--backend", "ocr", "--out", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0, result.output
    start = result.stdout.index("{")
    data = json.loads(result.stdout[start:])
    jsonschema.validate(data, _schema("comparison"))
    assert data["title"] == "Lumen Notes vs Kestrel Coder"
    for product in data["products"]:
        assert product["facts"].keys() >= FACT_KEYS
        assert [r["reviewer"] for r in product["reviews"]] == ["builder", "skeptic", "futurist", "founder"]
        for r in product["reviews"]:
            assert 0 <= r["score"] <= 100 and r["verdict"] in ("ship", "skip") and r["rationale"]
            for c in r["criteria"]:
                assert {"id", "met", "weight", "evidence"} <= c.keys()
        assert set(product["panel"]) >= {"ship", "skip", "ship_pct"}
        assert set(product["community"]) >= {"up", "down"}
    assert (tmp_path / "card.json").exists()
