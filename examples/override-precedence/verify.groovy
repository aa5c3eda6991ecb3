import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
def matrix = new JsonSlurper().parse(new File(basedir, 'target/fips/matrix.json'))
// -Dfips.pythons beats <matrix><pythons>
assert matrix.cells*.python == ['3.13.5']
// -Dfips.imageName applies: the pom does not set <imageName>
assert matrix.cells[0].image == 'precedence:3.13.5-debian12-openssl3.1.2'
// the pom's <policy> beats -Dfips.policy, and the log says so
assert matrix.cells[0].policy == 'strict'
assert log.contains('-Dfips.policy=allow-non-security is ignored: the pom\'s plugin <configuration> sets <policy>strict</policy>')
assert !log.contains('-Dfips.imageName=precedence:{id} is ignored')
// fips:help -Ddetail -Dgoal=verify: verify's own parameters, none of generate's
def help = log.substring(log.indexOf('fips:verify'))
assert help.contains('allowUnverifiedPlatforms') && help.contains('reportDirectory') && help.contains('cells')
['matrix', 'images', 'mirrors', 'sources', 'fetchSources', 'policy', 'dockerMavenPluginVersion'].each { p ->
    assert !(help =~ /(?m)^\s+${p}\b/) : "fips:verify's help lists ${p}"
}
return true
