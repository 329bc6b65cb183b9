package dev.gantry.local.proxy;

import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;

/**
 * The headers that belong to one connection (RFC 9110 section 7.6.1) and so must not pass through the proxy. The
 * proxy keeps its own connections alive on both sides and sends whole bodies with their length.
 */
final class HopHeaders {

    private HopHeaders() {}

    static void strip(FullHttpMessage message) {
        HttpHeaders headers = message.headers();
        String connection = headers.get(HttpHeaderNames.CONNECTION);
        if (connection != null) {
            for (String named : connection.split(",")) {
                String name = named.strip();
                if (!name.isEmpty()) headers.remove(name);
            }
        }
        headers.remove(HttpHeaderNames.CONNECTION);
        headers.remove(HttpHeaderNames.KEEP_ALIVE);
        headers.remove(HttpHeaderNames.PROXY_CONNECTION);
        headers.remove(HttpHeaderNames.TE);
        headers.remove(HttpHeaderNames.TRAILER);
        headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
        headers.remove(HttpHeaderNames.UPGRADE);
        headers.remove(HttpHeaderNames.EXPECT);
    }
}
