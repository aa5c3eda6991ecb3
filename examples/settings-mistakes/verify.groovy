def log = new File(basedir, 'build.log').text
// security-relevant mistakes: one failure listing each, with the fix
assert log.contains('2 setting(s) of fips:generate would change nothing or be misread; nothing was done')
assert log.contains('<polcy> is not a parameter of any python-fips goal: did you mean <policy>? It decides FIPS behaviour, so the goal stops')
assert log.contains('<keepTests>=yes please is not true or false (Maven would read it as false): write true or false')
// the others: a warning each, naming the property meant
assert log.contains('-Dfips.python is not a python-fips property: did you mean -Dfips.pythons? It is ignored.')
assert log.contains('-Dfips.fetchSources is not a python-fips property: did you mean -Dfips.sources.fetch? It is ignored.')
assert log.contains('BUILD FAILURE')
assert !(log =~ /(?m)^\s+at [a-zA-Z_.$]+\(/) : 'a user mistake must not print a stack trace'
assert !new File(basedir, 'target/fips').exists() : 'nothing may be written'
return true
