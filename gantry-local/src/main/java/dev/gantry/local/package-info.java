/**
 * The local target's building blocks: real processes of two versions of a service side by side behind a proxy that
 * splits traffic by weight and measures each version.
 *
 * <ul>
 *   <li>{@link dev.gantry.local.process}: starts, health-checks, stops and finds again the instances of each version;
 *   <li>{@link dev.gantry.local.proxy}: the weighted reverse proxy, in process or as a process of its own, with its
 *       admin port;
 *   <li>{@link dev.gantry.local.metrics}: requests, errors and latency per version, as interval windows for the watch
 *       and as Prometheus text;
 *   <li>{@link dev.gantry.local.demo}: the service {@code gantry demo} rolls out;
 *   <li>{@link dev.gantry.local.rollout}: the local target ({@code target: { type: local }}) built from them;
 *   <li>{@link dev.gantry.local.analysis}: the local metric source ({@code metrics: { type: local }}).
 * </ul>
 *
 * <p>{@link dev.gantry.local.LocalVariants#register()} names both {@code local} in the plan: the command line calls it
 * once at start-up, so the plan binder and {@code gantry schema} know them.
 */
package dev.gantry.local;
