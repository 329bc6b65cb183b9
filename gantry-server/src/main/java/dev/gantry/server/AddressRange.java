package dev.gantry.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A range of IP addresses written as CIDR ({@code 10.0.0.0/8}, {@code 2001:db8::/32}) or one address
 * ({@code 127.0.0.1}, a range of one). Only literals are read: nothing here ever asks DNS.
 */
public record AddressRange(byte[] network, int prefix) {

    public AddressRange {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8)
            throw new IllegalArgumentException("a prefix of " + network.length * 8 + " bits at most, not " + prefix);
    }

    /**
     * The ranges of a comma-separated list, such as {@code --trusted-proxy 10.0.0.0/8,127.0.0.1}.
     *
     * @throws IllegalArgumentException naming the item that is no range, and where it is in the list
     */
    public static List<AddressRange> parseAll(String text) {
        List<AddressRange> ranges = new ArrayList<>();
        String[] items = text.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            try {
                ranges.add(parse(items[i].strip()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "item " + (i + 1) + " \"" + items[i].strip() + "\": " + e.getMessage(), e);
            }
        }
        return List.copyOf(ranges);
    }

    /** One range; throws saying what is wrong with it. */
    public static AddressRange parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = literal(address)
                .orElseThrow(() -> new IllegalArgumentException(
                        "expected an IP address or a CIDR range such as 10.0.0.0/8 or 2001:db8::/32"));
        if (slash < 0) return new AddressRange(bytes, bytes.length * 8);
        String bits = text.substring(slash + 1);
        if (!bits.matches("[0-9]{1,3}"))
            throw new IllegalArgumentException("expected a prefix length after the slash, got \"" + bits + "\"");
        int prefix = Integer.parseInt(bits);
        if (prefix > bytes.length * 8)
            throw new IllegalArgumentException("an " + (bytes.length == 4 ? "IPv4" : "IPv6") + " prefix is 0 to "
                    + bytes.length * 8 + ", not " + prefix);
        return new AddressRange(bytes, prefix);
    }

    /**
     * The bytes of an IP literal (IPv4 dotted, or IPv6, with or without brackets); empty for anything else, such as a
     * host name, which is never looked up. An IPv4-mapped IPv6 address is its IPv4 address.
     */
    static Optional<byte[]> literal(String text) {
        String address = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (address.isEmpty() || address.length() > 45) return Optional.empty();
        boolean v6 = address.indexOf(':') >= 0;
        String allowed = v6 ? "[0-9A-Fa-f:.]+" : "[0-9]{1,3}(\\.[0-9]{1,3}){3}";
        if (!address.matches(allowed)) return Optional.empty();
        try {
            // A literal of these characters alone is parsed, never resolved.
            return Optional.of(InetAddress.getByName(address).getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether the address (its bytes) lies in the range; an IPv4 address never lies in an IPv6 range. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) return false;
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) if (address[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = (0xff << (8 - rest)) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public byte[] network() {
        return network.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange r && r.prefix == prefix && java.util.Arrays.equals(r.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a range always holds 4 or 16 bytes", e);
        }
    }
}
