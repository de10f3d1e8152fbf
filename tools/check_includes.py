#!/usr/bin/env python3
"""Checks every module's #include "..." lines against its README.

A module is a directory under src/ with a README.md; a file belongs to the
deepest such directory that holds it (src/sql/lexer/token.h belongs to
src/sql). Each README has a paragraph starting "Allowed dependencies" whose
backticked tokens name what the module's code may include besides itself:
  `sql/value`          headers of the module src/sql/value (and the public
                       headers that module owns, see PUBLIC_OWNERS);
  `sluice/database.h`  that one public header (also `include/sluice/...`);
  `sluice_sql_value`   a library name counts for its module (see normalize).
A paragraph starting "Test dependencies" adds tokens for the module's tests
(*_test.cc, *test_util.h, test_*.h, fuzzers). Angle-bracket includes (the
standard library, third-party packages) are not checked here; READMEs justify
those in prose.

Prints each violation as FILE:LINE: includes HEADER (module M), not allowed
by src/X/README.md, and exits 1 if there is any.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src")

# Public headers (include/sluice/...) and the module that implements them.
PUBLIC_OWNERS = [
    ("sluice/status.h", "base"),
    ("sluice/result.h", "base"),
    ("sluice/result_code.h", "base"),
    ("sluice/version.h", "base"),  # generated
    ("sluice/database.h", "sql/connection"),
    ("sluice/sqlite_file.h", "sql/connection"),
    ("sluice/sql_text.h", "sql"),
    ("sluice/parallel", "parallel"),  # sluice/parallel.h and sluice/parallel/*
    ("sluice/stream", "stream"),  # sluice/stream.h and sluice/stream/*
    ("sluice/generator.h", "stream"),
    ("sluice/mapreduce", "mapreduce"),  # mapreduce.h, mapreduce_streaming.h, mapreduce_words.h
]

INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')
TOKEN_RE = re.compile(r"`([^`]+)`")


def modules():
    found = []
    for dirpath, _, filenames in os.walk(SRC):
        if "README.md" in filenames:
            found.append(os.path.relpath(dirpath, SRC))
    return sorted(found, key=len, reverse=True)


def owner_of(path, mods):
    """The module (relative to src/) that holds src-relative `path`."""
    for m in mods:
        if path == m or path.startswith(m + "/"):
            return m
    return None


def public_owner(header):
    for prefix, owner in PUBLIC_OWNERS:
        if header == prefix or header.startswith(prefix + "/") or header.startswith(prefix + "_") or \
                header == prefix + ".h":
            return owner
    return None


def normalize(token):
    """A README token as a module name or a public header path.

    Library names count for their module: `sluice_base` and `sluice_env` are
    base, `sluice_sql_value` is sql/value, `sluice_sql_parser` and
    `sluice_sql_text` are sql, `sluice_X_main` is X; `include/sluice/F` is
    the public header sluice/F."""
    if token.startswith("include/"):
        return token[len("include/"):]
    if not token.startswith("sluice_"):
        return token
    name = token[len("sluice_"):]
    if name.endswith("_main"):
        name = name[:-len("_main")]
    special = {"env": "base", "sql_parser": "sql", "sql_text": "sql", "shell_main": "shell"}
    if name in special:
        return special[name]
    if name.startswith("sql_"):
        return "sql/" + name[len("sql_"):]
    return name


def paragraph_tokens(text, heading):
    tokens = set()
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.lstrip("*# ").strip()
        if not stripped.lower().startswith(heading):
            continue
        j = i
        while j < len(lines) and lines[j].strip():
            tokens.update(normalize(t) for t in TOKEN_RE.findall(lines[j]))
            j += 1
    return tokens


def is_test_file(rel):
    name = os.path.basename(rel)
    return ("/fuzz/" in rel or name.endswith("_test.cc") or name.endswith("test_util.h") or name.startswith("test_") or
            name.endswith("_fuzzer.cc"))


def main():
    mods = modules()
    rules = {}
    for m in mods:
        with open(os.path.join(SRC, m, "README.md"), encoding="utf-8") as f:
            text = f.read()
        allowed = paragraph_tokens(text, "allowed dependencies")
        if not allowed and "allowed dependencies" not in text.lower():
            print(f"check_includes: src/{m}/README.md has no 'Allowed dependencies' paragraph")
            rules[m] = None
            continue
        rules[m] = (allowed, allowed | paragraph_tokens(text, "test dependencies"))

    top_dirs = set(os.listdir(SRC))
    problems = 0
    checked = 0
    for dirpath, _, filenames in os.walk(SRC):
        for name in sorted(filenames):
            if not (name.endswith(".cc") or name.endswith(".h") or name.endswith(".cc.in")):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, SRC)
            mod = owner_of(rel, mods)
            if mod is None:
                print(f"check_includes: src/{rel} is in no module (no README.md above it)")
                problems += 1
                continue
            if rules.get(mod) is None:
                problems += 1
                continue
            allowed = rules[mod][1] if is_test_file(rel) else rules[mod][0]
            checked += 1
            with open(full, encoding="utf-8", errors="replace") as f:
                for lineno, line in enumerate(f, 1):
                    match = INCLUDE_RE.match(line)
                    if not match:
                        continue
                    header = match.group(1)
                    if header.startswith("sluice/"):
                        owner = public_owner(header)
                        if owner is None:
                            print(f"src/{rel}:{lineno}: includes {header}, a public header with no owner in "
                                  f"tools/check_includes.py")
                            problems += 1
                            continue
                        if owner == mod or owner in allowed or header in allowed:
                            continue
                        target = owner
                    else:
                        if not os.path.exists(os.path.join(SRC, header)):
                            # A file of the same directory, or a third-party header
                            # written with quotes ("gtest/gtest.h").
                            if os.path.exists(os.path.join(dirpath, header)) or \
                                    header.split("/")[0] not in top_dirs:
                                continue
                            print(f"src/{rel}:{lineno}: includes {header}, which is not a file under src/")
                            problems += 1
                            continue
                        target = owner_of(header, mods)
                        if target == mod or target in allowed:
                            continue
                    print(f"src/{rel}:{lineno}: includes {header} (module {target}), not allowed by "
                          f"src/{mod}/README.md")
                    problems += 1
    if problems:
        print(f"check_includes: {problems} problem(s) in {checked} files")
        return 1
    print(f"check_includes: {checked} files in {len(mods)} modules include only what their README allows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
