"""A model served over the OpenAI chat-completions API: the `openai` backend (see backend.py, dialects.py, http.py)."""

from __future__ import annotations

from .backend import ENV_URL, OpenAIBackend, base_url, check_reply, data_uri, served_models
from .dialects import DIALECTS, Dialect, mismatch
from .http import Http, ServerError
from .options import OpenAIOptions

__all__ = ["DIALECTS", "ENV_URL", "Dialect", "Http", "OpenAIBackend", "OpenAIOptions", "ServerError", "base_url", "check_reply",
           "data_uri", "mismatch", "served_models"]
