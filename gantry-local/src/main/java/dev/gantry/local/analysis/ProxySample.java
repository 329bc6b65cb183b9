package dev.gantry.local.analysis;

import dev.gantry.local.metrics.MetricsWindow;
import dev.gantry.local.proxy.ProxyState;

/** One look at a proxy: the numbers of an interval and the routing at its end. */
record ProxySample(MetricsWindow window, ProxyState routing) {}
