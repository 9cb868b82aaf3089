package dev.podlab.e2e.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A steady, bounded stream of requests through a Service, recording every request's outcome
 * and latency. Each request opens a new connection so the Service picks a pod for each one,
 * as it does for independent clients.
 */
public final class LoadRunner implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TIMEOUT_MS = 2000;

    public record Sample(long atMs, int status, long latencyMs, String pod, String error) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final URI uri;
    private final long intervalMs;
    private final long deadline;
    /** A moment of the run on its clock, with what happened then: the fault, the recovery. */
    public record Mark(long atMs, String label) {
    }

    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<Mark> marks = Collections.synchronizedList(new ArrayList<>());
    private final Thread thread;
    private final long t0 = System.currentTimeMillis();
    private volatile boolean stopped;

    /** Starts sending {@code perSecond} requests a second to {@code url}, for {@code max} at most. */
    public LoadRunner(String url, int perSecond, Duration max) {
        this.uri = URI.create(url);
        this.intervalMs = 1000L / perSecond;
        this.deadline = t0 + max.toMillis();
        this.thread = Thread.ofPlatform().name("load").daemon().start(this::loop);
    }

    private void loop() {
        long next = System.currentTimeMillis();
        while (!stopped && System.currentTimeMillis() < deadline) {
            samples.add(once());
            next += intervalMs;
            long sleep = next - System.currentTimeMillis();
            if (sleep > 0) {
                try {
                    Thread.sleep(sleep);
                } catch (InterruptedException e) {
                    return;
                }
            } else {
                next = System.currentTimeMillis(); // a slow request does not cause a burst after it
            }
        }
    }

    /** One request on a connection of its own (HTTP/1.0), so the Service picks a pod for each. */
    private Sample once() {
        long start = System.currentTimeMillis();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.getOutputStream().write(("GET " + uri.getRawPath() + " HTTP/1.0\r\nHost: " + uri.getHost()
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = response.startsWith("HTTP/1.") && response.length() > 12
                    ? Integer.parseInt(response.substring(9, 12)) : 0;
            String pod = null;
            int body = response.indexOf("\r\n\r\n");
            if (status == 200 && body > 0) {
                pod = JSON.readTree(response.substring(body + 4)).path("pod").asText(null);
            }
            return new Sample(start - t0, status, System.currentTimeMillis() - start, pod, null);
        } catch (IOException | NumberFormatException e) {
            return new Sample(start - t0, 0, System.currentTimeMillis() - start, null, e.toString());
        }
    }

    /** Stops the stream and returns every sample so far. */
    public Result stop() {
        stopped = true;
        try {
            thread.join(TIMEOUT_MS * 2L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (samples) {
            return new Result(List.copyOf(samples), List.copyOf(marks));
        }
    }

    /** Notes that {@code what} happens now, for the run's picture in the report. */
    public void mark(String what) {
        marks.add(new Mark(elapsedMs(), what));
    }

    @Override
    public void close() {
        stop();
    }

    /** Milliseconds since the stream started: the clock of {@link Sample#atMs()}. */
    public long elapsedMs() {
        return System.currentTimeMillis() - t0;
    }

    /** Whether {@code pod} has answered a request sent at or after {@code sinceMs}. */
    public boolean answeredBy(String pod, long sinceMs) {
        synchronized (samples) {
            return samples.stream().anyMatch(s -> s.ok() && s.atMs() >= sinceMs && pod.equals(s.pod()));
        }
    }

    /** What a load run saw, and the moments marked during it. */
    public record Result(List<Sample> samples, List<Mark> marks) {
        public long failed() {
            return samples.stream().filter(s -> !s.ok()).count();
        }

        public Set<String> pods() {
            Set<String> pods = new TreeSet<>();
            samples.stream().filter(Sample::ok).forEach(s -> pods.add(s.pod()));
            return pods;
        }

        /** From the start of the first failed request to the end of the last one; 0 without failures. */
        public long errorWindowMs() {
            List<Sample> bad = samples.stream().filter(s -> !s.ok()).toList();
            if (bad.isEmpty()) {
                return 0;
            }
            Sample last = bad.get(bad.size() - 1);
            return last.atMs() + last.latencyMs() - bad.get(0).atMs();
        }

        public long p99LatencyMs() {
            List<Long> sorted = samples.stream().filter(Sample::ok).map(Sample::latencyMs).sorted().toList();
            return sorted.isEmpty() ? -1 : sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
        }

        public Map<String, Object> figures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", samples.size());
            m.put("failed", failed());
            m.put("errorWindowMs", errorWindowMs());
            m.put("p99LatencyMs", p99LatencyMs());
            m.put("podsAnswering", pods().size());
            return m;
        }
    }
}
