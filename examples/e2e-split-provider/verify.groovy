import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def id = '3.9.2-debian12-openssl3.5.7-fips3.0.20'
def image = "python-fips:${id}"
// the second engine this project built on (its pom's docker.host): every check below runs its image there
def engine = (new File(basedir, 'pom.xml').text =~ /<docker\.host>([^<]+)<\/docker\.host>/)[0][1]
assert engine == 'tcp://127.0.0.1:2375'

// The build log against the manifests (scripts/e2e/compare-build-log.groovy)
def compareBuildLog = evaluate(new File(projectRoot, 'scripts/e2e/compare-build-log.groovy'))
compareBuildLog(basedir, log, id, 1)
assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\S+\s+built\s/).count == 1 : 'build summary row'
assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count == 1 : 'verify row'
// the provider is 3.0.20 while the library is 3.5.7
assert log.contains('fips-provider-active') && log.contains('fips 3.0.20 active')
assert log.contains('OpenSSL 3.5.7')
// fail closed, and startup mode from every start path
assert log =~ /PASS\s+linux\/amd64: fails-closed-environment\s/
assert log =~ /PASS\s+linux\/amd64: openssl-cli-fails-closed\s/
assert log =~ /PASS\s+linux\/amd64: start-bypassed-read-only\s/
assert log.contains('startup: /opt/python-fips/ssl/fipsmodule.cnf -> /tmp/python-fips/fipsmodule.cnf')
// 3.9's random.py hunk: import random loads no OpenSSL; a str seed takes SHA-512 from it (startup mode: it also
// writes the module configuration on first use)
assert log =~ /PASS\s+linux\/amd64: random-loads-no-openssl\s+import random, tempfile load no OpenSSL; a str seed takes SHA-512 from OpenSSL/
// pip=false: the image has neither pip nor ensurepip, and the conformance check says so
assert log =~ /PASS\s+linux\/amd64: pip-works\s+absent, as built \(pip=false\)/
def manifest = new JsonSlurper().parse(new File(basedir, "target/fips/${id}/manifest.json"))
assert manifest.fips.buildCommands.subList(4, 7) == ['./Configure enable-fips', 'make', 'make install_fips']
assert manifest.fips.tarballModified == false
assert manifest.fipsInstall == 'startup'
assert manifest.python.pip == false
// pgo-lto, the release default: the manifest says so, the interpreter was compiled with the profile and LTO, and
// when this run built the Python step (not the layer cache) its log shows the training
assert manifest.python.optimizations == 'pgo-lto'
// the default linkage: the interpreter linked into python3, a position-independent executable; no libpython3.9.so
assert manifest.python.interpreterLinkage == 'executable-pie'
assert log =~ /PASS\s+linux\/amd64: interpreter-linkage\s+executable-pie: \/opt\/python-fips\/bin\/python3\.9 is position-independent; no libpython/
// the training the manifest records (e2e.pgoTraining: upstream in CI, regression-suite before a release) is the one
// that ran when this run built the Python step: upstream's --pgo set is exactly the image's own list
// (test.libregrtest.pgo.PGO_TESTS: 43 tests in 3.9), never the whole suite; the regression suite runs hundreds
def training = manifest.python.pgoTraining
assert training in ['upstream', 'regression-suite']
Integer trainingTests = null
if (log.contains('run python: make ')) {
    def selection = training == 'upstream' ? '--pgo ' : '--pgo-extended '
    assert log.contains('run python: make -j"$PYFIPS_JOBS" PROFILE_TASK=\'-m test ' + selection)
    assert log =~ /Run tests in parallel using \d+ child processes/ : 'the PGO training ran'
    assert log =~ /Tests result: (SUCCESS|FAILURE)/ : 'the PGO training finished'
    trainingTests = (log =~ /DOCKER> .*\[\s*\d+\/(\d+)\] /).collect { it[1] as int }.max()
}
assert new File(basedir, "target/fips/report/TEST-${id}.xml").text.contains('failures="0"')

// The issue's own reproduction, run for real against the built image.
def dockerRun = evaluate(new File(projectRoot, 'scripts/e2e/docker-run.groovy'))
def docker = { List<String> args -> dockerRun(args, engine) }
def (fl, flags, flErr) = docker(['--entrypoint', 'env', image, 'python3', '-c',
        "import sysconfig; print(sysconfig.get_config_var('PY_CFLAGS_NODIST'))"])
