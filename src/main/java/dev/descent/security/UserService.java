package dev.descent.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** People who sign in. Everything that changes them is for admins, except creating the very first admin. */
@Service
public class UserService {

    static final int MIN_PASSWORD_LENGTH = 10;
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{2,100}");

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RememberedSignIns remembered;

    UserService(UserRepository users, PasswordEncoder passwords, Clock clock, ApplicationEventPublisher events,
                RememberedSignIns remembered) {
        this.remembered = remembered;
        this.events = events;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public boolean anyUser() {
        return users.count() > 0;
    }

    /** Creates the first admin; refused once any user exists, so the set-up page cannot be replayed. */
    @Transactional
    public synchronized UserSummary createFirstAdmin(String username, String password) {
        if (users.count() > 0) {
            throw new IllegalStateException("Descent already has users; ask an admin for an account.");
        }
        UserSummary created = summary(users.save(new UserEntity(checkUsername(username), encode(password), Role.ADMIN,
                clock.instant())));
        events.publishEvent(new AccountChanged("create first admin", "user " + created.username()));
        return created;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary create(String username, String password, Role role) {
        String name = checkUsername(username);
        if (users.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("User name '" + name + "' is taken.");
        }
        UserSummary created = summary(users.save(new UserEntity(name, encode(password), role, clock.instant())));
        events.publishEvent(new AccountChanged("create user", "user " + name + " (" + role + ")"));
        return created;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        return users.findAllByOrderByUsername().stream().map(this::summary).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary changeRole(long userId, Role role) {
        UserEntity user = require(userId);
        user.changeRole(role);
        events.publishEvent(new AccountChanged("change role", "user " + summary(user).username() + " to " + role));
        events.publishEvent(new UserChanged(userId, summary(user).username()));
        return summary(user);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary setEnabled(long userId, boolean enabled) {
        UserEntity user = require(userId);
        user.setEnabled(enabled);
        if (!enabled) {
            remembered.forget(summary(user).username());
        }
        events.publishEvent(new AccountChanged(enabled ? "enable user" : "disable user", "user " + summary(user).username()));
        if (!enabled) {
            events.publishEvent(new UserChanged(userId, summary(user).username()));
        }
        return summary(user);
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public UserSummary resetPassword(long userId, String newPassword) {
        UserEntity user = require(userId);
        user.changePassword(encode(newPassword));
        remembered.forget(summary(user).username());
        events.publishEvent(new AccountChanged("reset password", "user " + summary(user).username()));
        events.publishEvent(new UserChanged(userId, summary(user).username()));
        return summary(user);
    }

    /**
     * What a signed-in session depends on, as one opaque value: the user exists and is enabled, their role and their
     * password. A page remembers it when opened; when it differs later, the session is no longer the user's to keep
     * (used after a node missed the notifications of user changes). Empty for an unknown or disabled user.
     */
    @Transactional(readOnly = true)
    public Optional<String> sessionFingerprint(String username) {
        return users.findByUsername(username).filter(UserEntity::enabled).map(u -> {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256")
                        .digest((u.role().name() + ":" + u.passwordHash()).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private UserEntity require(long userId) {
        return users.findById(userId).orElseThrow(() -> new IllegalArgumentException("No user " + userId));
    }

    private String encode(String password) {
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("The password needs at least " + MIN_PASSWORD_LENGTH + " characters.");
        }
        // encode returns null only for a null input.
        return java.util.Objects.requireNonNull(passwords.encode(password));
    }

    private static String checkUsername(String username) {
        String name = username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A user name has 2 to 100 letters, digits or _ . @ -");
        }
        return name;
    }

    private UserSummary summary(UserEntity u) {
        return new UserSummary(u.id(), u.username(), u.role(), u.enabled(), u.lockedAt(clock.instant()), u.createdAt());
    }
}
