"""How servers are asked for JSON of a schema, tried in this order, and the check every reply passes.

1. `json_schema`: OpenAI's `response_format: {type: json_schema, json_schema: {name, schema}}` on
   /v1/chat/completions (vLLM, SGLang, llama-server, mlx-vlm, LM Studio, Ollama >= 0.5).
2. `json_object`: llama-cpp-python's `response_format: {type: json_object, schema}` on the same endpoint.
3. `ollama`: Ollama's native /api/chat with `format: <schema>` (images as base64 beside the text).

A dialect is refused when the server answers 400, 404 or 422, or a 500 whose message names the field
sent (llama-cpp-python validates `response_format` with a 500). The first dialect a server takes is
remembered for that server and model for the rest of the process. Whatever the server claims to
enforce, the reply must parse as JSON and fit the schema (`mismatch`) or it is refused as one line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .http import Reply

Usage = tuple[str, int, int]  # (text, prompt tokens, completion tokens)


@dataclass(frozen=True)
class Dialect:
    name: str
    path: str  # relative to the server's root (the base URL without /v1)
    field: str  # the request field that carries the schema; a 500 naming it is a refusal

    def body(self, model: str, images: list[str], prompt: str, schema: dict, max_tokens: int) -> dict:
        if self.name == "ollama":
            return {"model": model, "stream": False, "format": schema,
                    "options": {"temperature": 0, "num_predict": max_tokens},
                    "messages": [{"role": "user", "content": prompt, "images": [u.split(",", 1)[1] for u in images]}]}
        fmt = ({"type": "json_schema", "json_schema": {"name": "shipcard", "schema": schema}}
               if self.name == "json_schema" else {"type": "json_object", "schema": schema})
        parts = [{"type": "image_url", "image_url": {"url": url}} for url in images]
        return {"model": model, "temperature": 0, "max_tokens": max_tokens, "response_format": fmt,
                "messages": [{"role": "user", "content": [*parts, {"type": "text", "text": prompt}]}]}

    def refused(self, reply: Reply) -> bool:
        if reply.status in (400, 404, 422):
            return True
        return reply.status >= 500 and self.field in reply.message()

    def read(self, data) -> Usage | None:
        """The answer text and token counts of a 2xx reply; None when the reply is not of this dialect."""
        if not isinstance(data, dict):
            return None
        if self.name == "ollama":
            text = (data.get("message") or {}).get("content")
            return (text, data.get("prompt_eval_count", 0), data.get("eval_count", 0)) if isinstance(text, str) else None
        try:
            text = data["choices"][0]["message"]["content"]
        except (KeyError, IndexError, TypeError):
            return None
        usage = data.get("usage") or {}
        return (text, usage.get("prompt_tokens", 0), usage.get("completion_tokens", 0)) if isinstance(text, str) else None


DIALECTS = (
    Dialect("json_schema", "/v1/chat/completions", "response_format"),
    Dialect("json_object", "/v1/chat/completions", "response_format"),
    Dialect("ollama", "/api/chat", "format"),
)
BY_NAME = {d.name: d for d in DIALECTS}


def mismatch(schema: dict, value, where: str = "answer") -> str | None:
    """Where `value` breaks `schema` (the JSON Schema subset shipcard sends), or None when it fits."""
    kind = schema.get("type")
    if kind and not _is(kind, value):
        return f"{where} is not {kind}"
    if "enum" in schema and value not in schema["enum"]:
        return f"{where} is not one of {schema['enum']}"
    if isinstance(value, str) and len(value) > schema.get("maxLength", len(value)):
        return f"{where} is longer than {schema['maxLength']} characters"
    if isinstance(value, list):
        return _array(schema, value, where)
    if isinstance(value, dict):
        return _object(schema, value, where)
    return None


def _object(schema: dict, value: dict, where: str) -> str | None:
    missing = [k for k in schema.get("required", []) if k not in value]
    if missing:
        return f"{where} lacks '{missing[0]}'"
    for key, sub in schema.get("properties", {}).items():
        if key in value and (found := mismatch(sub, value[key], f"'{key}'")):
            return found
    return None


def _array(schema: dict, value: list, where: str) -> str | None:
    if len(value) > schema.get("maxItems", len(value)):
        return f"{where} has more than {schema['maxItems']} items"
    items = schema.get("items")
    return next((m for i, v in enumerate(value) if items and (m := mismatch(items, v, f"{where}[{i}]"))), None)


def _is(kind: str | list, value) -> bool:
    if isinstance(kind, list):
        return any(_is(k, value) for k in kind)
    checks = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    if kind in checks:
        return isinstance(value, checks[kind])
    if kind in ("number", "integer"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return ok and (kind == "number" or float(value).is_integer())
    return True
