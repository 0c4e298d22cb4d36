#!/usr/bin/env bash
# Does a long OCR job look anything up? ONNX Runtime's telemetry resolved mobile.events.data.microsoft.com only
# in runs past ~14 s, so the suite (tests/test_telemetry.py, telemetry files) cannot see it: this script can.
#
#   scripts/hardening/telemetry_check.sh [SECONDS]     (default: a page that takes at least 20 s to read)
#
# Runs `shipcard extract` on a generated all-text page under `strace -f -e trace=network,connect` with a fresh
# HOME, then reports every DNS look-up (a connect or send to port 53, or a resolver socket) and every connection
# that is not to loopback, and any ONNX Runtime telemetry file. Exit 0: none; 1: something found; 2: cannot run.
# Not run in CI (needs ptrace and minutes); .ci/run installs strace so it can be run there by hand.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v strace >/dev/null || { echo "telemetry_check: strace is not installed (apt-get install strace)" >&2; exit 2; }
python=${PYTHON:-python3}
[ -x .venv/bin/python ] && python=.venv/bin/python
work=$(mktemp -d /tmp/shipcard-telemetry-XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/HOME" "$work/home"

"$python" - "$work/page.png" <<'PY'
import sys
from PIL import Image, ImageDraw, ImageFont
w, h = 2400, 9000                      # ~21 MP of text: read downscaled to the OCR budget, well past 14 s on a laptop
img = Image.new("L", (w, h), 255)
draw = ImageDraw.Draw(img)
font = ImageFont.load_default(26)
for y in range(20, h - 40, 36):
    draw.text((20, y), "Acme Coder Pro costs $20/mo and ships an API, an SDK and open weights. " * 2, fill=40, font=font)
img.save(sys.argv[1])
PY

started=$(date +%s)
HOME="$work/HOME" SHIPCARD_HOME="$work/home" \
  strace -f -qq -e trace=network,connect -o "$work/trace" \
  "$python" -m assistant extract "$work/page.png" --backend ocr --json >/dev/null 2>"$work/stderr" || {
    echo "telemetry_check: shipcard extract failed: $(tail -1 "$work/stderr")" >&2; exit 2; }
took=$(( $(date +%s) - started ))

dns=$(grep -E 'htons\(53\)|sin6?_port=htons\(53\)|/var/run/nscd|resolv' "$work/trace" || true)
remote=$(grep -E 'connect\(.*(AF_INET|AF_INET6)' "$work/trace" | grep -vE 'inet_addr\("127\.|inet_pton\(AF_INET6, "::1"' || true)
files=$(find "$work/HOME" -ipath '*microsoft*' 2>/dev/null || true)

echo "telemetry_check: OCR ran ${took} s under strace; $(grep -c . "$work/trace" || true) network calls traced"
status=0
if [ -n "$dns" ]; then echo "DNS look-ups:"; echo "$dns" | head -20; status=1; fi
if [ -n "$remote" ]; then echo "connections off loopback:"; echo "$remote" | head -20; status=1; fi
if [ -n "$files" ]; then echo "telemetry files:"; echo "$files" | head -20; status=1; fi
if [ "$took" -lt 15 ]; then echo "note: the run took under 15 s; the look-up came only after ~14 s (pass a slower machine or a bigger page)"; fi
[ $status = 0 ] && echo "telemetry_check: no look-ups, no connections off loopback, no telemetry files"
exit $status
