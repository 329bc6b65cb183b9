package dev.gantry.binding;

/**
 * Thrown by a record's constructor when the value of one of its keys is wrong, so the error points at that
 * value rather than at the record.
 */
public final class InvalidValue extends IllegalArgumentException {

    private final String component;

    /** @param component the record component whose value is wrong */
    public InvalidValue(String component, String message) {
        super(message);
        this.component = component;
    }

    public String component() {
        return component;
    }
}
