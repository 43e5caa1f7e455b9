// The consumer's retrieval must equal the reactor's own (ExpectedRetrievalTest), byte for byte.
def data = new File(basedir, "../../consumer-data")
if (!Arrays.equals(new File(data, "java-app.npy").bytes, new File(data, "expected.npy").bytes)) {
    throw new AssertionError("java-app.npy differs from the reactor's expected.npy")
}
def line = new File(data, "expected.txt").text.trim().replace("reactor", "java-app")
if (!new File(basedir, "build.log").text.contains(line)) {
    throw new AssertionError("build.log lacks the printed line '" + line + "'")
}
return true
