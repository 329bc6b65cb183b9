package dev.gantry.local.proxy;

/** The proxy could not start or could not be reached; the message says where and why. */
public final class ProxyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProxyException(String message) {
        super(message);
    }

    public ProxyException(String message, Throwable cause) {
        super(message, cause);
    }
}
