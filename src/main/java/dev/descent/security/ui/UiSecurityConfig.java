package dev.descent.security.ui;

import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import dev.descent.security.DevAutoLogin;
import dev.descent.security.LoginAttempts;
import dev.descent.security.RememberedSignIns;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The Vaadin UI behind the login view. Vaadin's configurer brings its CSRF handling, request cache and
 * logout; Spring Security's defaults bring session fixation protection. Views state who may open them.
 */
@Configuration
class UiSecurityConfig {

    @Bean
    @Order(2)
    SecurityFilterChain ui(HttpSecurity http, @Value("${descent.dev.auto-login:false}") boolean autoLogin,
                           LoginAttempts attempts, RememberedSignIns remembered, UserDetailsService users)
            throws Exception {
        // Every sign-in is remembered (persistent tokens in the database): a restarted node or another node behind
        // the load balancer signs the browser in again by itself. Signing out forgets it.
        http.rememberMe(r -> r.tokenRepository(remembered.repository()).userDetailsService(users)
                .key(RememberedSignIns.KEY).alwaysRemember(true)
                .tokenValiditySeconds((int) RememberedSignIns.VALIDITY.toSeconds()));
        http.addFilterBefore(new LoginThrottleFilter(attempts), UsernamePasswordAuthenticationFilter.class);
        if (autoLogin) {
            http.addFilterBefore(new DevAutoLogin(), AnonymousAuthenticationFilter.class);
        }
        return http.with(VaadinSecurityConfigurer.vaadin(), vaadin -> vaadin.loginView(LoginView.class)).build();
    }
}
