package dev.descent.run;

/** Ends a subscription to {@link RunEvents}. */
@FunctionalInterface
public interface Subscription {
    void cancel();
}
