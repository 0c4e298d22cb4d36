"""Quantize a SmolVLM GGUF pair: the text model through llama.cpp's own quantizer, the vision projector
(mmproj, a clip model llama's quantizer refuses) to Q8_0 with the `gguf` package, or copied as it is.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from assistant.errors import BackendError, BadInputError, MissingDependencyError

# --type value -> llama.cpp file type constant (llama_cpp.LLAMA_FTYPE_*)
TYPES = {
    "q4_k_m": "LLAMA_FTYPE_MOSTLY_Q4_K_M",
    "q4_k_s": "LLAMA_FTYPE_MOSTLY_Q4_K_S",
    "q4_0": "LLAMA_FTYPE_MOSTLY_Q4_0",
    "q4_1": "LLAMA_FTYPE_MOSTLY_Q4_1",
    "iq4_xs": "LLAMA_FTYPE_MOSTLY_IQ4_XS",
    "q5_k_m": "LLAMA_FTYPE_MOSTLY_Q5_K_M",
    "q5_k_s": "LLAMA_FTYPE_MOSTLY_Q5_K_S",
    "q6_k": "LLAMA_FTYPE_MOSTLY_Q6_K",
    "q8_0": "LLAMA_FTYPE_MOSTLY_Q8_0",
    "f16": "LLAMA_FTYPE_MOSTLY_F16",
}
GGUF_FILE_TYPE_Q8_0 = 7  # general.file_type of a mostly-Q8_0 file (llama_ftype)


def find_pair(src: Path) -> tuple[Path, Path | None]:
    """The text model and its mmproj from SRC: a folder holding both, or the text model's .gguf file."""
    src = Path(src)
    if src.is_file():
        model, folder = src, src.parent
    elif src.is_dir():
        models = sorted(p for p in src.glob("*.gguf") if not p.name.startswith("mmproj"))
        if len(models) != 1:
            raise BadInputError(f"{src}: expected one text-model .gguf, found {len(models)}.", "Pass the .gguf file itself.")
        model, folder = models[0], src
    else:
        raise BadInputError(f"{src}: no such file or folder.", "Pass a .gguf file or the folder that holds the pair.")
    mmprojs = sorted(folder.glob("mmproj*.gguf"))
    return model, (mmprojs[0] if mmprojs else None)


def quantize_model(src: Path, dst: Path, qtype: str, threads: int | None = None) -> Path:
    """Quantize a text-model GGUF with `llama_model_quantize` (llama.cpp's own quantizer)."""
    from assistant.backends.llamacpp.runtime import import_llama, silence

    llama_cpp, mtmd = import_llama()  # raises the install hint when the extra is missing
    silence(llama_cpp, mtmd)
    if qtype not in TYPES:
        raise BadInputError(f"Unknown GGUF type '{qtype}'.", f"Choose one of: {', '.join(TYPES)}.")
    params = llama_cpp.llama_model_quantize_default_params()
    params.ftype = getattr(llama_cpp, TYPES[qtype])
    params.nthread = threads or os.cpu_count() or 1
    rc = llama_cpp.llama_model_quantize(str(src).encode(), str(dst).encode(), params)
    if rc != 0 or not Path(dst).is_file():
        raise BackendError(f"llama.cpp could not quantize {Path(src).name} to {qtype} (code {rc}).")
    return Path(dst)


def mmproj_q8(src: Path, dst: Path) -> Path:
    """Rewrite a clip/mmproj GGUF with its 2-D weight matrices in Q8_0 (everything else as it was).

    Embeddings (patch, position) and norms stay as they are: clip.cpp reads them with ops that want
    float rows, and they are a sliver of the file.
    """
    try:
        import gguf
    except ImportError as exc:
        raise MissingDependencyError("gguf", "llama") from exc
    reader = gguf.GGUFReader(src)
    arch = reader.fields["general.architecture"].contents()
    writer = gguf.GGUFWriter(dst, arch)
    _copy_metadata(reader, writer, gguf)
    for tensor in reader.tensors:
        data, qtype = _maybe_q8(tensor, gguf)
        writer.add_tensor(tensor.name, data, raw_shape=data.shape if qtype is None else None, raw_dtype=qtype)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return Path(dst)


def _copy_metadata(reader, writer, gguf) -> None:
    for key, field in reader.fields.items():
        if key.startswith("GGUF.") or key == "general.architecture":
            continue
        value = field.contents()
        if key == "general.file_type":
            value = GGUF_FILE_TYPE_Q8_0
        vtype = field.types[0]
        sub_type = field.types[-1] if vtype == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(key, value, vtype, sub_type=sub_type)


def _maybe_q8(tensor, gguf):
    """(data, raw type): Q8_0 bytes for a float 2-D weight whose rows split into 32-blocks, else as read."""
    import numpy as np

    floats = (gguf.GGMLQuantizationType.F32, gguf.GGMLQuantizationType.F16)
    shape = tuple(int(d) for d in reversed(tensor.shape))  # reader shapes are ggml order (fastest first)
    keep = ("position_embd", "patch_embd", "norm", "ln", ".bias")
    if (
        tensor.tensor_type in floats
        and len(shape) == 2
        and shape[-1] % 32 == 0
        and not any(k in tensor.name for k in keep)
    ):
        values = np.asarray(tensor.data, dtype=np.float32).reshape(shape)
        return gguf.quants.quantize(values, gguf.GGMLQuantizationType.Q8_0), gguf.GGMLQuantizationType.Q8_0
    data = np.asarray(tensor.data)
    if tensor.tensor_type in floats:
        return data.reshape(shape), None
    return data, tensor.tensor_type


def quantize_pair(src: Path, qtype: str, out: Path, *, mmproj_to_q8: bool = False) -> tuple[Path, Path | None]:
    """Write the quantized text model (and its mmproj, requantized or copied) into folder `out`."""
    model, mmproj = find_pair(src)
    stem = model.stem
    for suffix in ("-f16", "-f32", "-F16", "-F32", "-bf16", "-BF16"):
        stem = stem.removesuffix(suffix)
    qmodel = quantize_model(model, Path(out) / f"{stem}-{qtype.upper()}.gguf", qtype)
    if mmproj is None:
        return qmodel, None
    if mmproj_to_q8:
        mstem = mmproj.stem
        for suffix in ("-f16", "-f32", "-F16", "-F32", "-bf16", "-BF16"):
            mstem = mstem.removesuffix(suffix)
        return qmodel, mmproj_q8(mmproj, Path(out) / f"{mstem}-Q8_0.gguf")
    copied = Path(out) / mmproj.name
    shutil.copy2(mmproj, copied)
    return qmodel, copied
