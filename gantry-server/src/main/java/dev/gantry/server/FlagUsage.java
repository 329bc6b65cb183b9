package dev.gantry.server;

import dev.gantry.server.api.FlagMetricsView;
import dev.gantry.server.api.SdkInstanceView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What SDKs say through Unleash's client API, kept in the server's database: the instances that registered to read
 * an environment's flags ({@code flag_clients}), and how often each flag was on and off for them
 * ({@code flag_metrics}, {@code flag_variant_metrics}). SQL that H2 and PostgreSQL both run.
 */
final class FlagUsage {

    private final DataSource db;

    FlagUsage(DataSource db) {
        this.db = db;
    }

    /** Keeps what an instance said of itself, replacing what it said before. */
    void register(String project, String environment, UnleashBodies.Registration sdk, String tokenId, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                int updated;
                try (PreparedStatement update = c.prepareStatement("UPDATE flag_clients SET sdk_version = ?,"
                        + " strategies = ?, started = ?, interval_ms = ?, token_id = ?, last_seen = ?"
                        + " WHERE project = ? AND environment = ? AND app_name = ? AND instance_id = ?")) {
                    update.setString(1, sdk.sdkVersion());
                    update.setString(2, String.join("\n", sdk.strategies()));
                    update.setObject(3, time(sdk.started()));
                    update.setLong(4, sdk.interval());
                    update.setString(5, tokenId);
                    update.setObject(6, time(at));
                    update.setString(7, project);
                    update.setString(8, environment);
                    update.setString(9, sdk.appName());
                    update.setString(10, sdk.instanceId());
                    updated = update.executeUpdate();
                }
                if (updated == 0) {
                    try (PreparedStatement insert = c.prepareStatement("INSERT INTO flag_clients (project,"
                            + " environment, app_name, instance_id, sdk_version, strategies, started, interval_ms,"
                            + " token_id, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, project);
                        insert.setString(2, environment);
                        insert.setString(3, sdk.appName());
                        insert.setString(4, sdk.instanceId());
                        insert.setString(5, sdk.sdkVersion());
                        insert.setString(6, String.join("\n", sdk.strategies()));
                        insert.setObject(7, time(sdk.started()));
                        insert.setLong(8, sdk.interval());
                        insert.setString(9, tokenId);
                        insert.setObject(10, time(at));
                        insert.setObject(11, time(at));
                        insert.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The instances that registered for {@code environment}, or for every environment when null. */
    List<SdkInstanceView> instances(String project, String environment) throws SQLException {
        String sql = "SELECT environment, app_name, instance_id, sdk_version, strategies, started, interval_ms,"
                + " token_id, first_seen, last_seen FROM flag_clients WHERE project = ?"
                + (environment == null ? "" : " AND environment = ?")
                + " ORDER BY environment, app_name, instance_id";
        List<SdkInstanceView> out = new ArrayList<>();
        try (Connection c = db.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            select.setString(1, project);
            if (environment != null) select.setString(2, environment);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    String strategies = row.getString(5);
                    out.add(new SdkInstanceView(
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getString(4),
                            strategies.isEmpty() ? List.of() : Arrays.asList(strategies.split("\n")),
                            instant(row, 6),
                            row.getLong(7),
                            row.getString(8),
                            instant(row, 9),
                            instant(row, 10)));
                }
            }
        }
        return out;
    }

    /** Keeps one metrics bucket: all of its flags or, when one cannot be stored, none. */
    void record(String project, String environment, UnleashBodies.MetricsReport report, Instant at)
            throws SQLException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO flag_metrics (project, environment, app_name, instance_id, flag,"
                                    + " bucket_start, bucket_stop, yes_count, no_count, received_at)"
                                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            Statement.RETURN_GENERATED_KEYS);
                    PreparedStatement variant = c.prepareStatement(
                            "INSERT INTO flag_variant_metrics (metric_id, variant, hits) VALUES (?, ?, ?)")) {
                for (UnleashBodies.FlagCount flag : report.flags()) {
                    insert.setString(1, project);
                    insert.setString(2, environment);
                    insert.setString(3, report.appName());
                    insert.setString(4, report.instanceId());
                    insert.setString(5, flag.flag());
                    insert.setObject(6, time(report.start()));
                    insert.setObject(7, time(report.stop()));
                    insert.setLong(8, flag.yes());
                    insert.setLong(9, flag.no());
                    insert.setObject(10, time(at));
                    insert.executeUpdate();
                    long id;
                    // The id is the table's first column: PostgreSQL gives every column back, H2 the id alone.
                    try (ResultSet key = insert.getGeneratedKeys()) {
                        key.next();
                        id = key.getLong(1);
                    }
                    for (Map.Entry<String, Long> hits : flag.variants().entrySet()) {
                        variant.setLong(1, id);
                        variant.setString(2, hits.getKey());
                        variant.setLong(3, hits.getValue());
                        variant.executeUpdate();
                    }
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The counts of {@code environment} (every environment when null), summed per flag and application. */
    List<FlagMetricsView> metrics(String project, String environment) throws SQLException {
        String where = " WHERE m.project = ?" + (environment == null ? "" : " AND m.environment = ?");
        String sums = "SELECT m.environment, m.flag, m.app_name, SUM(m.yes_count), SUM(m.no_count),"
                + " MIN(m.bucket_start), MAX(m.bucket_stop) FROM flag_metrics m" + where
                + " GROUP BY m.environment, m.flag, m.app_name ORDER BY m.environment, m.flag, m.app_name";
        String variants = "SELECT m.environment, m.flag, m.app_name, v.variant, SUM(v.hits) FROM flag_variant_metrics v"
                + " JOIN flag_metrics m ON m.id = v.metric_id" + where
                + " GROUP BY m.environment, m.flag, m.app_name, v.variant";
        Map<List<String>, Map<String, Long>> byKey = new LinkedHashMap<>();
        List<FlagMetricsView> out = new ArrayList<>();
        try (Connection c = db.getConnection()) {
            try (PreparedStatement select = c.prepareStatement(variants)) {
                bind(select, project, environment);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next())
                        byKey.computeIfAbsent(
                                        List.of(row.getString(1), row.getString(2), row.getString(3)),
                                        k -> new LinkedHashMap<>())
                                .put(row.getString(4), row.getLong(5));
                }
            }
            try (PreparedStatement select = c.prepareStatement(sums)) {
                bind(select, project, environment);
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        List<String> key = List.of(row.getString(1), row.getString(2), row.getString(3));
                        out.add(new FlagMetricsView(
                                key.get(0),
                                key.get(1),
                                key.get(2),
                                row.getLong(4),
                                row.getLong(5),
                                byKey.getOrDefault(key, Map.of()),
                                instant(row, 6),
                                instant(row, 7)));
                    }
                }
            }
        }
        return out;
    }

    private static void bind(PreparedStatement select, String project, String environment) throws SQLException {
        select.setString(1, project);
        if (environment != null) select.setString(2, environment);
    }

    private static OffsetDateTime time(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
