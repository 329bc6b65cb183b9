package dev.gantry.notify;

/** What happened to a run, as far as the people told about it need to know. */
public enum NotificationKind {
    ROLLED_BACK("rolled-back", "Rolled back"),
    ROLLBACK_FAILED("rollback-failed", "Rollback failed"),
    ABORTED("aborted", "Aborted"),
    PAUSED("paused", "Paused"),
    RELEASED("released", "Released");

    private final String key;
    private final String words;

    NotificationKind(String key, String words) {
        this.key = key;
        this.words = words;
    }

    /** Its name in a webhook's body, fixed so receivers do not depend on a Java constant's name. */
    public String key() {
        return key;
    }

    /** Its name at the start of a message for people, such as "Rolled back". */
    public String words() {
        return words;
    }
}
