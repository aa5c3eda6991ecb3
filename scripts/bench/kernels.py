"""python-fips benchmark kernels, run INSIDE a container by scripts/bench/run.sh (any CPython 3.9+).

  kernels.py kernels N     CPU kernels, best of N repetitions each: "kernel <name> <seconds>"
  kernels.py startup N     interpreter start-up, N runs of each command: "startup <name> <min ms> <median ms>"
  kernels.py crypto        sha256 / HMAC-SHA256 throughput through the active OpenSSL provider: "crypto <name> <MB/s>"
  kernels.py bytecode      stdlib .py files without a .pyc next to them: "bytecode missing <n> of <total>"

Only the standard library is used. Timings are wall-clock (time.perf_counter), each kernel is deterministic.
"""
import os
import statistics
import subprocess
import sys
import time


def k_float():  # n-body-like float arithmetic
    x, y, vx, vy = 1.0, 0.0, 0.0, 0.5
    for _ in range(2_400_000):
        r2 = x * x + y * y
        r3 = r2 * (r2 ** 0.5)
        vx -= x / r3 * 0.001
        vy -= y / r3 * 0.001
        x += vx * 0.001
        y += vy * 0.001
    return x + y


def k_fib():  # function calls, recursion
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    return fib(30)


def k_dict_str():  # dicts, str methods, formatting
    counts = {}
    for i in range(1_200_000):
        w = "w%d" % (i % 1000)
        counts[w] = counts.get(w, 0) + 1
    return len(" ".join(sorted(k.upper() for k in counts)))


def k_objects():  # attribute access, method calls, small objects
    class Node:
        __slots__ = ("value", "next")

        def __init__(self, value, nxt):
            self.value = value
            self.next = nxt

        def total(self):
            n, s = self, 0
            while n is not None:
                s += n.value
                n = n.next
            return s
    head = None
    for i in range(300_000):
        head = Node(i, head)
    return sum(head.total() for _ in range(10))


def k_sort_comprehension():
    data = [(i * 7919) % 100_003 for i in range(600_000)]
    return sum(sorted([d * 2 for d in data if d % 3])[:10])


def k_json():
    import json
    doc = {"items": [{"id": i, "name": "item-%d" % i, "tags": ["a", "b", "c"], "price": i * 1.5} for i in range(2000)]}
    for _ in range(30):
        doc = json.loads(json.dumps(doc))
    return len(doc["items"])


def k_regex():
    import re
    text = " ".join("user%d@example%d.com key=value%d" % (i, i % 7, i) for i in range(180_000))
    pat = re.compile(r"(\w+)@(\w+)\.com key=(\w+)")
    return sum(len(m.group(3)) for m in pat.finditer(text))


def k_generators():
    def gen(n):
        for i in range(n):
            if i % 3 == 0:
                yield i * i
    return sum(x % 97 for x in gen(3_600_000))


KERNELS = [k_float, k_fib, k_dict_str, k_objects, k_sort_comprehension, k_json, k_regex, k_generators]


def kernels(reps):
    for k in KERNELS:
        best = float("inf")
        for _ in range(reps):
            t = time.perf_counter()
            k()
            best = min(best, time.perf_counter() - t)
        print("kernel %s %.6f" % (k.__name__[2:], best), flush=True)


STARTUP = [
    ("pass", "pass"),
    ("import-set", "import hashlib, ssl, json, asyncio, email.message, http.client"),
    ("hashlib", "import hashlib"),
    ("ssl", "import ssl"),
    ("json", "import json"),
    ("asyncio", "import asyncio"),
    ("email.message", "import email.message"),
    ("http.client", "import http.client"),
    # not in the set: needs no crypto, but imports random, which needs SHA-512 only for str/bytes seeds
    ("tempfile", "import tempfile"),
]


def timed(tag, name, command, runs, env=None):
    """Runs COMMAND once to warm up (page cache), then RUNS times; prints TAG NAME min median, in ms."""
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    print("%s %s %.2f %.2f" % (tag, name, min(times) * 1e3, statistics.median(times) * 1e3), flush=True)


def startup(runs):
    for name, code in STARTUP:
        timed("startup", name, [sys.executable, "-c", code], runs)


def throughput(fn, size):
    fn()  # warm-up
    n, t0 = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        dt = time.perf_counter() - t0
        if dt > 1.0:
            return n * size / dt / 1e6


def crypto():
    import hashlib
    import hmac
    try:
        import _hashlib
        fips = _hashlib.get_fips_mode()
    except (ImportError, AttributeError):
        fips = "n/a"
    big = os.urandom(1 << 20)
    small = os.urandom(64)
    key = os.urandom(32)
    print("crypto fips_mode %s" % fips)
    print("crypto sha256-1MiB %.1f" % throughput(lambda: hashlib.sha256(big).digest(), len(big)), flush=True)
    print("crypto sha256-64B %.1f" % throughput(lambda: [hashlib.sha256(small).digest() for _ in range(1000)],
                                                 64 * 1000), flush=True)
    print("crypto hmac-sha256-1MiB %.1f" % throughput(lambda: hmac.new(key, big, "sha256").digest(), len(big)), flush=True)
    print("crypto hmac-sha256-64B %.1f" % throughput(lambda: [hmac.digest(key, small, "sha256") for _ in range(1000)],
                                                      64 * 1000), flush=True)


def provider_load(runs):
    """What loading the image's FIPS provider costs a process: the image's own openssl binary (`openssl version`, which
    loads the configuration and so the provider, whose self-tests run on every load) with the image's configuration
    and with none (OPENSSL_CONF=/dev/null: no provider loaded). Our images only (PYTHON_FIPS_PREFIX)."""
    prefix = os.environ.get("PYTHON_FIPS_PREFIX")
    if not prefix:
        return  # not an image of ours: nothing printed, run.sh says n/a
    real = os.path.join(prefix, "libexec", "python-fips", "openssl")
    timed("load", "with-config", [real, "version"], runs)
    timed("load", "without-config", [real, "version"], runs, dict(os.environ, OPENSSL_CONF="/dev/null"))


def bytecode():
    import importlib.util
    import sysconfig
    stdlib = sysconfig.get_paths()["stdlib"]
    total = missing = 0
    for root, dirs, files in os.walk(stdlib):
        dirs[:] = [d for d in dirs if d not in ("test", "tests", "idle_test", "__pycache__", "site-packages", "dist-packages")]
        for f in files:
            if f.endswith(".py"):
                total += 1
                if not os.path.exists(importlib.util.cache_from_source(os.path.join(root, f))):
                    missing += 1
    print("bytecode missing %d of %d" % (missing, total))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "kernels":
        kernels(int(sys.argv[2]))
    elif mode == "startup":
        startup(int(sys.argv[2]))
    elif mode == "crypto":
        crypto()
    elif mode == "providerload":
        provider_load(int(sys.argv[2]))
    elif mode == "bytecode":
        bytecode()
    else:
        sys.exit("unknown mode " + mode)
