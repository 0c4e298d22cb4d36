"""The kernels the loaded llama.cpp was compiled with, the ones this CPU has, and a model load that keeps
llama.cpp's crashing AMX path out of reach.

A build compiled for an AMX CPU (`pip install` compiles with GGML_NATIVE, i.e. -march=native) puts quantized
weights (Q4_0, Q4_1, Q8_0, Q4_K, Q5_K, Q6_K, IQ4_XS) in AMX buffers, and `ggml_backend_amx_mul_mat` then
segfaults on every prompt of two or more tokens (llama.cpp issue #20824; GCC 12 drops the stores that fill the
tile configuration). No environment variable avoids it. The model parameter `use_extra_bufts=False` does: the
weights stay in plain CPU buffers, where the AVX-512/VNNI kernels of the same build run them (no AMX, no
repacking). llama-cpp-python's `Llama(...)` has no argument for it, so `load_llama` sets it in the
`llama_model_params` that `Llama.__init__` fills, and checks that it took.
"""

from __future__ import annotations

import contextlib
import functools
import os
import platform
import re
import subprocess
import threading
from dataclasses import dataclass, field

from ...errors import BackendError, ShipcardError

# llama-cpp-python releases whose AMX kernels are known to crash when compiled for an AMX CPU (measured here:
# 0.3.36, GCC 12.2, Xeon with AMX). llama.cpp's AMX backend dates from its PR #8998 (Oct 2024), so every release
# since then is suspect; the fix (llama.cpp PR #26954: the tile configuration in .rodata, where the compiler
# cannot drop its stores, and tile-data permission asked on every worker thread) is not merged, so none is known
# fixed. A release listed in AMX_FIXED loads with extra buffers again; tests/test_kernels.py says when to list one.
AMX_KNOWN_BAD = ("0.3.36",)
AMX_FIXED: tuple[str, ...] = ()
AMX_TYPES = ("Q4_0", "Q4_1", "Q8_0", "Q4_K", "Q5_K", "Q6_K", "IQ4_XS")  # what ggml's AMX kernels take
ENV = "SHIPCARD_LLAMA_EXTRA_BUFTS"  # auto (default) | on | off

# llama_print_system_info names, in the order a reader wants them
FEATURES = ("SSE3", "AVX", "AVX2", "F16C", "FMA", "AVX_VNNI", "AVX512", "AVX512_VBMI", "AVX512_VNNI", "AVX512_BF16",
            "AMX_INT8", "NEON", "ARM_FMA", "DOTPROD", "MATMUL_INT8", "SVE")
_LINUX_FLAGS = {"pni": "SSE3", "avx": "AVX", "avx2": "AVX2", "f16c": "F16C", "fma": "FMA", "avx_vnni": "AVX_VNNI",
                "avx512f": "AVX512", "avx512vbmi": "AVX512_VBMI", "avx512_vnni": "AVX512_VNNI",
                "avx512_bf16": "AVX512_BF16", "amx_int8": "AMX_INT8", "asimd": "NEON", "asimddp": "DOTPROD",
                "i8mm": "MATMUL_INT8", "sve": "SVE"}
NATIVE_INSTALL = ('CMAKE_ARGS="-DGGML_NATIVE=ON" pip install --force-reinstall --no-deps --no-cache-dir '
                  '--no-binary llama-cpp-python llama-cpp-python=={version}')
PORTABLE_INSTALL = ('CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON '
                    '-DGGML_BMI2=ON" pip install --force-reinstall --no-deps --no-cache-dir '
                    '--no-binary llama-cpp-python llama-cpp-python=={version}')
# prefill of a native build against the AVX2 one, 2-core Xeon with AVX-512 + AMX, SmolVLM2-2.2B Q4_K_M (issue 24):
# native with extra buffers off x2.04; AMX compiled out (stands in for an AVX-512 CPU without AMX) x1.49
GAIN = {"AMX_INT8": "about 2x", "AVX512": "about 1.5x"}


