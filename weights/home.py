"""Where shipcard keeps models: `$SHIPCARD_HOME/models`, else the platform's user data dir + `/models`.

A module of its own so that `catalog` and `tiling` (which writes derived projectors here) both read it
without importing each other.
"""

from __future__ import annotations

import os
from pathlib import Path


def models_dir() -> Path:
    home = os.environ.get("SHIPCARD_HOME")
    if home:
        return Path(home).expanduser() / "models"
    import platformdirs

    return Path(platformdirs.user_data_dir("shipcard")) / "models"
