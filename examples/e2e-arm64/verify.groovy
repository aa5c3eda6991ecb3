import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def id = '3.11.2-debian12-openssl3.0.20'
def images = new JsonSlurper().parse(new File(basedir, 'target/fips/images.json'))
def cell = images.cells.find { it.id == id }
assert cell != null && cell.status == 'built' : "images.json records ${id} as built"
// the image the engine holds under the recorded id is an arm64 image, never the host's architecture
def proc = ['docker', 'image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', cell.imageId].execute()
proc.waitFor()
assert proc.in.text.trim() == 'linux/arm64' : "recorded image ${cell.imageId} is linux/arm64"
// every check ran on linux/arm64 (under emulation) and passed; no platform left unverified
assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count == 1 : 'verify row GREEN'
assert !log.contains('NOT VERIFIED')
['fips-provider-active', 'fails-closed-environment', 'openssl-cli-fails-closed', 'fips-module-config', 'start-bypassed-read-only'].each { check ->
    assert log =~ /PASS\s+linux\/arm64: ${check}\s/ : "${check} passed on linux/arm64"
}
assert log =~ /cpython-tests\s+test_hashlib test_hmac: run=\d+/
// and what runs in it is arm64 code (emulated here): uname and Python's own view of the machine
def run = ['docker', 'run', '--rm', '--network', 'none', '--platform', 'linux/arm64', '--entrypoint', 'sh', cell.imageId,
           '-c', 'uname -m; python3 -c "import platform, ssl; print(platform.machine(), ssl.OPENSSL_VERSION)"'].execute()
run.waitFor()
def out = run.in.text
assert run.exitValue() == 0 && out.readLines()[0] == 'aarch64' && out.readLines()[1].startsWith('aarch64 OpenSSL 3.0.20') : out
