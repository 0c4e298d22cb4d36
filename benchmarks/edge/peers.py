"""Inside the child: shipcard's engine beside bare llama-cpp-python on the same work, interleaved."""

from __future__ import annotations

import json
import time

from .config import SHORT_PROMPT, Config
from .llama_stages import card_screen, llama_backend


def stage_peers(cfg: Config, out: dict) -> dict:
    """shipcard's engine and bare llama-cpp-python on the same work: one screenshot (fitted to the default tile
    budget, at least 2, same projector) + a short question, and a text-only prompt; same grammar, greedy, same
    tokens. At budget 1 the work differs: shipcard sends a one-tile page as its global tile alone, mtmd (which
    `MTMDChatHandler` drives) as a 1x1 grid plus the global tile."""
    from assistant.backends import BackendOptions
    from assistant.backends.vlm import JUDGE_SCHEMA, VLMStats, quote_page

    budget, n, repeat = max(2, BackendOptions().tile_budget), cfg.decode_tokens, cfg.repeat
    _, engine = llama_backend(cfg, budget)
    screen = card_screen()
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

    import llama_cpp
    from llama_cpp.llama_chat_format import MTMDChatHandler

    from assistant.backends.llamacpp import N_BATCH, N_CTX, grammar_text
    from assistant.backends.llamacpp.kernels import load_llama
    from assistant.backends.vlm import JUDGE_SCHEMA

    handler = MTMDChatHandler(clip_model_path=projector, verbose=False, use_gpu=False)
    # the weights' buffers as shipcard loads them: a build with AMX kernels compiled in crashes otherwise (kernels.py)
    llama = load_llama(llama_cpp, model_path=model_path, chat_handler=handler, n_ctx=N_CTX, n_batch=N_BATCH,
                       n_threads=threads, n_threads_batch=threads, verbose=False)
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
