#!/bin/sh
# Stage "build": ship compiled bytecode for the stdlib and the bundled packages (pip), so a container
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
# -B and -f: compileall's own imports (multiprocessing, hashlib, random, ...) must not leave timestamp .pyc behind
# (the import system writes them, and compileall, without -f, keeps any .pyc whose header matches the source's mtime,
# whatever --invalidation-mode says); a timestamp .pyc goes stale when the prefix's mtimes are set to the build date.
# Files that are deliberately invalid (test data) are excluded like CPython's own `make install` does.
# shellcheck source=common.sh
. /fips/scripts/common.sh
pylib="$P/lib/python$PYFIPS_PYTHON_MINOR"
find "$P" -depth -type d -name __pycache__ -exec rm -rf {} +
"$P/bin/python3" -E -s -B -Wi -m compileall -q -f -j0 -o 0 --invalidation-mode unchecked-hash \
  -x '(^|/)(bad_coding|badsyntax)|lib2to3/tests/data|test_lib2to3/data|tokenizedata/bad' "$pylib" \
  || die "compileall failed"
missing=$("$P/bin/python3" -E -s -B - "$pylib" <<'PY'
import importlib.util, os, re, sys
skip = re.compile(r'(^|/)(bad_coding|badsyntax)|lib2to3/tests/data|test_lib2to3/data|tokenizedata/bad')
n = 0
for root, dirs, files in os.walk(sys.argv[1]):
    for f in files:
        p = os.path.join(root, f)
        if not f.endswith('.py') or skip.search(p):
            continue
        pyc = importlib.util.cache_from_source(p)
        flags = None
        if os.path.exists(pyc):
            with open(pyc, 'rb') as c:
                flags = int.from_bytes(c.read(8)[4:8], 'little')
        if flags != 1:  # PEP 552: 1 = hash-based, unchecked
            n += 1
            print(p, 'has no .pyc' if flags is None else 'has a .pyc that is not unchecked-hash (flags %d)' % flags,
                  file=sys.stderr)
print(n)
PY
)
[ "$missing" = 0 ] || die "$missing .py files have no unchecked-hash .pyc"
log "bytecode: $(find "$pylib" -name '*.pyc' | wc -l) .pyc files (unchecked-hash, level 0)"
