package dev.pillar.http.console;

import dev.pillar.app.port.Accounts;
import dev.pillar.app.port.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's server-side sessions. A session id is 256 random bits, given to the browser once in the
 * {@code pillar_session} cookie; the store keeps only its SHA-256 digest, so neither a look at the map nor a timing
 * difference in the lookup reveals a live id. A session ends after {@link #IDLE} without a request, after
 * {@link #ABSOLUTE} in any case, at sign-out, or as soon as its user no longer holds the role, country and
 * organisation it was signed in with (disabled or changed). Each session carries its own CSRF token, compared in constant time.
 */
public final class Sessions {
    /** Idle time after which a session ends. */
    public static final Duration IDLE = Duration.ofMinutes(30);
    /** Longest life of a session, however active. */
    public static final Duration ABSOLUTE = Duration.ofHours(12);
    /** Most sessions held at once; beyond it the oldest are ended (a flood of sign-ins cannot exhaust memory). */
    static final int MAX_SESSIONS = 20_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A signed-in browser: who, its CSRF token and when it started and was last used. */
    public static final class Session {
        private final Principal principal;
        private final String csrf;
        private final Instant created;
        private volatile Instant lastSeen;

        Session(Principal principal, String csrf, Instant created) {
            this.principal = principal;
            this.csrf = csrf;
            this.created = created;
            this.lastSeen = created;
        }

        public Principal principal() {
            return principal;
        }

        /** The token every form of this session must send back. */
        public String csrf() {
            return csrf;
        }

        /** True if {@code token} is this session's CSRF token (constant-time comparison). */
        public boolean csrfMatches(String token) {
            return Sessions.equal(csrf, token);
        }
    }

    /** A new session and the id to give the browser (never stored). */
    public record Created(String id, Session session) {}

    /** How long a sign-in form's token is good for. */
    public static final Duration LOGIN_FORM = Duration.ofHours(1);

    private final Map<String, Session> byDigest = new ConcurrentHashMap<>();
    /** This server's key for sign-in form tokens: random at every start, never stored or shown. */
    private final byte[] loginKey = new byte[32];
    private final Clock clock;
    private final Accounts accounts;

    /**
     * Sessions whose user is checked on every request against {@code accounts}: a session ends at once when its user is
     * disabled or their role, country or organisation changes (as their bearer tokens stop working).
     */
    public Sessions(Clock clock, Accounts accounts) {
        this.clock = clock;
        this.accounts = accounts;
        RANDOM.nextBytes(loginKey);
    }

    /** Sessions that end only by time or sign-out (for a console whose users cannot change). */
    public Sessions(Clock clock) {
        this(clock, p -> true);
    }

    /** Starts a session for {@code principal}. */
    public Created create(Principal principal) {
        sweep();
        String id = token();
        Session s = new Session(principal, token(), clock.instant());
        byDigest.put(digest(id), s);
        return new Created(id, s);
    }

    /** The live session with this id, marked as used now; null if unknown, idle too long or too old. */
    public Session find(String id) {
        if (id == null || id.length() != 43) {
            return null;
        }
        String key = digest(id);
        Session s = byDigest.get(key);
        if (s == null) {
            return null;
        }
        Instant now = clock.instant();
        if (expired(s, now) || !accounts.holds(s.principal)) {
            byDigest.remove(key, s);
            return null;
        }
        s.lastSeen = now;
        return s;
    }

    /** Ends the session with this id, if any. */
    public void end(String id) {
        if (id != null) {
            byDigest.remove(digest(id));
        }
    }

    /** The number of live sessions (expired ones are dropped first). */
    public int size() {
        sweep();
        return byDigest.size();
    }

    private boolean expired(Session s, Instant now) {
        return !now.isBefore(s.lastSeen.plus(IDLE)) || !now.isBefore(s.created.plus(ABSOLUTE));
    }

    private void sweep() {
        Instant now = clock.instant();
        byDigest.values().removeIf(s -> expired(s, now));
        int excess = byDigest.size() - MAX_SESSIONS + 1;
        if (excess > 0) {
            Iterator<Map.Entry<String, Session>> it = byDigest.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue((a, b) -> a.lastSeen.compareTo(b.lastSeen))).iterator();
            for (int i = 0; i < excess && it.hasNext(); i++) {
                byDigest.remove(it.next().getKey());
            }
        }
    }

    /**
     * A token for a sign-in form (sent in the form and in the {@code pillar_login} cookie): 128 random bits, its expiry
     * and an HMAC-SHA256 of both under this server's key. A double-submit pair alone could be planted by anyone who can
     * set a cookie for the site (a sibling subdomain, a man in the middle on plain HTTP); a token this server did not
     * make, or made more than {@link #LOGIN_FORM} ago, is refused by {@link #loginTokenValid}.
     */
    public String loginToken() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(nonce) + "." + clock.instant().plus(LOGIN_FORM).getEpochSecond();
        return body + "." + mac(body);
    }

    /**
     * True if the sign-in form sent back {@code formToken}, the browser holds the same {@code cookieToken}, and this
     * server made it (its HMAC checks) less than {@link #LOGIN_FORM} ago.
     */
    public boolean loginTokenValid(String cookieToken, String formToken) {
        if (!equal(cookieToken, formToken) || formToken.length() > 120) {
            return false;
        }
        int last = formToken.lastIndexOf('.');
        int first = formToken.indexOf('.');
        if (first <= 0 || last <= first) {
            return false;
        }
        String body = formToken.substring(0, last);
        if (!equal(mac(body), formToken.substring(last + 1))) {
            return false;
        }
        try {
            return clock.instant().getEpochSecond() < Long.parseLong(body.substring(first + 1));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String mac(String body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(loginKey, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 256 random bits, base64url without padding (43 characters). */
    public static String token() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** Constant-time equality of two tokens; false if either is missing. */
    public static boolean equal(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static String digest(String id) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
