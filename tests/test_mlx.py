"""The MLX backend, run for real (MLX's CPU backend) on a tiny random-weight SmolVLM2 folder.

The answers are noise, so the tests check what must hold for any model: the facts contract, JSON that
parses, nothing unverified presented as read, and a one-line install hint where mlx is missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

os.environ.setdefault("MLX_DISABLE_COMPILE", "1")  # skip several seconds of kernel compiling per process

from assistant.backends.base import BackendOptions, JudgeRequest
from assistant.backends.vlm import parse_json
from assistant.datamodel import Facts
from assistant.errors import BackendError

pytestmark = [pytest.mark.mlx, pytest.mark.shared_home]  # shared: engines derive model files once
ROOT = Path(__file__).resolve().parents[1]
JUDGE = {"type": "object", "properties": {"m": {"type": "string", "enum": ["yes", "no", "unknown"]},
                                           "q": {"type": "string", "maxLength": 24}}, "required": ["m", "q"]}


def _need_mlx():
    pytest.importorskip("mlx.core", reason="mlx is not installed (pip install 'shipcard[mlx]')")
    pytest.importorskip("mlx_vlm", reason="mlx-vlm is not installed (pip install 'shipcard[mlx]')")


@pytest.fixture(scope="module")
def screens(kestrel_screens):
    return kestrel_screens


def engine(model: Path, **options):
    from assistant.backends.mlx import MlxBackend

    return MlxBackend(BackendOptions(model=str(model), **options))


# ---- the synthetic folder ----------------------------------------------------------------------


def test_tiny_folder_matches_its_tokenizer(tiny_mlx):
    from transformers import PreTrainedTokenizerFast

    config = json.loads((tiny_mlx / "config.json").read_text())
    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(tiny_mlx / "tokenizer.json"))
    assert config["vocab_size"] == config["text_config"]["vocab_size"] == len(tokenizer)
    assert tokenizer.convert_tokens_to_ids("<image>") == config["image_token_id"]
    assert tokenizer.decode(tokenizer.encode("Pro $20/mo — ünïcode")) == "Pro $20/mo — ünïcode"


def test_full_size_config_is_smolvlm2_2b():
    from weights.synth.gguf import ARCHS, _vocab
    from weights.synth.mlx import model_config

    spec = ARCHS["smolvlm2-2.2b"]
    config = model_config(spec, _vocab(spec)[0])
    text, vision = config["text_config"], config["vision_config"]
    assert (text["hidden_size"], text["num_hidden_layers"], text["num_attention_heads"], text["num_key_value_heads"],
            text["intermediate_size"], config["vocab_size"]) == (2048, 24, 32, 32, 8192, 49280)
    assert (vision["hidden_size"], vision["num_hidden_layers"], vision["num_attention_heads"],
            vision["intermediate_size"], vision["patch_size"], vision["image_size"]) == (1152, 27, 16, 4304, 14, 384)
    assert config["scale_factor"] == 3


def test_mlx_vlm_reads_the_full_size_config_as_smolvlm2():
    _need_mlx()
    from mlx_vlm.models.smolvlm import ModelConfig, TextConfig, VisionConfig

    from weights.synth.gguf import ARCHS, _vocab
    from weights.synth.mlx import model_config

    raw = model_config(ARCHS["smolvlm2-2.2b"], _vocab(ARCHS["smolvlm2-2.2b"])[0])
    config = ModelConfig.from_dict({**raw, "text_config": TextConfig.from_dict(raw["text_config"]),
                                    "vision_config": VisionConfig.from_dict(raw["vision_config"])})
    tokens_per_tile = (config.vision_config.image_size // config.vision_config.patch_size // config.scale_factor) ** 2
    assert tokens_per_tile == 81
    assert config.text_config.num_key_value_heads == 32


# ---- the engine --------------------------------------------------------------------------------


def test_extract_keeps_the_contract(tiny_mlx, screens):
    be = engine(tiny_mlx)
    facts = be.extract(screens)
    Facts.model_validate(facts.model_dump())
    assert facts.backend == "mlx"
    assert facts.images == [s.name for s in screens]
    assert be.stats.calls >= 1 and be.constrained is True
    for field in facts.unverified:  # a model's value that is not on the page never becomes a fact
        assert field not in facts.provenance or facts.provenance[field] == "device"
    assert set(facts.provenance.values()) <= {"device"}


def test_constrained_json_is_valid_over_seeds(tiny_mlx, screens):
    be = engine(tiny_mlx)
    be.temperature = 1.0
    valid = 0
    for seed in range(8):
        be.seed = seed
        completion = be.complete("Is there a free plan?", screens, JUDGE, 64)
        try:
            answer = parse_json(completion.text)
            valid += answer["m"] in ("yes", "no", "unknown") and isinstance(answer["q"], str)
        except BackendError:
            pass
    assert valid == 8


def test_unconstrained_answer_gets_one_repair_then_falls_back(tiny_mlx, screens):
    from assistant.extract import extract_facts

    be = engine(tiny_mlx)
    be.constrain = False  # prompt-only mode: what runs where llguidance is not installed
    facts = be.extract(screens)
    assert facts.backend == "mlx" and be.constrained is False
    # noise never parses: each call is repaired exactly once, then the rules' facts stand
    assert be.stats.calls == 1 and be.stats.extra == {"json_repairs": 1} and be.stats.failures == 1
    rules = extract_facts(screens)
    assert facts.model_dump(exclude={"backend"}) == rules.model_dump(exclude={"backend"})


def test_judge_reads_the_request_alone(tiny_mlx, screens):
    """Stateless: the same request gets the same prompt and answer whatever the engine did before."""
    from assistant.guard import page_lines
    from assistant.quotes import quote_line

    request = JudgeRequest(reviewer="indie", criterion_id="free", question="Is there a free plan?",
                           facts_json="{}", screens=screens)
    fresh = engine(tiny_mlx)
    first = fresh.judge(request)
    used = engine(tiny_mlx, max_new_tokens=16)
    with contextlib.suppress(BackendError):  # 16 tokens of noise may be cut off: the engine has worked either way
        used.ask("Who is it for?", screens, {"type": "object", "properties": {"a": {"type": "string"}}, "required": ["a"]})
    before = used.stats.prompt_tokens
    assert used.judge(request) == first and used.stats.prompt_tokens - before == fresh.stats.prompt_tokens
    if first is not None and first.met is not None and (first.met or first.quote):
        assert quote_line(first.quote, page_lines(screens[0])) is not None


def test_tile_budget_bounds_the_image_tokens(tiny_mlx, screens):
    small, large = engine(tiny_mlx, tile_budget=1), engine(tiny_mlx, tile_budget=6)
    a = small.complete("Name?", screens, JUDGE, 8)
    b = large.complete("Name?", screens, JUDGE, 8)
    assert a.prompt_tokens < b.prompt_tokens


def test_quantized_folder_loads_and_answers(tiny_mlx, screens, tmp_path):
    from quantize.mlx import quantization_of, quantize_folder

    out = quantize_folder(tiny_mlx, tmp_path / "q4", bits=4, group_size=32)
    assert quantization_of(out)["bits"] == 4
    facts = engine(out).extract(screens)
    assert facts.backend == "mlx"


def test_missing_folder_is_one_clear_line(tmp_path):
    from assistant.backends.mlx import MlxBackend

    found = MlxBackend.availability(BackendOptions(model=str(tmp_path / "nowhere")))
    assert not found.usable and "\n" not in found.reason and "config.json" in found.reason


def test_auto_prefers_llamacpp_on_linux_and_mlx_on_apple_silicon(monkeypatch):
    from assistant.backends import Availability, choose
    from assistant.backends.llamacpp import LlamaCppBackend
    from assistant.backends.mlx import APPLE_SILICON, MlxBackend

    for cls in (LlamaCppBackend, MlxBackend):  # both can run here
        monkeypatch.setattr(cls, "availability", classmethod(lambda c, o: Availability(name=c.name, usable=True, reason="")))
    assert type(choose("auto")) is (MlxBackend if APPLE_SILICON else LlamaCppBackend)


# ---- without mlx -------------------------------------------------------------------------------

_WITHOUT_MLX = """
import sys
sys.modules['mlx'] = None
sys.modules['mlx_vlm'] = None
from assistant.backends.base import BackendOptions
from assistant.backends.mlx import MlxBackend
import assistant.backends.vlm, assistant.datamodel
found = MlxBackend.availability(BackendOptions())
print(found.usable)
print(found.reason)
"""


def test_without_mlx_availability_says_what_to_install():
    out = subprocess.run([sys.executable, "-c", _WITHOUT_MLX], capture_output=True, text=True, cwd=ROOT, check=True)
    usable, reason = out.stdout.strip().split("\n")
    assert usable == "False"
    from assistant.backends.mlx import APPLE_SILICON

    if APPLE_SILICON:
        assert reason == (
            "This needs the Python package 'mlx', which is not installed. Install it with: pip install 'shipcard[mlx]'"
        )
    else:  # elsewhere MLX is not worth installing: no install hint, the engine that runs here instead
        assert "Apple Silicon" in reason and "llamacpp" in reason and "pip install" not in reason


def test_without_mlx_choose_gives_the_hint():
    code = _WITHOUT_MLX.split("from assistant.backends.mlx")[0] + (
        "from assistant.backends import choose\n"
        "from assistant.errors import ShipcardError\n"
        "try:\n    choose('mlx')\nexcept ShipcardError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().count("\n") == 0
    from assistant.backends.mlx import APPLE_SILICON

    assert ("pip install 'shipcard[mlx]'" if APPLE_SILICON else "Apple Silicon") in out.stdout
