package dev.descent.security;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.List;

/**
 * A request authenticated by an API token. Authorities: {@code TOKEN_INGEST}; an admin-scope token also
 * {@code TOKEN_ADMIN} and {@code ROLE_ADMIN}, so it passes the same service guards as an admin user.
 */
final class TokenAuthentication extends AbstractAuthenticationToken {

    static final String INGEST = "TOKEN_INGEST";
    static final String ADMIN = "TOKEN_ADMIN";

    private final TokenPrincipal principal;

    TokenAuthentication(TokenPrincipal principal) {
        super(authorities(principal.scope()));
        this.principal = principal;
        setAuthenticated(true);
    }

    private static List<GrantedAuthority> authorities(TokenScope scope) {
        List<GrantedAuthority> list = new ArrayList<>(List.of(new SimpleGrantedAuthority(INGEST)));
        if (scope == TokenScope.ADMIN) {
            list.add(new SimpleGrantedAuthority(ADMIN));
            list.add(new SimpleGrantedAuthority(Role.ADMIN.authority()));
        }
        return list;
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public TokenPrincipal getPrincipal() {
        return principal;
    }

    @Override
    public String getName() {
        return "token:" + principal.name();
    }
}
