package dev.descent.ingest;

import dev.descent.base.ProblemResponses;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

import java.util.Map;

/**
 * {@code /api/**} paths that no controller maps answer 404 as a problem. Without this, Vaadin (mapped to
 * every path) served its HTML page with 200, and a client with a typo in a path believed it had succeeded.
 * Ordered right after the controllers' mapping, so a known path with a wrong method still answers 405.
 */
@Configuration
class UnknownApiPaths {

    @Bean
    SimpleUrlHandlerMapping unknownApiPathMapping() {
        HttpRequestHandler notFound = (request, response) -> ProblemResponses.write(response,
                HttpServletResponse.SC_NOT_FOUND, "Not Found",
                "path: no API resource at " + request.getRequestURI() + " (see docs/api.md)");
        var mapping = new SimpleUrlHandlerMapping(Map.of("/api/**", notFound));
        mapping.setOrder(1);
        return mapping;
    }
}
