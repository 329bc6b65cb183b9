package dev.gantry.server.audit;

/**
 * What {@code gantry audit verify} found wrong in the log, or in a record the log vouches for, naming the entries.
 *
 * @param sequence the first entry concerned; 0 for a record no entry made
 */
public record AuditFinding(long sequence, String what) {

    @Override
    public String toString() {
        return sequence == 0 ? what : "entry " + sequence + ": " + what;
    }
}
