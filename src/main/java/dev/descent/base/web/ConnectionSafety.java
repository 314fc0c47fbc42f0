package dev.descent.base.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Connection-level limits of the embedded Tomcat (the timeouts themselves are in application.properties):
 * refused requests never have their body drained. See docs/decisions/DD006-threat-model.md.
 */
@Configuration
class ConnectionSafety {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> refusedBodiesCloseTheConnection() {
        return factory -> factory.addEngineValves(new RefusedBodyValve());
    }
}
