package dev.gantry.plan;

/** How a release reaches an environment's users: the deployment strategies of the release process. */
public enum Strategy {
    /** Every instance at once; the fastest way for a small, urgent fix. */
    ALL_AT_ONCE("All at once"),
    /** Instances one by one, each back in the load balancer after its health checks. */
    ROLLING("Rolling"),
    /** A second, idle environment takes the new version, then the router switches; the old one stays warm. */
    BLUE_GREEN("Blue-green"),
    /** A growing share of traffic goes to the new version, each step watched before the next. */
    CANARY("Canary");

    private final String label;

    Strategy(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
