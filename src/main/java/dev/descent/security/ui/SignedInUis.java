package dev.descent.security.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.WrappedSession;
import dev.descent.security.AccountsMayHaveChanged;
import dev.descent.security.UserChanged;
import dev.descent.security.UserService;
import org.springframework.context.event.EventListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pages open on this node, by the user signed in on them. When a user is disabled, their role changes or their
 * password is reset ({@link UserChanged}, from this node after commit or replayed from another node), each of their
 * pages is sent to the sign-in page and their session forgets them: a disabled user is out at once everywhere, and a new
 * role takes effect (a remembered sign-in signs them in again with it; disabling and a password reset forget it).
 */
@Component
class SignedInUis implements VaadinServiceInitListener {

    private static final Logger log = LoggerFactory.getLogger(SignedInUis.class);

    private final Map<String, Set<UI>> byUser = new ConcurrentHashMap<>();
    /** What each user's sessions were opened under ({@link UserService#sessionFingerprint}), to check after a gap. */
    private final Map<String, String> fingerprints = new ConcurrentHashMap<>();
    private final UserService users;

    SignedInUis(UserService users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            // A UI is created in a request, under the security context of whoever made it.
            String username = username(SecurityContextHolder.getContext().getAuthentication());
            if (username == null) {
                return;
            }
            register(username, init.getUI());
        });
    }

    /**
     * A page opened by {@code username}. What their account was is taken when their first page here opens and kept
     * while any is open: a page opened later by the same session, after a change this node missed, would otherwise
     * hide that change from the pages before it.
     */
    void register(String username, UI ui) {
        if (!fingerprints.containsKey(username)) {
            users.sessionFingerprint(username).ifPresent(f -> fingerprints.putIfAbsent(username, f));
        }
        byUser.computeIfAbsent(username, k -> ConcurrentHashMap.newKeySet()).add(ui);
        ui.addDetachListener(detach -> forget(username, ui));
    }

    private static @Nullable String username(@Nullable Authentication auth) {
        return auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getPrincipal()) ? null : auth.getName();
    }

    private void forget(String username, UI ui) {
        byUser.computeIfPresent(username, (k, uis) -> {
            uis.remove(ui);
            if (uis.isEmpty()) {
                fingerprints.remove(username);
                return null;
            }
            return uis;
        });
    }

    /** Pages open for a user on this node (tests, and the admin's view of who is affected). */
    int pagesOf(String username) {
        return byUser.getOrDefault(username, Set.of()).size();
    }

    /** After a gap in what this node heard: users whose account changed since their pages opened are signed out. */
    @EventListener
    void onAccountsMayHaveChanged(AccountsMayHaveChanged gap) {
        for (String username : List.copyOf(byUser.keySet())) {
            String opened = fingerprints.get(username);
            // A user not in the database when the page opened (development auto-login) has nothing to compare.
            if (opened != null && !users.sessionFingerprint(username).map(opened::equals).orElse(false)) {
                end(username);
            }
        }
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onUserChanged(UserChanged changed) {
        end(changed.username());
    }

    private void end(String username) {
        fingerprints.remove(username);
        List<UI> pages = List.copyOf(byUser.getOrDefault(username, Set.of()));
        if (!pages.isEmpty()) {
            log.info("Ending {} open page(s) of {} after a change to the account", pages.size(), username);
        }
        for (UI ui : pages) {
            try {
                // One access, so nothing can come between: the session forgets who signed in (its next request is
                // anonymous, so it lands on the sign-in page) and the page is sent there. The HTTP session itself
                // stays valid until then, so the push that carries the new location still gets through; invalidating
                // it in the same access lost that push now and then.
                ui.access(() -> {
                    VaadinSession session = ui.getSession();
                    WrappedSession http = session == null ? null : session.getSession();
                    if (http != null) {
                        http.removeAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
                    }
                    ui.getPage().setLocation("login");
                });
            } catch (UIDetachedException | IllegalStateException gone) {
                // Closed meanwhile: nothing left to end.
            }
            forget(username, ui);
        }
    }
}
