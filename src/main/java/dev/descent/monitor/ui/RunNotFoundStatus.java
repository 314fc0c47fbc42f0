package dev.descent.monitor.ui;

import dev.descent.run.RunService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Vaadin answers every page load with 200 and routes in the browser. For a link to a run that does not
 * exist, crawlers, link checkers and scripts should still see 404 with the friendly page as its body.
 */
@Component
class RunNotFoundStatus extends OncePerRequestFilter {

    private static final Pattern RUN_PAGE = Pattern.compile("/runs/(\\d{1,18})/?");

    private final RunService runs;

    RunNotFoundStatus(RunService runs) {
        this.runs = runs;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || request.getParameter("v-r") != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Matcher page = RUN_PAGE.matcher(request.getRequestURI().substring(request.getContextPath().length()));
        if (page.matches() && runs.find(Long.parseLong(page.group(1))).isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        chain.doFilter(request, response);
    }
}
