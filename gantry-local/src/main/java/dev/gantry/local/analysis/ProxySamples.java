package dev.gantry.local.analysis;

import dev.gantry.local.proxy.AdminJson;
import dev.gantry.local.proxy.ProxyAdminClient;
import dev.gantry.local.proxy.RunningProxy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cuts a proxy's interval once per sample instant. The engine reads every trigger of a sample at the same instant
 * (and the stable version beside the canary at that instant too): each of those reads must see the same window,
 * where cutting once per query would hand the first query the whole interval and the others almost nothing.
 */
final class ProxySamples {

    private static final int KEPT = 16;

    private record Key(RunningProxy proxy, Instant at) {}

    private static final Map<Key, ProxySample> TAKEN = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ProxySample> eldest) {
            return size() > KEPT;
        }
    };

    private ProxySamples() {}

    /**
     * The interval that ended at {@code at}: cut now on the first call for this proxy and instant, the same window
     * on every later call.
     */
    static ProxySample at(RunningProxy proxy, Instant at) {
        Key key = new Key(proxy, at);
        synchronized (TAKEN) {
            ProxySample taken = TAKEN.get(key);
            if (taken != null) return taken;
            ProxyAdminClient admin = proxy.admin();
            ProxySample sample = new ProxySample(admin.window(), admin.routing());
            TAKEN.put(key, sample);
            return sample;
        }
    }

    /** The interval running now, without cutting it: for a look before the watch starts. */
    static ProxySample peek(RunningProxy proxy) {
        var state = proxy.admin().state();
        return new ProxySample(AdminJson.readWindow(state.get("interval")), AdminJson.readState(state));
    }
}
