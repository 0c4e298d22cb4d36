"""A model's answers: parsed as JSON, then checked against the page (the merge policy and the judge's rule of
the module docstring of assistant.backends.vlm)."""

from __future__ import annotations

import json
import logging
import re

from ...datamodel import Facts, OcrLine
from ...errors import BackendError
from ...quotes import locate, quote_line
from ..base import JudgeAnswer
from .prompts import OPEN_WEIGHTS
from .schemas import EXTRACT_KEYS, OTHER, UNKNOWN, Proposal

log = logging.getLogger(__name__)

_FENCE = re.compile(r"^```[a-zA-Z]*\s*|\s*```$")


def parse_json(text: str) -> dict:
    """The first JSON object in a model's answer (code fences stripped, control characters tolerated)."""
    cleaned = _FENCE.sub("", (text or "").strip())
    start = cleaned.find("{")
    if start < 0:
        raise BackendError("The model gave no JSON answer.", "Try again, or raise the answer budget: -o max_new_tokens=512.")
    decoder = json.JSONDecoder(strict=False)
    try:
        value, _ = decoder.raw_decode(cleaned[start:])
    except ValueError:
        value = _balanced(cleaned[start:], decoder)
    if not isinstance(value, dict):
        raise BackendError("The model's answer is JSON but not an object.")
    return value


def _balanced(text: str, decoder: json.JSONDecoder) -> dict:
    depth, in_string, escaped = 0, False, False
    for i, ch in enumerate(text):
        if in_string:
            escaped = not escaped and ch == "\\"
            in_string = escaped or ch != '"'
            continue
        if ch == '"':
            in_string = True
        depth += (ch == "{") - (ch == "}")
        if depth == 0:
            try:
                return decoder.decode(text[: i + 1])
            except ValueError:
                break
    raise BackendError("The model's answer is not valid JSON (cut off or malformed).", "Try again, or raise the answer budget: -o max_new_tokens=512.")


def merge_proposal(facts: Facts, proposal: Proposal, lines: list[OcrLine]) -> Facts:
    """Apply the merge policy (module docstring) to `facts`, in place."""
    _overrule_identity(facts, proposal, lines)
    for key, (fname, _, _) in EXTRACT_KEYS.items():
        value = getattr(proposal, key)
        if value is None or value.strip().lower() in UNKNOWN:
            continue
        value = " ".join(value.split())
        line = _verify(fname, value, lines)
        if line is None:
            if fname not in facts.unverified:
                facts.unverified.append(fname)
            continue
        if _current(facts, fname) is None:
            _set(facts, fname, value)
            facts.evidence.setdefault(evidence_key(fname), []).append(line.evidence())
            facts.provenance[evidence_key(fname)] = "device"
    return facts


def name_candidates(facts: Facts) -> list[str]:
    """What the layout proposed for the name, best first (at most three): the model chooses among them."""
    return list(dict.fromkeys(c for c in [facts.name, *facts.alternatives.get("name", [])] if c))[:3]


def _overrule_identity(facts: Facts, proposal: Proposal, lines: list[OcrLine]) -> None:
    """The model's name replaces the rules' when the page shows it: a candidate it chose over the layout's first
    pick, or (only where the rules' name is doubtful) a name in its own words beside OTHER (module docstring)."""
    from ...extract.identity import doubtful
    from ...page.lexicon import squash

    chosen = " ".join((proposal.n or "").split())
    free = chosen == OTHER or chosen not in name_candidates(facts)
    value = " ".join((proposal.o or "").split()) if chosen == OTHER else chosen
    why = doubtful(facts) if free else "the model chose another of the layout's candidates"
    if why is None or value.lower() in UNKNOWN or squash(value) == squash(facts.name or ""):
        return
    line = locate(value, lines)
    if line is None:
        return
    old = facts.name
    facts.name = value
    facts.evidence["name"] = [line.evidence(value)]
    facts.provenance["name"] = "device"
    facts.confidence["name"] = MODEL_NAME_CONFIDENCE if free else max(MODEL_NAME_CONFIDENCE, facts.confidence.get(
        "name", 0.0))
    facts.alternatives["name"] = [a for a in [old, *facts.alternatives.get("name", [])] if a and a != value][:3]
    tagline = " ".join((proposal.t or "").split())
    tag_line = locate(tagline, lines) if tagline.lower() not in UNKNOWN else None
    facts.tagline = tagline if tag_line else None  # the rules' tagline was read under the name now replaced
    facts.evidence.pop("tagline", None)
    if tag_line:
        facts.evidence["tagline"] = [tag_line.evidence(tagline)]
    log.info("name: the model's %r replaces the rules' %r (%s)", value, old, why)


MODEL_NAME_CONFIDENCE = 0.6  # a model's name found on the page, replacing a doubtful layout pick


def _verify(fname: str, value: str, lines: list[OcrLine]) -> OcrLine | None:
    if fname == "open_weights":  # a yes/no: verified by a line that says so, never by the word "no"
        if value.lower() != "yes":
            return None
        return next((line for line in lines if OPEN_WEIGHTS.search(line.text)), None)
    return locate(value, lines)


def check_verdict(m: str, quote: str, lines: list[OcrLine]) -> JudgeAnswer:
    """The model's verdict as a JudgeAnswer: a "yes", or any quote given, must be on the page, else unknown."""
    met = {"yes": True, "no": False}.get(m.strip().lower())
    quote = " ".join((quote or "").split())
    found = quote_line(quote, lines) is not None
    if met is True and not found:
        return JudgeAnswer(met=None, quote=quote)
    if met is False and quote and not found:
        return JudgeAnswer(met=None, quote=quote)
    return JudgeAnswer(met=met, quote=quote if found else "")


def evidence_key(fname: str) -> str:
    return "pricing" if fname == "entry" else fname


def _current(facts: Facts, fname: str):
    return facts.pricing.entry if fname == "entry" else getattr(facts, fname)


def _set(facts: Facts, fname: str, value: str) -> None:
    if fname == "entry":
        facts.pricing.entry = value
    elif fname == "open_weights":
        facts.open_weights = True
    else:
        setattr(facts, fname, value)



def one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else type(exc).__name__

