"""`shipcard bench report FILE`: the results of `shipcard bench run` (JSON lines, any number of machines) as
Markdown tables and PNG charts: decode tokens/s against the memory-bandwidth ceiling per configuration, and
time to first token against image tokens per tile budget.
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.errors import MissingDependencyError


def load(path: Path) -> list[dict]:
    """The `bench run` results in a JSON-lines file (other benches' lines are skipped)."""
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in rows if r.get("bench") == "run"]


def machine(fp: dict) -> str:
    flags = "/".join(f for f in fp.get("cpu_flags", []) if f in ("avx2", "avx512f", "neon", "i8mm", "amx_tile"))
    chip = fp.get("apple_chip") or fp.get("cpu", "?")
    return f"{chip}, {fp.get('cores', '?')} cores, {fp.get('ram_gb', '?')} GB" + (f" ({flags})" if flags else "")


def _f(value, fmt: str = ".1f", unit: str = "") -> str:
    return "–" if value is None else f"{value:{fmt}}{unit}"


def _default_tiles(row: dict) -> dict:
    sweep = row.get("tiles") or []
    return next((t for t in sweep if t["budget"] == 2), sweep[0] if sweep else {})


def _overhead(row: dict) -> str:
    over = (row.get("peers") or {}).get("overhead")
    return " / ".join(f"{100 * over[k]:+.1f}%" for k in ("image", "text")) if over else "–"


def summary_table(results: list[dict]) -> list[str]:
    head = ("| machine | engine | model | quant | file MB | load s | prefill tok/s | decode tok/s | ceiling tok/s "
            "| decode / ceiling (paired) | encode s/tile | first token s (budget 2) | card s | peak RSS MiB | overhead vs bare (image / text) |")
    lines = [head, "|" + "---|" * 15]
    for result in results:
        where = machine(result.get("fingerprint", {}))
        for row in result.get("results", []):
            cfg, tiles = row["config"], _default_tiles(row)
            share = row.get("decode_share_of_ceiling")
            lines.append(
                f"| {where} | {_engine(row)} | {cfg['model']} | {cfg['quant']} | {_f(_mb(row), '.0f')} | {_f(row.get('load_s'), '.2f')} "
                f"| {_f(row.get('prefill_tok_s'))} | {_f(row.get('decode_tok_s'), '.2f')} | {_f(row.get('ceiling_tok_s'))} "
                f"| {_share(share, row.get('decode_share_paired'))} | {_f(tiles.get('encode_s_per_tile'), '.2f')} | {_f(tiles.get('ttft_s'))} "
                f"| {_f((row.get('card') or {}).get('total_s'))} | {_f(row.get('peak_rss_mib'), '.0f')} | {_overhead(row)} |"
                + (f" ⚠ {row['error'][:80]}" if row.get("error") else ""))
    return lines


def _engine(row: dict) -> str:
    """The engine, and for llama.cpp the build measured and the kernels it ran ("llamacpp [native: AVX-512 and AMX,
    extra buffers off]")."""
    cfg, kernels = row["config"], row.get("kernels") or {}
    if not kernels:
        return cfg["backend"] + (f" [{cfg['build']}]" if cfg.get("build") else "")
    label = f"{cfg['build']}: " if cfg.get("build") else ""
    return f"{cfg['backend']} [{label}{kernels['build_tier']}{'' if kernels['extra_bufts'] else ', extra buffers off'}]"


def _share(share: float | None, paired: float | None) -> str:
    text = _f(share and 100 * share, ".0f", "%")
    return text + (f" ({100 * paired:.0f}%)" if paired else "")


def _mb(row: dict) -> float | None:
    size = row.get("model_bytes")
    return size and (size + row.get("mmproj_bytes", 0)) / 1e6


def tiles_table(results: list[dict]) -> list[str]:
    lines = ["| engine | model | quant | tile budget | tiles encoded | image tokens | encode s | first token s |", "|" + "---|" * 8]
    for result in results:
        for row in result.get("results", []):
            cfg = row["config"]
            for t in row.get("tiles") or []:
                lines.append(f"| {cfg['backend']} | {cfg['model']} | {cfg['quant']} | {t['budget']} | {t['tiles']} "
                             f"| {t['image_tokens']} | {t['encode_s']:.1f} | {t['ttft_s']:.1f} |")
    return lines


