"""Model weights: the catalog of known models, downloading and checking them, and synthetic test models."""
