package dev.descent.e2e;

import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real sign-in (no development auto-login): the one-time first-admin page, wrong passwords and lock-out,
 * viewers versus admins in the UI and over HTTP, and an admin clearing a run a viewer is watching.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"descent.dev.auto-login=false", "descent.admin.user=", "descent.admin.password="})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    static final String ADMIN = "alice";
    static final String ADMIN_PASSWORD = "correct-horse-battery";
    static final String VIEWER = "victor";
    static final String VIEWER_PASSWORD = "viewer-password-1";

    @LocalServerPort
    int port;
    @Autowired
    RunService runs;
    @Autowired
    dev.descent.security.UserService users;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private HttpResponse<String> request(String method, String path, String header, String value) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void js(WebDriver driver, String script, Object... args) {
        ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static void signIn(Browser browser, String user, String password) {
        browser.open("/login");
        WebElement name = browser.waitUntil(d -> d.findElements(By.cssSelector("vaadin-login-form input[name='username']"))
                .stream().findFirst().orElse(null), Duration.ofSeconds(30));
        name.clear();
        name.sendKeys(user);
        WebElement pass = browser.driver.findElement(By.cssSelector("vaadin-login-form input[name='password']"));
        pass.clear();
        pass.sendKeys(password);
        js(browser.driver, "arguments[0].click()",
                browser.driver.findElement(By.cssSelector("vaadin-login-form vaadin-button[slot='submit']")));
    }

    @Test
    @Order(1)
    void the_first_admin_is_created_once_on_the_setup_page_then_the_page_is_gone() throws Exception {
        assertThat(users.anyUser()).isFalse();
        var unauthenticated = request("GET", "/", "Accept", "text/html");
        assertThat(unauthenticated.statusCode()).as("the UI redirects to sign in").isEqualTo(302);
        assertThat(unauthenticated.headers().firstValue("Location").orElse("")).endsWith("/login");

        try (Browser browser = new Browser(port)) {
            browser.open("/setup");
            WebElement username = browser.waitUntil(d -> d.findElements(By.cssSelector("vaadin-text-field input"))
                    .stream().findFirst().orElse(null), Duration.ofSeconds(30));
            username.sendKeys(ADMIN);
            List<WebElement> passwords = browser.driver.findElements(By.cssSelector("vaadin-password-field input"));
            passwords.get(0).sendKeys(ADMIN_PASSWORD);
            passwords.get(1).sendKeys(ADMIN_PASSWORD);
            browser.screenshot("security-first-admin");
            browser.driver.findElements(By.tagName("vaadin-button")).stream()
                    .filter(b -> b.getText().contains("Create admin")).findFirst().orElseThrow().click();
            browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login"), Duration.ofSeconds(10));
            assertThat(users.anyUser()).isTrue();

            browser.open("/setup");
            browser.waitUntil(d -> !d.findElements(By.tagName("vaadin-login-form")).isEmpty(), Duration.ofSeconds(10));
            assertThat(browser.driver.getPageSource()).doesNotContain("Create admin");
        }
    }

    @Test
    @Order(2)
    void wrong_passwords_say_so_and_five_in_a_row_lock_the_account() {
        asAdmin();
        users.create("mallory", "mallory-password-1", dev.descent.security.Role.VIEWER);
        users.create(VIEWER, VIEWER_PASSWORD, dev.descent.security.Role.VIEWER);
        org.springframework.security.core.context.SecurityContextHolder.clearContext();

        try (Browser browser = new Browser(port)) {
            signIn(browser, "mallory", "wrong-password");
            String error = browser.waitUntil(d -> {
                String text = d.findElement(By.tagName("vaadin-login-form")).getText();
                return text.contains("Wrong user name or password") ? text : null;
            }, Duration.ofSeconds(10));
            assertThat(error).contains("After 5 wrong attempts");
            browser.screenshot("security-wrong-password");
            for (int i = 2; i <= 5; i++) {
                signIn(browser, "mallory", "wrong-password-" + i);
                browser.waitUntil(d -> d.getCurrentUrl().contains("error"), Duration.ofSeconds(10));
            }
            signIn(browser, "mallory", "mallory-password-1");
            browser.waitUntil(d -> d.findElement(By.tagName("vaadin-login-form")).getText().contains("locked"),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    @Order(3)
    void a_viewer_cannot_clear_over_http_and_an_admin_token_can() throws Exception {
        long runId = runs.createOrResume("secured", "http-guarded", Map.of(), List.of()).run().id();
        runs.append(runId, List.of(new NewPoint("loss", 0, null, 1.0, 0)));
        try (Browser viewer = new Browser(port)) {
            signIn(viewer, VIEWER, VIEWER_PASSWORD);
            viewer.waitUntil(d -> !d.findElements(By.tagName("vaadin-grid")).isEmpty(), Duration.ofSeconds(30));
            String session = "JSESSIONID=" + viewer.driver.manage().getCookieNamed("JSESSIONID").getValue();

            assertThat(request("GET", "/api/v1/runs/" + runId, "Cookie", session).statusCode())
                    .as("a session may read").isEqualTo(200);
            var delete = request("DELETE", "/api/v1/runs/" + runId + "/points", "Cookie", session);
            assertThat(delete.statusCode()).isEqualTo(403);
            assertThat(request("GET", "/api/v1/runs/" + runId, "X-None", "x").statusCode()).isEqualTo(401);
            var ingest = request("DELETE", "/api/v1/runs/" + runId + "/points", "Authorization", "Bearer test-ingest-token");
            assertThat(ingest.statusCode()).isEqualTo(403);
            assertThat(runs.readSeries(runId, "loss").size()).as("nothing deleted").isEqualTo(1);

            var admin = request("DELETE", "/api/v1/runs/" + runId + "/points", "Authorization", "Bearer test-admin-token");
            assertThat(admin.statusCode()).isEqualTo(200);
            assertThat(runs.readSeries(runId, "loss").size()).isZero();
        }
    }

    @Test
    @Order(4)
    void an_admin_clears_a_run_while_a_viewer_watches_it_empty_live() {
        long runId = runs.createOrResume("secured", "watched", Map.of(), List.of()).run().id();
        List<NewPoint> points = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            points.add(new NewPoint("loss", i, i / 10.0, 1.0 / (i + 1), i));
        }
        runs.append(runId, points);

        try (Browser admin = new Browser(port); Browser viewer = new Browser(port)) {
            signIn(viewer, VIEWER, VIEWER_PASSWORD);
            viewer.waitUntil(d -> !d.findElements(By.tagName("vaadin-grid")).isEmpty(), Duration.ofSeconds(30));
            assertThat(viewer.driver.findElement(By.tagName("vaadin-side-nav")).getText()).doesNotContain("Admin");
            viewer.open("/runs/" + runId);
            viewer.waitUntil(d -> chartPoints(d) > 0, Duration.ofSeconds(30));
            assertThat(viewer.driver.findElements(By.tagName("vaadin-button")).stream()
                    .filter(WebElement::isDisplayed).map(WebElement::getText).toList())
                    .as("no clear button for viewers").noneMatch(t -> t.contains("Clear history"));
            viewer.open("/admin");
            String denied = viewer.waitUntil(d -> settled(d) ? d.findElement(By.tagName("body")).getText() : null,
                    Duration.ofSeconds(30));
            viewer.screenshot("security-viewer-admin-denied");
            assertThat(denied).as("the admin view is not served to a viewer")
                    .contains("Could not navigate to 'admin'")
                    .doesNotContain("Audit log").doesNotContain("Clear all histories");
            viewer.open("/runs/" + runId);
            viewer.waitUntil(d -> chartPoints(d) > 0, Duration.ofSeconds(30));

            signIn(admin, ADMIN, ADMIN_PASSWORD);
            admin.waitUntil(d -> !d.findElements(By.tagName("vaadin-grid")).isEmpty(), Duration.ofSeconds(30));
            admin.open("/admin");
            admin.waitUntil(d -> d.findElements(By.tagName("vaadin-grid-cell-content")).stream()
                    .filter(c -> c.getText().equals("watched")).findFirst()
                    .flatMap(c -> d.findElements(By.tagName("vaadin-button")).stream()
                            .filter(b -> b.getText().equals("Clear history")).findFirst())
                    .orElse(null), Duration.ofSeconds(30));
            String confirmText = clickClearFor(admin, "watched");
            assertThat(confirmText).contains("200 points of run watched");
            admin.screenshot("security-admin-confirm");
            WebElement confirm = admin.waitUntil(d -> d.findElements(
                    By.cssSelector("vaadin-button[slot='confirm-button']")).stream().filter(WebElement::isDisplayed)
                    .findFirst().orElse(null), Duration.ofSeconds(10));
            js(admin.driver, "arguments[0].click()", confirm);

            viewer.waitUntil(d -> chartPoints(d) == 0, Duration.ofSeconds(10));
            viewer.screenshot("security-viewer-emptied");

            admin.waitUntil(d -> {
                js(d, "Array.from(document.querySelectorAll('vaadin-tab')).find(t => t.textContent.includes('Audit')).click()");
                return d.findElement(By.tagName("body")).getText().contains("clear history") ? true : null;
            }, Duration.ofSeconds(10));
            assertThat(admin.driver.findElement(By.tagName("body")).getText()).contains(ADMIN, "run " + runId, "200");
            admin.screenshot("security-audit-log");
        }
    }

    @Test
    @Order(5)
    void a_user_disabled_while_signed_in_is_sent_to_the_sign_in_page_and_stays_out() {
        asAdmin();
        try {
            var walter = users.create("walter", "walter-password-1", dev.descent.security.Role.VIEWER);
            try (Browser browser = new Browser(port)) {
                signIn(browser, "walter", "walter-password-1");
                browser.waitUntil(d -> !d.findElements(By.tagName("vaadin-grid")).isEmpty(), Duration.ofSeconds(30));

                users.setEnabled(walter.id(), false);

                browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login")
                        && !d.findElements(By.tagName("vaadin-login-form")).isEmpty(), Duration.ofSeconds(10));
                browser.open("/");
                browser.waitUntil(d -> d.getCurrentUrl().endsWith("/login"), Duration.ofSeconds(10));
                assertThat(browser.driver.findElements(By.tagName("vaadin-grid"))).as("the old session is gone").isEmpty();
            }
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    /** This test thread acts as an admin (creating and changing users in-process). */
    private static void asAdmin() {
        var admin = new org.springframework.security.authentication.UsernamePasswordAuthenticationToken(ADMIN, "",
                List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN")));
        var context = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
        context.setAuthentication(admin);
        org.springframework.security.core.context.SecurityContextHolder.setContext(context);
    }

    private static String clickClearFor(Browser admin, String runName) {
        js(admin.driver, """
                const grid = document.querySelector('vaadin-grid');
                const cells = Array.from(grid.querySelectorAll('vaadin-grid-cell-content'));
                const nameCell = cells.find(c => c.textContent.trim() === arguments[0]);
                const row = nameCell.assignedSlot.parentElement.parentElement;
                const buttons = Array.from(row.querySelectorAll('slot')).flatMap(s => s.assignedElements())
                    .flatMap(c => Array.from(c.querySelectorAll('vaadin-button')));
                buttons.find(b => b.textContent.includes('Clear history')).click();""", runName);
        return admin.waitUntil(d -> {
            Object text = ((JavascriptExecutor) d).executeScript(
                    "const c = document.querySelector('vaadin-confirm-dialog[opened]'); return c ? (c.message || c.textContent) : null;");
            return text == null ? null : text.toString();
        }, Duration.ofSeconds(10));
    }

    /** Vaadin has started, rendered something, and has no server round trip in flight. */
    private static boolean settled(WebDriver d) {
        Object done = ((JavascriptExecutor) d).executeScript(
                "const flow = window.Vaadin && window.Vaadin.Flow;"
                        + "if (!flow || !flow.clients || Object.keys(flow.clients).length === 0) return false;"
                        + "if (Object.values(flow.clients).some(c => c.isActive && c.isActive())) return false;"
                        + "return document.body.innerText.trim().length > 0;");
        return Boolean.TRUE.equals(done);
    }

    private static int chartPoints(WebDriver d) {
        List<WebElement> charts = d.findElements(By.tagName("loss-chart"));
        if (charts.isEmpty()) {
            return -1;
        }
        String value = charts.getFirst().getDomAttribute("data-point-count");
        return value == null ? 0 : Integer.parseInt(value);
    }
}
