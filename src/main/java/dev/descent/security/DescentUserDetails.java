package dev.descent.security;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/** Users from the database for Spring Security's form login, with their lock-out and disabled state. */
@Service
class DescentUserDetails implements UserDetailsService {

    private final UserRepository users;
    private final Clock clock;

    DescentUserDetails(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        UserEntity user = users.findByUsername(username.strip())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
        return User.withUsername(user.username())
                .password(user.passwordHash())
                .authorities(List.of(new SimpleGrantedAuthority(user.role().authority())))
                .disabled(!user.enabled())
                .accountLocked(user.lockedAt(clock.instant()))
                .build();
    }
}
