import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def ids = ['3.9.2-debian12-openssl3.5.7-fips3.0.20', '3.13.5-debian13-openssl3.5.7']

def compareBuildLog = evaluate(new File(projectRoot, 'scripts/e2e/compare-build-log.groovy'))
ids.each { id ->
    compareBuildLog(basedir, log, id, 1)
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\S+\s+built\s/).count >= 1 : "build summary row for ${id}"
    assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count >= 1 : "verify row for ${id}"
    assert new File(basedir, "target/fips/report/TEST-${id}.xml").text.contains('failures="0"')
}
assert (log =~ /cpython-tests\s+test_hashlib test_hmac test_random: run=\d+/).count == 3
// run 2: the Debian 13 cell under allow-non-security, GREEN, md5 allowed only with usedforsecurity=False
assert (log =~ /(?m)^\[INFO\]\s+3\.13\.5-debian13-openssl3\.5\.7\s+\d+\s+0\s+\d+\s+0\s+GREEN/).count == 2
assert log.contains('allow-non-security: md5 allowed only with usedforsecurity=False')
// the 3.0.20 provider in the 3.5.7 library, and 3.5.7's own provider
assert log.contains('fips 3.0.20 active') && log.contains('fips 3.5.7 active')
['fails-closed-environment', 'openssl-cli-fails-closed', 'start-bypassed-read-only', 'fips-module-config',
 'random-loads-no-openssl', 'md5-refused-for-security', 'hmac-md5-refused'].each { check ->
    assert (log =~ /PASS\s+linux\/amd64: ${check}\s/).count == 3 : "${check} passed in both cells and in run 2"
}
// 3.9's random.py hunk: import random loads no OpenSSL; a str seed takes SHA-512 from it
assert log =~ /PASS\s+linux\/amd64: random-loads-no-openssl\s+import random, tempfile load no OpenSSL; a str seed takes SHA-512 from OpenSSL/
def split = new JsonSlurper().parse(new File(basedir, "target/fips/${ids[0]}/manifest.json"))
assert split.fips.buildCommands.subList(4, 7) == ['./Configure enable-fips', 'make', 'make install_fips']
// 3.5.7's provider is built with its library (one tarball, enable-fips, install_fips)
assert new JsonSlurper().parse(new File(basedir, "target/fips/${ids[1]}/manifest.json")).fips.buildCommands
        .contains('make install_sw install_ssldirs install_fips')
return true
