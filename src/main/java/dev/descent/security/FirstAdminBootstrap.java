package dev.descent.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * No default password: the first admin comes from DESCENT_ADMIN_USER / DESCENT_ADMIN_PASSWORD, or is
 * created on the one-time set-up page. Done before the web server listens, so the set-up page is never
 * offered while the admin from the environment is still being created.
 */
@Component
class FirstAdminBootstrap implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(FirstAdminBootstrap.class);

    private final UserService users;
    private final String username;
    private final String password;

    FirstAdminBootstrap(UserService users, @Value("${descent.admin.user:}") String username,
                        @Value("${descent.admin.password:}") String password) {
        this.users = users;
        this.username = username.strip();
        this.password = password;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.anyUser()) {
            return;
        }
        if (!username.isEmpty() && !password.isEmpty()) {
            users.createFirstAdmin(username, password);
            log.info("Created the first admin '{}' from DESCENT_ADMIN_USER", username);
        } else {
            log.info("No users yet: open /setup from this machine to create the first admin "
                    + "(or set DESCENT_ADMIN_USER and DESCENT_ADMIN_PASSWORD)");
        }
    }
}
