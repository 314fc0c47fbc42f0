package dev.descent.security.ui;

import com.vaadin.flow.server.CustomizedSystemMessages;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import org.springframework.stereotype.Component;

/**
 * When the server an open page talks to restarts (or the page lands on another node), its UI is gone: instead of
 * Vaadin's "session expired, click to continue", the page reloads by itself. The remembered sign-in signs it in
 * again and the URL restores the view, so a monitor resumes its live updates without anyone touching it. While
 * the server is unreachable, Vaadin's own reconnect indicator says so.
 */
@Component
class ReloadWhenSessionExpires implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().setSystemMessagesProvider(info -> {
            CustomizedSystemMessages messages = new CustomizedSystemMessages();
            messages.setSessionExpiredNotificationEnabled(false);
            return messages;
        });
    }
}
