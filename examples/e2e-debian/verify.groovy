import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def ids = ['3.11.2-debian12-openssl3.0.20', '3.13.5-debian13-openssl3.5.7']
// both builds built both cells and verified them green (fips:build fails on any red check); run 6 verified the pulled images
ids.each { id ->
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\S+\s+built\s/).count == 2 : "build summary row for ${id}"
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count == 3 : "verify row for ${id}"
}
assert log.contains('strict: md5 refused even with usedforsecurity=False')
assert log.contains('allow-non-security: md5 allowed only with usedforsecurity=False')
assert (log =~ /cpython-tests\s+test_hashlib test_hmac: run=\d+/).count == 4
// fail closed in every image: environment, openssl command, entrypoint bypassed on a read-only root filesystem
['fails-closed-environment', 'openssl-cli-fails-closed', 'start-bypassed-read-only', 'fips-module-config'].each { check ->
    // runs 1 and 2 (both policies) and run 6 (the images pulled by digest)
    assert (log =~ /PASS\s+linux\/amd64: ${check}\s/).count == 6 : "${check} passed in both cells, both policies, and after the pull"
}
def report = new File(basedir, 'target/fips/report')
assert new File(report, 'index.html').text.contains('3.13.5-debian13-openssl3.5.7')
assert new File(report, 'TEST-3.11.2-debian12-openssl3.0.20.xml').text.contains('failures="0"')

// release: images.json records run 1's images as pushed, and each digest is the registry's manifest digest
def images = new JsonSlurper().parse(new File(basedir, 'target/fips/images.json'))
assert images.schemaVersion == 1
assert images.cells*.id == ids
images.cells.each { c ->
    assert c.status == 'pushed' : c
    assert c.imageId ==~ /sha256:[0-9a-f]{64}/
    assert c.baseImage.reference.startsWith('local/debian:')
    assert c.pushes*.reference == ["127.0.0.1:5000/python-fips:${c.id}",
                                   "127.0.0.1:5000/python-fips:${c.id.split('-')[0].tokenize('.')[0..1].join('.')}-${c.id.split('-')[1]}-e2e"]*.toString()
    c.pushes.each { p ->
        def tag = p.reference.substring(p.reference.lastIndexOf(':') + 1)
        def conn = new URL("http://127.0.0.1:5000/v2/python-fips/manifests/${tag}").openConnection()
        conn.requestMethod = 'HEAD'
        conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.v2+json')
        assert conn.responseCode == 200 : p.reference
        assert conn.getHeaderField('Docker-Content-Digest') == p.digest : "registry digest of ${p.reference}"
        assert p.pinned == "127.0.0.1:5000/python-fips@${p.digest}"
    }
}
assert (log =~ /\[drop-recorded-images\] docker rmi -f sha256:/).count == 2
// run 5: no local image -> a clear failure, nothing pulled
assert log.contains('fips:verify never pulls by name')
// run 6: pulled by the recorded digests and verified those
ids.each { id ->
    def digest = images.cells.find { it.id == id }.pushes[0].digest
    assert log.contains("pulling 127.0.0.1:5000/python-fips@${digest}")
    assert log.contains("${id}: verifying 127.0.0.1:5000/python-fips@${digest}")
}
return true
