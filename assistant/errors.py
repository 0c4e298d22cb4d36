"""The pipeline's name for the error types, which live on the ground floor (`common/errors.py`).

`weights/` needs them too and stands below `assistant/`, so they cannot live here (docs/architecture.md,
"Layers"); this module keeps `from .errors import ...` working across the pipeline.
"""

from common.errors import (
    BackendError,
    BadInputError,
    MissingDependencyError,
    MissingWeightsError,
    ShipcardError,
    exit_with,
)

__all__ = ["BackendError", "BadInputError", "MissingDependencyError", "MissingWeightsError", "ShipcardError",
           "exit_with"]
