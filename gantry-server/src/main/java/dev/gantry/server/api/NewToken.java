package dev.gantry.server.api;

/**
 * A token just issued.
 *
 * @param text the whole token, to give to its holder: the server shows it this once and keeps only its hash
 */
public record NewToken(TokenInfo token, String text) {

    @Override
    public String toString() {
        return "NewToken[" + token + ", text=(hidden)]";
    }
}
