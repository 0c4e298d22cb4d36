"""shipcard: screenshots of AI products in, a reviewed comparison card out, on the device."""

import os

# ONNX Runtime (the OCR engine and the line-role model) queues telemetry events on Linux unless this is set
# before it is imported; `onnxruntime.disable_telemetry_events()` does not stop them. Set here, it covers every
# process shipcard starts (CLI, UI, pool and Ray workers inherit the environment).
os.environ["ORT_DISABLE_TELEMETRY"] = "1"

__version__ = "0.1.0"
