package dev.descent.watchdog;

import java.util.List;

/** A webhook that may not be created; each problem names its field ("url: …", "events: …"). */
public class InvalidWebhookException extends IllegalArgumentException {

    private final List<String> problems;

    public InvalidWebhookException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