def cpu_features() -> frozenset[str]:
    """This CPU's vector extensions, in llama.cpp's names (empty where the OS does not say)."""
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
    except OSError:
        return _darwin_features()
    flags = set(re.findall(r"^(?:flags|Features)\s*:\s*(.*)$", text, re.MULTILINE)[0].split()) if text else set()
    found = {name for flag, name in _LINUX_FLAGS.items() if flag in flags}
    if "NEON" in found:
        found.add("ARM_FMA")
    return frozenset(found)


def _darwin_features() -> frozenset[str]:
    if platform.system() != "Darwin" or platform.machine() != "arm64":
        return frozenset()
    found = {"NEON", "ARM_FMA"}
    for key, name in (("FEAT_DotProd", "DOTPROD"), ("FEAT_I8MM", "MATMUL_INT8")):
        done = subprocess.run(["sysctl", "-n", f"hw.optional.arm.{key}"], capture_output=True, text=True, check=False)
        if done.stdout.strip() == "1":
            found.add(name)
    return frozenset(found)


def build_features(system_info: str) -> frozenset[str]:
    """The features a `llama_print_system_info()` line says are on ("AVX2 = 1 | ...")."""
    return frozenset(name for name, value in re.findall(r"([A-Z0-9_]+) = (\d+)", system_info) if value != "0")


def tier(features: frozenset[str]) -> str:
    """The best kernel family in a feature set, as a person names it."""
    if "AMX_INT8" in features:
        return "AVX-512 and AMX"
    for name, label in (("AVX512", "AVX-512"), ("AVX2", "AVX2"), ("AVX", "AVX"), ("SVE", "SVE"), ("NEON", "NEON")):
        if name in features:
            return label
    return "no vector kernels"


@dataclass(frozen=True)
class Kernels:
    """What the loaded llama.cpp was compiled with against what the CPU has, and how shipcard loads on it."""

    version: str
    system_info: str
    build: frozenset[str]
    cpu: frozenset[str]
    policy: str = "auto"

    @property
    def amx_compiled(self) -> bool:
        return "AMX_INT8" in self.build

    @property
    def extra_bufts(self) -> bool:
        """Whether models load with llama.cpp's extra buffer types (AMX, repacked weights)."""
        if self.policy != "auto":
            return self.policy == "on"
        return not self.amx_compiled or self.version in AMX_FIXED

    @property
    def missing(self) -> list[str]:
        """Features the CPU has that this build does not use."""
        return [f for f in FEATURES if f in self.cpu and f not in self.build]

    def advice(self) -> str:
        """One line for a person: what is used, what is lost, and the command that gets it back."""
        used = f"this build uses {tier(self.build)}"
        lost = next((GAIN[f] for f in ("AMX_INT8", "AVX512") if f in self.missing), None)
        if lost and tier(self.cpu) != tier(self.build):
            return (f"{used}; the CPU has {tier(self.cpu)}: prefill {lost} slower than a native build; reinstall "
                    f"with: {NATIVE_INSTALL.format(version=self.version)}")
        if self.amx_compiled and not self.extra_bufts:
            return (f"{used}; its AMX kernels crash in llama-cpp-python {self.version} (llama.cpp #20824), so "
                    "shipcard loads weights without them (AVX-512 kernels run them; set "
                    f"{ENV}=on to use AMX with a fixed build)")
        return f"{used}, the best this CPU has" if not self.missing else f"{used}; unused: {', '.join(self.missing)}"

    def as_dict(self) -> dict:
        return {"llama_cpp_python": self.version, "system_info": self.system_info, "build": sorted(self.build),
                "build_tier": tier(self.build), "cpu": sorted(self.cpu), "cpu_tier": tier(self.cpu),
                "missing": self.missing, "amx_compiled": self.amx_compiled, "extra_bufts": self.extra_bufts,
                "amx_known_bad": self.amx_compiled and self.version in AMX_KNOWN_BAD, "advice": self.advice()}


