"""`shipcard bench run`: every engine x model x quantization this machine can run, each against its limit.

For each configuration a fresh process (so peak RSS and load time are its own) measures: load time, text
prefill and decode tokens/s, per tile budget the image encode time per tile and the time to first token of
one 1280x800 screenshot, the time to a two-product card (`assistant.pipeline.compare` on two screenshots
from benchmarks/data/screens), file sizes and peak RSS (psutil, sampled by the parent). Beside each decode
figure stands its ceiling: memory read bandwidth (benchmarks/bandwidth.py) / bytes of weights read per token.
With the llama.cpp engine, bare llama-cpp-python does the same work in the same process (its own
`MTMDChatHandler` for image + prompt, `Llama.__call__` for text), so shipcard's overhead is a ratio.

Weights: the catalog's when installed (`shipcard weights pull`), else random-weight models of the real
architecture written once into the models dir (`--synthetic tiny|smolvlm2-2.2b`; their answers are noise,
their timings the architecture's). Results are one JSON object per run, appended to a JSON-lines log.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ROOT / "benchmarks" / "data" / "screens"
CARD_PAIR = ("parrot-voice-pricing.png", "quillmate-pricing.png")  # two 1280x800 screenshots
SHORT_PROMPT = "What is the product's name? Answer as JSON."
MLX_BITS = {"Q4_K_M": 4, "Q8_0": 8, "bf16": None}


@dataclass
class Config:
    """One thing to measure: an engine, a model, a quantization, and where its files are."""

    backend: str  # "llamacpp" | "mlx" | "ocr"
    model: str  # catalog id or "synthetic-<arch>"
    quant: str  # "Q4_K_M", "Q8_0", "4bit", "-" (OCR)
    path: str = ""  # a GGUF pair folder or an MLX folder
    synthetic: bool = False
    tiles: list[int] = field(default_factory=lambda: [2])
    card: bool = True
    peers: bool = True
    accuracy: bool = False
    decode_tokens: int = 32
    repeat: int = 3  # rounds: peers (each side in turn, medians compared) and decode beside bandwidth
    card_budgets: list[int] = field(default_factory=list)  # tile budgets to time the card at; empty: the default
    time_limit_s: float = 900.0
    stages: list[str] = field(default_factory=list)  # set per child process; empty: the backend's own

    @property
    def label(self) -> str:
        return f"{self.backend} {self.model} {self.quant}"


# ---- the machine ----------------------------------------------------------------------------------

SIMD_FLAGS = ("avx", "avx2", "fma", "f16c", "avx512f", "avx512bw", "avx512vl", "avx512_vnni", "avx512_bf16",
              "avx_vnni", "amx_tile", "neon", "asimd", "asimddp", "sve", "sve2", "i8mm", "bf16")


def fingerprint() -> dict:
    """CPU and its vector extensions, cores, RAM, OS, Apple chip, GPU, and the engines' builds."""
    from assistant.doctor import hardware

    info = hardware()
    info["cpu_flags"] = _cpu_flags()
    info["apple_chip"] = _sysctl("machdep.cpu.brand_string") if platform.system() == "Darwin" else None
    info["accelerator"] = _nvidia()
    info["llama_cpp"] = _llama_build()
    info["mlx"] = _version("mlx")
    info["onnxruntime"] = _version("onnxruntime")
    return info


