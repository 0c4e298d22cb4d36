"""The pipeline's name for whole-file writes, which live on the ground floor (`common/files.py`).

`weights/` writes files the same way and stands below `assistant/` (docs/architecture.md, "Layers").
"""

from common.files import atomic_path, atomic_write

__all__ = ["atomic_path", "atomic_write"]
