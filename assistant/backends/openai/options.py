"""The `openai` engine's settings: where the server is, how to reach it, how long to wait. Only this engine has them."""

from __future__ import annotations

from pydantic import Field

from ...deadline import DEFAULT_MAX_REPLY_MB
from ..options import ModelOptions

ENV_URL = "SHIPCARD_OPENAI_BASE_URL"


class OpenAIOptions(ModelOptions):
    """A model served over the OpenAI chat-completions API (`--backend openai`)."""

    model: str | None = Field(None, description="The served model's name; default: the first the server lists.")
    base_url: str | None = Field(None, description=f"OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 "
                                                   f"(default: ${ENV_URL}).")
    api_key_env: str | None = Field(None, description="Environment variable holding the server's API key.")
    timeout_s: float = Field(120.0, gt=0, description="Seconds one served completion may take, retries included.")
    max_retries: int = Field(2, ge=0, le=8, description="Retries on 429, 5xx and dropped connections.")
    max_requests: int = Field(4, ge=1, le=256, description="Most requests in flight to one server from this process.")
    max_reply_mb: float = Field(DEFAULT_MAX_REPLY_MB, gt=0, le=1024,
                                description="Largest reply read from the server, in MB once decompressed (a gzip "
                                            "bomb stops here).")