assert fl == 0 && flags.contains('-fprofile-use') && flags.contains('-flto') : "pgo-lto build flags: ${flags} ${flErr}"
// the recipe's -g0 came after configure's -g (GCC takes the last): no debug information was built only to be stripped
assert flags.tokenize().findAll { it ==~ /-g\d?/ }.last() == '-g0' : "debug information off in the build flags: ${flags}"
if (trainingTests != null) {
    if (training == 'upstream') {
        def (pr, pgoTests, perr) = docker(['--entrypoint', 'env', image, 'python3', '-c',
                'from test.libregrtest.pgo import PGO_TESTS; print(len(PGO_TESTS))'])
        assert pr == 0 && trainingTests == (pgoTests.trim() as int) : "the upstream training ran ${trainingTests} tests, the --pgo list has ${pgoTests} ${perr}"
    } else {
        assert trainingTests > 200 : "the regression-suite training ran ${trainingTests} tests"
    }
}
def md5 = ['python3', '-c', "import hashlib; hashlib.md5(b'x')"]
def (rc, out, err) = docker(['--entrypoint', 'env', image] + md5)
assert rc != 0 && err.contains('is not approved in FIPS mode') : "entrypoint bypassed: md5 must be refused: ${err}"
(rc, out, err) = docker(['--entrypoint', 'env', '-e', 'OPENSSL_CONF=/dev/null', image] + md5)
assert rc != 0 && err.contains('is disabled because OpenSSL is not in FIPS mode') : "OPENSSL_CONF=/dev/null: ${err}"
(rc, out, err) = docker(['--read-only', '--tmpfs', '/tmp', '--entrypoint', 'env', image,
                         'python3', '-c', "import hashlib; print(hashlib.sha256(b'abc').hexdigest())"])
assert rc == 0 && out.startsWith('ba7816bf') : "read-only root, entrypoint bypassed: sha256 must work: ${err}"
(rc, out, err) = docker(['--read-only', '--entrypoint', 'env', image, 'python3', '-c', 'import hashlib'])
assert rc != 0 && err.contains('writable /tmp') : "read-only root without a writable /tmp must refuse clearly: ${err}"
// pip=false: no pip; a venv without pip still runs under FIPS
(rc, out, err) = docker([image, 'python3', '-m', 'pip', '--version'])
assert rc != 0 && err.contains('No module named pip') : "pip=false image: pip must be absent: ${out} ${err}"
(rc, out, err) = docker(['--tmpfs', '/tmp', image, 'sh', '-c',
                         "python3 -m venv --without-pip /tmp/v && /tmp/v/bin/python -c \"import hashlib; print(hashlib.sha256(b'abc').hexdigest())\""])
assert rc == 0 && out.startsWith('ba7816bf') : "venv --without-pip in a pip=false image: ${out} ${err}"

// Built on the second engine, never on the first: python-fips and fabric8 went to docker.host
def inspect = { String host -> ['docker', '-H', host, 'image', 'inspect', '--format', '{{.Id}}', image].execute().with { it.waitFor(); it.exitValue() == 0 ? it.text.trim() : null } }
def record = new JsonSlurper().parse(new File(basedir, 'target/fips/images.json'))
def entry = record.cells.find { it.id == id }
assert inspect(engine) == entry.imageId : "the recorded image ${entry.imageId} is the second engine's"
// Run 2: the job's push, under its platform's tag only, recorded with the digest the registry serves
def ref = "127.0.0.1:5000/python-fips:${id}-linux-amd64"
assert entry.pushes*.reference == [ref] : "a per-platform push pushes the platform's tag only: ${entry.pushes*.reference}"
def digest = entry.pushes[0].digest
def head = ['curl', '-sfI', '-H', 'Accept: application/vnd.docker.distribution.manifest.v2+json',
            "http://127.0.0.1:5000/v2/python-fips/manifests/${id}-linux-amd64"].execute()
head.waitFor()
assert head.exitValue() == 0 && head.text.toLowerCase().contains("docker-content-digest: ${digest}") : "the registry serves ${digest} for ${ref}"
assert entry.buildInputs ==~ /sha256:[0-9a-f]{64}/ : "fips:build recorded the build inputs"
return true
