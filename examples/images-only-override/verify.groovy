def log = new File(basedir, 'build.log').text
assert log.contains('-Dfips.openssl=3.5.7') && log.contains('overrides <matrix><openssl>, but this pom has no <matrix> (only <images>)')
assert log.contains('-Dfips.platforms=linux/arm64') && log.contains('set <platforms> in each <image>')
assert !log.contains('-Dfips.fipsProvider')
assert !new File(basedir, 'target/fips').exists() : 'nothing is generated'
return true
