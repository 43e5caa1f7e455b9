package org.hopfield4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.hopfield4j.data.Normalization;
import org.hopfield4j.experiment.Model;
import org.junit.jupiter.api.Test;

/** The one naming rule of enums on the command line and in the DSL. */
class LabelsTest {

    @Test
    void aLabelIsTheLowerCaseNameWithDashes() {
        assertEquals("uhop-sparse", Labels.of(Model.UHOP_SPARSE));
        assertEquals("dense", Model.DENSE.label());
        assertEquals(List.of("dense", "sparse", "entmax15", "poly10", "l2", "manhattan", "uhop-dense", "uhop-sparse",
                "uhop-adam", "uhop-adam-manhattan"), Model.labels());
    }

    @Test
    void parsingIgnoresCaseAndSurroundingBlanks() {
        assertSame(Model.UHOP_DENSE, Model.named("  UHop-Dense\t"));
        assertSame(Model.MANHATTAN, Labels.named(Model.values(), Model::label, "manhattan", "model"));
    }

    @Test
    void anUnknownOrMissingNameListsEveryLabel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Model.named("hopfield"));
        assertEquals("unknown model 'hopfield': expected one of dense, sparse, entmax15, poly10, l2, manhattan, "
                + "uhop-dense, uhop-sparse, uhop-adam, uhop-adam-manhattan", e.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Labels.named(Normalization.values(), Normalization::label, null, "normalisation"));
        assertEquals("unknown normalisation 'null': expected one of none, unit-l2, min-max", none.getMessage());
    }
}
