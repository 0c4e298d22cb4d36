"""What a VLM engine asks for and gets back: the JSON schemas (short keys: fewer tokens to decode), their wording
in prompts, the token budget an answer needs, and the record of each completion."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from pydantic import BaseModel, ConfigDict

from ...errors import BackendError

CHARS_PER_TOKEN = 3  # SmolLM2's tokenizer on page text (benchmarks/README.md): sizes max_tokens from maxLength


def _string(n: int) -> dict:
    return {"type": "string", "maxLength": n}


# Short JSON keys (fewer tokens to decode) for the fields a VLM may fill.
EXTRACT_KEYS: dict[str, tuple[str, dict, str]] = {
    "n": ("name", _string(60), "product name"),
    "t": ("tagline", _string(100), "one-line tagline"),
    "c": ("category", _string(40), "category, e.g. Developer Tools"),
    "d": ("description", _string(240), "1-2 sentence description"),
    "l": ("license", _string(40), "license as stated, e.g. Apache-2.0"),
    "ow": ("open_weights", {"type": "string", "enum": ["yes", "no", "unknown"]}, "are model weights downloadable"),
    "e": ("entry", _string(40), "cheapest way to start as shown, e.g. Free or $20/mo"),
}
STRING = _string(100)  # a judge's quote: one short line of the page
VERDICT = {"type": "string", "enum": ["yes", "no", "unknown"]}
JUDGE_SCHEMA = {"type": "object", "properties": {"m": VERDICT, "q": STRING}, "required": ["m", "q"]}
JUDGE_WORDING = '{"m": "yes" | "no" | "unknown", "q": "<short exact quote from the page>"}'
PAIR = {"type": "array", "prefixItems": [VERDICT, STRING], "items": False, "minItems": 2, "maxItems": 2}
PAIR_WORDING = '["yes" | "no" | "unknown", "<short exact quote from the page>"]'


def judge_batch_schema(n: int) -> dict:
    """n answers in one object: {"a": [[verdict, quote], ...]} (a root object: servers' JSON modes want one)."""
    pairs = {"type": "array", "prefixItems": [PAIR] * n, "items": False, "minItems": n, "maxItems": n}
    return {"type": "object", "properties": {"a": pairs}, "required": ["a"]}

OTHER = "OTHER"  # the name choice's escape: none of the candidates is the product's name


def name_choice(candidates: list[str]) -> tuple[dict, dict, str]:
    """The name as a constrained choice among what the page's layout proposed (JSON-schema enum, so a grammar lets
    the model write nothing else), with a free answer allowed only beside OTHER: (n's schema, o's schema, wording)."""
    enum = {"type": "string", "enum": [*candidates, OTHER]}
    wording = (f"product name: one of {', '.join(repr(c) for c in candidates)}, or {OTHER} only if you are sure "
               f"none of them is the product's name")
    return enum, {"type": "string", "maxLength": 60}, wording


UNKNOWN = {"", "unknown", "n/a", "none", "null", "not stated", "not shown"}
IDENTITY = {"name", "tagline"}  # always asked of the model: see the merge policy


@dataclass
class Completion:
    text: str
    prompt_tokens: int
    completion_tokens: int
    seconds: float


@dataclass
class VLMStats:
    """Work done by one engine instance; `reset()` between cards, read by benchmarks."""

    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0  # tokens decoded
    seconds: float = 0.0
    failures: int = 0
    extra: dict = field(default_factory=dict)  # engine-specific counters (image cache hits, reused KV, ...)

    def add(self, c: Completion) -> None:
        self.calls += 1
        self.prompt_tokens += c.prompt_tokens
        self.completion_tokens += c.completion_tokens
        self.seconds += c.seconds

    def count(self, key: str, n: float = 1) -> None:
        self.extra[key] = self.extra.get(key, 0) + n

    def reset(self) -> None:
        VLMStats.__init__(self)  # every counter back to its default

    def snapshot(self) -> dict:
        return asdict(self)


class Proposal(BaseModel):
    model_config = ConfigDict(extra="ignore")

    n: str | None = None
    o: str | None = None  # the name in the model's own words, read only when it picked OTHER among the candidates
    t: str | None = None
    c: str | None = None
    d: str | None = None
    l: str | None = None  # noqa: E741 (the answer's key for the license: one token to decode)
    ow: str | None = None
    e: str | None = None


class Verdict(BaseModel):
    model_config = ConfigDict(extra="ignore")

    m: str
    q: str = ""



def tokens_for(schema: dict) -> int:
    """A max_tokens that holds a full answer to `schema`: each string at its maxLength, the JSON around it."""
    if "prefixItems" in schema:  # brackets; per item a separator
        return 2 + sum(1 + tokens_for(p) for p in schema["prefixItems"])
    props = schema.get("properties")
    if props is None:  # a string: its characters at the tokenizer's rate, or the longest enum value
        if "enum" in schema:
            return 3 + max(len(str(v)) for v in schema["enum"]) // CHARS_PER_TOKEN
        return 2 + schema.get("maxLength", 24) // CHARS_PER_TOKEN
    return 2 + sum(4 + tokens_for(p) for p in props.values())  # braces; per key its name, quotes and separators


def pairs(raw: dict, n: int) -> list[Verdict]:
    """The verdicts of a batched answer ({"a": [[verdict, quote], ...]}), n of them, or ValidationError."""
    pairs = raw.get("a")
    if not isinstance(pairs, list) or len(pairs) != n or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise BackendError(f"The model's answer is not {n} [verdict, quote] pairs.")
    return [Verdict.model_validate({"m": m, "q": q}) for m, q in pairs]
