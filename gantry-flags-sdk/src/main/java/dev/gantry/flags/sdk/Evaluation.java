package dev.gantry.flags.sdk;

/** Whether a flag is on for a context, the variant it gives, and why. */
public record Evaluation(String flag, boolean enabled, VariantResult variant, Reason reason) {}
