/**
 * The demo service that {@code gantry demo} rolls out: a plain-JDK HTTP server that starts in a fraction of a
 * second and misbehaves on request, so a canary can be seen failing and rolled back.
 *
 * <pre>
 * java -cp gantry.jar dev.gantry.local.demo.DemoService --port 8081 --version 1.1.0 \
 *     [--fail-rate 0.08] [--slow-ms 200] [--slow-rate 0.1]
 * </pre>
 *
 * <ul>
 *   <li>{@code GET /}: 200 {@code {"service":"demo","version":"1.1.0"}}, or 500 for the {@code --fail-rate} share of
 *       requests, spread evenly and exactly: 0.08 fails 8 of every 100;
 *   <li>{@code GET /health}: 200 {@code {"status":"ok","version":"1.1.0"}};
 *   <li>{@code --slow-ms} holds the {@code --slow-rate} share of answers that long (all of them when no rate is
 *       given), without holding a thread.
 * </ul>
 *
 * <p>Every option can also be set in the environment as {@code GANTRY_DEMO_PORT}, {@code GANTRY_DEMO_VERSION},
 * {@code GANTRY_DEMO_FAIL_RATE}, {@code GANTRY_DEMO_SLOW_MS} and {@code GANTRY_DEMO_SLOW_RATE}. The service prints
 * {@code listening on PORT} when it accepts connections and stops cleanly on SIGTERM.
 */
package dev.gantry.local.demo;
