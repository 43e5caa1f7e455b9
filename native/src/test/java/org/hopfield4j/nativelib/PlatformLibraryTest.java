package org.hopfield4j.nativelib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/** The error a user gets when the platform's classifier jar is missing, and where the check looks. */
class PlatformLibraryTest {
    /** A platform whose library this build does not make (the macOS workflow builds one of them). */
    private static final String ABSENT = Loader.getPlatform().equals("macosx-arm64") ? "macosx-x86_64" : "macosx-arm64";
    private static final UnsatisfiedLinkError JAVACPP = new UnsatisfiedLinkError("no jniHopfieldNative in java.library.path");

    private static void failingLoad() {
        throw JAVACPP;
    }

    @Test
    void theCheckLooksWhereTheBuildPutThisPlatformsLibrary() {
        // A wrong path would call every load failure a missing jar (or none): it must be the one JavaCPP loads.
        assertNotNull(getClass().getClassLoader().getResource(PlatformLibrary.resource(Loader.getPlatform())),
                PlatformLibrary.resource(Loader.getPlatform()));
        assertEquals("org/hopfield4j/nativelib/macosx-arm64/libjniHopfieldNative.dylib", PlatformLibrary.resource("macosx-arm64"));
    }

    @Test
    void withoutThePlatformsJarTheErrorNamesTheClassifierToAdd() {
        ClassLoader empty = new URLClassLoader(new URL[0], null);
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class,
                () -> PlatformLibrary.load(PlatformLibraryTest::failingLoad, ABSENT, empty));
        assertTrue(e.getMessage().contains("for this platform, " + ABSENT + " (the class path has it for: none)"), e.getMessage());
        assertTrue(e.getMessage().contains("org.hopfield4j:hopfield4j-native:VERSION with <classifier>" + ABSENT + "</classifier>"),
                e.getMessage());
        assertTrue(e.getMessage().contains("build it on a " + ABSENT + " machine"), e.getMessage());
        assertSame(JAVACPP, e.getCause());
    }

    @Test
    void theErrorListsThePlatformsThatArePresent() {
        // This build's class path holds its own platform's library (first in PLATFORMS order), not ABSENT's.
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class,
                () -> PlatformLibrary.load(PlatformLibraryTest::failingLoad, ABSENT, getClass().getClassLoader()));
        assertTrue(e.getMessage().contains("has it for: " + Loader.getPlatform()), e.getMessage());
    }

    @Test
    void anotherLoadFailureIsRethrownUnchanged() {
        // The library is there (say OpenBLAS is missing instead): JavaCPP's own error is the right one.
        UnsatisfiedLinkError e = assertThrows(UnsatisfiedLinkError.class,
                () -> PlatformLibrary.load(PlatformLibraryTest::failingLoad, Loader.getPlatform(), getClass().getClassLoader()));
        assertSame(JAVACPP, e);
    }

    @Test
    void aSuccessfulLoadPassesThrough() {
        int[] runs = {0};
        PlatformLibrary.load(() -> runs[0]++, ABSENT, new URLClassLoader(new URL[0], null));
        assertEquals(1, runs[0]);
    }
}
