import groovy.json.JsonSlurper

// Two jobs on two engines, one manifest list per cell: what fips:assemble published and recorded, what fips:verify
// checked by digest, and the two refusals that published nothing.
def log = new File(basedir, 'build.log').text
def debian = '3.11.2-debian12-openssl3.0.20'
def split = '3.13.5-debian13-openssl3.5.7-fips3.0.20'
def read = { String path -> new JsonSlurper().parse(new File(basedir, path)) }
def jobs = [(debian): read('../e2e-debian/target/fips/images.json'), (split): read('../e2e-split-provider/target/fips/images.json')]
def head = { String tag ->
    def conn = new URL("http://127.0.0.1:5000/v2/python-fips/manifests/${tag}").openConnection()
    conn.requestMethod = 'HEAD'
    conn.setRequestProperty('Accept', 'application/vnd.docker.distribution.manifest.list.v2+json, application/vnd.docker.distribution.manifest.v2+json')
    [conn.responseCode, conn.getHeaderField('Docker-Content-Digest'), conn.getHeaderField('Content-Type')]
}

def images = read('target/fips/images.json')
assert images.cells*.id == [debian, split]
images.cells.each { c ->
    def job = jobs[c.id].cells.find { it.id == c.id }
    def jobPush = job.pushes.find { it.reference.endsWith("${c.id}-linux-amd64") }
    assert jobPush : "the job of ${c.id} pushed its platform's tag"
    // the list names the job's platform manifest, and the registry serves the list under both references
    assert c.status == 'pushed'
    assert c.buildInputs == job.buildInputs
    assert c.platformImages*.imageId == [job.imageId]
    assert c.pushes*.reference == ["127.0.0.1:5000/python-fips:${c.id}",
                                   "127.0.0.1:5000/python-fips:${c.id.split('-')[0].tokenize('.')[0..1].join('.')}-${c.id.split('-')[1]}-fanout"]*.toString()
    c.pushes.each { p ->
        assert p.manifests*.digest == [jobPush.digest] && p.manifests*.platform == ['linux/amd64']
        def (code, digest, type) = head(p.reference.substring(p.reference.lastIndexOf(':') + 1))
        assert code == 200 && digest == p.digest && type == 'application/vnd.docker.distribution.manifest.list.v2+json' : "${p.reference}: ${code} ${digest} ${type}"
    }
    assert log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(c.id)}\s+127\.0\.0\.1:5000\/python-fips:\S+\s+sha256:[0-9a-f]{64}\s+assembled \(1 platform\(s\)\)/
}
// the split cell was built on the second engine, never on this one: verify pulled its platform by digest
def splitDigest = images.cells.find { it.id == split }.pushes[0].manifests[0].digest
assert log.contains("pulling 127.0.0.1:5000/python-fips@${splitDigest} (fips.verify.pullByDigest=true)")
[debian, split].each { id ->
    assert log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/ : "verify row of ${id}"
}
// run 5: the split cell's record missing -> one line naming cell and platform, nothing published
assert log.contains("cell ${split} linux/amd64: no job recorded a push of 127.0.0.1:5000/python-fips:${split}-linux-amd64")
// run 7: a digest the registry does not serve -> one line naming cell, platform and digest
def other = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest('not an image'.bytes).encodeHex().toString()
assert log.contains("cell ${split} linux/amd64: the registry 127.0.0.1:5000 does not serve ${other}")
// run 9: the Debian 12 cell's platforms built from different inputs -> one line naming the cell and both platforms
def otherInputs = 'sha256:' + java.security.MessageDigest.getInstance('SHA-256').digest('other inputs'.bytes).encodeHex().toString()
assert log.contains("cell ${debian}: its platforms were built from different inputs: linux/amd64 from ${jobs[debian].cells.find { it.id == debian }.buildInputs}")
assert log.contains("linux/arm64 from ${otherInputs}")
assert !new File(basedir, 'target/fips-mismatch/images.json').exists() : 'the refused assembly wrote nothing'
assert (log =~ /nothing was assembled/).count == 3
// and the record of run 2 is what it was: the refusals wrote nothing
assert read('target/fips/images.json') == images
return true
