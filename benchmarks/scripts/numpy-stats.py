#!/usr/bin/python3
# The peer figure for `inspect --stats --json`: what fcsparser does to give a user the same numbers (parse HEADER
# and TEXT, numpy.fromfile the DATA segment as $PAR float32 columns, then min, max, mean and the non-finite count of
# every channel), written against numpy alone because PyPI (fcsparser, pandas) is not reachable here.
# Usage: numpy-stats.py FILE.fcs  (float32 list-mode data, one data set)
import json
import sys

import numpy as np

path = sys.argv[1]
with open(path, "rb") as f:
    header = f.read(58)
    text_start, text_end = int(header[10:18]), int(header[18:26])
    data_start, data_end = int(header[26:34]), int(header[34:42])
    f.seek(text_start)
    text = f.read(text_end - text_start + 1).decode("latin-1")
delimiter = text[0]
fields = text[1:].split(delimiter)
keywords = {fields[i].upper(): fields[i + 1] for i in range(0, len(fields) - 1, 2)}
if data_start == 0:
    data_start, data_end = int(keywords["$BEGINDATA"]), int(keywords["$ENDDATA"])
channels = int(keywords["$PAR"])
order = "<" if keywords["$BYTEORD"].startswith("1,2") else ">"
events = np.fromfile(path, dtype=order + "f4", count=(data_end - data_start + 1) // 4, offset=data_start)
events = events.reshape(-1, channels)
stats = []
for c in range(channels):
    column = events[:, c]
    non_finite = int(column.size - np.count_nonzero(np.isfinite(column)))
    if non_finite:  # only then pay for a filtered copy, as a user's script would
        column = column[np.isfinite(column)]
    stats.append({"name": keywords.get(f"$P{c + 1}N"), "min": float(column.min()), "max": float(column.max()),
                  "mean": float(column.mean(dtype=np.float64)), "non_finite": non_finite})
json.dump({"events": events.shape[0], "channels": stats}, sys.stdout)
