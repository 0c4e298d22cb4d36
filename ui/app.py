"""The Gradio app: drop screenshots, compare, see the evidence, ask follow-ups, keep a history.

`build_app()` lays the page out and wires events to `ui.actions`; `launch()` serves it with the
upload limits of `assistant.images` and no file access beyond Gradio's own upload cache.
"""

from __future__ import annotations

import functools
import html
from types import SimpleNamespace

import gradio as gr

from assistant.card import render_html
from assistant.datamodel import Comparison
from assistant.errors import ShipcardError
from assistant.images import IMAGE_SUFFIXES, MAX_FILE_BYTES, MAX_PIXELS
from assistant.sanitize import printable

from . import actions, chatting
from .evidence import evidence_index, evidence_picture, evidence_text, product_names

MAX_PRODUCTS = 4
FORMAT_LABELS = {"html": "HTML", "md": "Markdown", "json": "JSON", "png": "PNG"}
CSS = """
.shipcard-card { width: 100%; min-height: 480px; border: 0; border-radius: 12px; display: block; }
#shipcard-status:empty { display: none; }
#shipcard-notice:empty { display: none; }
"""
INTRO = ("Drop screenshots of one AI product for its verdict, or of two or more to compare them (PNG, JPEG, WebP "
         f"or GIF, up to {MAX_FILE_BYTES // 2**20} MiB and {MAX_PIXELS // 1_000_000} MP each). They are read on "
         "this machine; nothing leaves it unless you escalate to Claude and confirm.")


