package dev.descent.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Counts wrong passwords per user; five in a row lock the account for five minutes (see UserEntity). */
@Service
class LoginAttempts {

    private final UserRepository users;
    private final Clock clock;

    LoginAttempts(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        users.findByUsername(String.valueOf(event.getAuthentication().getPrincipal()).strip())
                .ifPresent(user -> user.recordFailedLogin(clock.instant()));
    }

    @EventListener
    @Transactional
    void succeeded(AuthenticationSuccessEvent event) {
        users.findByUsername(event.getAuthentication().getName()).ifPresent(UserEntity::recordSuccessfulLogin);
    }
}
