import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def id = '3.13.5-debian13-openssl3.5.7-fips3.0.20'
assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\S+\s+built\s/).count == 1 : 'build summary row'
assert (log =~ /(?m)^\[INFO\]\s+${java.util.regex.Pattern.quote(id)}\s+\d+\s+0\s+\d+\s+GREEN/).count == 1 : 'verify row'
// the provider is 3.0.20 while the library is 3.5.7
assert log.contains('fips-provider-active') && log.contains('fips 3.0.20 active')
assert log.contains('OpenSSL 3.5.7')
def manifest = new JsonSlurper().parse(new File(basedir, "target/fips/${id}/manifest.json"))
assert manifest.fips.buildCommands[2] == './Configure enable-fips'
assert manifest.fips.tarballModified == false
assert new File(basedir, "target/fips/report/TEST-${id}.xml").text.contains('failures="0"')
return true
