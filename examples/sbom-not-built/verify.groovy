def out = new File(basedir, 'target/fips')
def log = new File(basedir, 'build.log').text
['sbom', 'export'].each { goal ->
    assert log.contains("python-fips: fips:${goal}: nothing was written or attached:") : goal
}
['3.11.9-debian12-openssl3.1.2', '3.12.3-debian12-openssl3.1.2'].each { cell ->
    assert log.contains("- cell ${cell}: was not built (") : cell
    assert !new File(out, "${cell}/sbom.cdx.json").exists()
    assert !new File(out, "${cell}/provenance.intoto.json").exists()
}
assert log.contains('fix: run fips:build (or mvn package) first, or leave the cell out with -Dfips.cells')
assert !new File(out, 'export').exists()
assert !new File(out, 'images.json').exists()
return true
