package dev.descent.security;

import dev.descent.base.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * The REST API's filter chain (the UI's is in {@code security.ui}). The REST API ({@code /api/**}): reads need a signed-in session or any token, writes
 * need a token with the ingest scope, deletes one with the admin scope; CSRF does not apply to tokens.
 * Everything else is the Vaadin UI, behind the login view, with Vaadin's own CSRF protection, session
 * fixation protection and logout. Service methods that delete are guarded too ({@code @PreAuthorize}).
 */
@Configuration
@EnableWebSecurity
// Not jsr250Enabled: views carry @PermitAll/@RolesAllowed for Vaadin, and Spring would proxy them.
@EnableMethodSecurity
class SecurityConfig {

    @Bean
    PasswordEncoder passwordEncoder() {
        // BCrypt by default, with the algorithm stored in the hash so it can be upgraded later.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, TokenService tokens, TokenAttempts attempts) throws Exception {
        return http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                // A session is used when a signed-in browser reads, never created; no request is saved for
                // a redirect after sign-in, because the API never redirects.
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new ApiTokenFilter(tokens, attempts), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Webhooks carry secrets and reach out of the server: admin tokens only, even to list them.
                        .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**")
                        .hasAuthority(TokenAuthentication.ADMIN)
                        .requestMatchers(HttpMethod.GET, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.HEAD, "/api/**").authenticated()
                        .requestMatchers(HttpMethod.DELETE, "/api/**").hasAuthority(TokenAuthentication.ADMIN)
                        .anyRequest().hasAuthority(TokenAuthentication.INGEST))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, denied) -> {
                            response.setHeader("WWW-Authenticate", "Bearer");
                            ProblemResponses.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                                    "This request needs an API token: send the header 'Authorization: Bearer <token>'"
                                            + " (reads also accept a signed-in session).");
                        })
                        .accessDeniedHandler((request, response, denied) -> ProblemResponses.write(response,
                                HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                                forbiddenReason(request.getMethod(), request.getRequestURI()))))
                .build();
    }

    private static String forbiddenReason(String method, String path) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String required = "DELETE".equals(method) || path.startsWith("/api/v1/webhooks") ? "ADMIN" : "INGEST";
        if (auth instanceof TokenAuthentication token) {
            return "Token '" + token.getPrincipal().name() + "' has scope " + token.getPrincipal().scope()
                    + "; this request needs scope " + required + ".";
        }
        return "Writing through the API needs an API token with scope " + required
                + "; a signed-in session may only read.";
    }

}
