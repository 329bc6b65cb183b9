package dev.gantry.store;

/** The store could not be opened, read or written; the message names the database and the cause. */
public class StoreException extends Exception {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
