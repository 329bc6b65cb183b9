package dev.gantry.local.proxy;

/**
 * Where requests go now. Replaced whole on every change, so a request reads one consistent routing: the weight
 * and the pools it was chosen with belong together.
 */
record Routing(int weight, Route stable, Route canary) {

    Routing {
        checkWeight(weight);
    }

    static void checkWeight(int weight) {
        if (weight < 0 || weight > 100) throw new IllegalArgumentException("weight must be 0 to 100, got " + weight);
    }

    Routing withWeight(int newWeight) {
        return new Routing(newWeight, stable, canary);
    }
}
