package dev.gantry.coordinate;

/** A use-case refused for a reason the person can act on: the front end says it and exits 2. */
public final class Refused extends Exception {

    public Refused(String message) {
        super(message);
    }
}
