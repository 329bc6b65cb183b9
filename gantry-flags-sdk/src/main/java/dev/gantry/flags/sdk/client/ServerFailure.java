package dev.gantry.flags.sdk.client;

/** A request to the server that failed, carrying the error listeners receive. */
final class ServerFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ClientError error;

    ServerFailure(ClientError error) {
        super(error.message());
        this.error = error;
    }

    ClientError error() {
        return error;
    }
}
