package dev.gantry.local.proxy;

import dev.gantry.local.demo.DemoOptions;
import dev.gantry.local.demo.DemoService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Demo services in this JVM as backends for a proxy under test; closed together. */
final class Backends implements AutoCloseable {

    private final List<DemoService> services = new ArrayList<>();

    DemoService start(String version) {
        return start(new DemoOptions(0, version, 0, 0, 0));
    }

    DemoService start(DemoOptions options) {
        try {
            DemoService service = DemoService.start(options);
            services.add(service);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static HostPort address(DemoService service) {
        return new HostPort("127.0.0.1", service.port());
    }

    static Pool pool(String version, DemoService... services) {
        List<HostPort> instances = new ArrayList<>();
        for (DemoService s : services) instances.add(address(s));
        return new Pool(version, instances);
    }

    /** A loopback port nothing listens on. */
    static HostPort nobodyListening() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new HostPort("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        services.forEach(DemoService::close);
    }
}
