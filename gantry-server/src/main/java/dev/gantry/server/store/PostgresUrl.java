package dev.gantry.server.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Where a PostgreSQL database is and how to log in to it, read from the URL a person writes: as libpq writes it,
 * {@code postgresql://[user[:password]@]host[:port][,host[:port]...]/database[?parameter=value&...]} (also
 * {@code postgres://}), or as a JDBC URL, {@code jdbc:postgresql://host[:port]/database[?user=...&password=...]}.
 *
 * <p>In the libpq form, the user, password and database are percent-encoded, the host defaults to localhost and the
 * port to 5432; the database must be named (libpq would take the user's name, which a server had better not guess).
 * Its parameters are those of libpq that mean the same to the JDBC driver: {@code sslmode}, {@code sslrootcert},
 * {@code sslcert}, {@code sslkey}, {@code application_name}, {@code connect_timeout}, {@code options}, {@code user} and
 * {@code password}.
 *
 * <p>The password is never shown: not by {@link #toString()}, not in an error about the URL.
 */
public final class PostgresUrl {

    /** One server to try, in the order written. */
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static final int DEFAULT_PORT = 5432;
    private static final String LIBPQ_FORM =
            "postgresql://[user[:password]@]host[:port]/database[?parameter=value&...]";
    private static final String JDBC_FORM = "jdbc:postgresql://host[:port]/database[?user=...&password=...]";

    /** The libpq parameters accepted, and the name the JDBC driver gives each. */
    private static final Map<String, String> PARAMETERS = Map.of(
            "sslmode", PGProperty.SSL_MODE.getName(),
            "sslrootcert", PGProperty.SSL_ROOT_CERT.getName(),
            "sslcert", PGProperty.SSL_CERT.getName(),
            "sslkey", PGProperty.SSL_KEY.getName(),
            "application_name", PGProperty.APPLICATION_NAME.getName(),
            "connect_timeout", PGProperty.CONNECT_TIMEOUT.getName(),
            "options", PGProperty.OPTIONS.getName(),
            "user", PGProperty.USER.getName(),
            "password", PGProperty.PASSWORD.getName());

    private final List<Address> addresses;
    private final String database;
    private final String user; // null: the driver's default, the name of the user running the server
    private final String password; // null when none was given
    private final Map<String, String> properties; // for the JDBC driver, by its names

    private PostgresUrl(
            List<Address> addresses, String database, String user, String password, Map<String, String> properties) {
        this.addresses = List.copyOf(addresses);
        this.database = database;
        this.user = user;
        this.password = password;
        this.properties = Map.copyOf(properties);
    }

    /**
     * Reads {@code text} in either form.
     *
     * @throws IllegalArgumentException naming what is wrong, with the URL as written but its password
     */
    public static PostgresUrl parse(String text) {
        if (text.startsWith("jdbc:")) return parseJdbc(text);
        if (text.startsWith("postgresql://") || text.startsWith("postgres://")) return parseLibpq(text);
        throw invalid(text, "expected " + LIBPQ_FORM + " or " + JDBC_FORM);
    }

    public List<Address> addresses() {
        return addresses;
    }

    public String database() {
        return database;
    }

    /** The user to log in as, or empty for the driver's default (the operating system's user). */
    public String user() {
        return user == null ? "" : user;
    }

    /** The servers and the database, for messages: {@code db.example:5432/gantry}. */
    public String where() {
        return addresses.stream().map(Address::toString).collect(Collectors.joining(",")) + "/" + database;
    }

    /** Removes the password from a message of the driver's or the pool's, should one ever carry it. */
    String hide(String message) {
        if (message == null || password == null || password.length() < 3) return message;
        return message.replace(password, "***");
    }

    /** What the JDBC driver is given: servers, database, user, password and the parameters. */
    Properties driverProperties() {
        Properties driver = new Properties();
        driver.putAll(properties);
        driver.setProperty(
                PGProperty.PG_HOST.getName(),
                addresses.stream().map(Address::host).collect(Collectors.joining(",")));
        driver.setProperty(
                PGProperty.PG_PORT.getName(),
                addresses.stream().map(a -> String.valueOf(a.port())).collect(Collectors.joining(",")));
        driver.setProperty(PGProperty.PG_DBNAME.getName(), database);
        if (user != null) driver.setProperty(PGProperty.USER.getName(), user);
        if (password != null) driver.setProperty(PGProperty.PASSWORD.getName(), password);
        return driver;
    }

    /** The URL without its password, in the libpq form. */
    @Override
    public String toString() {
        StringBuilder url = new StringBuilder("postgresql://");
        if (user != null) url.append(encode(user)).append('@');
        url.append(addresses.stream().map(Address::toString).collect(Collectors.joining(",")));
        url.append('/').append(encode(database));
        return url.toString();
    }

    private static PostgresUrl parseLibpq(String text) {
        String rest = text.substring(text.indexOf("://") + 3);
        int query = rest.indexOf('?');
        String parameters = query < 0 ? "" : rest.substring(query + 1);
        rest = query < 0 ? rest : rest.substring(0, query);
        // The last '@', so that a password holding an unencoded '/' or '@' is still not taken for the host.
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        rest = rest.substring(at + 1);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);

        String user = null, password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(text, "user", colon < 0 ? userInfo : userInfo.substring(0, colon));
            if (colon >= 0) password = decodeSecret(text, userInfo.substring(colon + 1));
        }
        List<Address> addresses = new ArrayList<>();
        for (String address : authority.split(",", -1)) addresses.add(address(text, address));
        String database = decode(text, "database", path);
        Map<String, String> properties = parameters(text, parameters);
        if (properties.containsKey(PGProperty.USER.getName())) user = properties.remove(PGProperty.USER.getName());
        if (properties.containsKey(PGProperty.PASSWORD.getName())) {
            password = properties.remove(PGProperty.PASSWORD.getName());
        }
        if (database.isEmpty()) throw invalid(text, "names no database: expected " + LIBPQ_FORM);
        return new PostgresUrl(addresses, database, user == null || user.isEmpty() ? null : user, password, properties);
    }

    private static Address address(String text, String address) {
        String host, port = "";
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) throw invalid(text, "the IPv6 address \"" + address + "\" lacks its closing ']'");
            host = address.substring(1, close);
            String after = address.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw invalid(text, "expected ':' and a port after \"" + address.substring(0, close + 1) + "\"");
            }
            port = after.isEmpty() ? "" : after.substring(1);
        } else {
            int colon = address.indexOf(':');
            host = colon < 0 ? address : address.substring(0, colon);
            port = colon < 0 ? "" : address.substring(colon + 1);
        }
        host = decode(text, "host", host);
        if (host.isEmpty()) host = "localhost";
        return new Address(host, port.isEmpty() ? DEFAULT_PORT : port(text, port));
    }

    private static int port(String text, String port) {
        if (port.matches("\\d{1,5}")) {
            int number = Integer.parseInt(port);
            if (number >= 1 && number <= 65535) return number;
        }
        throw invalid(text, "the port must be a number from 1 to 65535, got \"" + port + "\"");
    }

    private static Map<String, String> parameters(String text, String query) {
        Map<String, String> properties = new LinkedHashMap<>();
        if (query.isEmpty()) return properties;
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(text, "parameter", equals < 0 ? pair : pair.substring(0, equals));
            String driverName = PARAMETERS.get(name);
            if (driverName == null) {
                throw invalid(
                        text,
                        "unknown parameter \"" + name + "\"; accepted: "
                                + PARAMETERS.keySet().stream().sorted().collect(Collectors.joining(", ")));
            }
            if (equals < 0) throw invalid(text, "the parameter \"" + name + "\" has no value");
            String value = pair.substring(equals + 1);
            properties.put(
                    driverName,
                    driverName.equals(PGProperty.PASSWORD.getName())
                            ? decodeSecret(text, value)
                            : decode(text, "parameter " + name, value));
        }
        return properties;
    }

    private static PostgresUrl parseJdbc(String text) {
        if (!text.startsWith("jdbc:postgresql:")) throw invalid(text, "expected " + JDBC_FORM);
        if (text.startsWith("jdbc:postgresql://")) {
            // Checked here first: the driver says only that it cannot read the URL, and logs why on stderr.
            String rest = text.substring("jdbc:postgresql://".length()).split("[/?]", 2)[0];
            for (String address : rest.split(",", -1)) address(text, address);
        }
        Properties parsed = Driver.parseURL(text, new Properties());
        if (parsed == null) throw invalid(text, "the JDBC driver cannot read it: expected " + JDBC_FORM);
        String[] hosts =
                parsed.getProperty(PGProperty.PG_HOST.getName(), "localhost").split(",", -1);
        String[] ports = parsed.getProperty(PGProperty.PG_PORT.getName(), "").split(",", -1);
        List<Address> addresses = new ArrayList<>();
        for (int i = 0; i < hosts.length; i++) {
            String port = i < ports.length ? ports[i] : "";
            addresses.add(new Address(hosts[i], port.isEmpty() ? DEFAULT_PORT : port(text, port)));
        }
        String database = parsed.getProperty(PGProperty.PG_DBNAME.getName(), "");
        if (database.isEmpty()) throw invalid(text, "names no database: expected " + JDBC_FORM);
        String user = (String) parsed.remove(PGProperty.USER.getName());
        String password = (String) parsed.remove(PGProperty.PASSWORD.getName());
        Map<String, String> properties = new LinkedHashMap<>();
        for (String name : parsed.stringPropertyNames()) properties.put(name, parsed.getProperty(name));
        properties.remove(PGProperty.PG_HOST.getName());
        properties.remove(PGProperty.PG_PORT.getName());
        properties.remove(PGProperty.PG_DBNAME.getName());
        return new PostgresUrl(addresses, database, user, password, properties);
    }

    private static String decodeSecret(String text, String encoded) {
        try {
            return decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "the password is not percent-encoded: write %25 for '%'");
        }
    }

    private static String decode(String text, String part, String encoded) {
        try {
            return decode(encoded);
        } catch (IllegalArgumentException e) {
            throw invalid(text, "the " + part + " \"" + encoded + "\" is not percent-encoded: " + e.getMessage());
        }
    }

    /** Percent-decoding as in a URI, UTF-8; unlike a form's, a '+' stays a '+'. */
    private static String decode(String encoded) {
        if (encoded.indexOf('%') < 0) return encoded;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= encoded.length()
                    || Character.digit(encoded.charAt(i + 1), 16) < 0
                    || Character.digit(encoded.charAt(i + 2), 16) < 0) {
                throw new IllegalArgumentException("'%' must be followed by two hexadecimal digits");
            }
            bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("database URL " + redacted(text) + ": " + problem);
    }

    /** The URL as written, its password (in the user part, or a {@code password} parameter) replaced by ***. */
    static String redacted(String text) {
        String shown = text.replaceAll("(?i)([?&;]password=)[^&]*", "$1***");
        int scheme = shown.indexOf("://");
        if (scheme < 0) return shown;
        int start = scheme + 3;
        int end = shown.indexOf('?', start);
        String authority = shown.substring(start, end < 0 ? shown.length() : end);
        int at = authority.lastIndexOf('@');
        if (at < 0) return shown;
        int colon = authority.indexOf(':');
        if (colon < 0 || colon > at) return shown;
        return shown.substring(0, start + colon + 1) + "***" + shown.substring(start + at);
    }
}
