// Shared by the e2e examples' verify.groovy (loaded with evaluate(); the invoker passes projectRoot):
// the build log against the manifests. A run with -Dfips.build.showOutput=true has every build step print
// "python-fips[...]: run STEP: COMMAND" before each command of its recipe (scripts/common.sh run_recipe). In each
// cell's part of the log, every step that was built (not taken from Docker's layer cache) shows exactly the
// commands of manifest.json "buildCommands", in order; the image's own record of them is compared by the
// conformance check build-commands-recorded, whether the layers were cached or not, at least `runs` times.
import groovy.json.JsonSlurper

return { File basedir, String log, String cellId, int runs ->
    def manifest = new JsonSlurper().parse(new File(basedir, "target/fips/${cellId}/manifest.json"))
    def start = log.indexOf("] building ${cellId} -> ")
    assert start >= 0 : "build of ${cellId} in the log"
    def end = log.indexOf("] ${cellId} built in ", start)
    assert end > start : "end of the build of ${cellId} in the log"
    def logged = [:]
    log.substring(start, end).eachLine { line ->
        def m = line =~ /python-fips\[[^\]]*\]: run ([a-z-]+): (.*)$/
        if (m.find()) {
            logged.get(m.group(1), []) << m.group(2)
        }
    }
    assert manifest.buildCommands.keySet().containsAll(logged.keySet())
    logged.each { step, commands ->
        assert commands == manifest.buildCommands[step] : "${cellId}: the log's ${step} commands are not manifest.json's"
    }
    assert (log =~ /PASS\s+linux\/amd64: build-commands-recorded\s/).count >= runs
    println "python-fips e2e: ${cellId}: build log steps ${logged.keySet()} equal manifest.json buildCommands" +
            " (${logged.values().sum(0) { it.size() }} commands); a step without run lines has no commands or came from the layer cache"
}
