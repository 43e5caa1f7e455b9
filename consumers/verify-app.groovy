// Shared by java-app/verify.groovy and kotlin-app/verify.groovy (binding: basedir, localRepositoryPath, app;
// consumersDir from the invoker's scriptVariables).
// The consumer's retrieval must equal the reactor's own (ExpectedRetrievalTest), byte for byte and as printed,
// and every hopfield4j artifact it used must have come from the deployed file repository.
def data = new File(basedir, "../../consumer-data")
if (!Arrays.equals(new File(data, app + ".npy").bytes, new File(data, "expected.npy").bytes)) {
    throw new AssertionError(app + ".npy differs from the reactor's expected.npy")
}
def line = new File(data, "expected.txt").text.trim().replace("reactor", app)
if (!new File(basedir, "build.log").text.contains(line)) {
    throw new AssertionError("build.log lacks the printed line '" + line + "'")
}
def ours = new File(localRepositoryPath, "org/hopfield4j")
def jars = []
ours.eachFileRecurse { f -> if (f.name.endsWith(".jar")) jars << f }
if (jars.isEmpty()) {
    throw new AssertionError("no hopfield4j jar in the consumer's local repository " + ours)
}
ours.eachFileRecurse { f ->
    if (f.name == "_remote.repositories" && f.text.readLines().any { !it.startsWith("#") && it.contains(">") && !it.endsWith(">hopfield4j=") }) {
        throw new AssertionError(f.parent + " was resolved from elsewhere than the deployed repository:\n" + f.text)
    }
}
return true
