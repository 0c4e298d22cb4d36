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
from assistant.backends.vlm import Completion, VLMBackend, check_verdict, parse_json
from assistant.datamodel import Facts, OcrLine
from assistant.errors import BackendError, ShipcardError
from assistant.guard import page_lines
from assistant.quotes import fuzzy_contains, quote_line
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
    b.temperature = 1.0
    lines = [ln for s in screens for ln in page_lines(s)]
    decided = 0
    for seed in range(15):
        b.seed = seed
        answer = b.judge(JudgeRequest(reviewer="builder", criterion_id="sdk", question="Is there an SDK?",
                                      facts_json="{}", screens=screens))
        if answer is not None and answer.met is not None and (answer.met or answer.quote):
            assert quote_line(answer.quote, lines) is not None, answer
        decided += answer is not None and answer.met is not None
    assert b.stats.calls == 15 and b.stats.failures + decided <= 15


@pytest.mark.llama
def test_a_reused_prefix_gives_the_fresh_engines_logits(screens):
    import numpy as np

    from assistant.backends.llamacpp import cached_engine

    def prefill(b, prompt: str):
        engine = b.engine
        b.stats.count("prompt_tokens_evaluated", engine.prefill(prompt, [engine.prepare(s) for s in screens], b.stats))
        return engine.next_logits()

    used = backend()
    prefill(used, "A first, different question.")
    reused = prefill(used, "Who is it for?")
    assert used.stats.extra["prompt_tokens_reused"] > 0
    cached_engine.cache_clear()
    fresh = backend()
    expected = prefill(fresh, "Who is it for?")
    assert fresh.stats.extra["prompt_tokens_reused"] == 0
    assert np.abs(reused - expected).max() <= 1e-3 * np.abs(expected).max()
    assert reused.argmax() == expected.argmax()  # the greedy answer's first token


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
    b.engine.kv_keys = []  # nothing cached: no prefix to reuse either
    b.stats.reset()
    b.complete("Q.", screens, JUDGE, 4)
    assert 1 <= b.stats.extra["tiles_encoded"] <= budget + 1  # tiles + the global one


@pytest.mark.llama
def test_budget_one_sends_the_global_tile_alone(screens):
    """A 1x1 grid would repeat the global tile: budget 1 encodes one tile a screenshot, as page_tiling says."""
    from assistant.backends.llamacpp.tiles import page_tiling

    b = backend(tile_budget=1)
    b.engine.embeddings.clear()
    b.engine.kv_keys = []
    b.stats.reset()
    b.complete("Q.", screens[:1], JUDGE, 4)
    tiles, tokens = page_tiling(next(build_tiny_gguf().glob("mmproj-*.gguf")), 1)
    assert b.stats.extra["tiles_encoded"] == tiles == 1
    assert b.stats.extra["prompt_tokens_evaluated"] > tokens


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
        return Completion(text=_each_answer(self.reply, schema), prompt_tokens=1, completion_tokens=1, seconds=0.0)


def _each_answer(reply: str, schema: dict) -> str:
    """A {"m", "q"} reply given as every answer of a batched judge call ({"a": [[m, q], ...]}); else as it is."""
    if set(schema.get("properties", {})) != {"a"}:
        return reply
    try:
        value = json.loads(reply)
    except ValueError:
        return reply
    if not isinstance(value, dict):
        return reply
    return json.dumps({"a": [[value.get("m"), value.get("q", "")]] * len(schema["properties"]["a"]["prefixItems"])})


@pytest.mark.parametrize("reply", ["", "garbage", "{\"n\": ", "[1, 2]", "```json\n{\"n\": 3}\n```", "\x00\x01{"])
def test_junk_answers_keep_the_ocr_facts_and_fail_ask_in_one_line(screens, reply):
    from assistant.extract import extract_facts

    b = GarbageBackend(reply)
    facts = b.extract(screens)
    rules = extract_facts(screens)
    assert facts.name == rules.name and facts.backend == "garbage"
    assert b.judge(JudgeRequest(reviewer="r", criterion_id="c", question="q?", facts_json="{}", screens=screens)) is None
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
    weak = facts.weak_fields()
    return {f for f in ("name", "license", "entry") if (f if f != "entry" else "pricing") not in weak}


def _lines(*texts: str) -> list[OcrLine]:
    return [OcrLine(text=t, box=(0, 40.0 * i, 300, 40.0 * i + 30), confidence=0.99, image="page.png")
            for i, t in enumerate(texts)]


