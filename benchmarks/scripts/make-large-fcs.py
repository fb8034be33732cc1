#!/usr/bin/env python3
"""Writes a large FACSDiva-like FCS 3.1 file for whole-process timings (inspect --stats, run).

    make-large-fcs.py OUT.fcs [EVENTS] [CHANNELS]     default 10,000,000 events x 12 float32 channels

$DATATYPE F, $BYTEORD 1,2,3,4 (little-endian), no compensation keywords. The values are log-normal-looking
intensities from a fixed seed; a block of 65,536 events is drawn once and written again with every event shifted
by the block number, so the file is not one repeated block yet takes seconds, not minutes, without numpy.
Standard library only (no PyPI on the build machine).
"""
import array
import math
import random
import sys


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = sys.argv[1]
    events = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000
    channels = int(sys.argv[3]) if len(sys.argv) > 3 else 12
    names = ["FSC-A", "FSC-H", "SSC-A", "SSC-H"] + [f"FL{k}-A" for k in range(1, channels - 4)] + ["Time"]
    names = names[:channels]

    rng = random.Random(20261201)
    block_events = 65_536
    block = array.array("f", (math.exp(rng.uniform(2.0, 12.0)) - 200.0 for _ in range(block_events * channels)))
    if sys.byteorder != "little":
        block.byteswap()

    data_bytes = events * channels * 4
    keywords = {
        "$BEGINANALYSIS": "0", "$ENDANALYSIS": "0", "$BEGINSTEXT": "0", "$ENDSTEXT": "0",
        "$BYTEORD": "1,2,3,4", "$DATATYPE": "F", "$MODE": "L", "$NEXTDATA": "0",
        "$PAR": str(channels), "$TOT": str(events), "$CYT": "make-large-fcs.py",
    }
    for n, name in enumerate(names, start=1):
        keywords[f"$P{n}N"] = name
        keywords[f"$P{n}B"] = "32"
        keywords[f"$P{n}E"] = "0,0"
        keywords[f"$P{n}R"] = "262144"

    # TEXT holds its own DATA offsets; their digits change TEXT's length, so settle them with fixed-width values.
    text_begin = 58
    width = 20
    keywords["$BEGINDATA"] = "0" * width
    keywords["$ENDDATA"] = "0" * width
    text_length = len(build_text(keywords))
    data_begin = text_begin + text_length
    data_end = data_begin + data_bytes - 1
    keywords["$BEGINDATA"] = str(data_begin).rjust(width, "0")
    keywords["$ENDDATA"] = str(data_end).rjust(width, "0")
    text = build_text(keywords)
    assert len(text) == text_length

    text_end = text_begin + text_length - 1
    header_data = (data_begin, data_end) if data_end <= 99_999_999 else (0, 0)
    header = "FCS3.1    " + "".join(str(v).rjust(8) for v in (text_begin, text_end, *header_data, 0, 0))
    with open(out, "wb") as f:
        f.write(header.encode("ascii"))
        f.write(text)
        written = 0
        shift = 0
        while written < events:
            n = min(block_events, events - written)
            if shift == 0:
                chunk = block
            else:
                chunk = array.array("f", block)
                # One float add per value would be slow in Python; shifting a few channels keeps blocks distinct.
                for i in range(0, len(chunk), channels * 97):
                    chunk[i] += shift
            f.write(memoryview(chunk)[: n * channels].tobytes())
            written += n
            shift += 1


def build_text(keywords: dict) -> bytes:
    parts = ["/"]
    for key, value in keywords.items():
        parts.append(f"{key}/{value}/")
    return "".join(parts).encode("ascii")


if __name__ == "__main__":
    main()