def policy() -> str:
    value = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if value not in ("auto", "on", "off"):
        raise ShipcardError(f"{ENV}={value} is not a choice.", f"Set {ENV} to auto, on or off, or unset it.")
    return value


def current(llama_cpp=None) -> Kernels:
    """The kernels of the llama-cpp-python installed here (imports it)."""
    if llama_cpp is None:
        import llama_cpp
    return _current(llama_cpp.__version__, _system_info(llama_cpp), policy())


@functools.lru_cache(maxsize=4)
def _current(version: str, system_info: str, chosen: str) -> Kernels:
    return Kernels(version, system_info, build_features(system_info), cpu_features(), chosen)


def _system_info(llama_cpp) -> str:
    text = llama_cpp.llama_print_system_info()
    return (text.decode(errors="replace") if isinstance(text, bytes) else str(text)).strip()


# ---- the load --------------------------------------------------------------------------------------------------

_LOAD_LOCK = threading.Lock()
BUFFER_LOG: list[str] = []  # "model buffer size" lines of the load under way (runtime.silence's log callback)


@dataclass
class Loaded:
    """Where a loaded model's weights live: buffer type -> MiB ("CPU_Mapped", "CPU_REPACK", "AMX", ...)."""

    extra_bufts: bool
    buffers: dict[str, float] = field(default_factory=dict)

    @property
    def amx(self) -> bool:
        return any(name.startswith("AMX") for name in self.buffers)


def load_llama(llama_cpp, **kwargs):
    """`llama_cpp.Llama(**kwargs)` with `use_extra_bufts` set as `current()` decides; `.shipcard_loaded` says
    where the weights went.

    With extra buffers the weights are read, not mapped: the repacked copy replaces the file's pages, which a
    mapping would keep resident beside it (+0.7 GB RSS for the 2.2B Q4_K_M on an AVX2 build)."""
    chosen = current(llama_cpp).extra_bufts
    kwargs.setdefault("use_mmap", not chosen)
    with _LOAD_LOCK, _model_params(llama_cpp, chosen):
        BUFFER_LOG.clear()
        llama = llama_cpp.Llama(**kwargs)
        lines = list(BUFFER_LOG)
    if bool(llama.model_params.use_extra_bufts) != chosen:
        llama.close()
        raise BackendError(f"llama-cpp-python {llama_cpp.__version__} ignored use_extra_bufts={chosen}.",
                           f"Install llama-cpp-python {current(llama_cpp).version} or set {ENV}=on.")
    llama.shipcard_loaded = Loaded(chosen, parse_buffers(lines))
    return llama


def model_params(llama_cpp, extra_bufts: bool | None = None):
    """`llama_model_default_params()` with `use_extra_bufts` as `current()` decides (for low-level loads)."""
    params = llama_cpp.llama_model_default_params()
    params.use_extra_bufts = current(llama_cpp).extra_bufts if extra_bufts is None else extra_bufts
    return params


@contextlib.contextmanager
def _model_params(llama_cpp, extra_bufts: bool):
    """While inside, `Llama.__init__`'s call to `llama_model_default_params()` returns `use_extra_bufts` set."""
    from llama_cpp import llama_cpp as low

    original = low.llama_model_default_params

    def defaults():
        params = original()
        params.use_extra_bufts = extra_bufts
        return params

    low.llama_model_default_params = defaults
    try:
        yield
    finally:
        low.llama_model_default_params = original


def record(text: str) -> None:
    """Keep llama.cpp's log lines that say where weights went (called from the log callback)."""
    if "model buffer size" in text and len(BUFFER_LOG) < 64:
        BUFFER_LOG.append(text)


def parse_buffers(lines: list[str]) -> dict[str, float]:
    found: dict[str, float] = {}
    for line in lines:
        hit = re.search(r"(\S+) model buffer size\s*=\s*([\d.]+) MiB", line)
        if hit:
            found[hit.group(1)] = found.get(hit.group(1), 0.0) + float(hit.group(2))
    return found