def test_quotes_not_on_the_page_turn_into_unknown():
    lines = _lines("Quillmate", "Python SDK and REST API", "Free to start")
    assert check_verdict("yes", "Python SDK and REST API", lines).met is True
    assert check_verdict("yes", "python SDK and REST-API.", lines).met is True  # case and punctuation aside
    assert check_verdict("yes", "Go SDK with 40 examples", lines).met is None
    assert check_verdict("yes", "", lines).met is None
    assert check_verdict("yes", "API", lines).met is None  # too short to be evidence
    assert check_verdict("no", "", lines).met is False
    assert check_verdict("no", "Go SDK with 40 examples", lines).met is None
    assert check_verdict("unknown", "Free to start", lines).met is None


def test_one_locator_for_judge_and_chat_finds_the_line_of_a_slightly_misread_quote():
    lines = _lines("Quillmate", "Python SDK and REST API", "Free to start, no card needed")
    assert quote_line("Python SDK and REST AP1", lines) is lines[1]  # one character off
    assert quote_line("Free to start no card", lines) is lines[2]
    assert quote_line("REST API Free to start", lines) is lines[1]  # spans two lines: where it starts
    assert quote_line("Trusted by ten thousand teams", lines) is None


class ScriptedJudge(GarbageBackend):
    """Answers every criterion "yes", quoting `quote`; extraction proposes nothing."""

    def __init__(self, quote: str):
        super().__init__(json.dumps({"m": "yes", "q": quote}))


def _murmur() -> list:
    """A page where the rules leave the judgment criteria open, so a model is asked."""
    from PIL import Image

    from assistant.datamodel import LoadedImage, Screen

    lines = _lines("Murmur Docs", "Search that answers from your files.",
                   "Murmur reads your team's documents and answers questions about them.")
    return [Screen(loaded=LoadedImage(name="page.png", image=Image.new("RGB", (300, 200)), sha256="0"), lines=lines)]


def test_a_garbage_judgment_changes_nothing_and_the_card_still_renders():
    from assistant.card import render_html, render_markdown
    from assistant.datamodel import Comparison, ProductCard
    from assistant.extract import extract_facts
    from assistant.judge import judge_product, panel
    from assistant.rubrics import load_rubrics

    screens = _murmur()
    facts, rubrics = extract_facts(screens), load_rubrics()
    rules_only = judge_product(facts, screens, rubrics)
    for reply in ["", "garbage", '{"m": "yes", "q": "Zyxwvut Hyperbrain 9000 certified"}', '{"m": "maybe"}',
                  '{"m": "no", "q": "Trusted by ten thousand teams"}']:
        engine = GarbageBackend(reply)
        reviews = judge_product(facts, screens, rubrics, engine)
        assert engine.stats.calls > 0 and reviews == rules_only, reply
        card = Comparison(title="t", products=[ProductCard(facts=facts, reviews=reviews, panel=panel(reviews))])
        assert facts.name in render_html(card) and facts.name in render_markdown(card)


def test_a_quote_on_the_page_is_cited_from_its_line():
    from assistant.extract import extract_facts
    from assistant.judge import judge_product
    from assistant.rubrics import load_rubrics

    screens = _murmur()
    line = screens[0].lines[2]
    misread = line.text.upper().replace(" ", "  ")[:-1] + "?"  # case, spacing and the last character differ
    engine = ScriptedJudge(misread)
    reviews = judge_product(extract_facts(screens), screens, load_rubrics(), engine)
    judged = [c for r in reviews for c in r.criteria if c.note.startswith("garbage judged")]
    assert len(judged) > 1 and engine.stats.calls == 1  # every reviewer's open criteria in one call
    assert all(c.met is True and c.evidence[0].box == line.box for c in judged)
    assert all(c.evidence[0].text == line.text for c in judged)  # not verbatim on the page: the line is cited


class Recording(GarbageBackend):
    """Keeps each prompt; reads the screenshots or, as the text path, only the OCR lines."""

    def __init__(self, reply: str, reads_images: bool):
        super().__init__(reply)
        self.prompts, self.sees = [], reads_images

    @property
    def reads_images(self) -> bool:
        return self.sees

    def complete(self, prompt, images, schema, max_tokens):
        self.prompts.append(prompt)
        return super().complete(prompt, images, schema, max_tokens)


