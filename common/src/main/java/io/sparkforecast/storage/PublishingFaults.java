package io.sparkforecast.storage;

/**
 * Faults that crash-point tests inject into publishing: a step after which it halts as if the
 * process were killed there, and leftover staging taken as abandoned at once (a real run waits
 * {@value Publisher#ABANDON_AFTER_KEY} seconds). Scoped to the thread that sets them and the
 * threads it starts, so that the other work in the JVM, such as tests running beside a
 * crash-point test, publishes normally.
 */
public final class PublishingFaults {
    private static final InheritableThreadLocal<Enum<?>> HALT_AFTER = new InheritableThreadLocal<>();
    private static final InheritableThreadLocal<Boolean> ABANDON_AT_ONCE = new InheritableThreadLocal<>();

    private PublishingFaults() {
    }

    /** Halts this thread's next publication after {@code step} ({@link Publisher.Step} or {@link PublicationSet.Step}). */
    public static void haltAfter(Enum<?> step) {
        HALT_AFTER.set(step);
    }

    /** Publishes through every step again. */
    public static void clearHalt() {
        HALT_AFTER.remove();
    }

    /** Takes every unfinished attempt this thread finds as abandoned, whatever its age. */
    public static void abandonAtOnce() {
        ABANDON_AT_ONCE.set(true);
    }

    /** Removes this thread's faults. */
    public static void clear() {
        HALT_AFTER.remove();
        ABANDON_AT_ONCE.remove();
    }

    static void haltIfAfter(Enum<?> step) {
        if (step == HALT_AFTER.get()) {
            throw new Publisher.SimulatedCrash(step.name());
        }
    }

    static boolean abandonsAtOnce() {
        return Boolean.TRUE.equals(ABANDON_AT_ONCE.get());
    }
}
