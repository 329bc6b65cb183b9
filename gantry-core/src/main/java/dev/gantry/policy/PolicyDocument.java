package dev.gantry.policy;

import dev.gantry.binding.Bound;
import dev.gantry.binding.PlanException;
import dev.gantry.binding.Registries;
import dev.gantry.binding.YamlBinder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A policy as an admin writes it, YAML (or JSON, which is YAML too), bound as the plan is: every error names its
 * line, column and key.
 *
 * @param text the document as given, kept so that it is shown back as written
 * @param hash the SHA-256 of the text, which the audit log names
 */
public record PolicyDocument(Policy policy, String text, String hash) {

    /** Policies are a few dozen lines; a document a thousand times that is not one. */
    public static final int MAX_CHARS = 64 * 1024;

    /** The name errors are reported under. */
    public static final Path NAME = Path.of("policy.yaml");

    /** Reads a policy from its text, refusing it with every error and its position. */
    public static PolicyDocument parse(String text) throws PlanException {
        return parse(NAME, text);
    }

    /** Reads a policy from its text, its errors' positions naming {@code file}. */
    public static PolicyDocument parse(Path file, String text) throws PlanException {
        if (text.length() > MAX_CHARS) {
            throw new PlanException(java.util.List.of(new dev.gantry.binding.PlanError(
                    new dev.gantry.binding.Position(file, 1, 1),
                    "",
                    "a policy may have at most " + MAX_CHARS + " characters, this one has " + text.length())));
        }
        Bound<Policy> bound = YamlBinder.bind(file, text, Policy.class, new Registries());
        return new PolicyDocument(bound.value(), text, sha256(text));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
