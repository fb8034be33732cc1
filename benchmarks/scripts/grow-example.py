#!/usr/bin/env python3
"""Copies an example experiment with every FCS file grown to about EVENTS events, for whole-process timings.

    grow-example.py EXAMPLE_FOLDER OUT_FOLDER [EVENTS] [DONORS]   default 1,000,000 events, donors CLL01,CLL02

Keeps the files of the named donors (samples.csv filtered to them, experiment.yaml copied). Each file's DATA is
written again whole as many times as fits in EVENTS, with $TOT and $ENDDATA patched in place (their values are
space-padded, so TEXT keeps its length): the same channels, SPILL and distributions, so the same gates fit, and
per-file work grows with the event count. Standard library only (no PyPI on the build machine).
"""
import csv
import os
import sys


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    source, target = sys.argv[1], sys.argv[2]
    events = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
    donors = set((sys.argv[4] if len(sys.argv) > 4 else "CLL01,CLL02").split(","))
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(source, "samples.csv"), newline="") as sheet:
        rows = list(csv.DictReader(sheet))
    kept = [row for row in rows if row["donor"] in donors]
    with open(os.path.join(target, "samples.csv"), "w", newline="") as sheet:
        writer = csv.DictWriter(sheet, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    with open(os.path.join(source, "experiment.yaml")) as yaml_in, open(os.path.join(target, "experiment.yaml"), "w") as yaml_out:
        yaml_out.write(yaml_in.read())
    for row in kept:
        grow(os.path.join(source, row["file"]), os.path.join(target, row["file"]), events)
    print(f"{len(kept)} files of about {events} events in {target}")


def grow(source: str, target: str, events: int) -> None:
    with open(source, "rb") as fcs:
        data = fcs.read()
    text_begin, text_end = int(data[10:18]), int(data[18:26])
    data_begin, data_end = int(data[26:34]), int(data[34:42])
    text = data[text_begin:text_end + 1].decode("latin1")
    delimiter = text[0]
    fields = text[1:].split(delimiter)
    keywords = dict(zip(fields[0::2], fields[1::2]))
    total, parameters = int(keywords["$TOT"]), int(keywords["$PAR"])
    block = data[data_begin:data_end + 1]
    if keywords["$DATATYPE"] != "F" or len(block) != total * parameters * 4:
        sys.exit(f"{source}: expected float32 list-mode DATA")
    copies = max(1, events // total)
    new_end = data_begin + copies * len(block) - 1
    if new_end > 99_999_999:
        sys.exit(f"{source}: {copies * total} events do not fit the 8-digit header offsets")

    def patch(text: str, key: str, value: int) -> str:
        old = delimiter + key + delimiter + keywords[key] + delimiter
        new = delimiter + key + delimiter + str(value).ljust(len(keywords[key])) + delimiter
        if text.count(old) != 1 or len(new) != len(old):
            sys.exit(f"{source}: cannot patch {key} in place")
        return text.replace(old, new)

    text = patch(patch(text, "$TOT", copies * total), "$ENDDATA", new_end)
    header = data[:34] + str(new_end).rjust(8).encode() + data[42:text_begin]
    with open(target, "wb") as out:
        out.write(header + text.encode("latin1") + data[text_end + 1:data_begin])
        for _ in range(copies):
            out.write(block)
        out.write(data[data_end + 1:])


if __name__ == "__main__":
    main()
