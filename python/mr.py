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
import shlex
import sys
from ast import literal_eval
from itertools import groupby
from operator import itemgetter, methodcaller

__all__ = ["emit", "values_by_key"]


def emit(key, value, _sys=sys):
    """Write one key-value pair to standard output."""
    # What print(repr(key), repr(value), sep="\t") writes, without print's
    # per-call overhead (sys is bound once: a global lookup per pair shows).
    _sys.stdout.write(f"{key!r}\t{value!r}\n")


def _parse(text):
    # literal_eval, with a fast path for what repr() of an int gives (the
    # common case of counting jobs): int() accepts more spellings ("007",
    # "1_0", " 5"), so its result is used only when repr would print text.
    try:
        n = int(text)
    except ValueError:
        return literal_eval(text)
    return n if str(n) == text else literal_eval(text)


class _Parsed(dict):
    """text -> _parse(text), remembering up to 4096 ints and strings.

    Counting jobs repeat a few small values millions of times; a hit is a
    dict lookup done in C (map over __getitem__) instead of a Python call.
    Only immutable results are kept, so sharing them is safe.
    """

    def __missing__(self, text):
        value = _parse(text)
        if type(value) in (int, str) and len(self) < 4096:
            self[text] = value
        return value


_parsed = _Parsed().__getitem__
# Hadoop's contract: the key is the text before the first TAB (of the line
# without its line end); a line without one is all key.
_strip_line_end = methodcaller("rstrip", "\r\n")
_split_at_tab = methodcaller("partition", "\t")
_key_text = itemgetter(0)
_value_text = itemgetter(2)


def values_by_key(lines):
    """Yield (key, values) for each run of equal keys in sorted key-value lines."""
    # Every step per line is a C function (map, methodcaller, itemgetter,
    # groupby): this is the inner loop of the chapter's reducers.
    for key, pairs in groupby(map(_split_at_tab, map(_strip_line_end, lines)), _key_text):
        yield _parse(key), map(_parsed, map(_value_text, pairs))


def _command(program):
    """MAPPER or REDUCER as a shell command for `sluice mr run`.

    The chapter names its programs as files of the current directory
    (`count_vowels_mapper.py`), which a shell would look for on PATH: such a
    file is named by its absolute path instead, and run with this Python
    when it is not executable. Anything else is a command, kept as is.
    """
    if not os.path.isfile(program):
        return program
    path = shlex.quote(os.path.abspath(program))
    return path if os.access(program, os.X_OK) else shlex.quote(sys.executable) + " " + path


def _main(argv):
    if len(argv) != 6 or argv[1] != "run":
        print("usage: python3 mr.py run MAPPER REDUCER INPUT OUTPUT", file=sys.stderr)
        return 2
    _, _, mapper, reducer, input_path, output = argv
    sluice = os.environ.get("SLUICE", "sluice")
    try:
        os.execvp(sluice, [sluice, "mr", "run", "--mapper", _command(mapper), "--reducer", _command(reducer),
                           "--input", input_path, "--output", output])
    except OSError as e:
        print(f"mr.py: cannot run {sluice}: {e.strerror} (install sluice with `make install`, or set SLUICE)",
              file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv))
