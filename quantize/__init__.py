"""Make smaller model files and check they still answer: GGUF through llama.cpp's own quantizer,
MLX through mlx-vlm's convert, then a smoke test through the matching shipcard backend.

`shipcard quantize gguf|mlx` (quantize/cli.py) drives these; benchmarks/quality.py compares the field
accuracy of several variants on the labeled benchmark screenshots.
"""
