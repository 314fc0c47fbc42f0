package dev.descent.security;

import org.springframework.stereotype.Component;
import org.springframework.security.web.authentication.rememberme.JdbcTokenRepositoryImpl;
import org.springframework.security.web.authentication.rememberme.PersistentTokenRepository;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Remembered sign-ins, kept in the database (V11) so that a user stays signed in when their node restarts or
 * when they land on another node. A disabled user or a reset password ends every remembered sign-in of that user.
 */
@Component
public class RememberedSignIns {

    /** How long a browser stays signed in without signing in again (renewed at each use). */
    public static final Duration VALIDITY = Duration.ofDays(14);
    /** Identifies remember-me authentications made by Descent; the same on every node (not a secret: the cookie
     *  carries only a random series and token, checked against the database). */
    public static final String KEY = "descent-remember-me";

    private final JdbcTokenRepositoryImpl repository = new JdbcTokenRepositoryImpl();

    RememberedSignIns(DataSource dataSource) {
        repository.setDataSource(dataSource);
    }

    public PersistentTokenRepository repository() {
        return repository;
    }

    void forget(String username) {
        repository.removeUserTokens(username);
    }
}
