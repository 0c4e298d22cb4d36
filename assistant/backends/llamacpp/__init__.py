"""SmolVLM2 on llama.cpp (llama-cpp-python + mtmd): the `llamacpp` backend.

One engine per process and model (`cached_engine`): the model and projector load once. The prompt is
built so the screenshots and the quoted page text come first and stay identical from call to call
(extraction, each rubric criterion, follow-ups), and the engine keeps what is already in the KV cache:

- image embeddings are cached by the sha256 of the image bytes sent, so a screenshot is encoded once
  per process however many questions are asked about it;
- the evaluated prompt prefix (template start, image tokens, page text) is kept in the KV cache and only
  the new suffix (the question) is evaluated. llama-cpp-python's stock `MTMDChatHandler` clears the KV
  cache on every call, so this engine drives mtmd itself (tokenize -> compare chunks -> evaluate the rest).

Tile budget: mtmd's idefics3 preprocessor first resizes every image so its long side is the projector's
`clip.vision.preproc_image_size` (1536 = 4 x 384 for SmolVLM2-2.2B), upscaling small images too, then cuts
384-px tiles and adds one global tile. Downscaling alone therefore never lowers the tile count. A page that
fits one tile is sent as Hugging Face sends an unsplit image, its global tile alone (mtmd's 1x1 grid would
repeat it: twice the encode for the same picture). To honour
`options.tile_budget` (N), the engine uses K = min(4, ceil(sqrt(N))) tiles on the long side (a projector copy
whose preproc_image_size is K x 384, written once next to the models) and pads the image's long side where
needed so the short side takes at most N // K tiles. See docs/backends.md for the table.
"""

from __future__ import annotations

from .backend import LlamaCppBackend
from .engine import N_BATCH, N_CTX, Engine, SentImage, cached_engine
from .runtime import check_gguf, grammar_text, import_llama, json_grammar, silence
from .text import TextEngine, cached_text_engine
from .tiles import budget_projector, fit_to_budget, long_side_tiles, tile_grid

__all__ = [
    "N_BATCH", "N_CTX", "Engine", "LlamaCppBackend", "SentImage", "TextEngine", "budget_projector", "cached_engine",
    "cached_text_engine", "check_gguf", "fit_to_budget", "grammar_text", "import_llama", "json_grammar",
    "long_side_tiles", "silence", "tile_grid",
]
