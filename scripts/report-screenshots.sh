#!/usr/bin/env bash
# Screenshots of every example experiment's report, as a lab member first sees it: headless Chromium
# (apt-get install chromium), a window 1400 px wide and 900 px high (the first screen). Runs each example in
# example-fcs/ into OUT/<example>/ and writes OUT/<example>.png.
# Usage: scripts/report-screenshots.sh OUT   (the CLI built first: dotnet build src/CytoViability.Cli -c Release)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(mkdir -p "${1:?usage: scripts/report-screenshots.sh OUT}" && cd "$1" && pwd)
cli="$repo/src/CytoViability.Cli/bin/Release/net10.0/cytoviability"
for example in "$repo"/example-fcs/*/; do
  name=$(basename "$example")
  "$cli" run "$example" --out "$out/$name" > "$out/$name.log" 2>&1 || true
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-sync \
    --user-data-dir="$profile" --hide-scrollbars --window-size=1400,900 --screenshot="$out/$name.png" \
    "file://$out/$name/report.html" > /dev/null 2>&1
  rm -rf "$profile"
  echo "$name: $(grep -m1 -E '^(Needs attention|Nothing|[0-9]+ of [0-9]+ files processed)' "$out/$name.log" || true)"
done
