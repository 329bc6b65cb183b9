package dev.gantry.server.audit;

/**
 * What {@code gantry audit verify} found wrong in the log, naming the entries.
 *
 * @param sequence the first entry concerned
 */
public record AuditFinding(long sequence, String what) {

    @Override
    public String toString() {
        return "entry " + sequence + ": " + what;
    }
}
