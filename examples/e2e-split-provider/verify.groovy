import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def id = '3.13.5-debian13-openssl3.5.7-fips3.0.20'
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
// import random loads no OpenSSL (upstream's random.py since 3.12; our hunk on 3.9 and 3.11)
assert log =~ /PASS\s+linux\/amd64: random-loads-no-openssl\s/
// pip=false: the image has neither pip nor ensurepip, and the conformance check says so
assert log =~ /PASS\s+linux\/amd64: pip-works\s+absent, as built \(pip=false\)/
def manifest = new JsonSlurper().parse(new File(basedir, "target/fips/${id}/manifest.json"))
assert manifest.fips.buildCommands.subList(4, 7) == ['./Configure enable-fips', 'make', 'make install_fips']
assert manifest.fips.tarballModified == false
assert manifest.fipsInstall == 'startup'
assert manifest.python.pip == false
// no <cryptography> in this cell: its checks say so (e2e-debian's cell has pyca/cryptography and runs them)
assert manifest.cryptography == ''
['cryptography-uses-our-openssl', 'cryptography-links-our-libcrypto', 'cryptography-refuses-non-approved',
 'cryptography-loads-no-provider', 'cryptography-fails-closed-environment', 'cryptography-x509-tls'].each { check ->
    assert log =~ /SKIP\s+linux\/amd64: ${check}\s+cryptography not configured for this cell/ : "${check} skipped"
}
// optimizations=none (e2e-debian builds the release default, pgo-lto)
assert manifest.python.optimizations == 'none'
// the default linkage: the interpreter linked into python3, a position-independent executable; no libpython3.13.so
assert manifest.python.interpreterLinkage == 'executable-pie'
assert log =~ /PASS\s+linux\/amd64: interpreter-linkage\s+executable-pie: \/opt\/python-fips\/bin\/python3\.13 is position-independent; no libpython/
assert new File(basedir, "target/fips/report/TEST-${id}.xml").text.contains('failures="0"')

// The issue's own reproduction, run for real against the built image.
def dockerRun = evaluate(new File(projectRoot, 'scripts/e2e/docker-run.groovy'))
def docker = { List<String> args -> dockerRun(args, engine) }
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
