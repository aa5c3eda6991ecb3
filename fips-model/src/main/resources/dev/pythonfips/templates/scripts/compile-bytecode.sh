#!/bin/sh
# Stage "build": ship compiled bytecode for the stdlib and the bundled packages (pip, setuptools), so a container
# never compiles at start (a non-root user cannot write __pycache__ under the prefix: without shipped .pyc every
# start of every container would compile the stdlib again, in memory, and never cache it).
# Invalidation mode unchecked-hash (PEP 552), as Wolfi ships:
#  - never rewritten at run time: the interpreter does not stat or hash the source, it trusts the .pyc; the
#    prefix is immutable in an image, so the check would only cost start-up time (checked-hash reads and hashes
#    every imported source on every start; timestamp compares mtimes, which a COPY or a rebuild may change, and
#    then recompiles in memory on every start because the directory is not writable);
#  - reproducible: the .pyc holds a hash of the source instead of its mtime, so the same sources give the
#    same bytes whatever the build date (no SOURCE_DATE_EPOCH needed).
# Optimisation level 0 only: the level that runs without -O/-OO (.opt-1/.opt-2.pyc would double the size).
# Files that are deliberately invalid (test data) are excluded like CPython's own `make install` does.
# shellcheck source=common.sh
. /fips/scripts/common.sh
pylib="$P/lib/python$PYFIPS_PYTHON_MINOR"
find "$P" -depth -type d -name __pycache__ -exec rm -rf {} +
"$P/bin/python3" -E -s -Wi -m compileall -q -j0 -o 0 --invalidation-mode unchecked-hash \
  -x '(^|/)(bad_coding|badsyntax)|lib2to3/tests/data|test_lib2to3/data|tokenizedata/bad' "$pylib" \
  || die "compileall failed"
missing=$("$P/bin/python3" -E -s - "$pylib" <<'PY'
import importlib.util, os, re, sys
skip = re.compile(r'(^|/)(bad_coding|badsyntax)|lib2to3/tests/data|test_lib2to3/data|tokenizedata/bad')
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        p = os.path.join(root, f)
        if f.endswith('.py') and not skip.search(p) and not os.path.exists(importlib.util.cache_from_source(p)):
            n += 1
            print(p, file=sys.stderr)
print(n)
PY
)
[ "$missing" = 0 ] || die "$missing .py files have no .pyc"
log "bytecode: $(find "$pylib" -name '*.pyc' | wc -l) .pyc files (unchecked-hash, level 0)"
