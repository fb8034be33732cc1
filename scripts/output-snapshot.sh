#!/usr/bin/env bash
# Writes every output the tool makes from the repository's example experiments and compliance data into DEST, with
# the parts that differ between two runs of the same build masked (run id, start time, timings, log time stamps),
# so two builds can be compared byte for byte:
#
#   scripts/output-snapshot.sh base/cytoviability /tmp/snap-base
#   scripts/output-snapshot.sh src/CytoViability.Cli/bin/Release/net10.0/cytoviability /tmp/snap-new
#   diff -r /tmp/snap-base /tmp/snap-new && echo identical
#
# What it runs: `run` (with the report, one thread so run.log's order is fixed) and `flowjo export` on each of the
# twelve example-fcs experiments, `export` of one file per experiment (raw and compensated channel values),
# `example` (a small generated set), `gatingml` on every Gating-ML 2.0 compliance document of tests/data/gatingml2
# and `gatingml import` of each, `flowjo import` and `flowjo audit` of every FlowJo workspace in tests/data/flowjo.
# Inputs are copied to a fixed work folder first, so paths inside the outputs are the same for both builds
# (/tmp/cytoviability-output-snapshot; set SNAPSHOT_WORK to another folder, the same for both builds, when two
# comparisons run at once).
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 CLI DEST" >&2
    exit 2
fi

cli=$(realpath "$1")
dest=$2
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${SNAPSHOT_WORK:-/tmp/cytoviability-output-snapshot}
rm -rf "$work" "$dest"
mkdir -p "$work/in" "$work/out"
cp -r "$repo/example-fcs" "$work/in/examples"
cp -r "$repo/tests/data/gatingml2" "$work/in/gatingml2"
cp -r "$repo/tests/data/flowjo" "$work/in/flowjo"
out=$work/out

# A command's exit code and console output are part of what is compared (a QC fail or a refused input is an outcome).
record() {
    local name=$1
    shift
    local code=0
    "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || code=$?
    echo "$code" >"$out/$name.exit"
}

for folder in "$work/in/examples"/*/; do
    ex=$(basename "$folder")
    record "run-$ex" "$cli" run "$folder" --out "$out/run/$ex" --threads 1
    record "flowjo-export-$ex" "$cli" flowjo export "$out/run/$ex" --out "$out/flowjo-export/$ex.wsp"
    files=("$folder"*.fcs)
    first=${files[0]}
    record "export-raw-$ex" "$cli" export "$first" --out "$out/export/$ex-raw.csv"
    record "export-channel-$ex" "$cli" export "$first" --compensate --scale channel --out "$out/export/$ex-channel.csv"
done

record example "$cli" example "$out/example" --events 300 --donors 2

gml=$work/in/gatingml2
for document in "$gml"/gml/*.xml; do
    name=$(basename "$document" .xml)
    record "gatingml-$name" "$cli" gatingml "$gml/data1.fcs" "$document" --out "$out/gatingml/$name"
    record "gatingml-import-$name" "$cli" gatingml import "$document" --out "$out/gatingml-import/$name.yaml"
done

for workspace in $(find "$work/in/flowjo" \( -name '*.wsp' -o -name '*.xml' \) | sort); do
    name=$(basename "$(dirname "$workspace")")__$(basename "$workspace")
    record "flowjo-import-$name" "$cli" flowjo import "$workspace" --out "$out/flowjo-import/$name.yaml"
    record "flowjo-audit-$name" "$cli" flowjo audit "$workspace" "$(dirname "$workspace")" --out "$out/flowjo-audit/$name"
done

# Mask what legitimately changes between two runs of one build (ids, clock times, per-file and per-stage timings).
find "$out" -name run.json -exec sed -i -E \
    -e 's/"run_id": "[0-9a-f]+"/"run_id": "RUN"/' \
    -e 's/"started_utc": "[^"]*"/"started_utc": "TIME"/' \
    -e 's/"ms": [0-9.eE+-]+/"ms": 0/' {} +
find "$out" -name .cytoviability-output -exec sed -i -E 's/^run_id [0-9a-f]+$/run_id RUN/' {} +
find "$out" -name run.json -exec python3 - {} + <<'EOF'
import json, sys
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # timings_ms is the one object of wall-clock figures; its keys stay, the numbers go.
    start = text.find('"timings_ms": {')
    if start >= 0:
        end = text.index('}', start)
        block = text[start:end]
        import re
        block = re.sub(r': [0-9.eE+-]+', ': 0', block)
        text = text[:start] + block + text[end:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
EOF
find "$out" -name run.log -exec sed -i -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+\+00:00/TIME/' {} +
find "$out" -name '*.stdout' -o -name '*.stderr' | xargs sed -i -E 's/[0-9]+(\.[0-9]+)? ?(ms|s)\b/T/g'
mv "$out" "$dest"
echo "snapshot in $dest ($(find "$dest" -type f | wc -l) files)"
