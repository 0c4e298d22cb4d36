"""One run of shipcard, under every front end: a comparison, its screenshots, its engine, and its history row.

The CLI, the Gradio UI (and the batch runner) make a `Session` and call it; none of them wires saving,
correcting, escalating or keeping answers itself:

    Session.run(products, engine, rubrics, progress)   read, extract and judge; not saved yet
    Session.load(id)                                   a saved card; screenshots are read from the store only when needed
    add(inputs, engine) -> Session                     one more product; the others are not read again
    finish(out, formats) -> Finished                   the end of every run: card files written, then saved
    save() -> id          fix(product, field, value)          vote(product, up) / bookmark(on)
    ask(question)         ask_claude(question, confirm)       escalate(confirm)

A session owns its run's screen cache (`reads`, bounded by bytes: assistant/screencache.py); it goes with it.

Whatever needs the person's consent (sending screenshots to Claude) takes a `confirm` callback: it gets a
description of what would leave the device and returns True to send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .backends.registry import EMBEDDED
from .datamodel import Community, Comparison, OcrLine, ProductCard, Screen
from .errors import ShipcardError
from .sanitize import printable
from .screencache import ScreenCache

if TYPE_CHECKING:
    from .backends.base import Backend
    from .chat import Answer
    from .claude import ClaudeOptions
    from .history import History
    from .pipeline import Progress
    from .rubrics import Rubric
    from .writer import Rationale

log = logging.getLogger(__name__)
Confirm = Callable[[str], bool]  # shown what would be sent; True sends it
MAX_PRODUCTS = 16  # a card shows at most this many (an export holds as many); 50 broke the PNG's layout
MAX_QUESTION_CHARS = 2000  # the question budget (README): a 100 KB question took 21 s


class Session:
    """A comparison with what it was made from. `id` is its history row once saved (or loaded)."""

    def __init__(self, comparison: Comparison, screens: list[list[Screen]] | None = None,
                 lines: list[list[OcrLine]] | None = None, backend: str = EMBEDDED, model: str | None = None,
                 engine: Backend | None = None, rubrics: list[Rubric] | None = None, history: History | None = None,
                 reads: ScreenCache | None = None):
        self.comparison = comparison
        self.reads = reads if reads is not None else ScreenCache()  # what this run read, by image bytes
        self._screens = screens  # None until needed, for a card loaded from the history
        # per product, every OCR line (a saved card keeps them even where a screenshot's image is gone)
        self.lines = lines if lines is not None else [_all_lines(p) for p in screens or []]
        self.backend, self.model = backend, model
        self.engine = engine
        self.rubrics = rubrics
        self._history = history
        self._engine_is_optional = False  # True for a saved card's own engine, which may be missing here

    # ---- making one -------------------------------------------------------------------------

    @classmethod
    def run(cls, products: Sequence[Sequence[str | Path]], engine: Backend, rubrics: list[Rubric] | None = None,
            progress: Progress | None = None, history: History | None = None, rationale: Rationale = "auto") -> Session:
        """Read, extract and judge each product (an image, several, or a folder). Not saved: call `save()`.

        `rationale`: who writes the reviewers' prose (assistant.writer): auto, model or rules.
        """
        from . import pipeline

        if len(products) > MAX_PRODUCTS:  # refused before any OCR
            raise ShipcardError(f"{len(products)} products: a card shows at most {MAX_PRODUCTS}.",
                                f"Compare at most {MAX_PRODUCTS} at a time, or split them over several cards.")
        reads = ScreenCache()
        comparison, screens = pipeline.compare(products, engine, rubrics, progress or _quiet, rationale, reads)
        return cls(comparison, screens, backend=engine.name, model=model_name(engine), engine=engine,
                   rubrics=rubrics, history=history, reads=reads)

    def add(self, inputs: Sequence[str | Path], engine: Backend, rubrics: list[Rubric] | None = None,
            progress: Progress | None = None, rationale: Rationale = "auto") -> Session:
        """A new card: this one's products plus one more read from `inputs` (the others are not read again).

        Not saved: `save()` keeps it under a new id, and this card stays as it was.
        """
        from . import pipeline
        from .rubrics import load_rubrics

        rubrics = rubrics if rubrics is not None else (self.rubrics or load_rubrics())
        facts, screens = pipeline.extract(inputs, engine, progress or _quiet, self.reads)
        card = pipeline.card_for(facts, screens, rubrics, engine, rationale)
        products = [p.model_copy(deep=True) for p in self.comparison.products] + [card]
        comparison = Comparison(title=Comparison.title_of(products), products=products)
        return Session(comparison, [*self.screens, screens], [*self.lines, _all_lines(screens)], engine.name,
                       model_name(engine), engine, rubrics, self._history, self.reads)

    @classmethod
    def load(cls, id: int, history: History | None = None, backend: str | None = None,
             model: str | None = None) -> Session:
        """A saved card. `backend`: the engine for questions (default: the one that made the card; the embedded engine: rules).

        Its screenshots are rebuilt from the history's store on first use, once.
        """
        history = history or _default_history()
        meta = history.meta(id)
        session = cls(history.get(id), None, history.lines(id), backend or meta["backend"],
                      model if backend else meta["model"], history=history)
        session._engine_is_optional = backend is None
        return session

    @classmethod
    def of(cls, comparison: Comparison, screens: list[list[Screen]], engine: Backend) -> Session:
        """A session around a card already made (e.g. one product judged alone by `extract --escalate`)."""
        return cls(comparison, screens, backend=engine.name, model=model_name(engine), engine=engine)

    # ---- what it holds ----------------------------------------------------------------------

    @property
    def id(self) -> int | None:
        return self.comparison.id

    @property
    def history(self) -> History:
        """The history this card is (or will be) saved in; opened on first use. Raises ShipcardError."""
        if self._history is None:
            self._history = _default_history()
        return self._history

    @property
    def screens(self) -> list[list[Screen]]:
        """Per product, its Screens: as read for a fresh run; for a saved card, the stored copies (loaded once)."""
        if self._screens is None:
            self._screens = self.history.load_screens(self.id) if self.id is not None else []
        return self._screens

    def product_index(self, product: str | int) -> int:
        """0-based index of a product given as a 0-based int, or as a 1-based number or name in text."""
        if isinstance(product, int):
            if not 0 <= product < len(self.comparison.products):
                raise ShipcardError(f"There is no product {product + 1}.",
                                    f"Pass 1 to {len(self.comparison.products)}, or a product's name.")
            return product
        return product_index(self.comparison, product)

    # ---- keeping it -------------------------------------------------------------------------

    def finish(self, out: Path | None = None, formats: Sequence[str] = (), save: bool = True,
               before_save: Callable[[], None] | None = None, stem: str = "card") -> Finished:
        """The end of a run, for every front end: write the card files (when `out`), then keep the card in the
        history (when `save`; `before_save` runs first, e.g. the batch's journal). A history that cannot be
        written costs only the entry: the files stand and `Finished.not_saved` says why."""
        from .card import write_card

        done = Finished(write_card(self.comparison, out, list(formats), stem) if out is not None else [])
        if save:
            try:
                if before_save is not None:
                    before_save()
                done.saved = self.save()
            except ShipcardError as exc:
                done.not_saved = str(exc)
        return done

    def save(self) -> int:
        """Keep the card, its screenshot copies and OCR lines in the history; returns its id. Raises ShipcardError."""
        return self.history.save(self.comparison, self.screens, self.backend, self.model)

    def vote(self, product: int, up: bool) -> Community:
        """Record a vote for a product (0-based) and put the new counts on the card."""
        counts = self.history.vote(self._saved_id(), product, up)
        self.comparison.products[product].community = counts
        return counts

    def bookmark(self, on: bool = True) -> None:
        self.history.bookmark(self._saved_id(), on)

    def bookmarked(self) -> bool:
        return self.id is not None and bool(self.history.meta(self.id)["bookmarked"])

    def _saved_id(self) -> int:
        if self.id is None:
            raise ShipcardError("This card was not saved to history.", "Run the comparison again.")
        return self.id

    def _replace(self, comparison: Comparison) -> None:
        """The card changed (escalation, a correction): write it over the saved one, votes and answers kept."""
        if self.id is None:
            self.comparison = comparison
            return
        self.history.update(self.id, comparison)
        self.comparison = self.history.get(self.id)

    # ---- changing it ------------------------------------------------------------------------

    def fix(self, product: str | int, field: str, value: str) -> ProductCard:
        """A person's correction: set `field` of one product, mark it `person`, judge that product again."""
        from .corrections import apply
        from .pipeline import card_for
        from .rubrics import load_rubrics

        index = self.product_index(product)
        old = self.comparison.products[index]
        screens = self.screens[index] if index < len(self.screens) else []
        card = card_for(apply(old.facts, field, value), screens, self.rubrics or load_rubrics(), self._model_engine())
        card.community = old.community
        products = [card if i == index else p for i, p in enumerate(self.comparison.products)]
        fixed = self.comparison.model_copy(update={"products": products, "title": Comparison.title_of(products)})
        self._replace(fixed)
        return self.comparison.products[index]

    def escalate(self, confirm: Confirm, options: ClaudeOptions | None = None) -> bool:
        """Ask Claude for a second reading (after `confirm` agrees); the card is replaced and kept. False: nothing sent.

        Raises ClaudeError (the card stays as it was).
        """
        from . import claude

        options = options or claude.ClaudeOptions()
        shots = claude.load_shots(self.comparison, self.screen_files())
        if not confirm(claude.describe(claude.plan(self.comparison, shots, options))):
            return False
        self._replace(claude.escalate(self.comparison, shots, options))
        return True

    # ---- questions --------------------------------------------------------------------------

    def ask(self, question: str) -> Answer:
        """Answer from the card and its pages, with citations (a VLM answers when the engine can); kept when saved."""
        from .chat import answer

        question = clean_question(question)
        engine = self._model_engine()
        chats = engine is not None and engine.chats
        found = answer(self.comparison, question, self.lines, engine if chats else None,
                       self.screens if chats else None)
        return self._keep(question, found)

    def ask_claude(self, question: str, confirm: Confirm, options: ClaudeOptions | None = None) -> Answer:
        """Claude answers (after `confirm` agrees; else the device does). Raises ClaudeError."""
        from . import claude

        question = clean_question(question)
        options = options or claude.ClaudeOptions()
        shots = claude.load_shots(self.comparison, self.screen_files())
        if not confirm(claude.describe(claude.plan(self.comparison, shots, options, question))):
            return self.ask(question)
        return self._keep(question, claude.ask(self.comparison, question, shots, options))

    def answers(self) -> list[tuple[str, Answer]]:
        """The questions already asked about this card and their answers, oldest first."""
        from .chat import Answer

        if self.id is None:
            return []
        kept = []
        for a in self.history.answers(self.id):
            try:
                kept.append((a.question, Answer.model_validate(a.answer)))
            except ValueError:  # a damaged answer (e.g. from an old import) is left out, the others shown
                log.warning("card #%s: answer %s is damaged and was skipped.", self.id, a.id)
        return kept

    def _keep(self, question: str, found: Answer) -> Answer:
        if self.id is not None:
            self.history.add_answer(self.id, question, found.model_dump(), found.source, found.engine)
        return found

    # ---- engines and files ------------------------------------------------------------------

    def screen_files(self) -> list[list[tuple[str, Path]]]:
        """Per product, (name, file) of each screenshot whose bytes are on disk (the store's copy once saved)."""
        if self._screens is None and self.id is not None:
            return self.history.screen_files(self.id)  # no need to decode the images
        return [[(s.name, s.loaded.path) for s in product if s.loaded.path is not None] for product in self.screens]

    def _model_engine(self) -> Backend | None:
        """The engine that made the card, chosen here once for a saved card; None: the rules decide."""
        if self.engine is None and self.backend != EMBEDDED:  # the embedded engine's answers are the rules'
            from .backends import choose

            try:
                self.engine = choose(self.backend, {"model": self.model})
            except ShipcardError as exc:
                if not self._engine_is_optional:
                    raise
                log.info("%s is not usable here (%s); the rules answer.", self.backend, exc)
                self.backend = EMBEDDED
        return self.engine


@dataclass
class Finished:
    """What `Session.finish` did: the card files written, the history id, or why the card was not kept."""

    written: list[Path] = field(default_factory=list)
    saved: int | None = None
    not_saved: str | None = None


def product_index(comparison: Comparison, product: str) -> int:
    """0-based index of a product named by its 1-based number, or by its name (whole, else a part; case ignored)."""
    names = [p.facts.name or "" for p in comparison.products]
    text = product.strip().lower()
    if text.isdigit() and 1 <= int(text) <= len(names):
        return int(text) - 1
    matches = [i for i, n in enumerate(names) if n.lower() == text] or \
              [i for i, n in enumerate(names) if text and text in n.lower()]
    if len(matches) == 1:
        return matches[0]
    card = f"Card #{comparison.id}" if comparison.id is not None else "This card"
    choices = ", ".join(f"{i + 1} ({n or 'unnamed'})" for i, n in enumerate(names))
    raise ShipcardError(f"{card} has no single product '{product}'.", f"Use one of: {choices}.")


def clean_question(question: str | bytes) -> str:
    """A question as text: invalid UTF-8 replaced, control characters dropped, at most MAX_QUESTION_CHARS."""
    if isinstance(question, bytes):
        question = question.decode("utf-8", "replace")
    text = printable(question.encode("utf-8", "surrogateescape").decode("utf-8", "replace")).strip()
    if len(text) > MAX_QUESTION_CHARS:
        raise ShipcardError(f"The question is {len(text)} characters, over the question budget of "
                            f"{MAX_QUESTION_CHARS}.", "Ask it in fewer words.")
    if not text:
        raise ShipcardError("The question is empty.", "Ask about the card, e.g. 'Which one is cheaper?'")
    return text


def model_name(engine: Backend) -> str | None:
    """The model an engine ran, as the history records it (None for the OCR rules)."""
    path = getattr(engine, "model_path", None)
    return getattr(engine.options, "model", None) or (str(path) if path else None)


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def _all_lines(screens: Sequence[Screen]) -> list[OcrLine]:
    return [ln for s in screens for ln in s.lines]


def _default_history() -> History:
    from .history import History

    return History.default()
