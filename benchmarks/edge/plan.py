"""Which configurations a run measures: the catalog's installed models, or synthetic ones written once."""

from __future__ import annotations

from pathlib import Path

from .config import MLX_BITS, Config
from .machine import mlx_weights_read_per_token, weights_read_per_token


def default_models_dir() -> Path:
    from weights.catalog import models_dir

    return models_dir().parent / "bench-models"


def plan(backends: list[str], quants: list[str], tiles: list[int], synthetic: str | None, models_dir: Path,
         card: bool = True, peers: bool = True, accuracy: bool = True) -> list[Config]:
    """The configurations to measure, real weights first; synthetic ones are built when missing."""
    configs: list[Config] = []
    for backend in backends:
        if backend == "ocr":
            configs.append(Config("ocr", "rules", "-", card=card, peers=peers, accuracy=accuracy))
            continue
        found = [] if synthetic else _catalog(backend, quants)
        if not found:
            found = _synthetic(backend, synthetic or "smolvlm2-2.2b", quants, models_dir)
        for cfg in found:
            cfg.tiles, cfg.card, cfg.peers = list(tiles), card, peers and backend == "llamacpp"
            cfg.accuracy = accuracy and not cfg.synthetic
        configs.extend(found)
    return configs


def _catalog(backend: str, quants: list[str]) -> list[Config]:
    from weights.catalog import entries

    fmt = {"llamacpp": "gguf", "mlx": "mlx"}[backend]
    out = []
    for entry in entries(fmt):
        if not entry.installed:
            continue
        model_file = entry.file("model").name
        quant = next((q for q in quants if q.lower() in model_file.lower() or q.lower() in entry.id), None)
        if fmt == "mlx":
            quant = {"8bit": "8bit"}.get(entry.id.rsplit("-", 1)[-1], "bf16")
        if quant:
            out.append(Config(backend, entry.id, quant, str(entry.folder)))
    return out


def _synthetic(backend: str, arch: str, quants: list[str], models_dir: Path) -> list[Config]:
    if backend == "llamacpp":
        folder = build_gguf(arch, quants, models_dir / arch)
        return [Config(backend, f"synthetic-{arch}", q, str(folder / f"pair-{q}"), synthetic=True) for q in quants]
    folders = build_mlx(arch, quants, models_dir / f"{arch}-mlx")
    return [Config(backend, f"synthetic-{arch}", name, str(path), synthetic=True) for name, path in folders.items()]


def build_gguf(arch: str, quants: list[str], folder: Path) -> Path:
    """`synthetic-<arch>-<quant>.gguf` + mmproj + one `pair-<quant>/` folder of links each; made once. The
    SmolVLM2 projectors are Q8_0 as published (`quantize_projector`); the tiny one stays f32."""
    from quantize.gguf import quantize_model
    from weights.synth.gguf import quantize_projector, write_pair

    folder.mkdir(parents=True, exist_ok=True)
    source = next(iter(sorted(folder.glob(f"synthetic-{arch}-f*.gguf"))), None)
    if source is None:
        source, _ = write_pair(arch, folder)
    mmproj = next(iter(sorted(folder.glob(f"mmproj-synthetic-{arch}-f*.gguf"))))
    if arch != "tiny":
        published = folder / f"mmproj-synthetic-{arch}-Q8_0.gguf"
        mmproj = published if published.exists() else quantize_projector(mmproj, published)
    for q in quants:
        target = folder / f"synthetic-{arch}-{q}.gguf"
        if not target.exists():
            quantize_model(source, target, q.lower())
        pair = folder / f"pair-{q}"
        pair.mkdir(exist_ok=True)
        for stale in pair.glob("mmproj-*.gguf"):
            if stale.name != mmproj.name:
                stale.unlink()
        for src in (target, mmproj):
            if not (pair / src.name).exists():
                (pair / src.name).symlink_to(src.resolve())
    return folder


def build_mlx(arch: str, quants: list[str], folder: Path) -> dict[str, Path]:
    """The bf16 MLX folder and one quantized folder per bit width asked for; made once."""
    from weights.synth.mlx import write_mlx

    bf16 = folder / "bf16"
    if not (bf16 / "config.json").is_file():
        write_mlx(arch, bf16)
    out = {}
    for q in quants:
        bits = MLX_BITS.get(q)
        if bits is None:
            out["bf16"] = bf16
            continue
        target = folder / f"{bits}bit"
        if not (target / "config.json").is_file():
            from quantize.mlx import quantize_folder

            quantize_folder(bf16, target, bits=bits)
        out[f"{bits}bit"] = target
    return out


def file_sizes(cfg: Config) -> dict:
    if cfg.backend == "ocr" or not cfg.path:
        return {}
    folder = Path(cfg.path)
    if cfg.backend == "llamacpp":
        from weights.catalog import resolve_gguf

        pair = resolve_gguf(str(folder))
        return {"model_bytes": pair.model.stat().st_size, "mmproj_bytes": pair.mmproj.stat().st_size,
                "weights_read_per_token": weights_read_per_token(pair.model)}
    shards = list(folder.glob("*.safetensors"))
    return {"model_bytes": sum(p.stat().st_size for p in shards), "weights_read_per_token": mlx_weights_read_per_token(folder)}
