import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def id = '3.11.2-debian12-openssl3.0.20'
def q = { String s -> java.util.regex.Pattern.quote(s) }

// runs 1-2: the OpenSSL + FIPS module steps built for linux/arm64, the module's self-tests passed there
assert log.contains('image config: linux/arm64')
assert log =~ /INSTALL PASSED/
assert log.contains('PASS SHA-256(abc) through the FIPS provider')
assert log =~ /PASS MD5 refused/
assert log.contains("PASS: ${id}'s FIPS module built for linux/arm64 and passed its self-tests there")

// run 3: the linux/arm64-only cell was built for arm64 (image config checked after the build), never for the host
assert log.contains("python-fips: ${id}: image config says linux/arm64 (asked linux/arm64)")
def single = new JsonSlurper().parse(new File(basedir, 'target/fips/images.json')).cells.find { it.id == id }
assert single != null && single.status == 'built' && single.platforms == ['linux/arm64']
// ... and verified on linux/arm64 under emulation: every check passed, CPython's own tests included
assert log =~ /(?m)^\[INFO\]\s+${q(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/ : 'verify row GREEN'
['fips-provider-active', 'fails-closed-environment', 'openssl-cli-fails-closed', 'fips-module-config', 'start-bypassed-read-only',
 'random-loads-no-openssl'].each { check ->
    assert log =~ /PASS\s+linux\/arm64: ${check}\s/ : "${check} passed on linux/arm64"
}
assert log =~ /PASS\s+linux\/arm64: cpython-tests\s+test_hashlib test_hmac test_random: run=\d+/

// run 4: the same cell for two platforms: one image per platform, each built on its own pinned base
def multi = new JsonSlurper().parse(new File(basedir, 'target/fips-multi/images.json')).cells.find { it.id == id }
assert multi.platforms == ['linux/amd64', 'linux/arm64']
assert multi.platformImages*.platform == ['linux/amd64', 'linux/arm64']
assert multi.platformImages*.reference == ["python-fips:${id}-linux-amd64", "python-fips:${id}-linux-arm64"]*.toString()
multi.platformImages.each { pi ->
    assert pi.imageId ==~ /sha256:[0-9a-f]{64}/
    assert pi.baseImage.reference ==~ /127\.0\.0\.1:5000\/debian@sha256:[0-9a-f]{64}/
    assert log.contains("${pi.reference} is ${pi.imageId}, image config says ${pi.platform} (asked ${pi.platform})")
}
assert multi.platformImages[0].baseImage.digest != multi.platformImages[1].baseImage.digest
// the arm64 half reused run 3's compile layers (same steps on the same base); only manifest.json (which names the
// cell's platforms) and what follows it were redone
['linux/amd64', 'linux/arm64'].each { p ->
    assert log =~ /PASS\s+${q(p)}: fips-provider-active\s/
}
assert !log.contains('NOT VERIFIED')

// run 5: pushed as one manifest list under each reference; the registry serves exactly the recorded list
assert multi.status == 'pushed'
assert multi.pushes*.reference == ["127.0.0.1:5000/python-fips:${id}", '127.0.0.1:5000/python-fips:3.11-debian12-multi']*.toString()
multi.pushes.each { p ->
    def tag = p.reference.substring(p.reference.lastIndexOf(':') + 1)
    def conn = new URL("http://127.0.0.1:5000/v2/python-fips/manifests/${tag}").openConnection()
    conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.list.v2+json')
    assert conn.responseCode == 200
    assert conn.getHeaderField('Docker-Content-Digest') == p.digest
    def list = new JsonSlurper().parse(conn.inputStream)
    assert list.mediaType == 'application/vnd.docker.distribution.manifest.list.v2+json'
    assert list.manifests.collect { "${it.platform.os}/${it.platform.architecture}".toString() } == ['linux/amd64', 'linux/arm64']
    assert list.manifests*.digest == p.manifests*.digest
}
// runs 6-7: both platform images dropped, then each platform verified from the registry by its digest
assert (log =~ /\[drop-platform-images\] docker rmi -f sha256:/).count == 2
multi.pushes[0].manifests.each { m ->
    assert log.contains("pulling 127.0.0.1:5000/python-fips@${m.digest}")
}
assert (log =~ /(?m)^\[INFO\]\s+${q(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count == 3 : 'GREEN in runs 3, 4 and 7'
