package dev.gantry.server.auth;

/**
 * A token just issued: its record and the text to give to its holder, shown this once and kept nowhere (the server
 * keeps only a hash of its secret).
 */
public record IssuedToken(ApiToken token, String text) {

    @Override
    public String toString() {
        return "IssuedToken[" + token + ", text=(hidden)]";
    }
}
