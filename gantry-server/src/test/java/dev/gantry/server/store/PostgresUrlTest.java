package dev.gantry.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.server.store.PostgresUrl.Address;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void libpqFormGivesServerDatabaseUserAndPassword() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ana:s3cret@db.example:6543/gantry?sslmode=require");

        assertThat(url.addresses()).containsExactly(new Address("db.example", 6543));
        assertThat(url.database()).isEqualTo("gantry");
        assertThat(url.user()).isEqualTo("ana");
        assertThat(url.where()).isEqualTo("db.example:6543/gantry");
        Properties driver = url.driverProperties();
        assertThat(driver.getProperty("password")).isEqualTo("s3cret");
        assertThat(driver.getProperty("user")).isEqualTo("ana");
        assertThat(driver.getProperty("sslmode")).isEqualTo("require");
        assertThat(driver.getProperty("PGHOST")).isEqualTo("db.example");
        assertThat(driver.getProperty("PGPORT")).isEqualTo("6543");
        assertThat(driver.getProperty("PGDBNAME")).isEqualTo("gantry");
    }

    @Test
    void passwordIsNeverShown() {
        PostgresUrl url = PostgresUrl.parse("postgres://ana:s3cret@db.example/gantry");

        assertThat(url.toString())
                .isEqualTo("postgresql://ana@db.example:5432/gantry")
                .doesNotContain("s3cret");
        assertThat(url.hide("no s3cret here")).isEqualTo("no *** here");
    }

    @Test
    void hostAndPortDefaultAsInLibpq() {
        PostgresUrl url = PostgresUrl.parse("postgresql:///gantry");

        assertThat(url.addresses()).containsExactly(new Address("localhost", 5432));
        assertThat(url.user()).isEmpty();
        assertThat(url.driverProperties()).doesNotContainKeys("user", "password");
    }

    @Test
    void userPasswordAndDatabaseArePercentDecoded() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ana%40acme:p%40ss%3Aw%2Frd%25+@db/r%C3%A9leases");

        assertThat(url.user()).isEqualTo("ana@acme");
        assertThat(url.driverProperties().getProperty("password")).isEqualTo("p@ss:w/rd%+");
        assertThat(url.database()).isEqualTo("réleases");
        assertThat(url.toString()).isEqualTo("postgresql://ana%40acme@db:5432/r%C3%A9leases");
    }

    @Test
    void unencodedSlashOrAtInThePasswordIsNotTakenForTheHost() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ana:pa/ss@word@db:5433/gantry");

        assertThat(url.addresses()).containsExactly(new Address("db", 5433));
        assertThat(url.driverProperties().getProperty("password")).isEqualTo("pa/ss@word");
    }

    @Test
    void severalServersAndIpv6Addresses() {
        PostgresUrl url = PostgresUrl.parse("postgresql://ana@[::1]:5433,db-2,db-3:5434/gantry");

        assertThat(url.addresses())
                .containsExactly(new Address("::1", 5433), new Address("db-2", 5432), new Address("db-3", 5434));
        assertThat(url.where()).isEqualTo("[::1]:5433,db-2:5432,db-3:5434/gantry");
        assertThat(url.driverProperties().getProperty("PGHOST")).isEqualTo("::1,db-2,db-3");
        assertThat(url.driverProperties().getProperty("PGPORT")).isEqualTo("5433,5432,5434");
    }

    @Test
    void userAndPasswordMayBeParameters() {
        PostgresUrl url = PostgresUrl.parse("postgresql://db/gantry?user=ana&password=s3cret&application_name=ci");

        assertThat(url.user()).isEqualTo("ana");
        assertThat(url.driverProperties().getProperty("password")).isEqualTo("s3cret");
        assertThat(url.driverProperties().getProperty("ApplicationName")).isEqualTo("ci");
    }

    @Test
    void jdbcFormIsReadByTheDriver() {
        PostgresUrl url =
                PostgresUrl.parse("jdbc:postgresql://db.example:6543/gantry?user=ana&password=s3cret&ssl=true");

        assertThat(url.addresses()).containsExactly(new Address("db.example", 6543));
        assertThat(url.database()).isEqualTo("gantry");
        assertThat(url.user()).isEqualTo("ana");
        assertThat(url.driverProperties().getProperty("password")).isEqualTo("s3cret");
        assertThat(url.driverProperties().getProperty("ssl")).isEqualTo("true");
        assertThat(url.toString()).doesNotContain("s3cret");
    }

    @Test
    void jdbcFormWithoutPortTakesTheDefault() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db.example/gantry");

        assertThat(url.addresses()).containsExactly(new Address("db.example", 5432));
        assertThat(url.user()).isEmpty();
    }

    @Test
    void whatIsWrongIsNamedAndThePasswordIsNotShown() {
        List<List<String>> cases = List.of(
                List.of(
                        "postgresql://ana:s3cret@db:54x2/gantry",
                        "database URL postgresql://ana:***@db:54x2/gantry: the port must be a number from 1 to"
                                + " 65535, got \"54x2\""),
                List.of(
                        "postgresql://ana:s3cret@db:70000/gantry",
                        "database URL postgresql://ana:***@db:70000/gantry: the port must be a number from 1 to"
                                + " 65535, got \"70000\""),
                List.of(
                        "postgresql://ana:s3cret@db:5432",
                        "database URL postgresql://ana:***@db:5432: names no database: expected"
                                + " postgresql://[user[:password]@]host[:port]/database[?parameter=value&...]"),
                List.of(
                        "postgresql://ana:s3cret@db/gantry?sslmode=require&sslmod=verify-full",
                        "database URL postgresql://ana:***@db/gantry?sslmode=require&sslmod=verify-full: unknown"
                                + " parameter \"sslmod\"; accepted: application_name, connect_timeout, options,"
                                + " password, sslcert, sslkey, sslmode, sslrootcert, user"),
                List.of(
                        "postgresql://ana:s3cr%t@db/gantry",
                        "database URL postgresql://ana:***@db/gantry: the password is not percent-encoded: write"
                                + " %25 for '%'"),
                List.of(
                        "postgresql://db/gantry?user=ana&password=s3cr%t",
                        "database URL postgresql://db/gantry?user=ana&password=***: the password is not"
                                + " percent-encoded: write %25 for '%'"),
                List.of(
                        "postgresql://ana:s3cret@[::1/gantry",
                        "database URL postgresql://ana:***@[::1/gantry: the IPv6 address \"[::1\" lacks its"
                                + " closing ']'"),
                List.of(
                        "mysql://ana:s3cret@db/gantry",
                        "database URL mysql://ana:***@db/gantry: expected"
                                + " postgresql://[user[:password]@]host[:port]/database[?parameter=value&...] or"
                                + " jdbc:postgresql://host[:port]/database[?user=...&password=...]"),
                List.of(
                        "jdbc:mysql://db/gantry?user=ana&password=s3cret",
                        "database URL jdbc:mysql://db/gantry?user=ana&password=***: expected"
                                + " jdbc:postgresql://host[:port]/database[?user=...&password=...]"),
                List.of(
                        "jdbc:postgresql://db:5x/gantry?password=s3cret",
                        "database URL jdbc:postgresql://db:5x/gantry?password=***: the port must be a number from 1"
                                + " to 65535, got \"5x\""),
                List.of(
                        "jdbc:postgresql:",
                        "database URL jdbc:postgresql:: names no database: expected"
                                + " jdbc:postgresql://host[:port]/database[?user=...&password=...]"));
        for (List<String> c : cases) {
            assertThatThrownBy(() -> PostgresUrl.parse(c.get(0)))
                    .as(c.get(0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(c.get(1));
        }
    }
}
