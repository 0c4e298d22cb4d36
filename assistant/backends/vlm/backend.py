"""`VLMBackend`: extraction, judging and questions built on one method an engine implements, `complete`."""

from __future__ import annotations

import logging
from abc import abstractmethod
from typing import TypeVar

from pydantic import ValidationError

from ...datamodel import Facts, OcrLine, Screen
from ...errors import BackendError
from ..base import Backend, JudgeAnswer, JudgeRequest
from ..options import ModelOptions
from .answers import check_verdict, evidence_key, merge_proposal, name_candidates, one_line, parse_json
from .prompts import all_lines, facts_said, identity_lines, page_text, quote_page, relevant_lines, verifiable
from .schemas import (
    EXTRACT_KEYS,
    IDENTITY,
    JUDGE_SCHEMA,
    JUDGE_WORDING,
    OTHER,
    PAIR_WORDING,
    Completion,
    Proposal,
    Verdict,
    VLMStats,
    judge_batch_schema,
    name_choice,
    pairs,
    tokens_for,
)

log = logging.getLogger(__name__)

ModelOptionsT = TypeVar("ModelOptionsT", bound=ModelOptions)


class VLMBackend(Backend[ModelOptionsT]):
    """A backend driven by a vision-language model. Implement `complete`; do not override the rest."""

    Options = ModelOptions
    sees_images = True
    judges = True
    chats = True

    def __init__(self, options=None):
        super().__init__(options)
        self.stats = VLMStats()

    @abstractmethod
    def complete(self, prompt: str, images: list[Screen], schema: dict, max_tokens: int) -> Completion:
        """Run the model on `images` then `prompt`, output constrained to the JSON `schema`."""

    # ---- the three abilities ----------------------------------------------------------------

    def extract(self, screens: list[Screen]) -> Facts:
        from ...extract import extract_facts  # the rule-based reader; imported late on purpose

        facts = extract_facts(screens)
        weak = set(facts.weak_fields()) | IDENTITY
        wanted = [k for k, (fname, _, _) in EXTRACT_KEYS.items() if evidence_key(fname) in weak]
        if wanted:
            try:
                proposal = self._propose(screens, wanted, name_candidates(facts))
                merge_proposal(facts, proposal, all_lines(screens))
            except BackendError as exc:
                self.stats.failures += 1
                log.warning("%s: kept the OCR facts: %s", self.name, exc)
        facts.backend = self.name
        return facts

    @property
    def reads_images(self) -> bool:
        """Whether the screenshots reach the model (the llama.cpp text path reads the OCR lines alone)."""
        return self.sees_images

    def judge(self, question: JudgeRequest) -> JudgeAnswer | None:
        return self.judge_all([question])[0]

    def judge_all(self, questions: list[JudgeRequest]) -> list[JudgeAnswer | None]:
        """One product's questions (same screens and facts) in one constrained call; a fault leaves all to the rules."""
        if not questions:
            return []
        screens, lines = questions[0].screens, all_lines(questions[0].screens)
        one = len(questions) == 1
        schema = JUDGE_SCHEMA if one else judge_batch_schema(len(questions))
        try:
            raw = self._run(self._judge_prompt(questions, lines), screens, schema, tokens_for(schema))
            verdicts = [Verdict.model_validate(raw)] if one else pairs(raw, len(questions))
        except (BackendError, ValidationError) as exc:
            self.stats.failures += 1
            log.warning("%s: criteria %s left to the rules: %s", self.name, ", ".join(q.criterion_id for q in questions),
                        one_line(exc))
            return [None] * len(questions)
        return [check_verdict(v.m, v.q, lines) for v in verdicts]

    def _judge_prompt(self, questions: list[JudgeRequest], lines: list[OcrLine]) -> str:
        """The page lines the questions need (all of them on the text path), the facts, the numbered questions."""
        if len(questions) == 1:
            asked = "Question: " + questions[0].question + "\nAnswer as JSON: " + JUDGE_WORDING + "."
        else:
            asked = ("Questions:\n" + "\n".join(f"{i}. {q.question}" for i, q in enumerate(questions, 1))
                     + '\nAnswer as JSON: {"a": [one ' + PAIR_WORDING + " per question, in order]}.")
        page = lines if not self.reads_images else relevant_lines(lines, [q.question for q in questions])
        return quote_page("\n".join(ln.text for ln in page)) + facts_said(questions[0].facts_json) + asked

    def ask(self, prompt: str, screens: list[Screen], schema: dict) -> dict | None:
        text = quote_page(page_text(screens)) + "\nQuestion: " + prompt + "\nAnswer as JSON."
        raw = self._run(text, screens, schema, self.options.max_new_tokens)
        missing = [k for k in schema.get("required", []) if k not in raw]
        if missing:
            raise BackendError(f"The model's answer lacks '{missing[0]}'.", "Ask again, or use another backend.")
        return raw

    # ---- helpers -----------------------------------------------------------------------------

    def _propose(self, screens: list[Screen], keys: list[str], candidates: list[str] | None = None) -> Proposal:
        lines = all_lines(screens)
        keys = [k for k in keys if verifiable(k, lines)]
        properties = {k: EXTRACT_KEYS[k][1] for k in keys}
        said = {k: EXTRACT_KEYS[k][2] for k in keys}
        if candidates and "n" in keys:  # the name: a choice among the layout's candidates, free only beside OTHER
            properties["n"], properties["o"], said["n"] = name_choice(candidates)
            said["o"] = f'the name in the page\'s words if "n" is {OTHER}, else ""'
            keys = ["n", "o", *[k for k in keys if k != "n"]]
        schema = {"type": "object", "properties": {k: properties[k] for k in keys}, "required": keys}
        wants = "; ".join(f'"{k}": {said[k]}' for k in keys)
        page = lines if not self.reads_images else identity_lines(screens, keys)
        prompt = (
            quote_page("\n".join(ln.text for ln in page))
            + "Give the product's fields as JSON in the page's words (\"\" where it does not say): "
            + wants
            + "."
        )
        raw = self._run(prompt, screens, schema, min(self.options.max_new_tokens, tokens_for(schema)))
        try:
            return Proposal.model_validate(raw)
        except ValidationError as exc:
            raise BackendError(f"The model's answer does not fit the schema ({one_line(exc)}).") from None

    def _run(self, prompt: str, screens: list[Screen], schema: dict, max_tokens: int) -> dict:
        completion = self.complete(prompt, screens, schema, max_tokens)
        self.stats.add(completion)
        return parse_json(completion.text)

