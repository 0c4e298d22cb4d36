"""Write a random-weight SmolVLM2 as a Hugging Face / mlx-vlm model folder.

The folder has the files `mlx_vlm.load` reads from a published SmolVLM2 checkpoint: config.json,
model.safetensors (transformers tensor names, which mlx-vlm's `sanitize` maps), tokenizer.json and
tokenizer_config.json, preprocessor_config.json, processor_config.json and chat_template.json. It shares
the dimensions (`ARCHS`) and the token table with the GGUF writer, so both engines see the same tokens.
The answers are noise: only shapes, metadata and the tokenizer's special tokens are real.

Tensors are streamed to disk one at a time, so the 2.2B model (4.5 GB in bf16) is written with about
one tensor's worth of memory.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np

from ..chat_templates import SMOLVLM2
from .gguf import ARCHS, NORMAL, Arch, _Pool, _vocab

# The transformers class a SmolVLM2 checkpoint names; mlx-vlm picks its model from "model_type".
ARCHITECTURE = "SmolVLMForConditionalGeneration"
SPECIAL = ("<|endoftext|>", "<|im_start|>", "<|im_end|>", "<end_of_utterance>")


def write_mlx(arch: str, out: Path, *, seed: int = 0) -> Path:
    """Write the `arch` model ("tiny" or "smolvlm2-2.2b") into folder `out`; return the folder."""
    if arch not in ARCHS:
        raise ValueError(f"Unknown architecture '{arch}'. Choose one of: {', '.join(ARCHS)}.")
    spec = ARCHS[arch]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tokens = _vocab(spec)[0]
    dtype = "F32" if spec.name == "tiny" else "BF16"
    _write_json(out / "config.json", model_config(spec, tokens, dtype))
    _write_json(out / "tokenizer.json", tokenizer_json(spec))
    _write_json(out / "tokenizer_config.json", _tokenizer_config(spec))
    _write_json(out / "special_tokens_map.json", _special_tokens_map())
    _write_json(out / "preprocessor_config.json", _preprocessor_config(spec))
    _write_json(out / "processor_config.json", {"image_seq_len": spec.tokens_per_tile, "processor_class": "SmolVLMProcessor"})
    _write_json(out / "chat_template.json", {"chat_template": SMOLVLM2})
    _write_json(out / "generation_config.json", {"eos_token_id": [tokens.index("<end_of_utterance>")], "do_sample": False})
    write_safetensors(out / "model.safetensors", _tensors(spec, len(tokens)), dtype, _Pool(seed))
    return out


def _write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


# ---- config ---------------------------------------------------------------------------------------


def model_config(s: Arch, tokens: list[str], dtype: str = "BF16") -> dict:
    """config.json in the shape of HuggingFaceTB/SmolVLM2-2.2B-Instruct's."""
    vocab = len(tokens)
    torch_dtype = {"BF16": "bfloat16", "F32": "float32", "F16": "float16"}[dtype]
    return {
        "architectures": [ARCHITECTURE],
        "model_type": "smolvlm",
        "image_token_id": tokens.index("<image>"),
        "scale_factor": s.scale,
        "vocab_size": vocab,
        "eos_token_id": [tokens.index("<end_of_utterance>")],
        "pad_token_id": tokens.index("<|endoftext|>"),
        "tie_word_embeddings": False,  # mlx-vlm's idefics3 text model always owns an lm_head
        "torch_dtype": torch_dtype,
        "text_config": {
            "model_type": "llama",
            "hidden_size": s.hidden,
            "intermediate_size": s.ffn,
            "num_attention_heads": s.heads,
            "num_key_value_heads": s.kv_heads,
            "head_dim": s.hidden // s.heads,
            "num_hidden_layers": s.layers,
            "rms_norm_eps": 1e-5,
            "rope_theta": s.rope_theta,
            "max_position_embeddings": s.context,
            "vocab_size": vocab,
            "tie_word_embeddings": False,
        },
        "vision_config": {
            "model_type": "smolvlm_vision",
            "hidden_size": s.v_hidden,
            "intermediate_size": s.v_ffn,
            "num_attention_heads": s.v_heads,
            "num_hidden_layers": s.v_layers,
            "patch_size": s.patch,
            "image_size": s.image,
            "num_channels": 3,
            "layer_norm_eps": 1e-6,
        },
    }


def _preprocessor_config(s: Arch) -> dict:
    return {
        "image_processor_type": "SmolVLMImageProcessor",
        "processor_class": "SmolVLMProcessor",
        "do_convert_rgb": True,
        "do_image_splitting": True,
        "do_normalize": True,
        "do_pad": True,
        "do_rescale": True,
        "do_resize": True,
        "image_mean": [0.5, 0.5, 0.5],
        "image_std": [0.5, 0.5, 0.5],
        "max_image_size": {"longest_edge": s.image},
        "resample": 1,
        "rescale_factor": 1 / 255,
        "size": {"longest_edge": s.longest_edge},
    }


# ---- tokenizer ------------------------------------------------------------------------------------


def tokenizer_json(s: Arch) -> dict:
    """A byte-level BPE tokenizer.json with the GGUF writer's tokens, in the same order (same ids)."""
    tokens, types, merges = _vocab(s)
    added = [t for t, kind in zip(tokens, types, strict=False) if kind != NORMAL and not t.startswith("<unused_")]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [_added(tokens.index(t), t) for t in added],
        "normalizer": None,
        "pre_tokenizer": {"type": "Sequence", "pretokenizers": [  # SmolLM2's: digits one by one, then byte-level
            {"type": "Digits", "individual_digits": True},
            {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        ]},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": True, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": {t: i for i, t in enumerate(tokens)},
            "merges": [m.split(" ") for m in merges],
        },
    }


