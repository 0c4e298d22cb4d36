"""The pipeline's name for whole-file writes and bounded reads, which live on the ground floor (`common/files.py`).

`weights/` writes files the same way and stands below `assistant/` (docs/architecture.md, "Layers").
"""

from common.files import atomic_path, atomic_write, out_folder, read_regular, regular_file

__all__ = ["atomic_path", "atomic_write", "out_folder", "read_regular", "regular_file"]
