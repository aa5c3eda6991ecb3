def log = new File(basedir, 'build.log').text
// both runs built both cells and verified them green (fips:build fails on any red check)
['3.11.2-debian12-openssl3.0.20', '3.13.5-debian13-openssl3.5.7'].each { id ->
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\S+\s+built\s/).count == 2 : "build summary row for ${id}"
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+GREEN/).count == 2 : "verify row for ${id}"
}
assert log.contains('strict: md5 refused even with usedforsecurity=False')
assert log.contains('allow-non-security: md5 allowed only with usedforsecurity=False')
assert (log =~ /cpython-tests\s+test_hashlib test_hmac: run=\d+/).count == 4
// fail closed in every image: environment, openssl command, entrypoint bypassed on a read-only root filesystem
['fails-closed-environment', 'openssl-cli-fails-closed', 'start-bypassed-read-only', 'fips-module-config'].each { check ->
    assert (log =~ /PASS\s+${check}\s/).count == 4 : "${check} passed in both cells, both policies"
}
def report = new File(basedir, 'target/fips/report')
assert new File(report, 'index.html').text.contains('3.13.5-debian13-openssl3.5.7')
assert new File(report, 'TEST-3.11.2-debian12-openssl3.0.20.xml').text.contains('failures="0"')
return true
