/**
 * The local metric source ({@code metrics: { type: local }}): what the local target's proxy measured, per version.
 * It finds the environment's proxy through the state file in the same folder as the target ({@code dir},
 * {@code .gantry/local/{environment}} by default).
 *
 * <pre>
 * error_rate      5xx answers / requests, a ratio (the proxy's own 502 and 504 count)
 * rps             requests per second
 * requests        requests answered
 * p50_latency     latency quantiles in seconds, as the proxy saw them
 * p95_latency
 * p99_latency
 * health          the share of the version's instances behind the proxy that answer 200 on the health path
 *                 now: 1.0 when all do
 * </pre>
 *
 * Each takes an optional version, as {@code error_rate{version="{version}"}} ({@code {version}} is the release's
 * version, or the stable one when the engine reads it beside the canary). Without one, a query reads the new
 * version while it has traffic (the proxy's canary, with a weight above 0 and instances), else the stable version:
 * the new version during a rollout, the only version before and after.
 *
 * <p>The numbers are those of one interval: each sample instant cuts the proxy's interval once and answers every
 * query of that instant from the same window, so triggers read side by side see the same requests. An interval
 * in which the version served no request is a missing reading ("no requests to 1.2.0 in the last interval"),
 * never a pass; so is a proxy that does not run. The proxy keeps no history: a range (a baseline before the
 * deploy) is one reading of the interval running now, which it does not cut.
 */
package dev.gantry.local.analysis;
