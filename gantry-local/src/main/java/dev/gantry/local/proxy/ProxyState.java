package dev.gantry.local.proxy;

import java.util.Optional;

/** What the proxy routes by now. */
public record ProxyState(int weight, Pool stable, Pool canary, Optional<Stickiness> sticky) {}
