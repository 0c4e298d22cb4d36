"""The MLX backend, run for real (MLX's CPU backend) on a tiny random-weight SmolVLM2 folder.

The answers are noise, so the tests check what must hold for any model: the facts contract, JSON that
parses, nothing unverified presented as read, and a one-line install hint where mlx is missing.
"""

from __future__ import annotations

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


@pytest.fixture(scope="session")
def tiny_mlx(tmp_path_factory) -> Path:
    _need_mlx()
    from weights.synth.mlx import write_mlx

    return write_mlx("tiny", tmp_path_factory.mktemp("mlx") / "tiny")


@pytest.fixture(scope="module")
def screens():
    from assistant.images import load_image
    from assistant.ocr import read

    return [read(load_image(ROOT / "examples" / "kestrel-coder" / "landing.png"))]


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
    be = engine(tiny_mlx)
    be.constrain = False  # prompt-only mode: what runs where llguidance is not installed
    facts = be.extract(screens)
    assert facts.backend == "mlx" and be.constrained is False
    Facts.model_validate(facts.model_dump())
    repairs = be.stats.extra.get("json_repairs", 0)
    assert repairs + be.stats.extra.get("json_constrained", 0) <= be.stats.calls


def test_judge_answers_or_leaves_it_to_the_rules(tiny_mlx, screens):
    from assistant.backends.vlm import page_text

    be = engine(tiny_mlx)
    be.extract(screens)
    request = JudgeRequest(reviewer="indie", criterion_id="free", question="Is there a free plan?",
                           facts_json="{}", page_text=page_text(screens))
    answer = be.judge(request)
    assert answer is None or answer.met in (True, False, None)


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


def test_priority_prefers_llamacpp_on_linux():
    from assistant.backends.mlx import APPLE_SILICON, MlxBackend

    assert MlxBackend.priority == (60 if APPLE_SILICON else 40)


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
    assert reason == (
        "This needs the Python package 'mlx', which is not installed. Install it with: pip install 'shipcard[mlx]'"
    )


def test_without_mlx_choose_gives_the_hint():
    code = _WITHOUT_MLX.split("from assistant.backends.mlx")[0] + (
        "from assistant.backends import choose\n"
        "from assistant.errors import ShipcardError\n"
        "try:\n    choose('mlx')\nexcept ShipcardError as exc:\n    print(exc)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip().count("\n") == 0
    assert "pip install 'shipcard[mlx]'" in out.stdout
