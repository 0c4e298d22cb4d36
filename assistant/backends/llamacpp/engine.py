"""The KV-cache runtime: one loaded model + projector, image embeddings cached by digest, prompt prefix reuse."""

from __future__ import annotations

import ctypes
import functools
import hashlib
import io
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...datamodel import Screen
from ...errors import BackendError
from ..vlm import Completion
from . import lookup
from .kernels import load_llama
from .runtime import (
    chat_template,
    check_gguf,
    common_prefix,
    image_token,
    import_llama,
    json_grammar,
    reload_hint,
    silence,
)
from .tiles import budget_projector, fit_to_budget

if TYPE_CHECKING:
    import numpy as np

N_CTX = 4096  # 13 tiles (1053 image tokens) + the quoted page fit
# The KV cache in Q8_0 (needs flash attention for V): 0.4 GB instead of 0.8 GB at 2.2B and 4096 positions. The
# 2.2B card then peaks at 2.7 GB instead of 3.1 GB, in the same time (paired runs, 2-core Xeon, native build).
KV_Q8_0 = 8  # GGML_TYPE_Q8_0
N_BATCH = 512
IMAGE_TAG = "<image>"  # what SmolVLM2's chat template writes for an image item


@dataclass(frozen=True)
class SentImage:
    """A screenshot as sent to mtmd: fitted to the tile budget, PNG-encoded, identified by its digest."""

    data: bytes
    sha256: str
    size: tuple[int, int]


def kv_cache_args(model: Path) -> dict:
    """Flash attention and a Q8_0 KV cache where the heads are whole 32-value blocks (every SmolVLM2; not the
    tests' tiny model, whose 16-wide heads keep the f16 cache)."""
    from weights.gguf_header import read_header

    fields = read_header(model).fields
    arch = fields.get("general.architecture", "llama")
    heads = int(fields.get(f"{arch}.attention.head_count") or 1)
    width = fields.get(f"{arch}.attention.key_length") or int(fields.get(f"{arch}.embedding_length") or 0) // heads
    return {"flash_attn": True, "type_k": KV_Q8_0, "type_v": KV_Q8_0} if width and width % 32 == 0 else {}


@functools.lru_cache(maxsize=1)
def cached_engine(model: str, mmproj: str, threads: int, tile_budget: int, verbose: bool) -> Engine:
    return Engine(Path(model), Path(mmproj), threads, tile_budget, verbose)


