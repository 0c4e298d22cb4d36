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

Modules: `config` (what one measurement is), `machine` (fingerprint, ceilings), `plan` (which configurations),
`runner` (the parent: one child process per configuration), and inside the child `stages` with `llama_stages`,
`card` and `peers`. `python -m benchmarks.edge CONFIG_JSON` is the child.
"""

from __future__ import annotations

from .config import Config
from .machine import ceiling, fingerprint, mlx_weights_read_per_token, weights_read_per_token
from .plan import default_models_dir, plan
from .runner import append, run, run_config

__all__ = ["Config", "append", "ceiling", "default_models_dir", "fingerprint", "mlx_weights_read_per_token", "plan", "run",
           "run_config", "weights_read_per_token"]