def friendly(fn):
    """Domain errors become a one-line message in the page, not a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ShipcardError as exc:
            raise gr.Error(str(exc), print_exception=False) from None
    return wrapper


# ---- layout -----------------------------------------------------------------------------------


def build_app(backend_name: str = "auto", model: str | None = None, allow_local: bool = False) -> gr.Blocks:
    """`allow_local`: URL captures may reach this machine and its network (`shipcard ui --allow-local`; off: the UI
    must not become a way into the person's network)."""
    with gr.Blocks(title="shipcard", analytics_enabled=False) as demo:
        gr.Markdown("# shipcard\nScreenshots of AI products in, a reviewed comparison card out. On the device.")
        ui = SimpleNamespace(session=gr.State(None), demo=demo, allow_local=gr.State(allow_local))
        with gr.Tab("Compare"):
            _inputs(ui, backend_name, model)
            _results(ui)
        with gr.Tab("History") as ui.history_tab:
            _history(ui)
        _wire(ui)
    return demo


def _inputs(ui, backend_name: str, model: str | None) -> None:
    gr.Markdown(INTRO)
    types = sorted(IMAGE_SUFFIXES)
    with gr.Row(equal_height=True):
        ui.uploads = [gr.File(label=f"Product {i + 1}", file_count="multiple", file_types=types, type="filepath",
                              visible=i < 2, elem_id=f"shipcard-upload-{i + 1}", height=150)
                      for i in range(MAX_PRODUCTS)]
    ui.urls = gr.Textbox(label="Or page URLs", lines=2, elem_id="shipcard-urls", placeholder="https://…  one line "
                         "per product (a line's second URL, e.g. its pricing page, is the same product's)",
                         info="Captured here with headless Chromium, then read like the screenshots.")
    ui.shown = gr.State(2)
    ui.add = gr.Button("+ Add a product", size="sm", variant="secondary")
    with gr.Row():
        ui.backend = gr.Dropdown(actions.backend_choices(model), value=backend_name, label="Engine", scale=1)
        ui.model = gr.Dropdown(actions.model_choices(), value=model or "", label="Model (for VLM engines)",
                               allow_custom_value=True, scale=1,
                               info="A catalog id, or type the folder holding the model files.")
    with gr.Accordion("Engines on this machine", open=False):
        ui.engines = gr.Markdown(actions.engines_markdown(model))
    ui.compare = gr.Button("Compare", variant="primary", elem_id="shipcard-compare")
    # said until this process has made a card (the page may open long after the UI started): filled on page load
    ui.notice = gr.Markdown("", elem_id="shipcard-notice")


def _results(ui) -> None:
    with gr.Column(visible=False) as ui.results:
        _name_check(ui)
        ui.card = gr.HTML(elem_id="shipcard-card")
        _community(ui)
        _fixing(ui)
        with gr.Row():
            ui.downloads = {fmt: gr.DownloadButton(f"Download {label}", size="sm", elem_id=f"shipcard-download-{fmt}")
                            for fmt, label in FORMAT_LABELS.items()}
        _evidence(ui)
        _chat(ui)


def _community(ui) -> None:
    with gr.Row(equal_height=True):
        ui.vote_product = gr.Radio([], label="Your vote", scale=3)
        ui.up = gr.Button("▲ Ship it", size="sm", scale=1)
        ui.down = gr.Button("▼ Skip it", size="sm", scale=1)
        ui.bookmark = gr.Checkbox(label="★ Bookmark this comparison", scale=1)


def _name_check(ui) -> None:
    """Shown when a product's name is not surely on its page: what was read there, to pick from or type over."""
    with gr.Row(visible=False, equal_height=True) as ui.name_row:
        ui.name_note = gr.Markdown(elem_id="shipcard-name-note")
        ui.name_pick = gr.Dropdown([], label="Its name", allow_custom_value=True, scale=2, elem_id="shipcard-name-pick",
                                   info="Pick what the page shows, or type the name.")
        ui.name_set = gr.Button("Use this name", size="sm", scale=1, elem_id="shipcard-name-set")
        ui.name_product = gr.State(None)


def _name_doubt(comparison: Comparison) -> tuple[int | None, str, list[str]]:
    """The first product whose name is unsure: its index, the notice, and the names read on its page."""
    from assistant.console import name_doubt

    for i, p in enumerate(comparison.products):
        line = name_doubt(p.facts, i + 1 if len(comparison.products) > 1 else None)
        if line:
            return i, line, [c for c in [p.facts.name, *p.facts.alternatives.get("name", [])] if c][:3]
    return None, "", []


def _fixing(ui) -> None:
    with gr.Accordion("Fix a field the card got wrong", open=False), gr.Row(equal_height=True):
        ui.fix_product = gr.Radio([], label="Product", scale=2, elem_id="shipcard-fix-product")
        ui.fix_field = gr.Dropdown(actions.fixable_fields(), value=None, label="Field", scale=1,
                                   elem_id="shipcard-fix-field")
        ui.fix_value = gr.Textbox(label="Value", scale=3, elem_id="shipcard-fix-value",
                                  info='Tiers as "Free=$0, Pro=$20/mo"; open_weights as yes/no; empty clears.')
        ui.fix = gr.Button("Fix", size="sm", scale=1, elem_id="shipcard-fix")
    # an empty value clears the field: asked first, since an emptied box is more often a slip than a wish
    with gr.Group(visible=False, elem_id="shipcard-fix-confirm") as ui.fix_confirm:
        ui.fix_confirm_text = gr.Markdown()
        with gr.Row():
            ui.fix_clear = gr.Button("Clear it", variant="stop", size="sm", elem_id="shipcard-fix-clear")
            ui.fix_keep = gr.Button("Keep it", size="sm", elem_id="shipcard-fix-keep")


def _evidence(ui) -> None:
    gr.Markdown("### Evidence\nPick a field or a reviewer's criterion to see where it was read.")
    with gr.Row():
        with gr.Column(scale=1):
            ui.evidence_pick = gr.Dropdown([], label="Field or criterion", elem_id="shipcard-evidence-pick")
            ui.evidence_quotes = gr.Markdown()
        ui.evidence_image = gr.Image(label="Screenshot", type="pil", interactive=False, scale=2, visible=False,
                                     elem_id="shipcard-evidence-image", format="png")  # shown with a pick


def _chat(ui) -> None:
    gr.Markdown("### Ask a follow-up")
    ui.chatbot = gr.Chatbot(label="Answers cite the screenshots", height=320, elem_id="shipcard-chat",
                            visible=False)  # shown with the first answer: no empty panel under the card
    with gr.Row(equal_height=True):
        ui.question = gr.Textbox(placeholder="e.g. Which one is cheaper to start with?", show_label=False, scale=5,
                                 elem_id="shipcard-question")
        ui.ask = gr.Button("Ask", scale=1, elem_id="shipcard-ask")
    ready, why = chatting.escalation_ready()
    ui.escalate = gr.Button("Escalate to Claude" if ready else f"Escalate to Claude (unavailable: {why})",
                            interactive=ready, size="sm", elem_id="shipcard-escalate")
    with gr.Group(visible=False) as ui.confirm_box:
        ui.confirm_text = gr.Markdown()
        with gr.Row():
            ui.confirm = gr.Button("Send to Claude", variant="stop", size="sm")
            ui.cancel = gr.Button("Cancel", size="sm")


def _history(ui) -> None:
    with gr.Row(equal_height=True):
        ui.only_marked = gr.Checkbox(label="Bookmarked only")
        ui.refresh = gr.Button("Refresh", size="sm")
    ui.history_note = gr.Markdown()
    ui.table = gr.Dataframe(headers=["id", "when", "title", "panel", "engine", "★"], interactive=False,
                            datatype=["number", "str", "str", "str", "str", "str"], wrap=True)
    with gr.Row(equal_height=True):
        ui.pick = gr.Number(label="Card id", precision=0, minimum=1)
        ui.load = gr.Button("Open in the Compare tab", variant="primary")


# ---- events -----------------------------------------------------------------------------------


def _wire(ui) -> None:
    ui.add.click(_add_slot, ui.shown, [ui.shown, ui.add, *ui.uploads])
    for box in (*ui.uploads, ui.urls):  # Verdict for one product, Compare for two or more
        box.change(lambda urls, *files: gr.update(value=actions.button_label(files, urls)), [ui.urls, *ui.uploads],
                   ui.compare, queue=False, show_progress="hidden")
    ui.model.change(_model_changed, [ui.model, ui.backend], [ui.backend, ui.engines])
    shown = _shown(ui)
    ui.compare.click(friendly(_compare), [ui.backend, ui.model, ui.urls, ui.allow_local, *ui.uploads],
                     [*shown, ui.notice], concurrency_limit=1)
    ui.load.click(friendly(_load), ui.pick, shown)
    ui.table.select(_picked, None, ui.pick)
    for event in (ui.history_tab.select, ui.refresh.click, ui.only_marked.change):
        event(actions.history_rows, ui.only_marked, [ui.table, ui.history_note])
    ui.demo.load(lambda: actions.FIRST_RUN if actions.first_run() else "", None, ui.notice, queue=False)
    ui.evidence_pick.change(_show_evidence, [ui.session, ui.evidence_pick], [ui.evidence_image, ui.evidence_quotes])
    for trigger in (ui.up, ui.down):
        trigger.click(friendly(functools.partial(_vote, up=trigger is ui.up)), [ui.session, ui.vote_product],
                      [ui.card, *ui.downloads.values()])
    ui.bookmark.input(friendly(_bookmark), [ui.session, ui.bookmark], None)
    fixing = [ui.session, ui.fix_product, ui.fix_field, ui.fix_value, ui.chatbot]
    ui.fix.click(friendly(functools.partial(_fix_or_ask, shown=len(_shown(ui)))), fixing,
                 [*_shown(ui), ui.fix_confirm, ui.fix_confirm_text])
    ui.fix_clear.click(friendly(_fix), fixing, [*_shown(ui), ui.fix_confirm])
    ui.fix_keep.click(lambda: gr.update(visible=False), None, ui.fix_confirm)
    ui.name_set.click(friendly(_set_name), [ui.session, ui.name_product, ui.name_pick, ui.chatbot], _shown(ui))
    _wire_chat(ui)


def _wire_chat(ui) -> None:
    ask = {"fn": friendly(_ask), "inputs": [ui.session, ui.question, ui.chatbot],
           "outputs": [ui.chatbot, ui.question, ui.evidence_image, ui.evidence_quotes]}
    ui.ask.click(**ask)
    ui.question.submit(**ask)
    ui.escalate.click(friendly(_preview), ui.session, [ui.confirm_box, ui.confirm_text])
    ui.cancel.click(lambda: gr.update(visible=False), None, ui.confirm_box)
    ui.confirm.click(friendly(_escalate), [ui.session, ui.chatbot], _shown(ui))


def _shown(ui) -> list:
    """Everything that changes when a comparison is put on screen."""
    return [ui.session, ui.results, ui.card, ui.evidence_pick, ui.evidence_image, ui.evidence_quotes,
            ui.vote_product, ui.bookmark, ui.chatbot, ui.confirm_box, ui.fix_product, ui.name_row, ui.name_note,
            ui.name_pick, ui.name_product, *ui.downloads.values()]


def _present(session: actions.Session, chat: list | None = None, product: int = 0) -> list:
    files = actions.card_files(session)
    names = product_names(session.comparison)
    chat = chat if chat is not None else chatting.saved_chat(session)
    return [session, gr.update(visible=True), card_frame(session.comparison, actions.card_html(session)),
            gr.update(choices=list(evidence_index(session.comparison)), value=None),
            gr.update(value=None, visible=False), "",
            gr.update(choices=[(n, i) for i, n in enumerate(names)], value=0), actions.is_bookmarked(session),
            gr.update(value=chat, visible=bool(chat)), gr.update(visible=False),
            gr.update(choices=[(n, i) for i, n in enumerate(names)], value=product),
            *_name_outputs(session.comparison), *(files[fmt] for fmt in FORMAT_LABELS)]


def _name_outputs(comparison: Comparison) -> list:
    unsure, note, seen = _name_doubt(comparison)
    return [gr.update(visible=unsure is not None), note,
            gr.update(choices=seen, value=seen[0] if seen else None), unsure]


def card_frame(c: Comparison, page: str | None = None) -> str:
    """The CLI's HTML card (`page`, the one written for download; else rendered) in a sandboxed iframe (its styles
    stay inside), grown to fit its content."""
    fit = ("const f=this,b=f.contentDocument.body,fit=()=>{f.style.height=(b.scrollHeight+2)+'px'};"
           "fit();new ResizeObserver(fit).observe(b)")
    return (f'<iframe class="shipcard-card" title="{html.escape(c.title)}" sandbox="allow-same-origin" '
            f'srcdoc="{html.escape(page if page is not None else render_html(c))}" onload="{html.escape(fit)}"></iframe>')


def _add_slot(shown: int):
    shown = min(shown + 1, MAX_PRODUCTS)
    return [shown, gr.update(visible=shown < MAX_PRODUCTS), *(gr.update(visible=i < shown) for i in range(MAX_PRODUCTS))]


def _model_changed(model: str, backend: str):
    choices = actions.backend_choices(model)
    return gr.update(choices=choices, value=backend), actions.engines_markdown(model)


def _compare(backend: str, model: str, urls: str, allow_local: bool, *uploads,
             progress=gr.Progress()):  # noqa: B008 (Gradio's idiom)
    first = "first run, loading the models · " if actions.first_run() else ""  # why this card is slow

    def report(stage: str, done: int, total: int) -> None:
        progress((done, max(total, 1)), desc=first + stage)

    progress(0, desc=first + "checking screenshots")
    products = [list(files) for files in uploads if files] + actions.url_products(urls, allow_local)
    return [*_present(actions.run_compare(products, backend, model, report), chat=[]), ""]


def _load(card_id):
    if card_id is None or not str(card_id).strip():
        raise ShipcardError("Pick a card: click a row, or type its id.")
    return _present(actions.load_saved(card_number(card_id)))


def card_number(value) -> int:
    """A card id typed or picked: a whole number, else one line (text in the box once logged a traceback)."""
    try:
        number = float(str(value).strip())
        if number.is_integer() and 0 < number < 2**63:
            return int(number)
    except (ValueError, OverflowError):
        pass
    raise ShipcardError(f"'{printable(value)[:40]}' is not a card id.", "Type a card's number, or click its row.")


def _picked(evt: gr.SelectData):
    row = evt.row_value if evt.row_value is not None else []
    return row[0] if row else gr.update()


def _show_evidence(session: actions.Session | None, label: str | None):
    if session is None or not label:
        return gr.update(value=None, visible=False), ""
    product, found = evidence_index(session.comparison).get(label, (0, []))
    picture = evidence_picture(found, session.images[product])
    note = "" if picture is not None else "\n\n*The screenshot is no longer available.*"
    return gr.update(value=picture, visible=picture is not None), evidence_text(found) + note


def _vote(session: actions.Session | None, product: int | None, up: bool):
    if session is None or product is None:
        raise ShipcardError("Make a card first, then pick one to vote for.")
    actions.vote(session, int(product), up)
    files = actions.card_files(session)
    gr.Info(f"Vote recorded for {product_names(session.comparison)[int(product)]}.")
    return [card_frame(session.comparison, actions.card_html(session)), *(files[fmt] for fmt in FORMAT_LABELS)]


def _fix(session: actions.Session | None, product: int | None, field: str | None, value: str, chat: list):
    if session is None or product is None:
        raise ShipcardError("Make a card first, then pick a product to fix.")
    gr.Info(actions.fix(session, int(product), field or "", value))
    return [*_present(session, chat=chat, product=int(product)), gr.update(visible=False)]


def _fix_or_ask(session: actions.Session | None, product: int | None, field: str | None, value: str, chat: list, *,
                shown: int):
    """A value: fixed at once. An empty one would clear the field: the card stays as it is until the person
    confirms (Clear it) or keeps the value (Keep it). `shown`: how many outputs `_shown` names, left as they are."""
    if session is None or product is None or not field or (value or "").strip():
        return [*_fix(session, product, field, value, chat), ""]
    name = product_names(session.comparison)[int(product)]
    return [*[gr.update()] * shown, gr.update(visible=True),
            f"The value is empty: **Clear it** removes {name}'s {field} from the card (it will say the page does not "
            f"show it). **Keep it** leaves the card as it is."]


def _set_name(session: actions.Session | None, product: int | None, name: str | None, chat: list):
    if session is None or product is None:
        raise ShipcardError("Make a card first, then set a product's name.")
    if not (name or "").strip():  # "Use this name" with the box emptied is a slip, not a wish to clear the name
        raise ShipcardError("Pick or type a name first.", "To clear the name, use Fix a field with an empty value.")
    return _fix(session, product, "name", name or "", chat)[:-1]


def _bookmark(session: actions.Session | None, on: bool) -> None:
    if session is not None:
        actions.set_bookmark(session, on)


def _ask(session: actions.Session | None, question: str, chat: list):
    if session is None:
        raise ShipcardError("Make a card first, then ask about them.")
    if not (question or "").strip():
        return chat, "", gr.update(), gr.update()
    reply, cited = chatting.ask(session, question.strip())
    chat = gr.update(value=[*chat, {"role": "user", "content": question.strip()}, {"role": "assistant", "content": reply}],
                     visible=True)
    if not cited:
        return chat, "", gr.update(), gr.update()
    product, found = cited
    picture = evidence_picture(found, session.images[product])
    return chat, "", gr.update(value=picture, visible=picture is not None), evidence_text(found)


def _preview(session: actions.Session | None):
    if session is None:
        raise ShipcardError("Make a card first.")
    return gr.update(visible=True), chatting.escalation_preview(session)


def _escalate(session: actions.Session, chat: list):
    session, note = chatting.escalate(session)
    return _present(session, chat=[*chat, {"role": "assistant", "content": note}])


# ---- serving ----------------------------------------------------------------------------------


def launch(demo: gr.Blocks, host: str = "127.0.0.1", port: int = 7860, auth=None, block: bool = True):
    """Serve with upload caps, no share link, no extra file access, only to its own Host and Origin (ui/guard.py);
    returns Gradio's (app, local_url, share_url)."""
    from starlette.middleware import Middleware

    from .guard import HostGuard, allowed_hosts

    demo.queue(default_concurrency_limit=1)
    guard = Middleware(HostGuard, hosts=allowed_hosts(host, port), files=None)  # files: the UI's temp folder
    try:
        # quiet: Gradio's own lines end with "To create a public link, set `share=True`", the opposite of what
        # shipcard promises; `shipcard ui` prints its own line (ui/cli.py).
        return demo.launch(server_name=host, server_port=port, auth=auth, share=False, inbrowser=False,
                           app_kwargs={"middleware": [guard]},
                           max_file_size=MAX_FILE_BYTES, ssr_mode=False, mcp_server=False, css=CSS,
                           prevent_thread_lock=not block, show_error=True, quiet=True,
                           footer_links=["gradio", "settings"])
    except OSError as exc:
        raise ShipcardError(f"Cannot listen on {host}:{port} ({exc}).", "Pick another --port.") from None
