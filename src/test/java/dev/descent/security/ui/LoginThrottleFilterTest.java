package dev.descent.security.ui;

import dev.descent.security.LoginAttempts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A crowd of sign-ins cannot occupy every core with password checks. */
@SpringBootTest
class LoginThrottleFilterTest {

    @Autowired
    LoginAttempts attempts;

    private static MockHttpServletRequest signIn(String client) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/login");
        request.setRemoteAddr(client);
        return request;
    }

    @Test
    void at_most_four_passwords_are_checked_at_once_and_the_next_is_sent_back() throws Exception {
        LoginThrottleFilter filter = new LoginThrottleFilter(attempts);
        CountDownLatch checking = new CountDownLatch(LoginThrottleFilter.CONCURRENT_CHECKS);
        CountDownLatch release = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(LoginThrottleFilter.CONCURRENT_CHECKS);
        List<Future<MockHttpServletResponse>> slow = new ArrayList<>();
        for (int i = 0; i < LoginThrottleFilter.CONCURRENT_CHECKS; i++) {
            String client = "198.51.100." + i;
            slow.add(pool.submit(() -> {
                MockHttpServletResponse response = new MockHttpServletResponse();
                filter.doFilter(signIn(client), response, (req, res) -> {
                    checking.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                return response;
            }));
        }
        assertThat(checking.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse turnedAway = new MockHttpServletResponse();
        boolean[] checked = {false};
        filter.doFilter(signIn("198.51.100.99"), turnedAway, (req, res) -> checked[0] = true);
        release.countDown();

        assertThat(checked[0]).as("the fifth password is not checked").isFalse();
        assertThat(turnedAway.getRedirectedUrl()).isEqualTo("/login?busy");
        for (var f : slow) {
            assertThat(f.get(10, TimeUnit.SECONDS).getRedirectedUrl()).isNull();
        }
        MockHttpServletResponse later = new MockHttpServletResponse();
        filter.doFilter(signIn("198.51.100.99"), later, (req, res) -> checked[0] = true);
        assertThat(checked[0]).as("after the crowd, passwords are checked again").isTrue();
        pool.shutdown();
    }
}
