package org.hopfield4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hopfield4j.internal.NativeCalls;
import org.junit.jupiter.api.function.Executable;

/** The one check that a bad call fails in Java, says what was wrong, and never reaches native code. */
public final class Rejections {
    private Rejections() {}

    /** {@code call} throws {@code type} (or a subtype) whose message contains {@code fragment}, with no native call. */
    public static Throwable assertRejectedBeforeNative(Class<? extends Throwable> type, String fragment, Executable call) {
        return assertRejectedBeforeNative(type, fragment, call, "a rejected call");
    }

    /** As above; {@code what} names the case in failure messages. */
    public static Throwable assertRejectedBeforeNative(Class<? extends Throwable> type, String fragment, Executable call,
                                                String what) {
        long before = NativeCalls.count();
        Throwable e = assertThrows(type, call, what);
        assertTrue(e.getMessage() != null && e.getMessage().contains(fragment),
                () -> what + ": message '" + e.getMessage() + "' should contain '" + fragment + "'");
        assertEquals(before, NativeCalls.count(), what + " must not reach native code");
        return e;
    }
}
