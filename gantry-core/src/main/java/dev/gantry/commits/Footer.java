package dev.gantry.commits;

/** A Conventional Commits footer: {@code Token: value} or {@code Token #value}; the value may span lines. */
public record Footer(String token, String separator, String value) {

    public boolean isBreaking() {
        return CommitParser.isBreakingToken(token);
    }

    /** The value as written after the token, with {@code #} kept for the {@code Token #value} form. */
    public String text() {
        return separator.equals(" #") ? "#" + value : value;
    }
}
