package dev.gantry.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A stream of server-sent events read over real HTTP, event by event, as a browser's EventSource reads it. */
public final class EventStream {

    /** One event: its name and data. */
    public record Event(String name, String data) {}

    /** Put in the queue when the server ends the stream. */
    private static final Event CLOSED = new Event("(closed)", "");

    /** The longest a test waits for what it expects; a stream that never says it is a failure, not a hang. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    public final int status;

    private EventStream(HttpResponse<java.util.stream.Stream<String>> response) {
        status = response.statusCode();
        Thread reader = new Thread(() -> {
            String[] name = {"message"};
            StringBuilder data = new StringBuilder();
            try {
                response.body().forEach(line -> {
                    if (line.startsWith("event: ")) name[0] = line.substring(7);
                    else if (line.startsWith("data: ")) data.append(line.substring(6));
                    else if (line.isEmpty() && data.length() > 0) {
                        events.add(new Event(name[0], data.toString()));
                        name[0] = "message";
                        data.setLength(0);
                    }
                });
            } catch (RuntimeException gone) {
                // the connection broke: the stream is over all the same
            }
            events.add(CLOSED);
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code url} with the headers given (name, value, ...). */
    public static EventStream open(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        return new EventStream(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    }

    /** Reads events until one named {@code name}; fails when the stream closes first. */
    public Event next(String name) throws Exception {
        while (true) {
            Event event = take();
            if (event == CLOSED) throw new AssertionError("the stream closed before an event " + name);
            if (event.name().equals(name)) return event;
        }
    }

    /** Every event until the server closes the stream. */
    public List<Event> rest() throws Exception {
        List<Event> rest = new ArrayList<>();
        for (Event event = take(); event != CLOSED; event = take()) rest.add(event);
        return rest;
    }

    private Event take() throws InterruptedException {
        Event event = events.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        if (event == null) throw new AssertionError("nothing came on the stream for " + PATIENCE.toSeconds() + " s");
        return event;
    }
}
