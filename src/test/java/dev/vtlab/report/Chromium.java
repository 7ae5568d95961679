package dev.vtlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Chromium for tests, driven over the DevTools protocol: Chromium prints the address of its DevTools
 * WebSocket, and the JDK's own {@link WebSocket} client speaks to it, so the browser tests need neither Selenium
 * nor a driver binary whose version must match the browser's. One browser serves a whole test class; each page
 * gets a tab of its own.
 *
 * <p>A tab serves its page itself: every request the tab makes is paused ({@code Fetch.enable}); the page's own
 * address is answered with the page, and any other request is refused and recorded, so nothing leaves the machine
 * and a test can say exactly what the page tried to load.
 *
 * <p><em>Memory visibility:</em> protocol messages arrive on the WebSocket's thread; replies reach the test thread
 * through {@link CompletableFuture#get}, and what a tab recorded (requests, errors) is in concurrent lists that the
 * test reads after the load event's future completed.
 */
final class Chromium implements AutoCloseable {

    /** Where to look for the browser, in order; {@code VTLAB_CHROMIUM} names one explicitly. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable", "chrome");
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final Deque<String> log; // guarded by itself; written by the stderr reader, read when reporting failures
    private final WebSocket socket;
    private final ExecutorService sender; // one thread: a WebSocket takes one message at a time
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonNode>> sessions = new ConcurrentHashMap<>();
    private final Duration timeout;

    private Chromium(Process process, Path profile, Deque<String> log, URI endpoint, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        this.process = process;
        this.profile = profile;
        this.log = log;
        this.timeout = timeout;
        this.sender = Executors.newSingleThreadExecutor(r -> new Thread(r, "chromium-sender"));
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(endpoint, new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The browser's executable: {@code VTLAB_CHROMIUM}, or the first of {@link #NAMES} on the PATH. */
    static Optional<Path> find() {
        String named = System.getenv("VTLAB_CHROMIUM");
        if (named != null && !named.isBlank()) {
            return Optional.of(Path.of(named));
        }
        String path = System.getenv().getOrDefault("PATH", "");
        return NAMES.stream().flatMap(name -> Stream.of(path.split(File.pathSeparator)).map(d -> Path.of(d, name)))
                .filter(Files::isExecutable).findFirst();
    }

    /**
     * Starts headless Chromium with a fresh profile and no background networking (without those flags it calls
     * Google for updates, safe browsing and field trials), and connects to it.
     *
     * @throws IllegalStateException if it exits or does not say where it listens within {@code timeout}; the
     *                               message has the end of its error output
     */
    static Chromium start(Path executable, Duration timeout) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("vtlab-chromium-");
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-quic", "--disable-extensions",
                "--disable-default-apps", "--mute-audio", "--hide-scrollbars", "--force-color-profile=srgb",
                "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Deque<String> log = new ArrayDeque<>();
        CompletableFuture<URI> endpoint = new CompletableFuture<>();
        Thread.ofVirtual().name("chromium-stderr").start(() -> {
            try (var err = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        endpoint.complete(URI.create(m.group(1)));
                    }
                    synchronized (log) {
                        log.addLast(line);
                        if (log.size() > 40) {
                            log.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                endpoint.completeExceptionally(e);
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium closed its error output"));
        });
        process.onExit().thenRun(() -> endpoint.completeExceptionally(
                new IllegalStateException("Chromium exited with " + process.exitValue())));
        try {
            URI uri = endpoint.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Chromium(process, profile, log, uri, timeout);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            delete(profile);
            throw new IllegalStateException("headless Chromium (" + String.join(" ", command) + ") did not start: "
                    + (e instanceof TimeoutException ? "no DevTools address after " + timeout.toSeconds() + " s"
                    : e.getCause().getMessage()) + "; its last output:\n  " + tail(log), e);
        }
    }

    /** Opens a tab that answers {@code url} with {@code html} and refuses every other request. */
    Tab open(String url, String html) throws InterruptedException, ExecutionException, TimeoutException {
        String target = call("Target.createTarget", Map.of("url", "about:blank"), null).get("targetId").asText();
        String session = call("Target.attachToTarget", Map.of("targetId", target, "flatten", true), null)
                .get("sessionId").asText();
        Tab tab = new Tab(target, session, url, html);
        sessions.put(session, tab::on);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            tab.call(domain + ".enable", Map.of());
        }
        tab.call("Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", "*"))));
        return tab;
    }

    /** The end of Chromium's error output, for a failure message. */
    String log() {
        return tail(log);
    }

    private JsonNode call(String method, Map<String, ?> params, String session)
            throws InterruptedException, ExecutionException, TimeoutException {
        return send(method, params, session).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends one command; the future completes with its result, or fails with the protocol's error. */
    private CompletableFuture<JsonNode> send(String method, Map<String, ?> params, String session) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        String text = message.toString();
        sender.execute(() -> {
            try {
                socket.sendText(text, true).join();
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
            }
        });
        return reply;
    }

    private void dispatch(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = replies.remove(message.get("id").asInt());
            if (reply != null) {
                if (message.has("error")) {
                    reply.completeExceptionally(new IllegalStateException("DevTools: " + message.get("error")));
                } else {
                    reply.complete(message.get("result"));
                }
            }
        } else if (message.has("sessionId")) {
            Consumer<JsonNode> session = sessions.get(message.get("sessionId").asText());
            if (session != null) {
                session.accept(message);
            }
        }
    }

    @Override
    public void close() {
        try {
            send("Browser.close", Map.of(), null);
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.abort();
            sender.shutdownNow();
            stop(process);
            delete(profile);
        }
    }

    /** Ends the browser and the processes it started (renderers, zygote), by their ids, then waits for them. */
    private static void stop(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                // a process that does not die in 10 s after SIGKILL is the kernel's; nothing more to do here
            }
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Deque<String> log) {
        synchronized (log) {
            return String.join("\n  ", log);
        }
    }

    /** One tab: its page, what it asked for beyond the page, and what it reported as an error. */
    final class Tab implements AutoCloseable {
        private final String target;
        private final String session;
        private final String url;
        private final String html;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> loaded = new CompletableFuture<>();

        private Tab(String target, String session, String url, String html) {
            this.target = target;
            this.session = session;
            this.url = url;
            this.html = html;
        }

        JsonNode call(String method, Map<String, ?> params)
                throws InterruptedException, ExecutionException, TimeoutException {
            return Chromium.this.call(method, params, session);
        }

        /** Navigates to the page and waits for its load event. */
        void load() throws InterruptedException, ExecutionException, TimeoutException {
            call("Page.navigate", Map.of("url", url));
            loaded.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Evaluates {@code expression} in the page; a JavaScript exception fails the call. */
        JsonNode evaluate(String expression) throws InterruptedException, ExecutionException, TimeoutException {
            JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException("evaluating " + expression + ": " + result.get("exceptionDetails"));
            }
            return result.get("result").get("value");
        }

        /** Base64-decoded {@code field} of a command's result (screenshots, PDFs). */
        byte[] bytes(String method, Map<String, ?> params, String field)
                throws InterruptedException, ExecutionException, TimeoutException {
            return Base64.getDecoder().decode(call(method, params).get(field).asText());
        }

        private void on(JsonNode message) {
            JsonNode params = message.get("params");
            switch (message.get("method").asText()) {
                case "Fetch.requestPaused" -> {
                    String requested = params.get("request").get("url").asText();
                    String id = params.get("requestId").asText();
                    if (requested.equals(url)) {
                        send("Fetch.fulfillRequest", Map.of("requestId", id, "responseCode", 200,
                                "responseHeaders", List.of(Map.of("name", "Content-Type",
                                        "value", "text/html; charset=utf-8")),
                                "body", Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8))),
                                session);
                    } else {
                        requests.add(requested);
                        send("Fetch.failRequest", Map.of("requestId", id, "errorReason", "BlockedByClient"),
                                session);
                    }
                }
                case "Runtime.consoleAPICalled" -> {
                    String type = params.get("type").asText();
                    if (type.equals("error") || type.equals("assert")) {
                        errors.add("console." + type + ": " + params.get("args"));
                    }
                }
                case "Runtime.exceptionThrown" -> errors.add("exception: " + params.get("exceptionDetails"));
                case "Log.entryAdded" -> {
                    JsonNode entry = params.get("entry");
                    if (entry.get("level").asText().equals("error")) {
                        errors.add("log: " + entry.get("source").asText() + ": " + entry.get("text").asText()
                                + (entry.has("url") ? " (" + entry.get("url").asText() + ")" : ""));
                    }
                }
                case "Page.loadEventFired" -> loaded.complete(null);
                default -> {
                    // the other events of the enabled domains say nothing the tests check
                }
            }
        }

        @Override
        public void close() throws ExecutionException, TimeoutException {
            sessions.remove(session);
            try {
                Chromium.this.call("Target.closeTarget", Map.of("targetId", target), null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Joins a message's fragments and hands whole messages to {@link #dispatch}. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder(); // only the WebSocket's thread touches it

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    dispatch(JSON.readTree(text));
                } catch (IOException e) {
                    throw new UncheckedIOException("not a DevTools message: " + text, e);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            replies.values().forEach(r -> r.completeExceptionally(error));
        }
    }
}
