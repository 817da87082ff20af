#!/bin/sh
# Renders a hotpath HTML report in headless Chromium and checks that its charts drew:
#   1. every chart's SVG <path d="..."> is non-empty (in the HTML),
#   2. the screenshot is not blank and shows the chart colours (pixel check in the PNG).
# Usage: bench/report-screenshot.sh [report.html] [out.png]
# Default input: hotpath-load/target/report-sample.html, written by HtmlReportTest
# (./mvnw -q -B -o -pl hotpath-load verify -Dtest='HtmlReportTest').
set -eu
root=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
html=${1:-$root/hotpath-load/target/report-sample.html}
png=${2:-${html%.html}.png}
[ -f "$html" ] || { echo "report-screenshot: no $html (run HtmlReportTest first, or give a report)" >&2; exit 2; }
html=$(CDPATH= cd -- "$(dirname -- "$html")" && pwd)/$(basename -- "$html") # file:// needs an absolute path

if ! command -v chromium >/dev/null 2>&1; then
  echo "report-screenshot: installing chromium (Debian package)..." >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium >/dev/null
fi

# 1. the SVG paths carry data
python3 - "$html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
paths = re.findall(r'<path class="series" data-series="([^"]*)" d="([^"]*)"', html)
charts = html.count('<svg class="chart"')
if charts == 0 or not paths:
    sys.exit(f"report-screenshot: no charts in {sys.argv[1]}")
empty = [n for n, d in paths if d.count(" L") < 2]
if empty:
    sys.exit(f"report-screenshot: series with (almost) no points: {empty}")
if "<script" in html or re.search(r'(src|href)="https?:', html):
    sys.exit("report-screenshot: the report is not self-contained (script or remote reference)")
print(f"svg: {charts} charts, {len(paths)} series, all with data")
PY

# 2. render and look at the pixels
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
  --screenshot="$png" --window-size=1400,3000 "file://$html" >/dev/null 2>&1
[ -s "$png" ] || { echo "report-screenshot: chromium wrote no screenshot" >&2; exit 1; }

python3 - "$png" <<'PY'
import struct, sys, zlib
# minimal PNG decoder (8-bit RGB/RGBA, non-interlaced: what Chromium writes) - no PIL needed
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]; pos += 12 + n
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and ctype in (2, 6) and interlace == 0, f"unsupported PNG ({depth}, {ctype}, {interlace})"
        bpp = 3 if ctype == 2 else 4
    elif kind == b"IDAT":
        idat += body
raw = zlib.decompress(idat); stride = w * bpp; prev = bytearray(stride); rows = []
for y in range(h):
    f = raw[y * (stride + 1)]; line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0; b = prev[i]; c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line); prev = line
colours = {}
for line in rows[::2]:
    for x in range(0, w * bpp, bpp * 2):
        px = bytes(line[x:x + 3]); colours[px] = colours.get(px, 0) + 1
total = sum(colours.values())
top = max(colours.values())
if top / total > 0.995:
    sys.exit(f"report-screenshot: {sys.argv[1]} is blank ({top / total:.1%} one colour)")
# the first two series colours (Okabe-Ito blue #0072B2, orange #E69F00) must show: the lines drew
def near(rgb):
    return sum(n for px, n in colours.items() if all(abs(px[i] - rgb[i]) <= 40 for i in range(3)))
blue, orange = near((0x00, 0x72, 0xB2)), near((0xE6, 0x9F, 0x00))
if blue < 200 or orange < 200:
    sys.exit(f"report-screenshot: chart lines not visible in {sys.argv[1]} (blue px {blue}, orange px {orange})")
print(f"png: {w}x{h}, {len(colours)} colours, chart line pixels: blue {blue}, orange {orange} (sampled)")
PY
echo "ok: $png"
