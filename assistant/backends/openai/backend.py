"""The `openai` backend: a model served over the OpenAI chat-completions API (vLLM, SGLang, llama-server, ...).

It is one more implementation of `VLMBackend.complete`: the prompts, the evidence check, the judge and
`ask` are the local engines' own (assistant/backends/vlm/). Only how a completion is obtained differs:
the screenshots go out as `image_url` data URIs, and JSON is asked for in the dialects of
`dialects.py`. Never picked by `--backend auto`: screenshots leave this process, so it must be named.
"""

from __future__ import annotations

import base64
import io
import os
import threading
import time
from collections import OrderedDict

from ...datamodel import Screen
from ...errors import BackendError, ShipcardError
from ...sanitize import printable, redact
from ..base import Availability
from ..vlm import Completion, VLMBackend, parse_json
from .dialects import BY_NAME, DIALECTS, Dialect, mismatch
from .http import Http, Reply, ServerError
from .options import ENV_URL, OpenAIOptions

MAX_SIDE = 2048  # px on the long side sent; servers resize to their own tiling (SmolVLM2: 1536) anyway
SENT_AS_IS = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
_ACCEPTED: dict[tuple[str, str], str] = {}  # (base URL, model) -> the dialect that server took
_MODELS: dict[str, str] = {}  # base URL -> the model it serves first, when --model is not given
_LOCK = threading.Lock()


def base_url(options: OpenAIOptions) -> str | None:
    """The server's URL up to and including /v1 (`--base-url`, else $SHIPCARD_OPENAI_BASE_URL); None if unset."""
    url = (options.base_url or os.environ.get(ENV_URL) or "").strip().rstrip("/")
    if not url:
        return None
    return _checked(url if url.endswith("/v1") else url + "/v1")


def _checked(url: str) -> str:
    """`url` when it is an http(s) URL with a host (and a numeric port); else one line saying so."""
    from urllib.parse import urlsplit

    shown = printable(redact(url))[:200]
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  # raises on a port that is not a number
    except ValueError as exc:
        raise ShipcardError(f"The server URL {shown} is not a URL ({exc}).",
                            "Pass --base-url like http://127.0.0.1:8080/v1") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ShipcardError(f"The server URL {shown} is not an http:// or https:// URL with a host.",
                            "Pass --base-url like http://127.0.0.1:8080/v1") from None
    return url


class OpenAIBackend(VLMBackend[OpenAIOptions]):
    name = "openai"
    label = "a served model (OpenAI-compatible server)"
    Options = OpenAIOptions
    priority = 0  # `auto` never takes it: naming it is the choice to send screenshots to that server
    served = True

    def __init__(self, options: OpenAIOptions | None = None):
        super().__init__(options)
        base = base_url(self.options)
        if base is None:
            raise ShipcardError("No server URL for --backend openai.", f"Pass --base-url URL or set {ENV_URL}.")
        self.base: str = base
        o = self.options
        self.http = Http(self.base, _api_key(o.api_key_env), o.timeout_s, o.max_retries, o.max_requests, o.max_reply_mb)
        self._sent: OrderedDict[str, str] = OrderedDict()  # sha256 -> data URI, the last few screenshots
        # the model's name on the server (the class's `served`, True, says only that the model decodes elsewhere)
        self.served_model = self._served_model()  # also fails fast, before any OCR, when nothing answers

    def _served_model(self) -> str:
        """--model, else the first model the server lists; either way the server must answer /v1/models."""
        with _LOCK:
            if self.base not in _MODELS:
                _MODELS[self.base] = _first_model(self.base, self.http)
            return self.options.model or _MODELS[self.base]

    @classmethod
    def diagnose(cls, options: OpenAIOptions) -> dict:
        return served_models(options)

    @classmethod
    def availability(cls, options: OpenAIOptions) -> Availability:
        import importlib.util

        if importlib.util.find_spec("httpx") is None:
            return Availability(name=cls.name, usable=False, reason="httpx is not installed (pip install 'shipcard[openai]')")
        url = base_url(options)
        if url is None:
            return Availability(name=cls.name, usable=False, reason=f"no server: pass --base-url or set {ENV_URL}")
        return Availability(name=cls.name, usable=True, reason=f"{url} (used only when named: --backend openai)")

    def complete(self, prompt: str, images: list[Screen], schema: dict, max_tokens: int) -> Completion:
        t0 = time.perf_counter()
        text, prompt_tokens, completion_tokens = self._ask([self._data_uri(s) for s in images], prompt, schema, max_tokens)
        check_reply(text, schema)
        return Completion(text, prompt_tokens, completion_tokens, time.perf_counter() - t0)

    # ---- one request, in the dialect the server takes -------------------------------------------

    def _ask(self, images: list[str], prompt: str, schema: dict, max_tokens: int):
        model = self.served_model
        known = _ACCEPTED.get((self.base, model))
        refusals: list[tuple[Dialect, Reply]] = []
        for dialect in [BY_NAME[known]] if known else DIALECTS:
            reply = self.http.post(self.http_root + dialect.path, dialect.body(model, images, prompt, schema, max_tokens),
                                   keep=dialect.refused)
            if 200 <= reply.status < 300:
                usage = dialect.read(reply.json())
                if usage is None:
                    raise BackendError(f"The server's reply is not a {dialect.name} chat answer.", "Check --base-url.")
                _ACCEPTED[(self.base, model)] = dialect.name
                return usage
            if not dialect.refused(reply):
                raise _refused(self.http.shown, reply, self.options.api_key_env)
            refusals.append((dialect, reply))
        raise _no_dialect(self.http.shown, refusals)

    @property
    def http_root(self) -> str:
        return self.base[: -len("/v1")]

    def _data_uri(self, screen: Screen) -> str:
        key = screen.loaded.sha256
        with _LOCK:
            found = self._sent.get(key)
        if found is None:
            found = data_uri(screen)
            with _LOCK:
                self._sent[key] = found
                while len(self._sent) > 16:
                    self._sent.popitem(last=False)
        return found


