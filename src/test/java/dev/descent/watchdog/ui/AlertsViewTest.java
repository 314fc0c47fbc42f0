package dev.descent.watchdog.ui;

import com.vaadin.browserless.SpringBrowserlessTest;
import dev.descent.run.NewPoint;
import dev.descent.run.RunService;
import dev.descent.run.RunStatus;
import dev.descent.watchdog.AlertEvent;
import dev.descent.watchdog.Alerts;
import dev.descent.watchdog.Incident;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.test.context.support.WithMockUser;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@WithMockUser(username = "alice", roles = "VIEWER")
class AlertsViewTest extends SpringBrowserlessTest {

    @Autowired
    RunService runs;
    @Autowired
    Alerts alerts;

    private List<Incident> shown(AlertsView view) {
        return IntStream.range(0, test(view.grid).size()).mapToObj(i -> test(view.grid).getRow(i)).toList();
    }

    @Test
    void a_user_sees_the_events_they_chose_newest_first_and_marks_them_read() {
        String project = "alerts-" + UUID.randomUUID();
        long run = runs.createOrResume(project, "nan-run", Map.of(), List.of()).run().id();
        runs.append(run, List.of(new NewPoint("loss", 0, null, 1.0, 0), new NewPoint("loss", 1, null, Double.NaN, 1)));
        runs.changeStatus(run, RunStatus.FINISHED);

        AlertsView view = navigate(AlertsView.class);

        assertThat(view.events.getValue()).as("the default: what needs a look")
                .containsExactlyInAnyOrderElementsOf(Alerts.DEFAULT_EVENTS);
        assertThat(shown(view)).filteredOn(i -> i.runId() == run).extracting(Incident::event)
                .as("finished is not listed by default").containsExactly(AlertEvent.DIVERGED);
        assertThat(view.summary.getText()).matches("\\d+ unread");

        test(view.events).selectItem("diverged", "finished");
        assertThat(alerts.eventsOf("alice")).as("remembered per user").contains(AlertEvent.FINISHED);
        assertThat(shown(view)).filteredOn(i -> i.runId() == run).extracting(Incident::event)
                .containsExactly(AlertEvent.FINISHED, AlertEvent.DIVERGED);
        assertThat(alerts.eventsOf("bob")).as("another user keeps the default")
                .isEqualTo(EnumSet.copyOf(Alerts.DEFAULT_EVENTS));

        test(view.markRead).click();
        assertThat(view.summary.getText()).isEqualTo("No unread alerts.");
        assertThat(alerts.inbox("alice", 10).unread()).isZero();
        assertThat(alerts.inbox("bob", 10).unread()).as("read for alice only").isPositive();
    }
}
