package org.hopfield4j.consumers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.hopfield4j.MemoryStore;
import org.hopfield4j.dsl.Datasets;
import org.hopfield4j.nativelib.HopfieldNative;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The publishing layout of the jars this reactor built (docs/java-api.md#dependency): each published jar
 * names its module in its manifest (Automatic-Module-Name, the root package of the jar), the three load
 * together on the module path (no package in two jars), and each has its sources jar beside it.
 *
 * <p>The jars are found through the test classpath: in `mvn verify`/`install` the reactor gives this
 * module the packaged jars; in `mvn test` it gives class directories, which have no manifest, and the
 * test is skipped.
 */
class ModuleNamesTest {
    /** Module name -> its published jar, in dependency order. */
    private static final Map<String, Path> JARS = new LinkedHashMap<>();

    @BeforeAll
    static void findJars() throws URISyntaxException {
        JARS.put("org.hopfield4j.nativelib", jarOf(HopfieldNative.class));
        JARS.put("org.hopfield4j", jarOf(MemoryStore.class));
        JARS.put("org.hopfield4j.dsl", jarOf(Datasets.class));
        for (Path jar : JARS.values()) {
            assumeTrue(Files.isRegularFile(jar), jar + " is not a jar: run the package phase (mvn verify)");
        }
    }

    private static Path jarOf(Class<?> anchor) throws URISyntaxException {
        return Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void everyPublishedJarNamesItsModuleInItsManifest() throws Exception {
        for (Map.Entry<String, Path> e : JARS.entrySet()) {
            try (JarFile jar = new JarFile(e.getValue().toFile())) {
                assertEquals(e.getKey(), jar.getManifest().getMainAttributes().getValue("Automatic-Module-Name"),
                        e.getValue() + ": Automatic-Module-Name");
            }
        }
    }

    @Test
    void theModuleSystemSeesThoseNamesAndEveryPackageLiesUnderIt() {
        ModuleFinder finder = ModuleFinder.of(JARS.values().toArray(Path[]::new));
        for (Map.Entry<String, Path> e : JARS.entrySet()) {
            String name = e.getKey();
            ModuleDescriptor module = finder.find(name).orElseThrow(
                    () -> new AssertionError(e.getValue() + " does not load as module " + name)).descriptor();
            assertTrue(module.isAutomatic(), name + " is automatic");
            assertFalse(module.packages().isEmpty(), name + " has packages");
            for (String pkg : module.packages()) {
                assertTrue(pkg.equals(name) || pkg.startsWith(name + "."), name + " holds package " + pkg);
            }
        }
    }

    @Test
    void theJarsResolveTogetherOnTheModulePath() {
        // Resolution fails (ResolutionException) when two of these modules hold the same package.
        ModuleFinder finder = ModuleFinder.of(JARS.values().toArray(Path[]::new));
        Configuration config = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), List.copyOf(JARS.keySet()));
        assertEquals(JARS.keySet(), config.modules().stream().map(m -> m.name()).collect(Collectors.toSet()));
    }

    @Test
    void everyPublishedJarHasItsSourcesJarBesideIt() {
        for (Path jar : JARS.values()) {
            String file = jar.getFileName().toString();
            Path sources = jar.resolveSibling(file.substring(0, file.length() - ".jar".length()) + "-sources.jar");
            assertTrue(Files.isRegularFile(sources), "missing " + sources);
        }
    }
}