def check_reply(text: str, schema: dict) -> None:
    """A reply must be a JSON object of `schema`, whatever the server claims to enforce; else one BackendError."""
    found = mismatch(schema, parse_json(text))
    if found:
        raise BackendError(f"The server's answer does not fit the schema ({found}).",
                           "The server may ignore JSON schemas; see docs/serving.md.")


def data_uri(screen: Screen) -> str:
    """The screenshot as a data URI: its own file when small enough and of a common type, else a PNG at MAX_SIDE."""
    loaded = screen.loaded
    path = loaded.path
    mime = SENT_AS_IS.get(path.suffix.lower()) if path else None
    data = None
    if mime and path and max(loaded.image.size) <= MAX_SIDE:
        try:
            data = path.read_bytes()
        except OSError:
            data = None
    if data is None:
        image = loaded.image.copy()
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        buf = io.BytesIO()
        image.save(buf, format="PNG", compress_level=1)
        data, mime = buf.getvalue(), "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def served_models(options: OpenAIOptions) -> dict:
    """What `doctor` shows: the server's /v1/models, or the one line saying why there is none."""
    url = base_url(options)
    if url is None:
        return {}
    try:
        http = Http(url, _api_key(options.api_key_env), 5.0, 0, 1)
        reply = http.get(url + "/models")
    except ShipcardError as exc:
        return {"base_url": url, "error": str(exc)}
    data = reply.json()
    if reply.status != 200 or not isinstance(data, dict):
        return {"base_url": url, "error": f"/v1/models answered {reply.status}: {reply.message()}"}
    return {"base_url": url, "models": [m.get("id") for m in data.get("data", []) if isinstance(m, dict)]}


def _first_model(base: str, http: Http) -> str:
    reply = http.get(base + "/models", timeout_s=min(http.timeout_s, 10.0))
    data = reply.json() if reply.status == 200 else None
    listed = data.get("data", []) if isinstance(data, dict) else []  # a reply that is no JSON object lists none
    ids = [m["id"] for m in listed if isinstance(m, dict) and m.get("id")]
    if not ids:
        raise ServerError(f"The server at {http.shown} lists no model (/v1/models answered {reply.status}).",
                          "Pass --model NAME, the name the server serves.")
    return ids[0]


def _api_key(env: str | None) -> str | None:
    if not env:
        return os.environ.get("SHIPCARD_OPENAI_API_KEY") or None
    key = os.environ.get(env, "").strip()
    if not key:
        raise ShipcardError(f"The environment variable {env} (--api-key-env) is not set.",
                            f"Set it to the server's API key: export {env}=...")
    return key


def _refused(base: str, reply: Reply, env: str | None) -> ShipcardError:
    if reply.status in (401, 403):
        where = env or "SHIPCARD_OPENAI_API_KEY"
        return ServerError(f"The server at {base} refused the API key ({reply.status}).",
                           f"Put the key in an environment variable and pass --api-key-env (now: {where}).")
    return ServerError(f"The server at {base} refused the request ({reply.status}: {reply.message()}).",
                       "See docs/serving.md for the server's settings.")


def _no_dialect(base: str, refusals: list[tuple[Dialect, Reply]]) -> ServerError:
    if refusals and all(r.status == 404 for _, r in refusals):
        return ServerError(f"No chat-completions endpoint at {base} (404).", "Check --base-url: it ends in /v1.")
    said = "; ".join(f"{d.name}: {r.status} {r.message()[:80]}" for d, r in refusals)
    return ServerError(f"The server at {base} takes none of the JSON dialects shipcard speaks ({said}).",
                       "See docs/serving.md for servers known to work.")
