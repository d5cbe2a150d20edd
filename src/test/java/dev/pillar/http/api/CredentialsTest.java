package dev.pillar.http.api;

import static org.assertj.core.api.Assertions.assertThat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A token names the version of its user's record: a password change, disabling (and enabling again), or a change of
 * role (and back) stops every earlier token of the user for good, the admin token file's too (issue "trust no single
 * role", finding 3). Before, each of these left the old tokens working.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.MethodName.class) // the admin's change last
class CredentialsTest {
    @TempDir
    static Path data;
    static ApiServer app;

    @BeforeAll
    static void start() {
        app = new ApiServer(data);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int whoAmI(String token) {
        return app.get("/api/v1/partnership/members", token).status();
    }

    /** PATCH of {@code user} by {@code token}, with the ETag the admin reads. */
    static ApiServer.Response patch(String user, String token, String json) {
        return patchReadBy(user, app.token("admin"), token, json);
    }

    static void change(String user, String json) {
        ApiServer.Response r = patch(user, app.token("admin"), json);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void aPasswordChangeStopsEveryEarlierToken() {
        app.createUser("cred-pw", "secretariat", null, null);
        String before = app.signIn("cred-pw");
        assertThat(whoAmI(before)).isEqualTo(200);
        change("cred-pw", "{\"role\":\"secretariat\",\"password\":\"another long passphrase 42\"}");
        assertThat(whoAmI(before)).as("the token made before the password change").isEqualTo(401);
    }

    @Test
    void disablingAndEnablingAgainDoesNotReviveOldTokens() {
        app.createUser("cred-off", "compliance-officer", null, null);
        String before = app.signIn("cred-off");
        change("cred-off", "{\"role\":\"compliance-officer\",\"disabled\":true}");
        assertThat(whoAmI(before)).isEqualTo(401);
        change("cred-off", "{\"role\":\"compliance-officer\",\"disabled\":false}");
        assertThat(whoAmI(before)).as("re-enabled: the old token stays dead").isEqualTo(401);
        assertThat(whoAmI(app.signIn("cred-off"))).as("a new sign-in works").isEqualTo(200);
    }

    @Test
    void aRoleChangedAndBackDoesNotReviveOldTokens() {
        app.createUser("cred-role", "delegate", "GBR", null);
        String before = app.signIn("cred-role");
        change("cred-role", "{\"role\":\"compliance-officer\"}");
        change("cred-role", "{\"role\":\"delegate\",\"country\":\"GBR\"}");
        assertThat(whoAmI(before)).isEqualTo(401);
    }

    @Test
    void guessingAPasswordIsRefusedAfterFiveFailuresEvenWithTheRightOne() {
        app.createUser("cred-guess", "secretariat", null, null);
        for (int i = 0; i < 5; i++) {
            assertThat(app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-guess", "password", "wrong guess " + i)).status())
                    .isEqualTo(401);
        }
        ApiServer.Response locked = app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-guess", "password", ApiServer.PASSWORD));
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isNotBlank();
        assertThat(locked.json().get("detail").asString()).contains("too many failed sign-ins");
    }

    @Test
    void theAdminTokenFileStopsWhenTheAdminsPasswordChanges() throws Exception {
        String fileToken = Files.readString(data.resolve("admin-token")).strip();
        assertThat(whoAmI(fileToken)).isEqualTo(200);
        ApiServer.Response r = patch("admin", fileToken, "{\"password\":\"a new admin passphrase 7\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(whoAmI(fileToken)).isEqualTo(401);
    }

    @Test
    void aPutThatLeavesOutAFieldIsRefusedAndChangesNothing() {
        app.createUser("cred-put", "compliance-officer", null, null);
        change("cred-put", "{\"disabled\":true}");
        ApiServer.Response current = app.get("/api/v1/users/cred-put", app.token("admin"));
        // PUT is a replacement: leaving out disabled must not silently enable the user
        ApiServer.Response r = app.put("/api/v1/users/cred-put", app.token("admin"), current.header("ETag"), "{\"role\":\"compliance-officer\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("field").asString()).isEqualTo("disabled");
        assertThat(app.get("/api/v1/users/cred-put", app.token("admin")).body()).isEqualTo(current.body());
        // PATCH keeps what it does not name
        change("cred-put", "{\"role\":\"secretariat\"}");
        assertThat(app.get("/api/v1/users/cred-put", app.token("admin")).json().get("disabled").asBoolean()).isTrue();
        // a role change that needs a field the user lacks is refused naming it
        ApiServer.Response engineer = patch("cred-put", app.token("admin"), "{\"role\":\"engineer\"}");
        assertThat(engineer.status()).isEqualTo(400);
        assertThat(engineer.json().get("field").asString()).isEqualTo("organisation");
    }

    @Test
    void anAdminResetsAPasswordShownOnceAndTheOldTokensStop() {
        app.createUser("cred-reset", "secretariat", null, null);
        String before = app.signIn("cred-reset");
        ApiServer.Response r = app.post("/api/v1/users/cred-reset/password-reset", app.token("admin"), "");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        String password = r.json().get("password").asString();
        assertThat(whoAmI(before)).isEqualTo(401);
        ApiServer.Response signIn = app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-reset", "password", password));
        assertThat(signIn.status()).isEqualTo(200);
        assertThat(app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-reset", "password", ApiServer.PASSWORD)).status()).isEqualTo(401);
    }

    @Test
    void aUserChangesTheirOwnPasswordAndEveryEarlierTokenStops() {
        app.createUser("cred-own", "engineer", null, "GB-BRITANNIA-SONAR");
        String before = app.signIn("cred-own");
        ApiServer.Response wrong = app.post("/api/v1/account/password", before, ApiServer.json("current", "not my password", "new", "a brand new passphrase"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("field").asString()).isEqualTo("current");
        ApiServer.Response shortOne = app.post("/api/v1/account/password", before, ApiServer.json("current", ApiServer.PASSWORD, "new", "short"));
        assertThat(shortOne.json().get("field").asString()).isEqualTo("new");
        assertThat(whoAmI(before)).as("refused changes stop nothing").isEqualTo(200);
        assertThat(app.post("/api/v1/account/password", before, ApiServer.json("current", ApiServer.PASSWORD, "new", "a brand new passphrase")).status())
                .isEqualTo(204);
        assertThat(whoAmI(before)).isEqualTo(401);
        assertThat(app.post("/api/v1/auth/token", null, ApiServer.json("username", "cred-own", "password", "a brand new passphrase")).status()).isEqualTo(200);
    }

    @Test
    void anAdminCannotDisableOrDemoteThemselves() {
        // admins of their own (the admin token file may have been revoked by another test here)
        app.createUser("cred-root", "admin", null, null);
        app.createUser("cred-admin2", "admin", null, null);
        String root = app.signIn("cred-root");
        ApiServer.Response self = patchAs("cred-root", root, "{\"disabled\":true}");
        assertThat(self.status()).as(self.body()).isEqualTo(409);
        assertThat(self.json().get("field").asString()).isEqualTo("disabled");
        assertThat(patchAs("cred-root", root, "{\"role\":\"secretariat\"}").json().get("field").asString()).isEqualTo("role");
        // another admin may be demoted, and their tokens stop
        String second = app.signIn("cred-admin2");
        ApiServer.Response demote = patchAs("cred-admin2", root, "{\"role\":\"secretariat\"}");
        assertThat(demote.status()).as(demote.body()).isEqualTo(200);
        assertThat(whoAmI(second)).isEqualTo(401);
        assertThat(app.get("/api/v1/users/cred-root", root).json().get("role").asString()).isEqualTo("admin");
    }

    /** PATCH of {@code user} by {@code token}, with the ETag it reads itself. */
    static ApiServer.Response patchAs(String user, String token, String json) {
        return patchReadBy(user, token, token, json);
    }

    static ApiServer.Response patchReadBy(String user, String reader, String token, String json) {
        ApiServer.Response current = app.get("/api/v1/users/" + user, reader);
        return app.send(app.request("/api/v1/users/" + user, token).header("Content-Type", "application/json").header("If-Match", current.header("ETag"))
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString(json)));
    }
}