def _added(index: int, content: str) -> dict:
    return {"id": index, "content": content, "single_word": False, "lstrip": False, "rstrip": False,
            "normalized": False, "special": True}


def _tokenizer_config(s: Arch) -> dict:
    return {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": "<|im_start|>",
        "eos_token": "<end_of_utterance>",
        "pad_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>",
        "add_bos_token": False,
        "add_prefix_space": False,
        "clean_up_tokenization_spaces": False,
        "model_max_length": s.context,
        "chat_template": SMOLVLM2,
        "processor_class": "SmolVLMProcessor",
    }


def _special_tokens_map() -> dict:
    return {
        "bos_token": "<|im_start|>",
        "eos_token": "<end_of_utterance>",
        "pad_token": "<|endoftext|>",
        "unk_token": "<|endoftext|>",
        "additional_special_tokens": ["<fake_token_around_image>", "<image>", "<end_of_utterance>"],
    }


# ---- tensors --------------------------------------------------------------------------------------


def _tensors(s: Arch, vocab: int) -> list[tuple[str, tuple[int, ...]]]:
    """(name, shape) of every tensor, transformers naming and layout (Linear weights are [out, in])."""
    kv = s.hidden // s.heads * s.kv_heads
    t = [("model.text_model.embed_tokens.weight", (vocab, s.hidden))]
    for i in range(s.layers):
        b = f"model.text_model.layers.{i}."
        t += [
            (b + "input_layernorm.weight", (s.hidden,)),
            (b + "self_attn.q_proj.weight", (s.hidden, s.hidden)),
            (b + "self_attn.k_proj.weight", (kv, s.hidden)),
            (b + "self_attn.v_proj.weight", (kv, s.hidden)),
            (b + "self_attn.o_proj.weight", (s.hidden, s.hidden)),
            (b + "post_attention_layernorm.weight", (s.hidden,)),
            (b + "mlp.gate_proj.weight", (s.ffn, s.hidden)),
            (b + "mlp.up_proj.weight", (s.ffn, s.hidden)),
            (b + "mlp.down_proj.weight", (s.hidden, s.ffn)),
        ]
    t += [("model.text_model.norm.weight", (s.hidden,)), ("lm_head.weight", (vocab, s.hidden))]
    return t + _vision_tensors(s)


def _vision_tensors(s: Arch) -> list[tuple[str, tuple[int, ...]]]:
    h = s.v_hidden
    v = "model.vision_model."
    t = [
        (v + "embeddings.patch_embedding.weight", (h, 3, s.patch, s.patch)),
        (v + "embeddings.patch_embedding.bias", (h,)),
        (v + "embeddings.position_embedding.weight", ((s.image // s.patch) ** 2, h)),
    ]
    for i in range(s.v_layers):
        b = f"{v}encoder.layers.{i}."
        for proj in ("q_proj", "k_proj", "v_proj", "out_proj"):
            t += [(f"{b}self_attn.{proj}.weight", (h, h)), (f"{b}self_attn.{proj}.bias", (h,))]
        t += [
            (b + "layer_norm1.weight", (h,)), (b + "layer_norm1.bias", (h,)),
            (b + "layer_norm2.weight", (h,)), (b + "layer_norm2.bias", (h,)),
            (b + "mlp.fc1.weight", (s.v_ffn, h)), (b + "mlp.fc1.bias", (s.v_ffn,)),
            (b + "mlp.fc2.weight", (h, s.v_ffn)), (b + "mlp.fc2.bias", (h,)),
        ]
    t += [(v + "post_layernorm.weight", (h,)), (v + "post_layernorm.bias", (h,))]
    t.append(("model.connector.modality_projection.proj.weight", (s.hidden, h * s.scale**2)))
    return t


_ITEMSIZE = {"F32": 4, "BF16": 2, "F16": 2}


def write_safetensors(path: Path, tensors: list[tuple[str, tuple[int, ...]]], dtype: str, pool: _Pool) -> Path:
    """Stream a .safetensors file: header first, then each tensor generated as it is written."""
    header: dict[str, dict] = {"__metadata__": {"format": "pt"}}
    offset = 0
    for name, shape in tensors:
        size = math.prod(shape) * _ITEMSIZE[dtype]
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + size]}
        offset += size
    raw = json.dumps(header, separators=(",", ":")).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(len(raw).to_bytes(8, "little"))
        f.write(raw)
        for name, shape in tensors:
            f.write(_encode(_values(name, shape, pool), dtype))
    return path


def _values(name: str, shape: tuple[int, ...], pool: _Pool) -> np.ndarray:
    if name.endswith(".bias"):
        return np.zeros(shape, dtype=np.float32)
    if len(shape) == 1:  # norm scales
        return np.ones(shape, dtype=np.float32)
    return pool.take(shape, np.float32)


def _encode(values: np.ndarray, dtype: str) -> bytes:
    values = np.ascontiguousarray(values, dtype=np.float32)
    if dtype == "F32":
        return values.tobytes()
    if dtype == "F16":
        return values.astype(np.float16).tobytes()
    return (values.view(np.uint32) >> 16).astype(np.uint16).tobytes()  # bf16: the high half of f32