def _cpu_flags() -> list[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        text = (_sysctl("machdep.cpu.features") or "") + " " + (_sysctl("machdep.cpu.leaf7_features") or "")
        if platform.machine() == "arm64":
            text += " neon" + "".join(f" {k}" for k in ("i8mm", "bf16") if _sysctl(f"hw.optional.arm.FEAT_{k.upper()}") == "1")
    found = set(re.findall(r"\b[\w.]+\b", text.lower()))
    if "asimd" in found:
        found.add("neon")
    return [f for f in SIMD_FLAGS if f in found]


def _sysctl(key: str) -> str | None:
    if not shutil.which("sysctl"):
        return None
    done = subprocess.run(["sysctl", "-n", key], capture_output=True, text=True, check=False)
    return done.stdout.strip() or None if done.returncode == 0 else None


def _nvidia() -> str | None:
    if not shutil.which("nvidia-smi"):
        return None
    done = subprocess.run(["nvidia-smi", "--query-gpu=name,memory.total", "--format=csv,noheader"],
                          capture_output=True, text=True, check=False)
    return done.stdout.strip() or None


def _llama_build() -> dict | None:
    try:
        import llama_cpp
    except ImportError:
        return None
    text = llama_cpp.llama_print_system_info()
    return {"version": llama_cpp.__version__, "system_info": text.decode() if isinstance(text, bytes) else str(text)}


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


# ---- the limit ------------------------------------------------------------------------------------


def weights_read_per_token(gguf_path: Path) -> int:
    """Bytes of the text model read for each decoded token: every tensor but the token-embedding table
    (of which one row is gathered per token), unless the output layer is tied to it and reads it whole."""
    from weights.gguf_header import read_header

    tensors = read_header(gguf_path).tensors
    tied = not any(t.name == "output.weight" for t in tensors)
    return sum(int(t.n_bytes) for t in tensors if tied or t.name != "token_embd.weight")


def mlx_weights_read_per_token(folder: Path) -> int:
    """The same for an MLX folder: language-model tensors (weights, scales, biases) but the embeddings."""
    from safetensors import safe_open

    total = 0
    for shard in folder.glob("*.safetensors"):
        with safe_open(str(shard), "numpy") as f:
            for name in f.keys():  # noqa: SIM118 - a safetensors handle, not a dict
                if "language_model" in name and "embed_tokens" not in name:
                    sl = f.get_slice(name)
                    total += _nbytes(sl.get_shape(), sl.get_dtype())
    return total


def _nbytes(shape, dtype: str) -> int:
    size = {"BF16": 2, "F16": 2, "F32": 4, "U32": 4, "I32": 4, "U8": 1, "I8": 1}.get(dtype.upper(), 2)
    n = 1
    for d in shape:
        n *= d
    return n * size


def ceiling(bandwidth_gbs: float, weight_bytes: int) -> float:
    """Decode tokens/s if every token cost exactly one read of the weights at the measured bandwidth."""
    return bandwidth_gbs * 1e9 / weight_bytes if weight_bytes else 0.0


# ---- which configurations ------------------------------------------------------------------------


def default_models_dir() -> Path:
    from weights.catalog import models_dir

    return models_dir().parent / "bench-models"


def plan(backends: list[str], quants: list[str], tiles: list[int], synthetic: str | None, models_dir: Path,
         card: bool = True, peers: bool = True, accuracy: bool = True) -> list[Config]:
    """The configurations to measure, real weights first; synthetic ones are built when missing."""
    configs: list[Config] = []
    for backend in backends:
        if backend == "ocr":
            configs.append(Config("ocr", "rules", "-", card=card, peers=peers, accuracy=accuracy))
            continue
        found = [] if synthetic else _catalog(backend, quants)
        if not found:
            found = _synthetic(backend, synthetic or "smolvlm2-2.2b", quants, models_dir)
        for cfg in found:
            cfg.tiles, cfg.card, cfg.peers = list(tiles), card, peers and backend == "llamacpp"
            cfg.accuracy = accuracy and not cfg.synthetic
        configs.extend(found)
    return configs


def _catalog(backend: str, quants: list[str]) -> list[Config]:
    from weights.catalog import entries

    fmt = {"llamacpp": "gguf", "mlx": "mlx"}[backend]
    out = []
    for entry in entries(fmt):
        if not entry.installed:
            continue
        model_file = entry.file("model").name
        quant = next((q for q in quants if q.lower() in model_file.lower() or q.lower() in entry.id), None)
        if fmt == "mlx":
            quant = {"8bit": "8bit"}.get(entry.id.rsplit("-", 1)[-1], "bf16")
        if quant:
            out.append(Config(backend, entry.id, quant, str(entry.folder)))
    return out


def _synthetic(backend: str, arch: str, quants: list[str], models_dir: Path) -> list[Config]:
    if backend == "llamacpp":
        folder = build_gguf(arch, quants, models_dir / arch)
        return [Config(backend, f"synthetic-{arch}", q, str(folder / f"pair-{q}"), synthetic=True) for q in quants]
    folders = build_mlx(arch, quants, models_dir / f"{arch}-mlx")
    return [Config(backend, f"synthetic-{arch}", name, str(path), synthetic=True) for name, path in folders.items()]


def build_gguf(arch: str, quants: list[str], folder: Path) -> Path:
    """`synthetic-<arch>-<quant>.gguf` + mmproj + one `pair-<quant>/` folder of links each; made once."""
    from weights.synth.gguf import quantize, write_pair

    folder.mkdir(parents=True, exist_ok=True)
    source = next(iter(sorted(folder.glob(f"synthetic-{arch}-f*.gguf"))), None)
    if source is None:
        source, _ = write_pair(arch, folder)
    mmproj = next(iter(sorted(folder.glob(f"mmproj-synthetic-{arch}-*.gguf"))))
    for q in quants:
        target = folder / f"synthetic-{arch}-{q}.gguf"
        if not target.exists():
            quantize(source, target, q)
        pair = folder / f"pair-{q}"
        pair.mkdir(exist_ok=True)
        for src in (target, mmproj):
            if not (pair / src.name).exists():
                (pair / src.name).symlink_to(src.resolve())
    return folder


def build_mlx(arch: str, quants: list[str], folder: Path) -> dict[str, Path]:
    """The bf16 MLX folder and one quantized folder per bit width asked for; made once."""
    from weights.synth.mlx import write_mlx

    bf16 = folder / "bf16"
    if not (bf16 / "config.json").is_file():
        write_mlx(arch, bf16)
    out = {}
    for q in quants:
        bits = MLX_BITS.get(q)
        if bits is None:
            out["bf16"] = bf16
            continue
        target = folder / f"{bits}bit"
        if not (target / "config.json").is_file():
            from quantize.mlx import quantize_folder

            quantize_folder(bf16, target, bits=bits)
        out[f"{bits}bit"] = target
    return out


def file_sizes(cfg: Config) -> dict:
    if cfg.backend == "ocr" or not cfg.path:
        return {}
    folder = Path(cfg.path)
    if cfg.backend == "llamacpp":
        from weights.catalog import resolve_gguf

        pair = resolve_gguf(str(folder))
        return {"model_bytes": pair.model.stat().st_size, "mmproj_bytes": pair.mmproj.stat().st_size,
                "weights_read_per_token": weights_read_per_token(pair.model)}
    shards = list(folder.glob("*.safetensors"))
    return {"model_bytes": sum(p.stat().st_size for p in shards), "weights_read_per_token": mlx_weights_read_per_token(folder)}


# ---- running one configuration in its own process ------------------------------------------------


def run_config(cfg: Config, bandwidth_gbs: float) -> dict:
    """Measure `cfg` in a child process (its own RSS), add sizes and the ceiling; errors become a field.

    The bare llama-cpp-python peer runs in a second child, so the first one's peak RSS is shipcard's own."""
    row = {"config": asdict(cfg), **file_sizes(cfg)}
    started = time.perf_counter()
    own = [s for s in STAGES[cfg.backend] if s != "peers" and (cfg.card or s != "card") and (cfg.accuracy or s != "accuracy")]
    runs = [("", own)] + ([("peers_", ["peers"])] if cfg.peers and "peers" in STAGES[cfg.backend] else [])
    for prefix, stages in runs:
        try:
            result, peak = _child(Config(**{**asdict(cfg), "stages": stages}))
            row.update(result)
            row[f"{prefix}peak_rss_mib"] = round(peak)
        except (RuntimeError, TimeoutError) as exc:
            row[f"{prefix}error"] = str(exc)[-600:]
            row.update(_partial(str(exc)))
    row["wall_s"] = round(time.perf_counter() - started, 1)
    if row.get("weights_read_per_token"):
        row["ceiling_tok_s"] = round(ceiling(bandwidth_gbs, row["weights_read_per_token"]), 2)
        if row.get("decode_tok_s"):
            row["decode_share_of_ceiling"] = round(row["decode_tok_s"] / row["ceiling_tok_s"], 4)
    return row


def _child(cfg: Config) -> tuple[dict, float]:
    """Run `python -m benchmarks.edge CONFIG_JSON`; return its JSON and peak RSS (MiB) of its process tree."""
    import psutil

    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE", "TOKENIZERS_PARALLELISM": "false"}
    cmd = [sys.executable, "-m", "benchmarks.edge", json.dumps(asdict(cfg))]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    watched, peak, t0 = psutil.Process(proc.pid), 0, time.perf_counter()
    import threading

    out: dict[str, str] = {}
    reader = threading.Thread(target=lambda: out.update(zip(("stdout", "stderr"), proc.communicate())), daemon=True)
    reader.start()
    while reader.is_alive():
        try:
            peak = max(peak, sum(p.memory_info().rss for p in [watched, *watched.children(recursive=True)]))
        except psutil.Error:
            pass
        if time.perf_counter() - t0 > cfg.time_limit_s:
            proc.kill()
            reader.join()
            raise TimeoutError(f"{cfg.label}: stopped after the {cfg.time_limit_s:.0f} s limit; partial: {_last_json(out.get('stdout', ''))}")
        reader.join(0.05)
    if proc.returncode != 0:
        raise RuntimeError(f"{cfg.label} failed: {out.get('stderr', '')[-500:]}")
    return json.loads(out["stdout"].strip().splitlines()[-1]), peak / 2**20


def _partial(message: str) -> dict:
    found = re.search(r"partial: (\{.*\})", message, re.DOTALL)
    try:
        return json.loads(found.group(1)) if found else {}
    except ValueError:
        return {}


def _last_json(stdout: str) -> str:
    lines = [ln for ln in stdout.strip().splitlines() if ln.startswith("{")]
    return lines[-1] if lines else "{}"


# ---- a whole run ---------------------------------------------------------------------------------


def run(configs: list[Config], bandwidth: dict, progress=None) -> dict:
    """Measure each configuration in turn (never two at once: they would share the cores); one result."""
    rows = []
    for i, cfg in enumerate(configs):
        if progress:
            progress(cfg.label, i, len(configs))
        rows.append(run_config(cfg, bandwidth["read_gbs"]))
    if progress:
        progress("done", len(configs), len(configs))
    return {"bench": "run", "time": time.strftime("%Y-%m-%dT%H:%M:%S"), "fingerprint": fingerprint(),
            "bandwidth": bandwidth, "results": rows}


def append(result: dict, log: Path) -> None:
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a") as f:
        f.write(json.dumps(result) + "\n")


# ---- inside the child: the stages ----------------------------------------------------------------


def measure(cfg: Config) -> dict:
    """The figures of one configuration, in this process. After each stage the figures so far are printed
    as one JSON line, so a run stopped by its time limit still reports what it finished."""
    out: dict = {}
    for name in cfg.stages or STAGES[cfg.backend]:
        out.update(globals()[f"_stage_{name}"](cfg, out))
        print(json.dumps(out), flush=True)
    return out


def _llama_backend(cfg: Config, budget: int):
    from assistant.backends.base import BackendOptions
    from assistant.backends.llamacpp import LlamaCppBackend, cached_engine

    cached_engine.cache_clear()  # a fresh engine: no cached image embeddings, no KV prefix
    backend = LlamaCppBackend(BackendOptions(model=cfg.path, tile_budget=budget))
    return backend, backend.engine


def _screen(name: str = CARD_PAIR[0]):
    from assistant.images import load_image
    from assistant.ocr import read

    return read(load_image(SCREENS / name))


def _stage_load(cfg: Config, out: dict) -> dict:
    """Load time (model + projector), then text prefill and decode tokens/s on the bare context."""
    t0 = time.perf_counter()
    _, engine = _llama_backend(cfg, cfg.tiles[0])
    found = {"load_s": round(engine.load_seconds, 2), "load_total_s": round(time.perf_counter() - t0, 2),
             "threads": engine.llama.n_threads, "tokens_per_tile": _tokens_per_tile(engine)}
    return (found | _prefill_decode(engine.llama, 256, cfg.decode_tokens) | _decode_by_threads(engine.llama, cfg.decode_tokens)
            | _decode_beside_bandwidth(engine.llama, cfg.decode_tokens, cfg.repeat))


def _decode_beside_bandwidth(llama, n_decode: int, rounds: int) -> dict:
    """Decode from an empty context (as llama-bench's tg) alternating with a read-bandwidth measurement, so each
    decode figure has a ceiling measured the same minute; the share is the median over the rounds."""
    import statistics

    from benchmarks.bandwidth import ReadProbe

    per_token = weights_read_per_token(Path(llama.model_path))
    with ReadProbe(512) as probe:
        pairs = [_paired(llama, probe, n_decode, per_token) for _ in range(max(1, rounds))]
    return {"decode_beside_bandwidth": pairs, "decode_share_paired": statistics.median(p["share"] for p in pairs)}


def _decode_by_threads(llama, n_decode: int) -> dict:
    """Decode tokens/s with 1..n threads, each beside the read bandwidth of as many threads. Decode that is
    bound by memory takes most of that bandwidth at every thread count; decode that reaches the same lower
    share at each count is held back by each core's arithmetic, not by the memory bus."""
    import llama_cpp

    from benchmarks.bandwidth import ReadProbe

    threads, per_token, found = llama.n_threads, weights_read_per_token(Path(llama.model_path)), {}
    for n in sorted({1, threads}):
        llama_cpp.llama_set_n_threads(llama._ctx.ctx, n, n)
        with ReadProbe(512, n) as probe:
            found[str(n)] = _paired(llama, probe, n_decode, per_token)
    llama_cpp.llama_set_n_threads(llama._ctx.ctx, threads, llama.n_threads_batch)
    return {"decode_by_threads": found}


def _paired(llama, probe, n_decode: int, per_token: int) -> dict:
    """Read bandwidth now, then decode from an empty context: the decode's share of the ceiling of that minute."""
    read = probe.gbs(2)
    rate = _prefill_decode(llama, 0, n_decode)["decode_tok_s"]
    return {"read_gbs": read, "decode_tok_s": rate, "share": round(rate / ceiling(read, per_token), 4)}


def _tokens_per_tile(engine) -> int:
    from weights.catalog import resolve_gguf
    from weights.gguf_header import read_header

    fields = read_header(resolve_gguf(str(Path(engine.llama.model_path).parent)).mmproj).fields
    side = int(fields["clip.vision.image_size"]) // int(fields["clip.vision.patch_size"])
    return (side // int(fields["clip.vision.projector.scale_factor"])) ** 2


def _prefill_decode(llama, n_prompt: int, n_decode: int) -> dict:
    """Prefill `n_prompt` tokens in one eval, then `n_decode` single-token evals (greedy decode's cost)."""
    text = (llama.tokenize(b"The quick brown fox jumps over the lazy dog. ", add_bos=False) * 2000)
    tokens, follow = text[:n_prompt], text[n_prompt : n_prompt + n_decode]
    llama.reset()
    llama._ctx.kv_cache_clear()
    t0 = time.perf_counter()
    if tokens:
        llama.eval(tokens)
    prefill = time.perf_counter() - t0
    t0 = time.perf_counter()
    for token in follow:
        llama.eval([token])
    decode = time.perf_counter() - t0
    llama.reset()
    llama._ctx.kv_cache_clear()
    return {"prefill_tok_s": round(n_prompt / prefill, 2) if tokens else None, "decode_tok_s": round(n_decode / decode, 3),
            "prefill_tokens": n_prompt, "decode_tokens": n_decode}


def _stage_tiles(cfg: Config, out: dict) -> dict:
    """Per tile budget: tiles, image tokens, encode s per tile, and time to first token of one screenshot
    plus a short question (fresh engine each: nothing cached)."""
    from assistant.backends.vlm import JUDGE_SCHEMA, VLMStats

    screen, sweep = _screen(), []
    per_tile = out.get("tokens_per_tile") or 81
    for budget in cfg.tiles:
        _, engine = _llama_backend(cfg, budget)
        stats = VLMStats()
        sent = engine.prepare(screen)
        t0 = time.perf_counter()
        done = engine.complete(SHORT_PROMPT, [sent], JUDGE_SCHEMA, 1, 0.0, 0, stats)
        ttft = time.perf_counter() - t0
        tiles = int(stats.extra.get("tiles_encoded", 0))
        encode = stats.extra.get("encode_seconds", 0.0)
        sweep.append({"budget": budget, "tiles": tiles, "image_tokens": tiles * per_tile, "sent_px": list(sent.size),
                      "prompt_tokens": done.prompt_tokens, "encode_s": round(encode, 2),
                      "encode_s_per_tile": round(encode / max(1, tiles), 3), "ttft_s": round(ttft, 2)})
        print(json.dumps({**out, "tiles": sweep}), flush=True)
    return {"tiles": sweep}


def _stage_card(cfg: Config, out: dict) -> dict:
    """A two-product card through the real pipeline at each card budget (default: the default tile budget),
    and where its time went. `card` is the first budget's, `cards` all of them."""
    from assistant.backends import BackendOptions

    cards = []
    for budget in cfg.card_budgets or [BackendOptions().tile_budget]:
        cards.append(_card(cfg, out, budget))
        print(json.dumps({**out, "card": cards[0], "cards": cards}), flush=True)
    return {"card": cards[0], "cards": cards}


def _card(cfg: Config, out: dict, budget: int) -> dict:
    from assistant import pipeline
    from assistant.backends import BackendOptions, choose

    pipeline._SCREENS.clear()  # each budget pays for its own OCR, as a fresh process would
    if cfg.backend == "llamacpp":
        backend, _ = _llama_backend(cfg, budget)
    else:
        backend = choose(cfg.backend, BackendOptions(model=cfg.path or None, tile_budget=budget))
    shots = [SCREENS / name for name in CARD_PAIR]
    t0 = time.perf_counter()
    pipeline.read_screens(shots)
    ocr_s = time.perf_counter() - t0
    comparison, _ = pipeline.compare([[s] for s in shots], backend)
    total = time.perf_counter() - t0
    card = {"tile_budget": budget, "total_s": round(total, 1), "ocr_s": round(ocr_s, 2), "title": comparison.title}
    stats = getattr(backend, "stats", None)
    if stats is not None:
        card |= _card_breakdown(stats, out, total - ocr_s)
    if cfg.backend == "llamacpp":
        card["page_chars_per_token"] = _chars_per_token(backend.engine.llama, pipeline.read_screens(shots[:1])[0])
    return card


def _chars_per_token(llama, screen) -> float:
    """How well the model's tokenizer packs page text (synthetic models: a learned stand-in vocabulary)."""
    from assistant.backends.vlm import page_text

    text = page_text([screen])
    return round(len(text) / max(1, len(llama.tokenize(text.encode(), add_bos=False))), 2)


def _card_breakdown(stats, out: dict, model_s: float) -> dict:
    """Model calls, tokens, and the model's time split into encode / prefill / decode (the last two
    estimated from the measured rates)."""
    extra = stats.extra
    per_tile = out.get("tokens_per_tile") or 81
    image_tokens = int(extra.get("tiles_encoded", 0) + extra.get("tiles_from_cache", 0)) * per_tile
    evaluated = int(extra.get("prompt_tokens_evaluated", stats.prompt_tokens))
    text_tokens = max(0, evaluated - image_tokens)
    found = {"calls": stats.calls, "failures": stats.failures, "tiles_encoded": int(extra.get("tiles_encoded", 0)),
             "prompt_tokens_evaluated": evaluated, "text_tokens_evaluated": text_tokens, "image_tokens_evaluated": image_tokens,
             "prompt_tokens_reused": int(extra.get("prompt_tokens_reused", 0)), "decoded_tokens": stats.completion_tokens,
             "model_s": round(model_s, 1), "encode_s": round(extra.get("encode_seconds", 0.0), 1)}
    if out.get("prefill_tok_s") and out.get("decode_tok_s"):
        found["prefill_s_est"] = round(evaluated / out["prefill_tok_s"], 1)
        found["decode_s_est"] = round(stats.completion_tokens / out["decode_tok_s"], 1)
        found["other_s_est"] = round(model_s - found["encode_s"] - found["prefill_s_est"] - found["decode_s_est"], 1)
    return found


def _stage_peers(cfg: Config, out: dict) -> dict:
    """shipcard's engine and bare llama-cpp-python on the same work: one screenshot (fitted to the default tile
    budget, same projector) + a short question, and a text-only prompt; same grammar, greedy, same tokens."""
    from assistant.backends import BackendOptions
    from assistant.backends.vlm import JUDGE_SCHEMA, VLMStats, quote_page

    budget, n, repeat = BackendOptions().tile_budget, cfg.decode_tokens, cfg.repeat
    _, engine = _llama_backend(cfg, budget)
    screen = _screen()
    sent, text_prompt = engine.prepare(screen), quote_page("\n".join(line.text for line in screen.lines))[:1200]
    rendered = engine._render(text_prompt, 0)

    def ship(prompt, images):
        engine.kv_keys, engine.embeddings = [], {}  # nothing cached: the bare side caches nothing either
        engine.llama.reset()
        return engine.complete(prompt, images, JUDGE_SCHEMA, n, 0.0, 0, VLMStats())

    bare = _bare_peer(engine.llama.model_path, _projector_path(engine, cfg, budget), engine.llama.n_threads, sent.data,
                      rendered, n)
    work = {("shipcard", "image"): lambda: ship(SHORT_PROMPT, [sent]), ("shipcard", "text"): lambda: ship(text_prompt, []),
            ("bare_llama_cpp", "image"): bare["image"], ("bare_llama_cpp", "text"): bare["text"]}
    times = _interleaved(work, repeat)
    found = {side: {k: times[(side, k)] for k in ("image", "text")} for side in ("shipcard", "bare_llama_cpp")}
    return {"peers": {"tile_budget": budget, "max_tokens": n, "repeat": repeat, **found,
                      "overhead": {k: round(found["shipcard"][k]["s"] / found["bare_llama_cpp"][k]["s"] - 1, 4)
                                   for k in ("image", "text")}}}


def _projector_path(engine, cfg: Config, budget: int) -> str:
    from assistant.backends.llamacpp import budget_projector
    from weights.catalog import resolve_gguf

    return str(budget_projector(resolve_gguf(cfg.path).mmproj, budget)[0])


def _interleaved(work: dict, repeat: int) -> dict:
    """Run each piece of `work` in turn, `repeat` rounds (so drift on a shared machine hits every side alike);
    per piece: the median wall time, the spread, and the tokens decoded (a Completion or a llama-cpp-python
    response)."""
    import statistics

    seconds: dict = {key: [] for key in work}
    tokens: dict = {}
    for _ in range(repeat):
        for key, run in work.items():
            t0 = time.perf_counter()
            done = run()
            seconds[key].append(time.perf_counter() - t0)
            tokens[key] = done.completion_tokens if hasattr(done, "completion_tokens") else done["usage"]["completion_tokens"]
    return {key: {"s": round(statistics.median(s), 3), "min_s": round(min(s), 3), "max_s": round(max(s), 3),
                  "completion_tokens": tokens[key]} for key, s in seconds.items()}


def _bare_peer(model_path: str, projector: str, threads: int, png: bytes, rendered: str, n: int) -> dict:
    """Bare llama-cpp-python, loaded beside shipcard's engine: `MTMDChatHandler` + `create_chat_completion` for
    image + question, `Llama.__call__` for text; returns the two pieces of work, not yet run."""
    import base64

    from llama_cpp import Llama
    from llama_cpp.llama_chat_format import MTMDChatHandler

    from assistant.backends.llamacpp import N_BATCH, N_CTX, grammar_text
    from assistant.backends.vlm import JUDGE_SCHEMA

    handler = MTMDChatHandler(clip_model_path=projector, verbose=False, use_gpu=False)
    llama = Llama(model_path=model_path, chat_handler=handler, n_ctx=N_CTX, n_batch=N_BATCH, n_threads=threads,
                  n_threads_batch=threads, verbose=False)
    from llama_cpp.llama_grammar import LlamaGrammar

    gbnf = grammar_text(json.dumps(JUDGE_SCHEMA, sort_keys=True))
    url = "data:image/png;base64," + base64.b64encode(png).decode()
    messages = [{"role": "user", "content": [{"type": "image_url", "image_url": {"url": url}},
                                             {"type": "text", "text": SHORT_PROMPT}]}]
    opts = {"max_tokens": n, "temperature": 0.0, "repeat_penalty": 1.0, "seed": 0}

    def image():
        return llama.create_chat_completion(messages=messages, grammar=LlamaGrammar.from_string(gbnf, verbose=False), **opts)

    def text():
        llama.reset()
        return llama(rendered, grammar=LlamaGrammar.from_string(gbnf, verbose=False), **opts)

    return {"image": image, "text": text}


def _stage_ocr(cfg: Config, out: dict) -> dict:
    """The OCR stage on the two card screenshots: shipcard's tuned RapidOCR against its peers."""
    from benchmarks import ocr_bench

    readers = {"shipcard (tuned RapidOCR)": ocr_bench.tuned_reader(), "RapidOCR defaults": ocr_bench.default_reader()}
    if cfg.peers and (tess := ocr_bench.tesseract_reader()):
        readers["Tesseract"] = tess
    found = {}
    for name, read in readers.items():
        read(SCREENS / CARD_PAIR[0])  # warm: the engine is built once per process, as in use
        t0 = time.perf_counter()
        read(SCREENS / CARD_PAIR[1])
        found[name] = round(time.perf_counter() - t0, 3)
    return {"ocr_s_per_screenshot": found}


def _stage_accuracy(cfg: Config, out: dict) -> dict:
    """Field accuracy over the labeled screenshots (meaningful with real weights or the OCR rules)."""
    from quantize.quality import Variant, compare

    model = cfg.path or "none"
    result = compare([Variant(cfg.quant, cfg.backend, model)], tile_budget=cfg.tiles[0])[0]
    return {"accuracy": {"ratio": round(result.score.ratio, 4), "right": result.score.right, "total": result.score.total,
                         "s_per_screenshot": round(result.seconds / max(1, result.screens), 2)}}


def _stage_mlx(cfg: Config, out: dict) -> dict:
    """mlx-vlm directly: load, then one tile-budget-1 screenshot + a short prompt, a few tokens decoded."""
    from mlx_vlm import apply_chat_template, generate, load
    from PIL import Image

    t0 = time.perf_counter()
    model, processor = load(cfg.path)
    found = {"load_s": round(time.perf_counter() - t0, 2)}
    print(json.dumps(found), flush=True)
    ip = processor.image_processor
    ip.size = {"longest_edge": ip.max_image_size["longest_edge"]}  # one tile + nothing else
    image = Image.open(SCREENS / CARD_PAIR[0]).convert("RGB")
    chat = apply_chat_template(processor, model.config, SHORT_PROMPT, num_images=1)
    t0 = time.perf_counter()
    r = generate(model, processor, chat, image=[image], max_tokens=cfg.decode_tokens, temperature=0.0, eos_tokens=[])
    return found | {"prefill_tok_s": round(r.prompt_tps, 3), "prefill_tokens": r.prompt_tokens,
                    "decode_tok_s": round(r.generation_tps, 4), "decode_tokens": r.generation_tokens,
                    "generate_s": round(time.perf_counter() - t0, 1)}


STAGES = {
    "llamacpp": ["load", "tiles", "card", "accuracy", "peers"],
    "mlx": ["mlx", "card", "accuracy"],
    "ocr": ["ocr", "card", "accuracy"],
}


def main() -> None:
    cfg = Config(**json.loads(sys.argv[1]))
    if cfg.synthetic:  # derived projector copies go next to the synthetic models
        os.environ["SHIPCARD_HOME"] = str(Path(cfg.path).parent / "home")
    measure(cfg)


if __name__ == "__main__":
    main()
