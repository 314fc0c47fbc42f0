-- Sign-ins that survive a restart and work on every node (issue 15): Spring Security's persistent remember-me
-- tokens. The cookie holds a random series and token, no secret derived from the password; each use replaces
-- the token, and a stolen cookie used twice ends every remembered sign-in of that user.
CREATE TABLE persistent_logins (
    username  VARCHAR(100) NOT NULL,
    series    VARCHAR(64)  PRIMARY KEY,
    token     VARCHAR(64)  NOT NULL,
    last_used TIMESTAMP    NOT NULL
);

CREATE INDEX persistent_logins_by_user ON persistent_logins (username);
