"""Random-weight models of real architectures, one writer per format (gguf here; mlx in synth/mlx.py)."""
