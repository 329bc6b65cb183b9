/**
 * The weighted reverse proxy of the local target: HTTP/1.1 on Netty, keep-alive on both sides, backend connections
 * pooled per event loop, nothing blocking on a loop.
 *
 * <h2>Routing</h2>
 *
 * Every request gets a bucket from 0 to 99 and goes to the canary pool when its bucket is below the weight, to the
 * stable pool otherwise, round robin within a pool. Without stickiness the buckets come from a counter that visits
 * all hundred in a spread order, so any hundred consecutive requests at one weight split exactly by it. With a
 * sticky header or cookie the bucket is a hash of its value, so a user keeps one version while the weight stays or
 * grows. Weight and pools change atomically ({@link dev.gantry.local.proxy.WeightedProxy#setWeight},
 * {@link dev.gantry.local.proxy.WeightedProxy#setBackends}); a request already read finishes on the backend it was
 * sent to. A backend that refuses the connection or closes it before answering gives the client a 502, one silent
 * past the response timeout a 504; both count as 5xx of the version that backend serves.
 *
 * <h2>Admin port</h2>
 *
 * The traffic port passes every path to the backends untouched; the proxy's own endpoints live on a second port
 * bound to the loopback address only, so no application path is ever shadowed:
 *
 * <pre>
 * GET  /metrics            Prometheus text: gantry_proxy_requests_total, _errors_total,
 *                          _request_duration_seconds (histogram), gantry_proxy_weight
 * GET  /__gantry/state     {"weight":10,"sticky":{"header":"X-User"},"stable":{"version":"1.0.0","instances":[...]},
 *                           "canary":{...},"interval":{...}}   (the running interval, not reset)
 * POST /__gantry/window    the interval's numbers per version; starts the next interval
 * PUT  /__gantry/weight    {"weight":25}
 * PUT  /__gantry/backends  {"stable":{"version":"1.0.0","instances":["127.0.0.1:8081"]},"canary":{...}}
 * </pre>
 *
 * <h2>Finding the proxy again</h2>
 *
 * A release runs for minutes or hours and the Gantry process that steers it may die and be resumed by another.
 * The proxy therefore runs as a process of its own ({@link dev.gantry.local.proxy.ProxyMain}) that outlives its
 * parent: once both ports listen it writes a state file (atomically: a reader sees all of it or none) with its pid,
 * its start instant as the operating system reports it, and both ports, then prints {@code listening on PORT admin
 * ADMIN_PORT}. A resumed Gantry reads the file with {@link dev.gantry.local.proxy.RunningProxy#read}, checks with
 * {@link dev.gantry.local.proxy.RunningProxy#process} that the pid is alive <em>and</em> started at the recorded
 * instant (a pid reused by another program does not match), and steers the proxy through
 * {@link dev.gantry.local.proxy.ProxyAdminClient}. No match means the proxy is gone: start a new one. On SIGTERM the
 * proxy removes its own state file, unless a newer proxy has replaced it.
 *
 * <pre>
 * java -cp gantry.jar dev.gantry.local.proxy.ProxyMain --port 8080 --admin-port 0 \
 *     --stable 127.0.0.1:8081,127.0.0.1:8082 --stable-version 1.0.0 \
 *     --canary 127.0.0.1:8091 --canary-version 1.1.0 --weight 10 \
 *     [--sticky-header X-User | --sticky-cookie uid] [--host 127.0.0.1] [--io-threads N] --state-file .gantry/local/proxy.json
 * </pre>
 *
 * <p>In one process, {@code WeightedProxy.start(ProxyConfig.defaults(), stable, canary, weight, new
 * ProxyMetrics(clock))} gives the same proxy with direct access to its metrics.
 *
 * <p>Not supported: protocol upgrades (WebSocket), HTTP/2, TLS, and bodies larger than {@code maxBodyBytes} (10 MiB
 * by default; the client gets a 413).
 */
package dev.gantry.local.proxy;
