package dev.descent.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;

/**
 * Development convenience ({@code descent.dev.auto-login}, on only in the dev profile that {@code ./mvnw}
 * uses): a browser without a session is signed in as the admin "developer". Never on in the packaged jar.
 */
public class DevAutoLogin extends OncePerRequestFilter {

    static final String DEVELOPER = "developer";
    private final HttpSessionSecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var current = SecurityContextHolder.getContext().getAuthentication();
        if (current == null || !current.isAuthenticated()
                || current instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(DEVELOPER, "",
                    List.of(new SimpleGrantedAuthority(Role.ADMIN.authority()))));
            SecurityContextHolder.setContext(context);
            repository.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }
}
