"""The pipeline's name for text sanitizing, which lives on the ground floor (`common/sanitize.py`).

The errors and file helpers of `common/` use it, so it stands there with them (docs/architecture.md, "Layers").
"""

from common.sanitize import clean_name, md, printable, redact, secret

__all__ = ["clean_name", "md", "printable", "redact", "secret"]
