#!/usr/bin/env python3
"""Writes a larger copy of an FCS 3.x file whose DATA is byte-aligned list mode, for whole-process memory timings.

    enlarge-fcs.py IN.fcs OUT.fcs FACTOR

DATA is repeated FACTOR times (so every event appears FACTOR times), $TOT and the DATA offsets are rewritten,
every other keyword ($SPILLOVER/SPILL, $PnN, $PnS, ...) is kept, so a template that gates IN gates OUT the same way.
ANALYSIS and supplemental TEXT are dropped. Standard library only.
"""
import sys


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    source, out, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
    raw = open(source, "rb").read()
    header = raw[:58].decode("ascii")
    text_begin, text_end = int(header[10:18]), int(header[18:26])
    text = raw[text_begin:text_end + 1]
    delimiter = text[:1]
    fields = text[1:].split(delimiter)
    if fields and fields[-1] == b"":
        fields = fields[:-1]
    keywords = dict(zip(fields[0::2], fields[1::2]))
    order = list(keywords)
    begin = int(keywords[b"$BEGINDATA"]) or int(header[26:34])
    end = int(keywords[b"$ENDDATA"]) or int(header[34:42])
    data = raw[begin:end + 1]
    keywords[b"$TOT"] = str(int(keywords[b"$TOT"]) * factor).encode()
    for key in (b"$BEGINANALYSIS", b"$ENDANALYSIS", b"$BEGINSTEXT", b"$ENDSTEXT"):
        if key in keywords:
            keywords[key] = b"0"
    width = 20
    keywords[b"$BEGINDATA"] = b"0" * width
    keywords[b"$ENDDATA"] = b"0" * width

    def build() -> bytes:
        return delimiter + b"".join(k + delimiter + keywords[k] + delimiter for k in order)

    new_text_begin = 58
    text_length = len(build())
    data_begin = new_text_begin + text_length
    data_end = data_begin + len(data) * factor - 1
    keywords[b"$BEGINDATA"] = str(data_begin).rjust(width, "0").encode()
    keywords[b"$ENDDATA"] = str(data_end).rjust(width, "0").encode()
    new_text = build()
    assert len(new_text) == text_length
    header_data = (data_begin, data_end) if data_end <= 99_999_999 else (0, 0)
    new_header = header[:10] + "".join(str(v).rjust(8) for v in (new_text_begin, new_text_begin + text_length - 1, *header_data, 0, 0))
    with open(out, "wb") as f:
        f.write(new_header.encode("ascii"))
        f.write(new_text)
        for _ in range(factor):
            f.write(data)


if __name__ == "__main__":
    main()
