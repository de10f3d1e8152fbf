#!/usr/bin/env python3
"""check_partitions.py OUTPUT_DIR R: every key of part-0000j belongs there by
Hadoop's HashPartitioner (Text.hashCode = WritableComparator.hashBytes on
signed bytes, seeded with 1; (h & 0x7fffffff) % R), and each part file is
sorted by key in unsigned byte order. Exits 1 with the first violation."""
import glob
import sys


def hadoop_partition(key, r):
    h = 1
    for b in key:
        h = (31 * h + (b - 256 if b >= 128 else b)) & 0xFFFFFFFF
    return (h & 0x7FFFFFFF) % r


def main():
    out, r = sys.argv[1], int(sys.argv[2])
    names = sorted(glob.glob(out + "/part-*"))
    if len(names) != r:
        sys.exit(f"expected {r} part files, found {len(names)}")
    records = 0
    for p, name in enumerate(names):
        prev = None
        with open(name, "rb") as f:
            for line in f:
                key = line.rstrip(b"\n").split(b"\t", 1)[0]
                if hadoop_partition(key, r) != p:
                    sys.exit(f"{name}: key {key!r} belongs in part {hadoop_partition(key, r)}")
                if prev is not None and key < prev:
                    sys.exit(f"{name}: key {key!r} after {prev!r}")
                prev = key
                records += 1
    if records == 0:
        sys.exit("no records at all")


main()
