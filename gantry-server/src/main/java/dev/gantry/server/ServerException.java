package dev.gantry.server;

/** The server cannot start or go on: its data folder, its database or a project's repository is unusable. */
public final class ServerException extends Exception {

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
