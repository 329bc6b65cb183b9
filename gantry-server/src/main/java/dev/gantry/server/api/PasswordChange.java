package dev.gantry.server.api;

/** Asks for a new password for the caller's own account, proven with the current one. */
public record PasswordChange(String current, String password) {

    @Override
    public String toString() {
        return "PasswordChange[(hidden)]";
    }
}
