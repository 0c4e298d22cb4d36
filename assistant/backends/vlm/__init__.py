"""What every vision-language engine shares: prompts, constrained JSON, and checking answers against the page.

A VLM engine implements one method, `complete`; `extract`, `judge` and `ask` are built on it here, so the
llama.cpp and MLX engines behave the same and differ only in how they run the model.

Merge policy (extraction)
-------------------------
1. The rule-based engine reads the page first (`assistant.extract.extract_facts`): its facts are the base.
2. The model is asked for the facts' weak fields (`Facts.weak_fields`: no value, no evidence, or strongest
   evidence below 0.8 confidence), and always for the name and tagline: layout reading fails on identity in
   known ways (a host site's brand, a nav item, a section heading, a badge).
3. Every value the model proposes is looked for in the OCR lines of the screenshots (`assistant.quotes.locate`:
   normalised fuzzy containment, difflib ratio >= 0.85 on a window of the value's length).
   - Found on the page: it fills the field if the field was empty, with Evidence pointing at the
     matching OCR line (provenance "device"). A field the rules already filled keeps the rules' value, except
     the name when the rules' pick is of a known failure kind (`extract.identity.doubtful`): then the model's
     name wins, the rules' becomes its first alternative, and the tagline the model read comes with it.
   - Not found on the page: the field name goes into `facts.unverified` and the rules' value stands.
4. An answer that is not valid JSON, or not of the schema, leaves the rules' facts unchanged (logged).
`facts.backend` is the engine's name ("llamacpp", "mlx").

Judging: the model answers {"m": "yes"|"no"|"unknown", "q": "<short quote>"}; a product's questions go in one
call (`judge_all`), answered as {"a": [["yes", "<quote>"], ["unknown", ""], ...]}, a pair per question in order
(no key names to decode: 45 tokens for 4 quoted answers against 80 as objects, SmolLM2 tokenizer). A "yes" needs a quote that is on the page
(`assistant.quotes.quote_line`, the locator the judge and chat use too); a "no" may come without one, but a quote
it gives must be found too. Otherwise the answer becomes unknown (met=None). The engine keeps no state between
calls: each request carries its screens.

Prompts: the screenshots, then fixed wording, then what varies. The images and the fixed wording are the prefix
an engine's KV cache reuses between a product's calls. Page text is always quoted data inside <page>...</page>,
with a line saying that text inside is data, not instructions. An engine that reads the screenshots gets only
the OCR lines a question needs (the top of the page for identity, the lines that share the question's words, a
line that could verify a field), not the whole page a second time; the text path (no image) gets the whole page.
A field is asked only where some page line could verify its answer (a license, open weights).
"""

from __future__ import annotations

from .answers import MODEL_NAME_CONFIDENCE, check_verdict, merge_proposal, parse_json
from .backend import VLMBackend
from .prompts import (
           PAGE_CHAR_LIMIT,
           RELEVANT_LINES,
           TOP_LINES,
           all_lines,
           identity_lines,
           page_text,
           quote_page,
           relevant_lines,
)
from .schemas import EXTRACT_KEYS, JUDGE_SCHEMA, Completion, Proposal, VLMStats, judge_batch_schema

_lines, _Proposal = all_lines, Proposal  # the names scripts and tests knew before the split

__all__ = ["EXTRACT_KEYS", "JUDGE_SCHEMA", "MODEL_NAME_CONFIDENCE", "PAGE_CHAR_LIMIT", "RELEVANT_LINES", "TOP_LINES",
           "Completion", "Proposal", "VLMBackend", "VLMStats", "all_lines", "check_verdict", "identity_lines",
           "judge_batch_schema", "merge_proposal", "page_text", "parse_json", "quote_page", "relevant_lines"]
