"""Follow-up answers (assistant.chat) and escalation to Claude (assistant.claude) for the UI.

Both modules are optional parts of a build: when one is missing, the UI shows the feature as
unavailable with the reason instead of failing.
"""

from __future__ import annotations

import os

from assistant.datamodel import Evidence
from assistant.errors import ShipcardError

from .actions import Session, facts_summary, optional
from .evidence import product_names

Cited = tuple[int, list[Evidence]] | None  # product index and the boxes to draw, or nothing to show


def ask(session: Session, question: str) -> tuple[str, Cited]:
    """The answer as Markdown with numbered citations, and the first cited product's page lines."""
    chat, why = optional("chat")
    if chat is None:
        raise ShipcardError(f"Follow-up questions are unavailable: {why}.")
    found = session.ask(question)
    return answer_markdown(found), _cited(session, found.citations)


def answer_markdown(found) -> str:
    lines = [found.text, ""]
    for i, c in enumerate(found.citations, 1):
        where = " · ".join(x for x in (c.field, c.image) if x)
        lines.append(f"{i}. **{c.product}**{' · ' + where if where else ''}: “{c.text}”")
    by = "on the device" if found.source == "device" else "Claude"
    lines.append(f"\n*Answered by {found.engine}, {by}.*")
    return "\n".join(lines)


def _cited(session: Session, citations) -> Cited:
    """Boxes for the citations that are page text, on the first product cited so."""
    names = product_names(session.comparison)
    for c in citations:
        if c.image and c.product in names:
            i = names.index(c.product)
            boxes = [ln.evidence() for ln in session.lines[i] if ln.image == c.image and _quotes(c.text, ln)]
            if boxes:
                return i, boxes
    return None


def saved_chat(session: Session) -> list[dict]:
    """The follow-ups already asked about a saved card, as chat messages."""
    chat, _ = optional("chat")
    if chat is None:
        return []
    messages = []
    for question, found in session.answers():
        messages += [{"role": "user", "content": question}, {"role": "assistant", "content": answer_markdown(found)}]
    return messages


# ---- escalation -------------------------------------------------------------------------------


def escalation_ready() -> tuple[bool, str]:
    """Whether the Escalate button works here, and why not."""
    claude, why = optional("claude")
    if claude is None:
        return False, why
    if not os.environ.get("ANTHROPIC_API_KEY"):
        return False, "set ANTHROPIC_API_KEY to enable"
    return True, ""


def escalation_preview(session: Session) -> str:
    """What leaves the device on confirm: every screenshot and the facts read from them."""
    shots = [f"- **{name}**: {', '.join(n for n, _ in files) or 'no screenshots'}"
             for name, files in zip(product_names(session.comparison), session.screen_files(), strict=False)]
    return "\n".join([("**Sending to Claude (Anthropic's API):** these screenshots and the facts read from them. "
                      "Nothing is sent until you press *Send to Claude*."), "", *shots, "",
                      "<details><summary>Facts (JSON)</summary>\n\n```json\n" + facts_summary(session) + "\n```\n</details>"])


def escalate(session: Session) -> tuple[Session, str]:
    """Send the screenshots and facts to Claude; the card comes back re-judged. Returns a note for the chat.

    On any fault the local card is kept as it was (and stays saved); the note says why in one line.
    """
    ready, why = escalation_ready()
    if not ready:
        raise ShipcardError(f"Escalation is unavailable: {why}.")
    try:
        session.escalate(lambda what: True)  # the person confirmed on the preview
    except ShipcardError as exc:
        return session, f"Claude could not help: {exc} The local card stands."
    session.downloads.clear()  # files of the old card are stale
    changed = sum(src == "claude" for p in session.comparison.products for src in p.facts.provenance.values())
    return session, f"Claude re-read the card: {changed} field(s) filled by Claude, reviews marked as Claude's."


def _quotes(text: str, line) -> bool:
    """A citation quotes this line: its text, as quoted (stray dots dropped), or a clause that starts on it."""
    quoted = line.evidence().text
    return text in (line.text, quoted) or text.startswith(quoted + " ")
