package org.hopfield4j.nativelib;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Loads the JNI library and, when it fails because this platform's jar is not on the class path, says
 * which artifact is missing instead of JavaCPP's bare "no jniHopfieldNative in java.library.path".
 *
 * <p>The library of each platform ships in its own classifier jar,
 * {@code org.hopfield4j:hopfield4j-native:VERSION:PLATFORM}, as {@code org/hopfield4j/nativelib/PLATFORM/}
 * (javacpp-presets' layout; docs/java-api.md#native-artifacts). hopfield4j-core brings the resolving machine's;
 * a jar built for Linux and run on macOS has none for {@code macosx-arm64}, and this is the error
 * the user sees then.
 */
final class PlatformLibrary {
    /** The JNI library's name (JavaCPP: "jni" + the class name). */
    static final String LIBRARY = "jniHopfieldNative";
    /** The platforms a hopfield4j build can produce (profiles in the parent POM). */
    static final List<String> PLATFORMS = List.of("linux-x86_64", "linux-arm64", "macosx-x86_64", "macosx-arm64");
    /** Built (or cross-built) on a Linux x86_64 host, and so in a release made there. */
    static final List<String> BUILT_ON_LINUX = List.of("linux-x86_64", "linux-arm64");

    private PlatformLibrary() {}

    /**
     * Runs {@code javacppLoad}; if it throws an {@link UnsatisfiedLinkError} and {@code classes} has no
     * library for {@code platform}, throws one naming the classifier jar to add (the original as its
     * cause). Any other failure (a missing OpenBLAS, a broken library) is rethrown unchanged.
     */
    static void load(Runnable javacppLoad, String platform, ClassLoader classes) {
        try {
            javacppLoad.run();
        } catch (UnsatisfiedLinkError e) {
            if (classes.getResource(resource(platform)) != null) {
                throw e;
            }
            List<String> present = PLATFORMS.stream()
                    .filter(p -> classes.getResource(resource(p)) != null)
                    .collect(Collectors.toList());
            UnsatisfiedLinkError missing = new UnsatisfiedLinkError(missingMessage(platform, present, version()));
            missing.initCause(e);
            throw missing;
        }
    }

    /** The binding jar's version (its manifest's Implementation-Version), "VERSION" when run from class directories. */
    private static String version() {
        String version = PlatformLibrary.class.getPackage().getImplementationVersion();
        return version == null ? "VERSION" : version;
    }

    /** Where JavaCPP looks for the library of {@code platform} on the class path. */
    static String resource(String platform) {
        String file = "lib" + LIBRARY + (platform.startsWith("macosx") ? ".dylib" : ".so");
        return "org/hopfield4j/nativelib/" + platform + "/" + file;
    }

    static String missingMessage(String platform, List<String> present, String version) {
        String have = present.isEmpty() ? "none" : String.join(", ", present);
        String build = BUILT_ON_LINUX.contains(platform)
                ? "it is built by `mvn install` on Linux x86_64 (linux-arm64 needs g++-aarch64-linux-gnu)"
                : "releases built on Linux do not contain it: build it on a " + platform
                        + " machine with `mvn install` in a hopfield4j checkout";
        return "hopfield4j has no native library for this platform, " + platform
                + " (the class path has it for: " + have + "). Add the dependency org.hopfield4j:hopfield4j-native:"
                + version + " with <classifier>" + platform + "</classifier>, or hopfield4j-platform (type pom) for every"
                + " published platform; " + build + ". See docs/java-api.md#native-artifacts.";
    }
}
