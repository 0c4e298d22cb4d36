"""The llama.cpp backend, run for real on a tiny random-weight SmolVLM2-style model.

The answers are noise, so the tests check properties that must hold for any model: valid JSON, the facts
contract, nothing unverified presented as read, one clear error line on every failure.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.backends.base import BackendOptions, JudgeRequest
from assistant.backends.vlm import Completion, VLMBackend, check_verdict, fuzzy_contains, page_text, parse_json
from assistant.datamodel import Facts
from assistant.errors import BackendError, ShipcardError
from tests.tiny_models import build_tiny_gguf, tiny_gguf_files

pytest.importorskip("llama_cpp")
pytest.importorskip("gguf")

ROOT = Path(__file__).resolve().parents[1]
JUDGE = {"type": "object", "properties": {"m": {"type": "string", "enum": ["yes", "no", "unknown"]},
                                           "q": {"type": "string", "maxLength": 24}}, "required": ["m", "q"]}


pytestmark = pytest.mark.shared_home  # the engines derive model files under one home per run


@pytest.fixture(scope="module")
def screens(tmp_path_factory):
    from assistant.images import load_image
    from assistant.ocr import read

    found = sorted((ROOT / "benchmarks/data/screens").glob("*landing.png"))[:1]
    path = found[0] if found else _text_png(tmp_path_factory.mktemp("png") / "page.png")
    return [read(load_image(path))]


def _text_png(path: Path) -> Path:
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (800, 500), "white")
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(["Quillmate", "Write faster with AI", "Free to start", "Apache-2.0 license"]):
        draw.text((40, 40 + 60 * i), line, fill="black", font_size=32)
    img.save(path)
    return path


def backend(**options):
    from assistant.backends.llamacpp import LlamaCppBackend

    return LlamaCppBackend(BackendOptions(model=str(build_tiny_gguf()), **options))


# ---- real llama.cpp ------------------------------------------------------------------------------


@pytest.mark.llama
def test_extract_keeps_the_facts_contract(screens):
    from assistant.extract import extract_facts

    rules = extract_facts(screens)
    facts = backend().extract(screens)
    Facts.model_validate(facts.model_dump())
    assert facts.backend == "llamacpp"
    lines = [line.text for s in screens for line in s.lines]
    for field in ("name", "tagline", "category", "description", "license"):
        value = getattr(facts, field)
        if value != getattr(rules, field):  # filled by the model: must be on the page, with evidence
            assert any(fuzzy_contains(value, line) for line in lines) or fuzzy_contains(value, " ".join(lines))
            assert facts.evidence[field]


@pytest.mark.llama
def test_constrained_json_is_valid_over_many_seeds(screens):
    b = backend()
    b.temperature = 1.0
    schema = {"type": "object", "properties": {k: {"type": "string", "maxLength": 12} for k in ("n", "t", "e")},
              "required": ["n", "t", "e"]}
    for seed in range(40):
        b.seed = seed
        text = b.complete("Give fields.", screens, schema, 160).text
        value = json.loads(text)  # strict: no raw control characters in strings
        assert set(value) == {"n", "t", "e"}


@pytest.mark.llama
def test_judge_answers_only_with_quotes_on_the_page(screens):
    b = backend()
    b.extract(screens)
    b.temperature = 1.0
    page = page_text(screens)
    for seed in range(15):
        b.seed = seed
        answer = b.judge(JudgeRequest(reviewer="builder", criterion_id="sdk", question="Is there an SDK?",
                                      facts_json="{}", page_text=page))
        assert answer is None or answer.met in (True, False, None)
        if answer is not None and answer.met is True:
            assert fuzzy_contains(answer.quote, page)


@pytest.mark.llama
def test_ask_returns_the_schema_keys(screens):
    b = backend()
    b.temperature = 0.7
    for seed in range(5):
        b.seed = seed
        assert set(b.ask("Who is it for?", screens, JUDGE)) >= {"m", "q"}


@pytest.mark.llama
def test_a_screenshot_is_encoded_once_and_the_prefix_reused(screens):
    b = backend()
    b.complete("First question.", screens, JUDGE, 8)
    encoded = b.stats.extra.get("tiles_encoded", 0)
    b.complete("Second, different question.", screens, JUDGE, 8)
    b.complete("Third.", screens, JUDGE, 8)
    assert b.stats.extra.get("tiles_encoded", 0) == encoded  # no image encoded twice in a process
    assert b.stats.extra["prompt_tokens_reused"] > 0


@pytest.mark.llama
@pytest.mark.parametrize("budget", [1, 2, 4, 6])
def test_tile_budget_bounds_the_tiles(screens, budget):
    b = backend(tile_budget=budget)
    b.engine.embeddings.clear()
    b.stats.reset()
    b.complete("Q.", screens, JUDGE, 4)
    assert 1 <= b.stats.extra["tiles_encoded"] <= budget + 1  # tiles + the global one


@pytest.mark.llama
def test_a_cut_off_answer_is_one_clear_error(screens):
    text = backend().complete("Answer.", screens, JUDGE, 1).text  # one token: never a full object
    with pytest.raises(BackendError) as err:
        parse_json(text)
    assert "\n" not in str(err.value)


# ---- failures: one line, no crash ------------------------------------------------------------------


class GarbageBackend(VLMBackend):
    """A fake engine (not a mock): whatever it is asked, it answers junk."""

    name = "garbage"
    label = "garbage"

    def __init__(self, reply: str):
        super().__init__(BackendOptions())
        self.reply = reply

    def complete(self, prompt, images, schema, max_tokens):
        return Completion(text=self.reply, prompt_tokens=1, completion_tokens=1, seconds=0.0)


@pytest.mark.parametrize("reply", ["", "garbage", "{\"n\": ", "[1, 2]", "```json\n{\"n\": 3}\n```", "\x00\x01{"])
def test_junk_answers_keep_the_ocr_facts_and_fail_ask_in_one_line(screens, reply):
    from assistant.extract import extract_facts

    b = GarbageBackend(reply)
    facts = b.extract(screens)
    rules = extract_facts(screens)
    assert facts.name == rules.name and facts.backend == "garbage"
    assert b.judge(JudgeRequest(reviewer="r", criterion_id="c", question="q?", facts_json="{}", page_text="x")) is None
    with pytest.raises(ShipcardError) as err:
        b.ask("q?", screens, {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]})
    assert "\n" not in str(err.value)


def test_invented_values_are_marked_unverified(screens):
    from assistant.extract import extract_facts

    rules = extract_facts(screens)
    invented = json.dumps({"n": "Zyxwvut Hyperbrain 9000", "l": "WTFPL-9", "ow": "yes", "e": "$999999/mo"})
    facts = GarbageBackend(invented).extract(screens)
    assert facts.name == rules.name  # the rules' value stands
    assert facts.license == rules.license and facts.pricing.entry == rules.pricing.entry
    assert {"name", "license", "entry"} <= set(facts.unverified) | _solid(rules)


def _solid(facts) -> set[str]:
    """Fields the rules read with strong evidence: the model was not asked about them."""
    from assistant.backends.vlm import _is_weak

    return {f for f in ("name", "license", "entry") if not _is_weak(facts, f)}


def test_quotes_not_on_the_page_turn_into_unknown():
    page = "Quillmate\nPython SDK and REST API\nFree to start"
    assert check_verdict("yes", "Python SDK and REST API", page, "{}").met is True
    assert check_verdict("yes", "Go SDK with 40 examples", page, "{}").met is None
    assert check_verdict("yes", "", page, "{}").met is None
    assert check_verdict("no", "", page, "{}").met is False
    assert check_verdict("unknown", "Free to start", page, "{}").met is None


def test_parse_json_is_tolerant():
    assert parse_json('```json\n{"a": "x\ty"}\n```') == {"a": "x\ty"}
    assert parse_json('Sure! {"a": {"b": 1}} trailing') == {"a": {"b": 1}}


def test_missing_mmproj_is_one_clear_line(tmp_path):
    from assistant.backends import choose

    model, _ = tiny_gguf_files()
    shutil.copy(model, tmp_path / model.name)
    options = BackendOptions(model=str(tmp_path))
    from assistant.backends.llamacpp import LlamaCppBackend

    found = LlamaCppBackend.availability(options)
    assert not found.usable and "mmproj" in found.reason
    with pytest.raises(ShipcardError) as err:
        choose("llamacpp", options)
    assert "\n" not in str(err.value)


@pytest.mark.llama
@pytest.mark.parametrize("which", ["model", "mmproj"])
def test_corrupt_gguf_is_one_clear_line(tmp_path, screens, which):
    model, mmproj = tiny_gguf_files()
    for src in (model, mmproj):
        shutil.copy(src, tmp_path / src.name)
    victim = tmp_path / (model.name if which == "model" else mmproj.name)
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])
    from assistant.backends.llamacpp import LlamaCppBackend

    b = LlamaCppBackend(BackendOptions(model=str(tmp_path)))
    with pytest.raises(ShipcardError) as err:
        b.complete("Q.", screens, JUDGE, 4)
    assert victim.name in str(err.value) and "\n" not in str(err.value)


def test_core_imports_without_llama_cpp():
    code = (
        "import sys; sys.modules['llama_cpp'] = None; sys.modules['gguf'] = None\n"
        "from assistant.backends import llamacpp\n"
        "from assistant.backends.base import BackendOptions\n"
        "a = llamacpp.LlamaCppBackend.availability(BackendOptions())\n"
        "print(a.usable)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_fit_to_budget_matches_mtmd_tiling():
    from PIL import Image

    from assistant.backends.llamacpp import fit_to_budget, long_side_tiles, tile_grid

    for size in [(1280, 800), (1280, 4000), (400, 300), (3000, 600), (800, 800)]:
        for budget in range(1, 14):
            k = long_side_tiles(budget, 4)
            fitted = fit_to_budget(Image.new("RGB", size, "white"), budget, k, 384)
            cols, rows = tile_grid(*fitted.size, 384, k * 384)
            assert cols * rows <= budget, (size, budget, fitted.size)
