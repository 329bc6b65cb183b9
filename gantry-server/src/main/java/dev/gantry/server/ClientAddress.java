package dev.gantry.server;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The address of the client a request came from, which throttles and the audit log record. It is the TCP peer's,
 * unless that peer is a trusted proxy ({@code --trusted-proxy}): then it is the rightmost address of
 * {@code X-Forwarded-For} that is not itself a trusted proxy, since every address left of that one was written by
 * someone who is not trusted and may be forged. A peer that is not trusted has its header ignored.
 */
final class ClientAddress {

    static final String HEADER = "X-Forwarded-For";
    private static final String ATTRIBUTE = "gantry.client-address";

    private final List<AddressRange> trusted;

    ClientAddress(List<AddressRange> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** Works out the request's client address once, for {@link #of} to give. */
    void mark(Context ctx) {
        ctx.attribute(
                ATTRIBUTE,
                resolve(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders(HEADER))));
    }

    /** The request's client address, as {@link #mark} worked it out. */
    static String of(Context ctx) {
        String address = ctx.attribute(ATTRIBUTE);
        return address != null ? address : ctx.req().getRemoteAddr();
    }

    /** The client behind {@code peer}, given the {@code X-Forwarded-For} headers the request carried, in order. */
    String resolve(String peer, List<String> forwarded) {
        if (!isTrusted(peer) || forwarded.isEmpty()) return peer;
        List<String> hops = new ArrayList<>();
        for (String header : forwarded) for (String hop : header.split(",")) hops.add(hop.strip());
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<byte[]> hop = AddressRange.literal(hops.get(i));
            // What is no address was not written by a proxy we trust: the hop that passed it on is the client.
            if (hop.isEmpty()) return client;
            client = canonical(hop.get());
            if (!isTrusted(hop.get())) return client;
        }
        return client;
    }

    private boolean isTrusted(String address) {
        return AddressRange.literal(address).map(this::isTrusted).orElse(false);
    }

    private boolean isTrusted(byte[] address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    private static String canonical(byte[] address) {
        try {
            return java.net.InetAddress.getByAddress(address).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("an address always holds 4 or 16 bytes", e);
        }
    }
}
