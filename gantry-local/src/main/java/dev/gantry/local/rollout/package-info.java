/**
 * The local target ({@code type: local}): each version of a service runs as processes on this machine behind the
 * weighted proxy, on one public port.
 *
 * <pre>
 * environments:
 *   - name: demo
 *     target:
 *       type: local
 *       run: "java -cp gantry.jar dev.gantry.local.demo.DemoService --port {port} --version {version}"
 *       instances: 2                  # per version; 1 by default
 *       port: 8080                    # where users reach it: the proxy on 127.0.0.1 (required)
 *       health: /health               # answers 200 once an instance serves; /health by default
 *       sticky: { header: X-User }    # or { cookie: uid }; none by default
 *       startTimeout: 30s             # per instance, and for the proxy; 30s by default
 *       dir: .gantry/local/{environment}   # state files and logs, from the repository's top folder (default)
 *     metrics: { type: local }
 * </pre>
 *
 * <h2>What each action does</h2>
 *
 * <ul>
 *   <li><b>deploy</b> starts the new version's instances and waits until each answers on the health path: all of
 *       them beside the stable ones with no traffic (canary, and the idle colour of blue-green); in place of that
 *       share of the stable instances (a rolling batch, whose weight is its share); in place of all of them (all at
 *       once). The stable version is the one the proxy serves. When no proxy runs yet, the deploy starts it in
 *       front of the release's previous version, whose instances it starts too, before the new version's instances
 *       so users are served meanwhile; without a previous version the new version simply gets all the traffic.
 *   <li><b>setWeight</b> sends that percentage of the traffic to the new version.
 *   <li><b>promote</b> makes the new version the stable one with all the traffic and stops the old instances.
 *   <li><b>rollback</b> gives all the traffic back to the version that served before (the proxy's stable version,
 *       else the previous version) on all its instances, restarting those a rolling release replaced, and stops
 *       the new version's instances. With nothing to go back to it stops everything.
 *   <li><b>status</b> says the proxy's weight and pools and each version's instances, running or ended.
 * </ul>
 *
 * <p>Every action reads what runs now (the instances of the state file that still run, the proxy if its process
 * still runs) and does only what is missing, so an action repeated with the same step id after a crash finds the
 * instances and the proxy the first call started instead of starting a second set. An instance found that way
 * must answer its health path like a new one; an instance that has died is started again. An instance that exits
 * or never answers fails the action with the instance, its port and pid, and the last lines of its log; the
 * instances of that start are stopped and the run rolls back. A proxy that cannot start (its port is taken) fails
 * the action too, and the instances it was to serve are stopped.
 *
 * <h2>Processes</h2>
 *
 * The proxy ({@link dev.gantry.local.proxy.ProxyMain}, with the same Java and class path as Gantry) and the
 * instances outlive the Gantry process that started them: a run killed or interrupted mid-way is continued by
 * {@code gantry release ENV}, which finds them through the files of the environment's folder:
 *
 * <pre>
 * proxy.json, proxy.log          the proxy's pid, start instant and ports; what it printed
 * instances.json, logs/          each instance's pid, start instant, port and version; one log each
 * target.json                    the health path, for the local metric source
 * </pre>
 *
 * On Linux they run in a session of their own ({@code setsid}), so a Ctrl-C at the terminal stops Gantry and
 * leaves the environment serving. A run that ends leaves only what serves the environment: Released leaves the
 * new version's instances and the proxy; Rolled-Back and Aborted leave the version that served before (the
 * previous version's instances, in a first release) and the proxy, or nothing when there is no such version.
 * Nothing else is left behind: every action stops the instances the proxy no longer routes to, those a killed
 * Gantry started included.
 *
 * <h2>Stopping an environment</h2>
 *
 * {@link dev.gantry.local.rollout.LocalTarget#stop(java.nio.file.Path, String)} stops the proxy and every instance
 * of the environment and returns what it stopped; the logs stay. A demo does, with the plan's target:
 *
 * <pre>
 * LocalTarget local = (LocalTarget) plan.environment("demo").orElseThrow().target();
 * // gantry release demo ... (the engine drives deploy, setWeight, promote or rollback)
 * // users, or a load generator, send requests to http://127.0.0.1:8080/
 * System.err.println(local.stop(repositoryRoot, "demo"));
 * </pre>
 */
package dev.gantry.local.rollout;
