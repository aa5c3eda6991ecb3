import groovy.json.JsonSlurper

def out = new File(basedir, 'target/fips')
def log = new File(basedir, 'build.log').text
// the cell filter applies to every goal: only the selected cell was generated
def cells = new JsonSlurper().parse(new File(out, 'matrix.json')).cells
assert cells*.id == ['3.12.3-debian12-openssl3.1.2']
assert log.contains('fips.cells=3.12.3-* selects 1 of 2 cell(s)')
assert !new File(out, '3.11.9-debian12-openssl3.1.2').exists()
// nothing was built or pushed, so nothing is recorded
assert !new File(out, 'images.json').exists()
// the push plan: registry-qualified name + ${project.version} tags, validated before anything runs
assert log.contains('fips:push dry run (fips.push.dryRun=true): nothing is tagged or pushed')
['127.0.0.1:5000/python-fips:3.12.3-debian12-openssl3.1.2', '127.0.0.1:5000/python-fips:3.12.3-debian12-1.4.0',
 '127.0.0.1:5000/python-fips:3.12-debian12'].each { ref ->
    assert (log =~ /(?m)^\[INFO\]\s+3\.12\.3-debian12-openssl3\.1\.2\s+${java.util.regex.Pattern.quote(ref)}\s+127\.0\.0\.1:5000\s+not built\s*$/).find() : ref
}
// the fabric8 image configuration: same as docker:build, under the registry name, extra tags as <tags>
assert log.contains('<name>127.0.0.1:5000/python-fips:3.12.3-debian12-openssl3.1.2</name>')
assert log.contains('<tag>3.12.3-debian12-1.4.0</tag>') && log.contains('<tag>3.12-debian12</tag>')
assert log.contains('<network>host</network>') && log.contains('<filter>false</filter>')
assert !log.toLowerCase().contains('password')
return true
