import groovy.json.JsonSlurper
import java.security.MessageDigest

def out = new File(basedir, 'target/fips')
def log = new File(basedir, 'build.log').text
def cells = new JsonSlurper().parse(new File(out, 'matrix.json')).cells
assert cells*.id == ['3.11.2-debian12-openssl3.0.20', '3.13.5-debian13-openssl3.5.7']
cells.each { c ->
    def ctx = new File(out, c.contextDir)
    // every tarball is in the context and matches SHA256SUMS (and thereby the catalog)
    new File(ctx, 'sources/SHA256SUMS').eachLine { line ->
        def (sum, name) = line.split('  ')
        def f = new File(ctx, "sources/${name}")
        assert f.isFile() : "missing ${name}"
        def md = MessageDigest.getInstance('SHA-256')
        f.withInputStream { is -> byte[] b = new byte[65536]; int n; while ((n = is.read(b)) > 0) md.update(b, 0, n) }
        assert md.digest().encodeHex().toString() == sum : "checksum of ${name}"
    }
    assert new File(ctx, 'Dockerfile').text.contains('LABEL dev.pythonfips.cell=')
    assert new File(ctx, 'Dockerfile').text.contains('dev.pythonfips.fips.validated="false"')
}
// the patch was dry-run against each real tarball at generate time
assert log.contains('patch dry-run: patches/3.11/python-fips.patch on Python-3.11.2.tgz applies')
assert log.contains('patch dry-run: patches/3.13/python-fips.patch on Python-3.13.5.tar.xz applies')
assert log.contains('fetched and verified Python-3.11.2.tgz from file:')
assert log.contains('NOT a validated module')
return true
