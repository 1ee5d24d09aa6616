package io.arscope.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Debian's Chromium driven headless over the DevTools protocol, for tests that must see a page as a browser renders
 * it: console errors and uncaught exceptions, the page's text, and a screenshot. Speaks the protocol directly over
 * Java's own WebSocket client so no driver or browser download is needed.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where Debian installs it; .ci/run installs the package when it is missing. */
    public static final List<String> LOCATIONS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();

    /** The browser's executable, or empty when it is not installed. */
    public static java.util.Optional<Path> find() {
        return LOCATIONS.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    public HeadlessChromium(Path executable, Path workDir) throws IOException, InterruptedException {
        profile = Files.createTempDirectory(workDir, "chromium-profile");
        // The flags keep a headless root run from reaching out to Google's services, which this closed network
        // refuses, and from needing a sandbox or a GPU.
        process = new ProcessBuilder(executable.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectErrorStream(true).redirectOutput(workDir.resolve("chromium.log").toFile()).start();
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("chromium did not start; see " + workDir.resolve("chromium.log"));
            }
            Thread.sleep(100);
        }
        int port = Integer.parseInt(Files.readAllLines(portFile).get(0).trim());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> target = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/json/new?about:blank")).PUT(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        String page = JSON.readTree(target.body()).get("webSocketDebuggerUrl").asText();
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).join();
    }

    /** Sends one protocol command and waits for its result. */
    public JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(message), true).join();
        JsonNode result = reply.get(60, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IOException(method + ": " + result.get("error"));
        }
        return result.get("result");
    }

    /** Opens {@code file} and waits until it has loaded; console and log events are recorded from the start. */
    public void open(Path file) throws Exception {
        call("Runtime.enable", Map.of());
        call("Log.enable", Map.of());
        call("Page.enable", Map.of());
        // A second page's load is the first load event after its navigation, not the previous page's.
        int seen = events.size();
        call("Page.navigate", Map.of("url", file.toUri().toString()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (loadsSince(seen) == 0) {
            if (System.nanoTime() > deadline) {
                throw new IOException("page did not load: " + file);
            }
            Thread.sleep(50);
        }
    }

    private long loadsSince(int index) {
        synchronized (events) {
            return events.subList(index, events.size()).stream()
                    .filter(e -> "Page.loadEventFired".equals(e.path("method").asText())).count();
        }
    }

    /** Console errors, uncaught exceptions and browser log errors seen so far, as text. */
    public List<String> errors() {
        List<String> out = new ArrayList<>();
        synchronized (events) {
            for (JsonNode e : events) {
                String method = e.path("method").asText();
                JsonNode p = e.path("params");
                if (method.equals("Runtime.exceptionThrown")) {
                    out.add("exception: " + p.path("exceptionDetails"));
                } else if (method.equals("Runtime.consoleAPICalled") && p.path("type").asText().equals("error")) {
                    out.add("console.error: " + p.path("args"));
                } else if (method.equals("Log.entryAdded") && p.path("entry").path("level").asText().equals("error")) {
                    out.add("log: " + p.path("entry").path("text").asText());
                }
            }
        }
        return out;
    }

    /** The value of a JavaScript expression evaluated in the page. */
    public JsonNode evaluate(String expression) throws Exception {
        return call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true))
                .path("result").path("value");
    }

    /** A PNG of the whole page at the given width. */
    public void screenshot(Path png, int width) throws Exception {
        int height = evaluate("document.documentElement.scrollHeight").asInt();
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1,
                "mobile", false));
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(png, Base64.getDecoder().decode(shot.get("data").asText()));
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } finally {
            // Taken before the browser goes: its helpers (renderer, GPU, crash handler) outlive it by a moment and
            // keep writing its profile, so the caller's temporary folder could not be deleted.
            List<ProcessHandle> helpers = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            for (ProcessHandle helper : helpers) {
                helper.destroy();
                try {
                    helper.onExit().get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    helper.destroyForcibly();
                }
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> reply = pending.remove(message.get("id").asInt());
                        if (reply != null) {
                            reply.complete(message);
                        }
                    } else {
                        events.add(message);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