def test_an_engine_that_sees_the_page_gets_only_the_lines_a_question_needs():
    from assistant.backends.vlm import TOP_LINES

    lines = _lines(*[f"Line {i} about nothing much" for i in range(TOP_LINES)], "Limits: no offline mode yet",
                   "Footer text nobody asked about")
    from PIL import Image

    from assistant.datamodel import LoadedImage, Screen

    screens = [Screen(loaded=LoadedImage(name="p.png", image=Image.new("RGB", (300, 200)), sha256="1"), lines=lines)]
    ask = [JudgeRequest("skeptic", "limits", "Does the page admit a limit?", "{}", screens),
           JudgeRequest("skeptic", "offline", "Does it work offline?", "{}", screens)]
    seeing, text_path = Recording("{}", True), Recording("{}", False)
    for engine in (seeing, text_path):
        engine.judge_all(ask)
        engine.extract(screens)
    judge, extract = seeing.prompts
    assert "Limits: no offline mode yet" in judge and "Footer text" not in judge and "Line 0" not in judge
    assert "Line 0" in extract and "Footer text" not in extract and "Limits:" not in extract
    assert all("Footer text" in p for p in text_path.prompts)  # the text path reads the whole page
    head = extract.index("<page>")  # the reusable prefix: the images, then the same fixed wording
    assert judge[:head] == extract[:head]


@pytest.mark.llama
def test_a_products_questions_go_in_one_constrained_call(screens):
    b = backend()
    ask = [JudgeRequest("builder", c, q, "{}", screens) for c, q in
           (("sdk", "Is there an SDK?"), ("free", "Is there a free tier?"), ("docs", "Does it link to docs?"))]
    answers = b.judge_all(ask)
    assert len(answers) == 3 and b.stats.calls == 1
    lines = [ln for s in screens for ln in page_lines(s)]
    for answer in answers:  # each one checked on the page like a single answer
        if answer is not None and answer.met is not None and (answer.met or answer.quote):
            assert quote_line(answer.quote, lines) is not None, answer


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


# ---- a model may overrule the rules on identity ------------------------------------------------------


def test_a_doubtful_name_gives_way_to_the_models_reading_found_on_the_page():
    from assistant.backends.vlm import _Proposal, merge_proposal
    from assistant.datamodel import Facts

    lines = _lines("Features", "Acme Studio", "Design faster with AI", "Pricing")
    facts = Facts(backend="ocr", name="Features", tagline="Pricing", confidence={"name": 0.9})  # a nav item
    merge_proposal(facts, _Proposal(n="Acme Studio", t="Design faster with AI"), lines)
    assert (facts.name, facts.tagline) == ("Acme Studio", "Design faster with AI")
    assert facts.alternatives["name"][0] == "Features" and facts.evidence["name"][0].text == "Acme Studio"

    solid = Facts(backend="ocr", name="Acme Studio", confidence={"name": 0.98})
    merge_proposal(solid, _Proposal(n="Design faster with AI"), lines)  # on the page, but the rules' pick is sound
    assert solid.name == "Acme Studio"
    invented = Facts(backend="ocr", name="Features", confidence={"name": 0.9})
    merge_proposal(invented, _Proposal(n="Zyxwvut 9000"), lines)  # not on the page: the rules' value stands
    assert invented.name == "Features"


class RecordingBackend(GarbageBackend):
    """The fake engine, keeping the schema of every request."""

    def __init__(self, reply: str):
        super().__init__(reply)
        self.asked: list[set[str]] = []

    def complete(self, prompt, images, schema, max_tokens):
        self.asked.append(set(schema.get("properties", {})))
        return super().complete(prompt, images, schema, max_tokens)


def test_the_model_is_asked_for_name_and_tagline_even_when_the_rules_read_them(screens):
    from assistant.extract import extract_facts

    assert extract_facts(screens).name  # the rules filled it
    b = RecordingBackend("{}")
    b.extract(screens)
    assert {"n", "t"} <= b.asked[0]


@pytest.mark.llama
def test_a_tiny_model_asked_for_identity_leaves_a_card_that_renders(screens):
    """On the real runtime: the identity question is asked and whatever the random model says, the facts keep a
    name that is on the page."""
    from assistant.quotes import locate

    facts = backend().extract(screens)
    assert facts.name and locate(facts.name, [ln for s in screens for ln in s.lines]) is not None
