package org.hopfield4j.internal;

/**
 * The POSIX errno values the native file mapping reports (hopfield4j_mapping.h), as words for
 * messages (Java has no strerror).
 *
 * <p>Not part of the public API.
 */
final class Errno {
    private Errno() {}

    /** E.g. "ENOMEM (not enough memory or address space)"; unknown values as "errno N". */
    static String describe(int errno) {
        return switch (errno) {
            case 2 -> "ENOENT (no such file)";
            case 12 -> "ENOMEM (not enough memory or address space for the mapping)";
            case 13 -> "EACCES (permission denied)";
            case 19 -> "ENODEV (the file system does not support memory mapping)";
            case 22 -> "EINVAL (invalid range)";
            case 23, 24 -> "EMFILE/ENFILE (too many open files)";
            case 34 -> "ERANGE (the file is shorter than its header says: changed since it was checked?)";
            case 38 -> "ENOSYS (memory mapping is not implemented on this platform)";
            default -> "errno " + errno;
        };
    }
}
