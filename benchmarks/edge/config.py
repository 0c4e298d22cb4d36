"""What one measurement is: the engine, model, quantization and files, and which stages it runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCREENS = ROOT / "benchmarks" / "data" / "screens"
CARD_PAIR = ("parrot-voice-pricing.png", "quillmate-pricing.png")  # two 1280x800 screenshots
SHORT_PROMPT = "What is the product's name? Answer as JSON."
MLX_BITS = {"Q4_K_M": 4, "Q8_0": 8, "bf16": None}


@dataclass
class Config:
    """One thing to measure: an engine, a model, a quantization, and where its files are."""

    backend: str  # "llamacpp" | "mlx" | "ocr"
    model: str  # catalog id or "synthetic-<arch>"
    quant: str  # "Q4_K_M", "Q8_0", "4bit", "-" (OCR)
    path: str = ""  # a GGUF pair folder or an MLX folder
    synthetic: bool = False
    tiles: list[int] = field(default_factory=lambda: [2])
    card: bool = True
    peers: bool = True
    accuracy: bool = False
    decode_tokens: int = 32
    repeat: int = 3  # rounds: peers (each side in turn, medians compared) and decode beside bandwidth
    card_budgets: list[int] = field(default_factory=list)  # tile budgets to time the card at; empty: the default
    text_card: bool = False  # also time the card on the llama.cpp text path (the pair's text model alone)
    time_limit_s: float = 900.0
    stages: list[str] = field(default_factory=list)  # set per child process; empty: the backend's own
    build: str = ""  # a label for the Python environment measured ("portable", "native"); empty: this one
    python: str = ""  # that environment's interpreter (its llama-cpp-python build); empty: this one

    @property
    def label(self) -> str:
        return f"{self.backend} {self.model} {self.quant}" + (f" [{self.build}]" if self.build else "")


STAGES = {
    "llamacpp": ["load", "tiles", "card", "accuracy", "peers"],
    "mlx": ["mlx", "card", "accuracy"],
    "ocr": ["ocr", "card", "accuracy"],
}
