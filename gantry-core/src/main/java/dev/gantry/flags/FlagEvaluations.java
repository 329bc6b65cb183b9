package dev.gantry.flags;

import dev.gantry.files.RegularFile;
import dev.gantry.flags.sdk.Evaluation;
import dev.gantry.flags.sdk.EvaluatorOptions;
import dev.gantry.flags.sdk.FlagContext;
import dev.gantry.flags.sdk.FlagEvaluator;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.json.JsonLimits;
import dev.gantry.flags.sdk.json.StateReader;
import dev.gantry.flags.sdk.state.FlagState;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * Answers "is this flag on for this context, with which variant, and why" against a flag state: the use-case behind
 * {@code gantry flags evaluate}.
 */
public final class FlagEvaluations {

    private final EvaluatorOptions options;

    public FlagEvaluations(EvaluatorOptions options) {
        this.options = options;
    }

    /**
     * @param environment the context's environment when the context names none
     * @throws FlagStateException when there is no state to read, it cannot be read (the message says where), or the
     *     state says it was made for another environment than the context's
     */
    public Evaluation evaluate(FlagStateSource source, String flag, FlagContext context, Optional<String> environment)
            throws FlagStateException {
        FlagState state = load(source);
        FlagContext effective = environment.map(context::withDefaultEnvironment).orElse(context);
        String asked = effective.environment();
        if (asked != null
                && state.environment().isPresent()
                && !state.environment().get().equals(asked)) {
            // Unleash answers per environment: evaluating another environment's state would answer the wrong question.
            throw new FlagStateException(describe(source) + " holds the flags of environment "
                    + state.environment().get() + ", not " + asked
                    + (context.environment() != null ? " (the context's environment)" : ""));
        }
        return FlagEvaluator.of(state, options).evaluate(flag, effective);
    }

    private static String describe(FlagStateSource source) {
        return source instanceof FlagStateSource.StateFile file ? file.path().toString() : "the kept flag state";
    }

    private static FlagState load(FlagStateSource source) throws FlagStateException {
        if (source instanceof FlagStateSource.StateFile file) {
            return read(file);
        }
        return ((FlagStateSource.Kept) source).state();
    }

    private static FlagState read(FlagStateSource.StateFile file) throws FlagStateException {
        String name = file.path().toString();
        String text;
        try {
            byte[] bytes = RegularFile.read(
                    file.path(), name, "a JSON file", JsonLimits.DEFAULT.maxChars(), "a flag state may have");
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (RegularFile.Refused e) {
            throw new FlagStateException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new FlagStateException(name + ": no such file", e);
        } catch (CharacterCodingException e) {
            throw new FlagStateException(name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new FlagStateException(name + ": cannot be read: " + e.getMessage(), e);
        }
        try {
            return StateReader.read(text);
        } catch (InvalidJson e) {
            throw new FlagStateException(name + ":" + e.getMessage(), e);
        }
    }
}
