"""mr: the companion module of Composing Programs 4.7, as shipped with sluice.

The chapter's MapReduce programs import it:

    from mr import emit                  # a mapper
    from mr import values_by_key, emit   # a reducer

emit(key, value)
    Writes one pair as a Hadoop Streaming line: repr(key) TAB repr(value).
values_by_key(lines)
    Groups sorted "key<TAB>value" lines (what `sort` or `sluice mr run`
    gives a reducer) and yields (key, iterator over the key's values), keys
    and values turned back into Python values with ast.literal_eval.

`sluice mr run` puts this module on the tasks' PYTHONPATH; for the chapter's
Unix pipeline, `cat input | ./mapper.py | sort | ./reducer.py`, put the
directory holding it on PYTHONPATH. As in the chapter,

    python3 mr.py run MAPPER REDUCER INPUT OUTPUT

runs the job (here with `sluice mr run`, or $SLUICE if set).
"""

import os
import sys
from ast import literal_eval
from itertools import groupby

__all__ = ["emit", "values_by_key"]


def emit(key, value):
    """Write one key-value pair to standard output."""
    # What print(repr(key), repr(value), sep="\t") writes, without print's
    # per-call overhead.
    sys.stdout.write(f"{key!r}\t{value!r}\n")


def _split(line):
    # Hadoop's contract: the key is the text before the first TAB; a line
    # without one is all key.
    key, _, value = line.rstrip("\r\n").partition("\t")
    return key, value


def _parse(text):
    # literal_eval, with a fast path for what repr() of an int gives (the
    # common case of counting jobs): int() accepts more spellings ("007",
    # "1_0", " 5"), so its result is used only when repr would print text.
    try:
        n = int(text)
    except ValueError:
        return literal_eval(text)
    return n if str(n) == text else literal_eval(text)


def values_by_key(lines):
    """Yield (key, values) for each run of equal keys in sorted key-value lines."""
    for key, pairs in groupby(map(_split, lines), key=lambda kv: kv[0]):
        yield _parse(key), (_parse(value) for _, value in pairs)


def _main(argv):
    if len(argv) != 6 or argv[1] != "run":
        print("usage: python3 mr.py run MAPPER REDUCER INPUT OUTPUT", file=sys.stderr)
        return 2
    _, _, mapper, reducer, input_path, output = argv
    sluice = os.environ.get("SLUICE", "sluice")
    os.execvp(sluice, [sluice, "mr", "run", "--mapper", mapper, "--reducer", reducer,
                       "--input", input_path, "--output", output])


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
