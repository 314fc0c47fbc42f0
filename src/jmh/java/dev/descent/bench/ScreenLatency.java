package dev.descent.bench;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** Ingest-to-screen latency measured in real browsers, and heap per view: shared by the benchmarks that need them. */
public final class ScreenLatency {

    private ScreenLatency() {
    }

    /** Records, in the page, when the chart shows each new last point of {@code loss}. */
    public static void watch(WebDriver d) {
        ((JavascriptExecutor) d).executeScript("""
                const chart = document.querySelector('loss-chart');
                window.__seen = [];
                new MutationObserver(() => {
                  const s = chart._data.get('loss');
                  if (s && s.x.length) window.__seen.push([s.x[s.x.length - 1], Date.now()]);
                }).observe(chart, {attributes: true, attributeFilter: ['data-point-count']});""");
    }

    /** For every point 1..points (iteration i sent at sentAt[i]) and every browser: when it appeared, sorted. */
    public static List<Long> collect(List<WebDriver> browsers, long[] sentAt, int points) {
        List<Long> latencies = new ArrayList<>();
        for (WebDriver d : browsers) {
            @SuppressWarnings("unchecked")
            List<List<Number>> seen = (List<List<Number>>) ((JavascriptExecutor) d).executeScript("return window.__seen");
            int next = 1;
            for (List<Number> entry : seen) {
                long shownUpTo = (long) entry.get(0).doubleValue();
                long at = entry.get(1).longValue();
                for (; next <= Math.min(shownUpTo, points); next++) {
                    latencies.add(at - sentAt[next]);
                }
            }
        }
        latencies.sort(null);
        return latencies;
    }

    /** Something sent at a wall-clock time: point i (from 1) at {@code now} (epoch ms). */
    public interface Send {
        void send(int i, long now);
    }

    /**
     * Sends points 1..points at {@code rate} per second, on time; when each was sent. It parks until a millisecond
     * before each is due and spins only that last millisecond: spinning all the way took a whole core of a
     * two-core machine away from the servers and browsers it measures.
     */
    public static long[] paced(int points, int rate, Send send) {
        long[] sentAt = new long[points + 1];
        long start = System.nanoTime();
        for (int i = 1; i <= points; i++) {
            long due = start + (long) i * 1_000_000_000L / rate;
            long park = due - System.nanoTime() - 1_000_000L;
            if (park > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(park);
            }
            while (System.nanoTime() < due) {
                Thread.onSpinWait();
            }
            sentAt[i] = System.currentTimeMillis();
            send.send(i, sentAt[i]);
        }
        return sentAt;
    }

    public static int pointCount(WebDriver d) {
        String v = d.findElement(By.tagName("loss-chart")).getDomAttribute("data-point-count");
        return v == null ? 0 : Integer.parseInt(v);
    }

    public static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
