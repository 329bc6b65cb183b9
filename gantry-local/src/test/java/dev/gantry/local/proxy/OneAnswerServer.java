package dev.gantry.local.proxy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend that answers the first request on each connection, keeps the connection open as if for more, then
 * closes it without an answer when the second request comes: what a server does whose keep-alive timeout ran out
 * just as the proxy reused the connection.
 */
final class OneAnswerServer implements AutoCloseable {

    private final ServerSocket socket;
    final AtomicInteger connections = new AtomicInteger();

    OneAnswerServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "one-answer-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    HostPort address() {
        return new HostPort("127.0.0.1", socket.getLocalPort());
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                int number = connections.incrementAndGet();
                Thread serve = new Thread(() -> serve(connection, number));
                serve.setDaemon(true);
                serve.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void serve(Socket connection, int number) {
        try (connection) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.US_ASCII));
            readHead(in);
            String body = "connection " + number;
            OutputStream out = connection.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readHead(in);
        } catch (IOException e) {
            // The proxy closed the connection first: nothing to do.
        }
    }

    private static void readHead(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null && !line.isEmpty()) {
            // Headers only: the tests send no bodies.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
