"""Follow-up questions answered by Claude, with citations, as a `chat.Answer` (source "claude")."""

from __future__ import annotations

import json

from pydantic import ValidationError

from ..datamodel import Comparison
from .api import ClaudeError, ClaudeOptions, call_tool, content
from .shots import Shot, facts_json
from .tools import ANSWER_TOOL, AnswerReply


def ask(comparison: Comparison, question: str, shots: list[list[Shot]], options: ClaudeOptions | None = None):
    """Ask Claude a follow-up question about the card; returns a `chat.Answer` with source 'claude'."""
    from ..chat import Answer, Citation

    options = options or ClaudeOptions()
    facts = "\n".join(facts_json(p.facts) for p in comparison.products)
    panel = json.dumps({p.label(i): {r.reviewer: [r.score, r.verdict] for r in p.reviews}
                        for i, p in enumerate(comparison.products)})
    text = (f"Card: {comparison.title}\nFacts read on the device (JSON, one line per product):\n{facts}\n"
            f"Reviewer scores: {panel}\n\nQuestion: {question}\nCall answer; cite each point's screenshot text or fact field.")
    raw = call_tool(options, content([s for p in shots for s in p], text), ANSWER_TOOL)
    try:
        got = AnswerReply.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ClaudeError(f"Claude's reply does not fit the answer schema ({'.'.join(map(str, first['loc']))}: "
                          f"{first['msg']}).", "Ask again.") from None
    return Answer(text=got.text, citations=[Citation(**c.model_dump()) for c in got.citations],
                  source="claude", engine=options.model)