class Engine:
    """SmolVLM2 loaded in llama.cpp with its projector; keeps the KV prefix and tile embeddings between calls."""

    sees_images = True  # the text path's engine (text.py) sends none

    def __init__(self, model: Path, mmproj: Path, threads: int, tile_budget: int, verbose: bool):
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # before llama_cpp loads its OpenMP runtime
        self.llama_cpp, self.mtmd = import_llama()
        if not verbose:
            silence(self.llama_cpp, self.mtmd)
        for path in (model, mmproj):
            check_gguf(path)
        self.tile_budget = tile_budget
        projector, self.image_size, self.long_tiles = budget_projector(mmproj, tile_budget)
        t0 = time.perf_counter()
        self.llama = self._load_model(model, threads, verbose)
        self.ctx = self._load_projector(projector, threads)
        self.load_seconds = time.perf_counter() - t0
        self.template = chat_template(self.llama)
        self.marker = self.mtmd.mtmd_default_marker().decode()
        self.image_token = image_token(self.llama)
        self.kv_keys: list[tuple] = []  # the chunks whose KV entries are in the cache, in order
        self.embeddings: dict[tuple, np.ndarray] = {}  # (image digest, tile index) -> numpy float32 array
        self.sent: dict[tuple, SentImage] = {}  # (screenshot sha256, budget) -> fitted image
        self.specials: dict[str, int] = {}  # special token text -> id

    def _load_model(self, model: Path, threads: int, verbose: bool):
        try:
            return load_llama(
                self.llama_cpp, model_path=str(model), n_ctx=N_CTX, n_batch=N_BATCH, n_threads=threads,
                n_threads_batch=threads, verbose=verbose, **kv_cache_args(model),
            )
        except (ValueError, RuntimeError, OSError) as exc:
            raise BackendError(f"llama.cpp could not load {model.name}: {exc}.", reload_hint(model)) from None

    def _load_projector(self, projector: Path, threads: int):
        params = self.mtmd.mtmd_context_params_default()
        params.use_gpu = False
        params.print_timings = False
        params.n_threads = threads
        ctx = self.mtmd.mtmd_init_from_file(str(projector).encode(), self.llama.model, params)
        if not ctx:
            raise BackendError(f"llama.cpp could not load the projector {projector.name}.", reload_hint(projector))
        self.llama._stack.callback(self.mtmd.mtmd_free, ctx)
        return ctx

    # -- images

    def prepare(self, screen: Screen) -> SentImage:
        key = (screen.loaded.sha256, self.tile_budget)
        if key not in self.sent:
            image = fit_to_budget(screen.loaded.image, self.tile_budget, self.long_tiles, self.image_size)
            buf = io.BytesIO()
            image.save(buf, format="PNG", compress_level=1)
            data = buf.getvalue()
            self.sent[key] = SentImage(data, hashlib.sha256(data).hexdigest(), image.size)
        return self.sent[key]

    # -- one constrained completion

    def complete(self, prompt, images: list[SentImage], schema: dict, max_tokens: int, temperature: float,
                 seed: int, stats) -> Completion:
        t0 = time.perf_counter()
        n_prompt = self.prefill(prompt, images, stats)
        t1 = time.perf_counter()
        if temperature == 0.0:  # greedy: lazy grammar and prompt-lookup drafts (lookup.py), the same answer sooner
            n_in = self.llama.n_tokens
            text, n_out = lookup.complete(self.llama, self.llama_cpp, [], schema, max_tokens, stats)
            out: dict = {"choices": [{"text": text}], "usage": {"prompt_tokens": n_in, "completion_tokens": n_out}}
        else:
            out = self.llama.create_completion(
                prompt=self.llama.input_ids[: self.llama.n_tokens].tolist(), max_tokens=max_tokens,
                temperature=temperature, seed=seed, repeat_penalty=1.0, grammar=json_grammar(self.llama_cpp, schema),
            )
        usage = out.get("usage", {})
        stats.count("prompt_tokens_evaluated", n_prompt)
        # measured, not estimated: prefill (encode included) and the constrained decode (grammar and sampling included)
        stats.count("prefill_seconds", t1 - t0)
        stats.count("decode_seconds", time.perf_counter() - t1)
        return Completion(
            text=out["choices"][0]["text"], prompt_tokens=usage.get("prompt_tokens", 0),
            completion_tokens=usage.get("completion_tokens", 0), seconds=time.perf_counter() - t0,
        )

    def prefill(self, prompt: str, images: list[SentImage], stats) -> int:
        """Evaluate the prompt into the KV cache, reusing the longest cached prefix; return the tokens evaluated."""
        chunks = self._tokenize(self._render(prompt, len(images)), images)
        try:
            return self._eval_prompt(chunks, stats)
        finally:
            self.mtmd.mtmd_input_chunks_free(chunks)

    def next_logits(self):
        """The logits of the token after what the KV cache holds (read right after `prefill`)."""
        import numpy as np

        return np.ctypeslib.as_array(self.llama._ctx.get_logits(), shape=(self.llama.n_vocab(),)).copy()

    def _render(self, prompt: str, n_images: int) -> str:
        """The prompt as Hugging Face's processor renders it: the screenshots as image items (so a message that
        starts with one reads "User:<image>", no space), each image then swapped for mtmd's media marker.
        "<image>" in the prompt's own text is broken up first, so only the template's images become markers."""
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        text = prompt.replace(IMAGE_TAG, "< image>")
        env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)

        def render(content: list[dict]) -> str:
            return env.from_string(self.template).render(
                messages=[{"role": "user", "content": content}], add_generation_prompt=True, bos_token="", eos_token="",
            )

        rendered = render([{"type": "image"}] * n_images + [{"type": "text", "text": text}])
        if rendered.count(IMAGE_TAG) == n_images:
            return rendered.replace(IMAGE_TAG, self.marker)
        # a template that writes images its own way: the markers go in as text
        return render([{"type": "text", "text": self.marker}] * n_images + [{"type": "text", "text": text}])

    def _tokenize(self, text: str, images: list[SentImage]):
        mtmd = self.mtmd
        bitmaps = [self._bitmap(img) for img in images]
        try:
            data = text.encode()
            inp = mtmd.mtmd_input_text()
            inp.text, inp.text_len, inp.add_special, inp.parse_special = data, len(data), True, True
            chunks = mtmd.mtmd_input_chunks_init()
            array = (mtmd.mtmd_bitmap_p_ctypes * len(bitmaps))(*bitmaps)
            rc = mtmd.mtmd_tokenize(self.ctx, chunks, ctypes.byref(inp), array, len(bitmaps))
            if rc != 0:
                mtmd.mtmd_input_chunks_free(chunks)
                raise BackendError(f"llama.cpp could not read the screenshot (mtmd error {rc}).")
            return chunks
        finally:
            for bitmap in bitmaps:
                mtmd.mtmd_bitmap_free(bitmap)

    def _bitmap(self, img: SentImage):
        buf = (ctypes.c_uint8 * len(img.data)).from_buffer_copy(img.data)
        bitmap = self.mtmd.mtmd_helper_bitmap_init_from_buf(self.ctx, buf, len(img.data), False)
        if not bitmap:
            raise BackendError("llama.cpp could not decode a screenshot.")
        self.mtmd.mtmd_bitmap_set_id(bitmap, img.sha256.encode())
        return bitmap

    def _eval_prompt(self, chunks, stats) -> int:
        """Evaluate the prompt, reusing the KV of the longest prefix already cached; return tokens evaluated."""
        items = self._single_tiles(self._chunk_items(chunks))
        keep, start, offset = self._reusable(items)
        self.llama._ctx.kv_cache_seq_rm(-1, keep, -1)
        self.llama.n_tokens = keep
        stats.count("prompt_tokens_reused", keep)
        evaluated = 0
        for index in range(start, len(items)):
            key, chunk = items[index]
            if key[0] == "t":
                tokens = list(key[1][offset if index == start else 0 :])
                self._check_room(len(tokens))
                self.llama.eval(tokens)
                evaluated += len(tokens)
            else:
                evaluated += self._eval_image(key, chunk, stats)
        self.kv_keys = [key for key, _ in items]
        return evaluated

    def _chunk_items(self, chunks) -> list[tuple[tuple, object]]:
        mtmd = self.mtmd
        items: list[tuple[tuple, object]] = []
        seen: dict[str, int] = {}
        for i in range(mtmd.mtmd_input_chunks_size(chunks)):
            chunk = mtmd.mtmd_input_chunks_get(chunks, i)
            if mtmd.mtmd_input_chunk_get_type(chunk) == mtmd.MTMD_INPUT_CHUNK_TYPE_TEXT:
                n = ctypes.c_size_t()
                ptr = mtmd.mtmd_input_chunk_get_tokens_text(chunk, ctypes.byref(n))
                items.append((("t", tuple(ptr[j] for j in range(n.value))), chunk))
            else:
                ident = (mtmd.mtmd_input_chunk_get_id(chunk) or b"").decode()
                seen[ident] = seen.get(ident, -1) + 1
                n_tok = mtmd.mtmd_input_chunk_get_n_tokens(chunk)
                n_pos = mtmd.mtmd_input_chunk_get_n_pos(chunk)
                items.append((("i", ident, seen[ident], n_tok, n_pos), chunk))
        return items

    def _single_tiles(self, items: list[tuple[tuple, object]]) -> list[tuple[tuple, object]]:
        """A screenshot that fits one tile is sent as Hugging Face's processor sends an unsplit image: its global
        tile alone ("<fake_token_around_image><global-img>" + the tile). mtmd cuts a 1x1 grid and adds the
        global tile, which doubles the encode and the image tokens for the same picture."""
        ids = [key[1] for key, _ in items if key[0] == "i"]
        single = {ident for ident in ids if ids.count(ident) == 2}
        if not single:
            return items
        row, glob = self._special("<row_1_col_1>"), self._special("<global-img>")
        out: list[tuple[tuple, object]] = []
        for key, chunk in items:
            if key[0] == "i" and key[1] in single and key[2] == 0:  # the grid tile: drop it and "<row_1_col_1>"
                if out and out[-1][0][0] == "t" and out[-1][0][1][-1:] == (row,):
                    out[-1] = (("t", out[-1][0][1][:-1]), out[-1][1])
                continue
            if key[0] == "t" and out and out[-1][0][0] == "t" and glob in key[1]:  # "\n\n<fake...><global-img>"
                prev = out.pop()
                key = ("t", prev[0][1] + key[1][key[1].index(glob):])
            out.append((key, chunk))
        return out

    def _special(self, text: str) -> int:
        """`special_token`, kept per engine: a module-level cache keyed by the Llama kept every model and KV cache
        it had seen alive (2.6 GB per 2.2B engine) after its engine was dropped."""
        if text not in self.specials:
            self.specials[text] = special_token(self.llama, text)
        return self.specials[text]

    def _reusable(self, items) -> tuple[int, int, int]:
        """(positions kept in the KV cache, first chunk to evaluate, token offset into it)."""
        keep = 0
        cached = self.kv_keys if self.llama.n_tokens > 0 else []
        for index, (key, _) in enumerate(items):
            old = cached[index] if index < len(cached) else None
            if old == key:
                keep += _n_pos(key)
                continue
            common = common_prefix(old[1], key[1]) if old and old[0] == key[0] == "t" else 0
            if index == len(items) - 1 and common == len(key[1]):
                common -= 1  # re-evaluate one token so there are logits to sample from
            return keep + common, index, common
        last_key = items[-1][0]  # prompt fully cached: replay its last token
        return keep - 1, len(items) - 1, len(last_key[1]) - 1

    def _eval_image(self, key, chunk, stats) -> int:
        import numpy as np

        mtmd, ident = self.mtmd, (key[1], key[2])
        n_tokens, n_pos = key[3], key[4]
        self._check_room(n_pos)
        embd = self.embeddings.get(ident)
        if embd is None:
            t0 = time.perf_counter()
            if mtmd.mtmd_encode_chunk(self.ctx, chunk) != 0:
                raise BackendError("llama.cpp failed to encode a screenshot tile.")
            n_embd = self.llama_cpp.llama_model_n_embd(self.llama.model)
            out = mtmd.mtmd_get_output_embd(self.ctx)
            embd = np.ctypeslib.as_array(out, shape=(n_tokens * n_embd,)).copy()
            self.embeddings[ident] = embd
            stats.count("tiles_encoded")
            stats.count("encode_seconds", time.perf_counter() - t0)
        else:
            stats.count("tiles_from_cache")
        new_n_past = self.llama_cpp.llama_pos(0)
        start = self.llama.n_tokens
        rc = mtmd.mtmd_helper_decode_image_chunk(
            self.ctx, self.llama._ctx.ctx, chunk, embd.ctypes.data_as(ctypes.POINTER(ctypes.c_float)),
            start, 0, self.llama.n_batch, ctypes.byref(new_n_past), mtmd.mtmd_helper_post_decode_callback(), None,
        )
        if rc != 0:
            raise BackendError(f"llama.cpp failed to read a screenshot tile (error {rc}).")
        self.llama.input_ids[start : new_n_past.value] = self.image_token
        self.llama.n_tokens = new_n_past.value
        return n_tokens

    def _check_room(self, n: int) -> None:
        if self.llama.n_tokens + n >= self.llama.n_ctx():
            raise BackendError(
                f"The prompt does not fit the model's context ({self.llama.n_ctx()} tokens).",
                "Lower --tiles or pass fewer screenshots at once.",
            )


def special_token(llama, text: str) -> int:
    """The id of a special token (-1 where the vocabulary has no single token for it)."""
    ids = llama.tokenize(text.encode(), add_bos=False, special=True)
    return ids[0] if len(ids) == 1 else -1


def _n_pos(key: tuple) -> int:
    return len(key[1]) if key[0] == "t" else key[4]
