package dev.gantry.http;

import dev.gantry.binding.DurationText;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Why an HTTP exchange failed, in words for the evidence, from the exception the HTTP client threw. */
public final class HttpFailures {

    private HttpFailures() {}

    public static String reason(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) return "no connection within " + DurationText.of(timeout);
        if (e instanceof HttpTimeoutException) return "no answer within " + DurationText.of(timeout);
        if (e instanceof ConnectException) {
            return causedBy(e, UnresolvedAddressException.class) ? "unknown host" : "connection refused";
        }
        if (e instanceof UnknownHostException) return "unknown host";
        if (e instanceof SSLException) return "TLS failed: " + message(e);
        return message(e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
        }
        return false;
    }

    private static String message(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
        }
        return e.getClass().getSimpleName();
    }
}
