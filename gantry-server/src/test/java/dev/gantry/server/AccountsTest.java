package dev.gantry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gantry.server.api.AccountInfo;
import dev.gantry.server.api.AccountRequest;
import dev.gantry.server.api.PasswordChange;
import dev.gantry.server.api.TokenRequest;
import dev.gantry.server.audit.AuditAction;
import dev.gantry.server.audit.AuditEntry;
import dev.gantry.server.client.ServerCallException;
import dev.gantry.server.client.ServerClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local accounts over real HTTP: created, listed, removed by an admin, their passwords changed by their people. */
class AccountsTest {

    static final String PASSWORD = "correct horse battery staple";

    @TempDir
    java.nio.file.Path dir;

    private ServerFixture fixture;
    private ServerClient admin;

    @BeforeEach
    void start() throws Exception {
        fixture = new ServerFixture(dir);
        admin = ServerClient.of(fixture.url(), fixture.adminToken());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void anAdminCreatesListsAndRemovesAccountsAndTheAuditLogSaysWhoDidWhat() throws Exception {
        AccountInfo priya = admin.createAccount(new AccountRequest("Priya Shah", List.of("approve", "read"), PASSWORD));
        assertThat(priya.person()).isEqualTo("Priya Shah");
        assertThat(priya.scopes()).containsExactly("approve", "read");
        assertThat(priya.created()).isEqualTo(ServerFixture.T0);
        admin.createAccount(new AccountRequest("Bo Chen", List.of("read"), "another long passphrase"));
        assertThat(admin.accounts()).extracting(AccountInfo::person).containsExactly("Bo Chen", "Priya Shah");

        admin.removeAccount("Bo Chen");
        assertThat(admin.accounts()).extracting(AccountInfo::person).containsExactly("Priya Shah");
        assertThatThrownBy(() -> admin.removeAccount("Bo Chen"))
                .hasMessage("nobody named \"Bo Chen\" has an account")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(404);

        List<AuditEntry> entries = admin.audit();
        assertThat(entries)
                .extracting(AuditEntry::action)
                .containsSubsequence(
                        AuditAction.ACCOUNT_CREATED, AuditAction.ACCOUNT_CREATED, AuditAction.ACCOUNT_REMOVED);
        assertThat(entries)
                .filteredOn(e -> e.action() == AuditAction.ACCOUNT_CREATED)
                .first()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("admin");
                    assertThat(e.subject()).isEqualTo("account of Priya Shah (approve, read)");
                });
        assertThat(admin.verifyAudit()).isEmpty();
    }

    @Test
    void aPasswordThatBreaksTheRulesAndASecondAccountForOnePersonAreRefusedSayingWhy() throws Exception {
        assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), "short")))
                .hasMessage("a password is at least 12 characters");
        assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), "priya shah")))
                .hasMessage("a password is at least 12 characters");
        assertThatThrownBy(() -> admin.createAccount(
                        new AccountRequest("Priya Shah Longname", List.of("read"), "priya shah longname")))
                .hasMessage("a password is not the person's name");
        assertThatThrownBy(
                        () -> admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), "é".repeat(513))))
                .hasMessage("a password is at most 1024 bytes");
        assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of("root"), PASSWORD)))
                .hasMessage("unknown scope \"root\"; an account may have: read, approve, operate, admin");
        assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of(), PASSWORD)))
                .hasMessage("an account needs at least one scope");
        assertThatThrownBy(
                        () -> admin.createAccount(new AccountRequest("Bo\u001b]0;x\u0007", List.of("read"), PASSWORD)))
                .hasMessageContaining("found U+001B ESCAPE at character 3");
        assertThatThrownBy(() -> admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), null)))
                .hasMessage("an account needs a password");
        admin.createAccount(new AccountRequest("Priya Shah", List.of("read"), PASSWORD));
        assertThatThrownBy(
                        () -> admin.createAccount(new AccountRequest("Priya Shah", List.of("admin"), PASSWORD + "!")))
                .hasMessage("Priya Shah has an account already")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(409);
        assertThat(admin.accounts()).singleElement().satisfies(a -> assertThat(a.scopes())
                .containsExactly("read"));
    }

    @Test
    void onlyAnAdminManagesAccounts() throws Exception {
        ServerClient reader = ServerClient.of(
                fixture.url(),
                admin.issue(new TokenRequest("Bo Chen", List.of("operate"), 3)).text());
        assertThatThrownBy(() -> reader.createAccount(new AccountRequest("Bo Chen", List.of("admin"), PASSWORD)))
                .hasMessageContaining("needs the admin scope");
        assertThatThrownBy(reader::accounts).hasMessageContaining("needs the admin scope");
        assertThatThrownBy(() -> reader.removeAccount("Bo Chen")).hasMessageContaining("needs the admin scope");
    }

    @Test
    void aPersonChangesTheirOwnPasswordWithTheCurrentOneAndNobodyElses() throws Exception {
        admin.createAccount(new AccountRequest("Priya Shah", List.of("approve"), PASSWORD));
        ServerClient priya = ServerClient.of(
                fixture.url(),
                admin.issue(new TokenRequest("Priya Shah", List.of("read"), 3)).text());
        assertThatThrownBy(() -> priya.changePassword(new PasswordChange("not the password", "a brand new passphrase")))
                .hasMessage("the current password is not the account's")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(403);
        assertThatThrownBy(() -> priya.changePassword(new PasswordChange(PASSWORD, "tiny")))
                .hasMessage("a password is at least 12 characters");
        priya.changePassword(new PasswordChange(PASSWORD, "a brand new passphrase"));
        assertThatThrownBy(() -> priya.changePassword(new PasswordChange(PASSWORD, "yet another passphrase")))
                .as("the old password is no longer the account's")
                .hasMessage("the current password is not the account's");
        assertThatThrownBy(() -> admin.changePassword(new PasswordChange(PASSWORD, "a brand new passphrase")))
                .hasMessage("admin has no account here, so no password to change");
        for (int i = 2; i < dev.gantry.server.auth.Throttle.LIMIT; i++) { // two wrong ones above
            assertThatThrownBy(() -> priya.changePassword(new PasswordChange("a guess", "yet another passphrase")))
                    .hasMessage("the current password is not the account's");
        }
        assertThatThrownBy(() -> priya.changePassword(new PasswordChange("a brand new passphrase", "another one!!")))
                .as("wrong current passwords are slowed down as wrong logins are: from here, and for her")
                .hasMessage("too many wrong tokens or passwords from 127.0.0.1; try again in 60 s")
                .extracting(e -> ((ServerCallException) e).status())
                .isEqualTo(429);
        fixture.clock.advance(dev.gantry.server.auth.Throttle.WINDOW.plusSeconds(1));
        assertThat(admin.audit())
                .filteredOn(e -> e.action() == AuditAction.PASSWORD_CHANGED)
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("Priya Shah");
                    assertThat(e.subject()).isEqualTo("account of Priya Shah");
                });
    }

    @Test
    void passwordsAreKeptOnlyAsArgon2idHashesAndNeverLogged() throws Exception {
        admin.createAccount(new AccountRequest("Priya Shah", List.of("approve"), PASSWORD));
        fixture.close();
        try (ServerDatabase db = ServerDatabase.embedded(fixture.data.resolve("server"));
                Connection c = db.dataSource().getConnection()) {
            try (ResultSet rows = c.createStatement().executeQuery("SELECT * FROM accounts")) {
                int columns = rows.getMetaData().getColumnCount();
                assertThat(rows.next()).isTrue();
                for (int i = 1; i <= columns; i++)
                    assertThat(String.valueOf(rows.getObject(i))).doesNotContain(PASSWORD);
                assertThat(rows.getString("password_hash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
            }
            try (ResultSet rows = c.createStatement().executeQuery("SELECT subject FROM audit")) {
                while (rows.next()) assertThat(rows.getString(1)).doesNotContain(PASSWORD);
            }
        }
        byte[] file = Files.readAllBytes(fixture.data.resolve("server/server.mv.db"));
        assertThat(new String(file, StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
        assertThat(new String(file, StandardCharsets.UTF_16BE)).doesNotContain(PASSWORD);
        assertThat(fixture.log()).doesNotContain(PASSWORD);
        fixture = new ServerFixture(dir.resolve("again"));
    }
}
