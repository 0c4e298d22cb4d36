"""Opt-in escalation to Claude: a second reading of the screenshots, and answers to follow-up questions.

Never automatic. The CLI shows what would be sent (`plan` + `describe`) and asks first (unless --yes).
What goes: the screenshots as base64 image blocks and the device's facts as a JSON text block; what
comes back arrives through TOOL USE (a short, strict input schema), is validated with pydantic, and is
merged with provenance:

- a fact field the device read weakly (`Facts.weak_fields`: no value, no evidence, or strongest evidence
  below 0.8 confidence) takes Claude's value and `facts.provenance[field] = "claude"`; a field the device read solidly stays;
- each review Claude returns replaces the device review of that reviewer, as a Review with
  source="claude" (score 0..100, verdict from the rubric threshold, no device criteria); the panel is recomputed.

The key comes from ANTHROPIC_API_KEY (the SDK honours ANTHROPIC_BASE_URL); it is never printed, logged or
stored. Every fault (no key, 401, 429 after bounded retries, 529, 5xx, timeout, a reply without the tool
call or failing validation) becomes one ClaudeError line, and the caller's local card stays as it was.

Modules: `shots` (what is sent, and the plan shown first), `api` (the call and its faults), `tools` (tool
schemas generated from the models that validate the replies), `escalation` and `asking`.
"""

from __future__ import annotations

from .api import DEFAULT_MODEL, ClaudeError, ClaudeOptions, call_tool, connect
from .asking import ask
from .escalation import escalate
from .shots import Plan, Shot, describe, load_shots, plan
from .tools import ANSWER_TOOL, card_tool

__all__ = ["ANSWER_TOOL", "DEFAULT_MODEL", "ClaudeError", "ClaudeOptions", "Plan", "Shot", "ask", "call_tool", "card_tool",
           "connect", "describe", "escalate", "load_shots", "plan"]
