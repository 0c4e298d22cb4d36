"""Follow-up answers (assistant.chat) and escalation to Claude (assistant.claude) for the UI.

Both modules are optional parts of a build: when one is missing, the UI shows the feature as
unavailable with the reason instead of failing.
"""

from __future__ import annotations

import os
from pathlib import Path

from assistant.datamodel import Evidence
from assistant.errors import ShipcardError

from .actions import Session, facts_summary, history, optional
from .evidence import product_names

Cited = tuple[int, list[Evidence]] | None  # product index and the boxes to draw, or nothing to show


def ask(session: Session, question: str) -> tuple[str, Cited]:
    """The answer as Markdown with numbered citations, and the first cited product's page lines."""
    chat, why = optional("chat")
    if chat is None:
        raise ShipcardError(f"Follow-up questions are unavailable: {why}.")
    backend, screens = _chat_engine(session)
    found = chat.answer(session.comparison, question, session.lines, backend=backend, screens_by_product=screens)
    db, _ = history()
    if db is not None and session.history_id is not None:
        db.add_answer(session.history_id, question, found.model_dump(), found.source, found.engine)
    return answer_markdown(found), _cited(session, found.citations)


def _chat_engine(session: Session):
    """The card's engine when it can answer free questions (a VLM), with the screens it needs; else the rules."""
    from assistant.backends import BackendOptions, choose

    try:
        engine = choose(session.backend, BackendOptions(model=session.model))
    except ShipcardError:
        return None, None
    db, _ = history()
    if not engine.chats or db is None or session.history_id is None:
        return None, None
    return engine, db.load_screens(session.history_id)


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
            boxes = [ln.evidence() for ln in session.lines[i] if ln.image == c.image and ln.text == c.text]
            if boxes:
                return i, boxes
    return None


def saved_chat(session: Session) -> list[dict]:
    """The follow-ups already asked about a saved card, as chat messages."""
    chat, _ = optional("chat")
    db, _ = history()
    if chat is None or db is None or session.history_id is None:
        return []
    messages = []
    for saved in db.answers(session.history_id):
        found = chat.Answer.model_validate(saved.answer)
        messages += [{"role": "user", "content": saved.question}, {"role": "assistant", "content": answer_markdown(found)}]
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
    shots = [f"- **{name}**: {', '.join(images) or 'no screenshots'}"
             for name, images in zip(product_names(session.comparison), session.images)]
    return "\n".join(["**Sending to Claude (Anthropic's API):** these screenshots and the facts read from them. "
                      "Nothing is sent until you press *Send to Claude*.", "", *shots, "",
                      "<details><summary>Facts (JSON)</summary>\n\n```json\n" + facts_summary(session) + "\n```\n</details>"])


def escalate(session: Session) -> tuple[Session, str]:
    """Send the screenshots and facts to Claude; the card comes back re-judged. Returns a note for the chat.

    On any fault the local card is kept as it was (and stays saved); the note says why in one line.
    """
    ready, why = escalation_ready()
    if not ready:
        raise ShipcardError(f"Escalation is unavailable: {why}.")
    from assistant import claude

    files = [[(name, Path(src)) for name, src in product.items() if isinstance(src, (str, Path))]
             for product in session.images]
    try:
        merged = claude.escalate(session.comparison, claude.load_shots(session.comparison, files))
    except ShipcardError as exc:
        return session, f"Claude could not help: {exc} The local card stands."
    db, _ = history()
    if db is not None and session.history_id is not None:
        db.update(session.history_id, merged)
    session.comparison = merged
    session.downloads.clear()  # files of the old card are stale
    changed = sum(src == "claude" for p in merged.products for src in p.facts.provenance.values())
    return session, f"Claude re-read the card: {changed} field(s) filled by Claude, reviews marked as Claude's."
