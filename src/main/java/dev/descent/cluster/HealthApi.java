package dev.descent.cluster;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /health}: for load balancers, the Dockerfile's HEALTHCHECK and compose. Anonymous, and status only:
 * {@code {"status": "UP", "database": "UP", "listener": "UP"}} with 200, or 503 and which part is down. The
 * listener is this node's connection that hears the other nodes ({@code NOT_USED} on H2).
 */
@RestController
class HealthApi {

    record Health(String status, String database, String listener) {
    }

    private final JdbcTemplate jdbc;
    private final ClusterNode node;
    private final ClusterListener listener;

    HealthApi(JdbcTemplate jdbc, ClusterNode node, ClusterListener listener) {
        this.jdbc = jdbc;
        this.node = node;
        this.listener = listener;
    }

    @GetMapping(path = "/health", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Health> health() {
        boolean database;
        try {
            jdbc.queryForObject("SELECT 1", Integer.class);
            database = true;
        } catch (RuntimeException e) {
            database = false;
        }
        String listening = !node.clustered() ? "NOT_USED" : listener.connected() ? "UP" : "DOWN";
        boolean up = database && !listening.equals("DOWN");
        return ResponseEntity.status(up ? 200 : 503).header("Cache-Control", "no-store")
                .body(new Health(up ? "UP" : "DOWN", database ? "UP" : "DOWN", listening));
    }

    /** Its own filter chain, first: no session, no CSRF, no sign-in page in the way of a load balancer. */
    @Configuration(proxyBeanMethods = false)
    static class Security {
        @Bean
        @Order(0)
        SecurityFilterChain health(HttpSecurity http) throws Exception {
            return http.securityMatcher("/health")
                    .csrf(csrf -> csrf.disable())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .requestCache(cache -> cache.disable())
                    .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                    .build();
        }
    }
}
