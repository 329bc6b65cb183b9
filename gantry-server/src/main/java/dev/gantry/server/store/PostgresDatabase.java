package dev.gantry.server.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.gantry.store.StoreException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.postgresql.PGProperty;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

/**
 * One PostgreSQL database and the pool of connections to it, shared by the stores of every project the server
 * coordinates (each in a schema of its own, see {@link PostgresStore}). Closing it closes the pool, and with it every
 * store opened on it; closing a store leaves the pool open.
 *
 * <p>No call waits for an unreachable database for long: connecting, logging in and waiting for a free connection
 * each give up after the connect timeout (5 seconds unless given), and a connection on which the server has not
 * answered for {@link #SOCKET_TIMEOUT} is dropped.
 */
public final class PostgresDatabase implements AutoCloseable {

    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int POOL_SIZE = 10;
    /** Far above any call of the store's; what it ends is a server or network that stopped answering. */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(60);

    private final PostgresUrl url;
    private final PGSimpleDataSource direct; // one new connection per call, for migrations
    private final HikariDataSource pool;
    private final Set<String> migrated = new HashSet<>(); // guarded by itself

    private PostgresDatabase(PostgresUrl url, PGSimpleDataSource direct, HikariDataSource pool) {
        this.url = url;
        this.direct = direct;
        this.pool = pool;
    }

    /** Connects to the database at {@code url} with a pool of {@link #POOL_SIZE} connections. */
    public static PostgresDatabase connect(PostgresUrl url) throws StoreException {
        return connect(url, CONNECT_TIMEOUT, POOL_SIZE);
    }

    /**
     * Connects to the database at {@code url}: opens its first connection, so that a database that cannot be
     * reached, or refuses the login, is reported here.
     *
     * @throws StoreException naming the servers, the database and the user, and why; never the password
     */
    public static PostgresDatabase connect(PostgresUrl url, Duration connectTimeout, int poolSize)
            throws StoreException {
        if (connectTimeout.toMillis() < 1000) {
            throw new IllegalArgumentException("the connect timeout must be a second at least, got " + connectTimeout);
        }
        if (poolSize < 1) throw new IllegalArgumentException("the pool needs a connection at least, got " + poolSize);
        PGSimpleDataSource direct = dataSource(url, connectTimeout);
        HikariConfig config = new HikariConfig();
        config.setPoolName("gantry-postgresql");
        config.setDataSource(direct);
        config.setMaximumPoolSize(poolSize);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setValidationTimeout(Math.min(connectTimeout.toMillis(), 5000));
        try {
            return new PostgresDatabase(url, direct, new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            throw new StoreException("cannot connect to " + describe(url) + ": " + why(url, e), e);
        }
    }

    private static PGSimpleDataSource dataSource(PostgresUrl url, Duration connectTimeout) throws StoreException {
        PGSimpleDataSource source = new PGSimpleDataSource();
        Properties properties = url.driverProperties();
        properties.putIfAbsent(PGProperty.APPLICATION_NAME.getName(), "gantry");
        properties.putIfAbsent(PGProperty.TCP_KEEP_ALIVE.getName(), "true");
        int seconds = (int) connectTimeout.toSeconds();
        properties.putIfAbsent(PGProperty.CONNECT_TIMEOUT.getName(), String.valueOf(seconds));
        properties.setProperty(PGProperty.LOGIN_TIMEOUT.getName(), String.valueOf(seconds));
        properties.setProperty(PGProperty.SOCKET_TIMEOUT.getName(), String.valueOf(SOCKET_TIMEOUT.toSeconds()));
        try {
            for (String name : properties.stringPropertyNames()) {
                source.setProperty(name, properties.getProperty(name));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot connect to " + describe(url) + ": " + url.hide(e.getMessage()), e);
        }
        return source;
    }

    public PostgresUrl url() {
        return url;
    }

    /**
     * Connections of the pool that work in {@code schema}, for the server's own tables beside the projects'
     * records. Closing a connection gives it back to the pool; the schema is created by the first migration.
     */
    public javax.sql.DataSource schema(String schema) {
        PostgresStore.checkSchema(schema);
        return new SchemaDataSource(this, schema);
    }

    /** A connection of the pool whose unqualified names are those of {@code schema}; closing it gives it back. */
    Connection connection(String schema) throws SQLException {
        Connection connection = pool.getConnection();
        try {
            connection.setSchema(schema);
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    /** A connection of its own, outside the pool, for work that holds it long (a migration, waiting for a lock). */
    Connection directConnection() throws SQLException {
        return direct.getConnection();
    }

    PGSimpleDataSource directDataSource() {
        return direct;
    }

    /**
     * Brings {@code schema} up to date, once per schema for this database object: after that, this process's
     * migrations have all been applied to it. One migration at a time, so that a second store opened on a schema
     * being migrated waits until it is ready.
     */
    void migrate(String schema) throws StoreException {
        synchronized (migrated) {
            if (migrated.contains(schema)) return;
            PostgresMigration.migrate(this, schema);
            migrated.add(schema);
        }
    }

    /** {@code PostgreSQL at db.example:5432/gantry as ana}, for messages. */
    String describe() {
        return describe(url);
    }

    private static String describe(PostgresUrl url) {
        return "PostgreSQL at " + url.where() + (url.user().isEmpty() ? "" : " as " + url.user());
    }

    /** Why a call to the database failed, in words, without the password. */
    String why(Throwable failure) {
        return why(url, failure);
    }

    private static String why(PostgresUrl url, Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) return url.hide("unknown host " + cause.getMessage());
            if (cause instanceof ConnectException) return "connection refused (is the server running there?)";
            if (cause instanceof SocketTimeoutException) return "the server did not answer in time";
        }
        // The pool's own message (no connection free in time) says less than the failure that keeps it empty.
        Throwable deepest = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PSQLException e && e.getServerErrorMessage() != null) {
                return url.hide(e.getServerErrorMessage().getMessage());
            }
            if (cause instanceof SQLException) deepest = cause;
        }
        String message = deepest.getMessage() == null
                ? deepest.toString()
                : deepest.getMessage().strip();
        if (message.endsWith(".") && !message.endsWith("..")) message = message.substring(0, message.length() - 1);
        if (!message.isEmpty()) message = Character.toLowerCase(message.charAt(0)) + message.substring(1);
        return url.hide(message);
    }

    /** Closes the pool; the stores opened on it can no longer be used. */
    @Override
    public void close() {
        pool.close();
    }
}