def card_table(results: list[dict]) -> list[str]:
    head = ("| engine | model | quant | tile budget | card s | OCR s | model calls | encode s | prefill s (est.) "
            "| decode s (est.) | other s | text tokens | image tokens | decoded tokens | page chars / token |")
    lines = [head, "|" + "---|" * 15]
    for result in results:
        for row in result.get("results", []):
            cfg = row["config"]
            for c in row.get("cards") or ([row["card"]] if row.get("card") else []):
                lines.append(
                    f"| {cfg['backend']} | {cfg['model']} | {cfg['quant']} | {c.get('tile_budget', '–')} | {c['total_s']:.1f} "
                    f"| {c['ocr_s']:.1f} | {c.get('calls', '–')} | {_f(c.get('encode_s'))} | {_f(c.get('prefill_s_est'))} "
                    f"| {_f(c.get('decode_s_est'))} | {_f(c.get('other_s_est'))} | {c.get('text_tokens_evaluated', '–')} "
                    f"| {c.get('image_tokens_evaluated', '–')} | {c.get('decoded_tokens', '–')} | {_f(c.get('page_chars_per_token'), '.2f')} |")
    return lines


def decode_note(results: list[dict]) -> list[str]:
    """How many tokens each card's calls decoded: fixed at a right answer's length (`benchmarks/edge/answers.py`)."""
    cards = [c for res in results for r in res.get("results", []) for c in r.get("cards") or [] if c.get("decode_fixed")]
    if not cards:
        return []
    per_card = [f"- tile budget {c.get('tile_budget', '–')}: " + ", ".join(f"{kind} {n}" for kind, n in c["fixed_tokens_per_call"])
                for c in cards]
    return ["", f"Decoded tokens per call ({cards[0]['decode_fixed']}):", "", *per_card]


def budget_table(results: list[dict]) -> list[str]:
    """The card's time by stage, measured, beside its roofline (encode at the tile rate, prefill at the bare
    prefill rate, decode at the bandwidth ceiling); the ratios are reported, not targets."""
    lines = ["| model | quant | tile budget | stage | measured s | roofline s | measured / roofline |", "|" + "---|" * 7]
    for result in results:
        for row in result.get("results", []):
            cfg = row["config"]
            for c in row.get("cards") or ([row["card"]] if row.get("card") else []):
                for b in c.get("budget") or []:
                    lines.append(f"| {cfg['model']} | {cfg['quant']} | {c.get('tile_budget', '–')} | {b['stage']} "
                                 f"| {b['measured_s']:.1f} | {_f(b['roofline_s'])} | {_f(b['measured_over_roofline'], '.2f')} |")
    return lines if len(lines) > 2 else []


def threads_table(results: list[dict]) -> list[str]:
    """Decode against threads, each beside the read bandwidth of as many threads."""
    lines = ["| machine | engine | model | quant | threads | decode tok/s | read GB/s | share of ceiling |", "|" + "---|" * 8]
    for result in results:
        where = machine(result.get("fingerprint", {}))
        for row in result.get("results", []):
            cfg = row["config"]
            for n, d in (row.get("decode_by_threads") or {}).items():
                lines.append(f"| {where} | {cfg['backend']} | {cfg['model']} | {cfg['quant']} | {n} | {d['decode_tok_s']:.2f} "
                             f"| {d['read_gbs']:.1f} | {100 * d['share']:.0f}% |")
    return lines


def peers_table(results: list[dict]) -> list[str]:
    lines = ["| model | quant | work | shipcard s (median, min-max) | bare llama-cpp-python s | runs each | overhead |",
             "|" + "---|" * 7]
    for result in results:
        for row in result.get("results", []):
            p, cfg = row.get("peers"), row["config"]
            if not p:
                continue
            for k in ("image", "text"):
                ours, bare = p["shipcard"][k], p["bare_llama_cpp"][k]
                lines.append(f"| {cfg['model']} | {cfg['quant']} | {k} | {_spread(ours)} | {_spread(bare)} | {p.get('repeat', 1)} "
                             f"| {100 * p['overhead'][k]:+.1f}% |")
    return lines


def _spread(t: dict) -> str:
    return f"{t['s']:.2f} ({t['min_s']:.2f}-{t['max_s']:.2f})" if "min_s" in t else f"{t['s']:.2f}"


