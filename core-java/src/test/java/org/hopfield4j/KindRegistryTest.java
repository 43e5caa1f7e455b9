package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hopfield4j.reference.ReferenceSeparation;
import org.junit.jupiter.api.Test;

/** The registries {@link MapKind} and {@link Similarity.Kind}: names, aliases, α rules, energies. */
class KindRegistryTest {

    @Test
    void everyMapParsesByItsLabelAndAliasesInAnyCase() {
        for (MapKind k : MapKind.values()) {
            assertSame(k, MapKind.named(k.label()));
            assertSame(k, MapKind.named(k.label().toUpperCase(java.util.Locale.ROOT)));
            for (String alias : k.aliases()) assertSame(k, MapKind.named(alias));
        }
        assertSame(MapKind.ENTMAX15, MapKind.named("entmax1.5"));
        assertSame(MapKind.POLY, MapKind.named(" Poly "));
    }

    @Test
    void namesAndAliasesAreUnique() {
        Set<String> seen = new HashSet<>();
        for (MapKind k : MapKind.values()) {
            assertTrue(seen.add(k.label()), k.label());
            for (String a : k.aliases()) assertTrue(seen.add(a), a);
        }
        seen.clear();
        for (Similarity.Kind k : Similarity.Kind.values()) {
            assertTrue(seen.add(k.label()), k.label());
            for (String a : k.aliases()) assertTrue(seen.add(a), a);
        }
    }

    @Test
    void anUnknownMapNameListsTheAcceptedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapKind.named("hardmax"));
        assertEquals("unknown map 'hardmax', expected one of softmax, sparsemax, entmax15 (alias entmax1.5), "
                + "entmax, normmax, poly (alias polynomial)", e.getMessage());
        IllegalArgumentException s = assertThrows(IllegalArgumentException.class, () -> MapKind.separationNamed("poly"));
        assertEquals("unknown separation map 'poly', expected one of softmax, sparsemax, entmax15 (alias entmax1.5), "
                + "entmax, normmax", s.getMessage());
    }

    @Test
    void fixedAlphasAreTheRegistrysAndReachEveryUser() {
        assertEquals(1.0, MapKind.SOFTMAX.fixedAlpha());
        assertEquals(2.0, MapKind.SPARSEMAX.fixedAlpha());
        assertEquals(1.5, MapKind.ENTMAX15.fixedAlpha());
        assertTrue(Double.isNaN(MapKind.ENTMAX.fixedAlpha()));
        for (MapKind k : MapKind.values()) {
            if (!k.isSeparation()) continue;
            Separation s = k.separation(1.7);
            assertSame(k, s.kind());
            double expected = k.parameter() == MapKind.Parameter.ALPHA ? 1.7 : k.fixedAlpha();
            assertEquals(expected, s.alpha(), k.label());
            assertEquals(expected, RetrievalMap.of(s).alpha(), k.label());
            assertEquals(expected, ReferenceSeparation.Map.of(k).alpha(1.7), k.label());
        }
    }

    @Test
    void alphaRulesAreEnforcedWhenTheMapIsMade() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MapKind.ENTMAX.separation(1.0));
        assertTrue(e.getMessage().contains("alpha must be finite and > 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MapKind.ENTMAX.retrievalMap(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> MapKind.POLY.retrievalMap(0));
        assertThrows(IllegalArgumentException.class, () -> MapKind.POLY.separation(2));
        assertEquals(Separation.sparsemax(), MapKind.SPARSEMAX.separation(99));   // a fixed α ignores the number
        IllegalArgumentException perRow = assertThrows(IllegalArgumentException.class,
                () -> RetrievalMap.of(Separation.entmaxPerRow(1.5, 2)));
        assertTrue(perRow.getMessage().contains("one alpha per row"), perRow.getMessage());
    }

    @Test
    void aRetrievalMapIsOneValue() {
        RetrievalMap poly = MapKind.POLY.retrievalMap(10);
        assertSame(MapKind.POLY, poly.kind());
        assertNull(poly.separation());
        assertEquals(10, poly.degree());
        assertTrue(Double.isNaN(poly.alpha()));
        assertFalse(poly.hasEnergy());
        assertEquals("poly-10.0", poly.name());
        assertEquals(RetrievalMap.polynomial(10), poly);
        RetrievalMap entmax = MapKind.named("entmax").retrievalMap(1.3);
        assertEquals(RetrievalMap.of(Separation.entmax(1.3)), entmax);
        assertTrue(entmax.hasEnergy());
        assertTrue(Double.isNaN(entmax.degree()));
    }

    @Test
    void similaritiesParseWithTheirOneNameAndAliases() {
        assertSame(Similarity.dot(), Similarity.named("dot"));
        assertSame(Similarity.negativeL2(), Similarity.named("L2"));
        assertSame(Similarity.negativeManhattan(), Similarity.named("manhattan"));
        assertSame(Similarity.negativeManhattan(), Similarity.named("l1"));
        assertEquals("manhattan", Similarity.negativeManhattan().name());
        assertSame(Similarity.cosine(), Similarity.named("Cosine"));
        assertEquals(List.of("dot", "l2", "manhattan", "cosine"), Similarity.Kind.namedLabels());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Similarity.named("hamming"));
        assertEquals("unknown similarity 'hamming', expected one of dot, kernel, l2, manhattan (alias l1), cosine",
                e.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> Similarity.named("kernel"));
        assertTrue(k.getMessage().contains("needs W"), k.getMessage());
    }

    @Test
    void energiesFollowTheRegistry() {
        assertTrue(Similarity.Kind.DOT.hasEnergy());
        assertTrue(Similarity.Kind.KERNEL.hasEnergy());
        assertFalse(Similarity.Kind.NEGATIVE_L2.hasEnergy());
        assertFalse(Similarity.Kind.NEGATIVE_MANHATTAN.hasEnergy());
        assertFalse(Similarity.kernelKeys(new double[] {1, 0, 0, 1}, 2, 2).hasEnergy());   // no W
        for (MapKind k : MapKind.values()) assertEquals(k.isSeparation(), k.hasEnergy(), k.label());
    }

    @Test
    void scoreBoundsMatchTheSimilarity() {
        assertEquals(6, Similarity.Kind.DOT.scoreBound(2, 99, 99, 3, 99));
        assertEquals(25, Similarity.Kind.NEGATIVE_L2.scoreBound(99, 2, 99, 3, 99));
        assertEquals(7, Similarity.Kind.NEGATIVE_MANHATTAN.scoreBound(99, 99, 3, 99, 4));
    }
}
