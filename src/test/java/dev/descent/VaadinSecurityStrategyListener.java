package dev.descent;

import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Spring Security keeps one global SecurityContextHolder strategy, and each application context that Vaadin
 * security configures installs its own. With several cached test contexts in one JVM, the last one started
 * wins; before each test, put back the strategy of the context the test runs in (before @WithMockUser
 * stores its user, which runs later in the listener order).
 */
public class VaadinSecurityStrategyListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            SecurityContextHolderStrategy strategy = testContext.getApplicationContext()
                    .getBeanProvider(SecurityContextHolderStrategy.class).getIfAvailable();
            if (strategy != null) {
                SecurityContextHolder.setContextHolderStrategy(strategy);
            }
        }
    }

    @Override
    public int getOrder() {
        return 1000;
    }
}