def markdown(results: list[dict]) -> str:
    head = []
    for result in results:
        fp, bw = result.get("fingerprint", {}), result.get("bandwidth", {})
        build = (fp.get("llama_cpp") or {}).get("version", "–")
        head.append(f"- {result.get('time', '')}: {machine(fp)}, {fp.get('os', '')}; read bandwidth {bw.get('read_gbs', '–')} GB/s; "
                    f"llama-cpp-python {build}; mlx {fp.get('mlx') or '–'}")
    parts = ["\n".join(head), "", "\n".join(summary_table(results))]
    if any(r.get("tiles") for res in results for r in res.get("results", [])):
        parts += ["", "Tile budget sweep (one 1280x800 screenshot + a short question, nothing cached):", "", "\n".join(tiles_table(results))]
    if any(r.get("decode_by_threads") for res in results for r in res.get("results", [])):
        parts += ["", "Decode by threads:", "", "\n".join(threads_table(results))]
    if any(r.get("card") for res in results for r in res.get("results", [])):
        parts += ["", "Two-product card, where the time goes:", "", "\n".join(card_table(results))]
        parts += decode_note(results)
        if budget_table(results):
            parts += ["", "Card time budget by stage, beside the roofline:", "", "\n".join(budget_table(results))]
    if any(r.get("peers") for res in results for r in res.get("results", [])):
        parts += ["", "shipcard against bare llama-cpp-python on the same work:", "", "\n".join(peers_table(results))]
    ocr = [(r.get("ocr_s_per_screenshot")) for res in results for r in res.get("results", []) if r.get("ocr_s_per_screenshot")]
    if ocr:
        parts += ["", "OCR stage, s per 1280x800 screenshot: " + "; ".join(f"{k} {v:.2f}" for k, v in ocr[-1].items())]
    return "\n".join(parts)


def render(log: Path, out: Path) -> list[Path]:
    """report.md, decode_vs_ceiling.png and latency_vs_tiles.png under `out`; returns their paths."""
    results = load(log)
    out.mkdir(parents=True, exist_ok=True)
    md = out / "report.md"
    md.write_text(markdown(results) + "\n")
    return [md, *charts(results, out)]


def charts(results: list[dict], out: Path) -> list[Path]:
    try:
        import matplotlib
    except ImportError:
        raise MissingDependencyError("matplotlib", "bench") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return [_decode_chart(plt, results, out / "decode_vs_ceiling.png"), _tiles_chart(plt, results, out / "latency_vs_tiles.png")]


def _label(result: dict, row: dict) -> str:
    cfg = row["config"]
    return f"{cfg['backend']}\n{cfg['model'].removeprefix('synthetic-')} {cfg['quant']}\n{result.get('fingerprint', {}).get('cpu', '')[:24]}"


def _decode_chart(plt, results: list[dict], path: Path) -> Path:
    rows = [(_label(res, r), r.get("decode_tok_s") or 0, r.get("ceiling_tok_s") or 0, r.get("decode_share_paired"))
            for res in results for r in res.get("results", []) if r.get("ceiling_tok_s")]
    fig, ax = plt.subplots(figsize=(max(5, 2.2 * len(rows)), 4.4))
    xs = range(len(rows))
    ax.bar([x - 0.2 for x in xs], [r[2] for r in rows], 0.4, label="ceiling (bandwidth / weight bytes)", color="#cccccc")
    ax.bar([x + 0.2 for x in xs], [r[1] for r in rows], 0.4, label="measured decode", color="#3b6fb6")
    for x, (_, got, limit, paired) in zip(xs, rows, strict=False):
        note = f"{100 * got / limit:.0f}%" + (f"\n({100 * paired:.0f}% paired)" if paired else "")
        ax.annotate(note, (x + 0.2, got), ha="center", va="bottom", fontsize=7)
    ax.set_xticks(list(xs), [r[0] for r in rows], fontsize=7)
    ax.set_ylabel("tokens/s")
    ax.set_title("Decode against the memory-bandwidth ceiling")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def _tiles_chart(plt, results: list[dict], path: Path) -> Path:
    fig, ax = plt.subplots(figsize=(6, 4))
    for res in results:
        for r in res.get("results", []):
            sweep = r.get("tiles") or []
            if sweep:
                ax.plot([t["image_tokens"] for t in sweep], [t["ttft_s"] for t in sweep], marker="o", label=_label(res, r).replace("\n", ", "))
                for t in sweep:
                    ax.annotate(str(t["budget"]), (t["image_tokens"], t["ttft_s"]), fontsize=7, xytext=(3, 3), textcoords="offset points")
    ax.set_xlabel("image tokens (labels: tile budget)")
    ax.set_ylabel("time to first token, s")
    ax.set_title("Latency against image tokens")
    if ax.lines:
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path
