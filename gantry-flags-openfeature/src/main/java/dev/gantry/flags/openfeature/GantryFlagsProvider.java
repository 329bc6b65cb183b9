package dev.gantry.flags.openfeature;

import dev.gantry.flags.sdk.Evaluation;
import dev.gantry.flags.sdk.Reason;
import dev.gantry.flags.sdk.client.ClientError;
import dev.gantry.flags.sdk.client.FlagClient;
import dev.gantry.flags.sdk.client.FlagListener;
import dev.gantry.flags.sdk.client.StateSource;
import dev.gantry.flags.sdk.json.InvalidJson;
import dev.gantry.flags.sdk.state.Payload;
import dev.openfeature.sdk.ErrorCode;
import dev.openfeature.sdk.EvaluationContext;
import dev.openfeature.sdk.EventProvider;
import dev.openfeature.sdk.ImmutableMetadata;
import dev.openfeature.sdk.Metadata;
import dev.openfeature.sdk.ProviderEvaluation;
import dev.openfeature.sdk.ProviderEventDetails;
import dev.openfeature.sdk.Value;
import dev.openfeature.sdk.exceptions.ProviderNotReadyError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An OpenFeature provider on a {@link FlagClient}. Booleans are the flag's on/off; strings, integers, doubles and
 * objects come from the payload of the flag's variant ({@code string} or {@code csv}; {@code number}; {@code json}).
 * The client's listeners become provider events: ready, configuration changed with the flags that changed, stale and
 * error.
 *
 * <p>Give it a client that is built but not started: {@link #initialize} starts it and waits, up to the timeout given,
 * for a state (from disk, the bootstrap or the server).
 */
public final class GantryFlagsProvider extends EventProvider {

    private static final Metadata METADATA = () -> "gantry-flags";

    private final FlagClient client;
    private final Duration readyTimeout;
    private final CountDownLatch firstState = new CountDownLatch(1);
    private volatile boolean initialized;

    public GantryFlagsProvider(FlagClient client, Duration readyTimeout) {
        this.client = client;
        this.readyTimeout = readyTimeout;
        client.addListener(new Events());
    }

    @Override
    public Metadata getMetadata() {
        return METADATA;
    }

    @Override
    public void initialize(EvaluationContext context) throws Exception {
        client.start();
        if (!firstState.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // The client goes on trying; its first state will make the provider ready.
            initialized = true;
            if (client.ready()) {
                return;
            }
            throw new ProviderNotReadyError("no flag state within " + readyTimeout + ": the server at "
                    + client.options().url() + " has not answered and there is no last known state or bootstrap");
        }
        initialized = true;
    }

    @Override
    public void shutdown() {
        client.close();
        super.shutdown();
    }

    @Override
    public ProviderEvaluation<Boolean> getBooleanEvaluation(String key, Boolean defaultValue, EvaluationContext ctx) {
        Evaluation e = client.evaluate(key, ContextMapping.from(ctx));
        ProviderEvaluation<Boolean> failed = failure(e, defaultValue);
        if (failed != null) {
            return failed;
        }
        return ProviderEvaluation.<Boolean>builder()
                .value(e.enabled())
                .variant(e.variant().enabled() ? e.variant().name() : null)
                .reason(reason(e.reason()).name())
                .flagMetadata(why(e))
                .build();
    }

    @Override
    public ProviderEvaluation<String> getStringEvaluation(String key, String defaultValue, EvaluationContext ctx) {
        return typed(key, defaultValue, ctx, "a string", (type, text) -> {
            if (!type.equals("string") && !type.equals("csv")) {
                throw new Mismatch(type);
            }
            return text;
        });
    }

    @Override
    public ProviderEvaluation<Integer> getIntegerEvaluation(String key, Integer defaultValue, EvaluationContext ctx) {
        return typed(key, defaultValue, ctx, "an integer", (type, text) -> {
            if (!type.equals("number")) {
                throw new Mismatch(type);
            }
            try {
                return Integer.parseInt(text.trim());
            } catch (NumberFormatException notAnInt) {
                Double.parseDouble(text.trim());
                throw new Mismatch("number " + text.trim() + ", not an integer");
            }
        });
    }

    @Override
    public ProviderEvaluation<Double> getDoubleEvaluation(String key, Double defaultValue, EvaluationContext ctx) {
        return typed(key, defaultValue, ctx, "a number", (type, text) -> {
            if (!type.equals("number")) {
                throw new Mismatch(type);
            }
            return Double.parseDouble(text.trim());
        });
    }

    @Override
    public ProviderEvaluation<Value> getObjectEvaluation(String key, Value defaultValue, EvaluationContext ctx) {
        return typed(key, defaultValue, ctx, "an object", (type, text) -> {
            if (!type.equals("json")) {
                throw new Mismatch(type);
            }
            return PayloadValues.json(text);
        });
    }

    /** Reads a payload's text as the asked type; throws {@link Mismatch} for another type. */
    private interface PayloadReader<T> {
        T read(String type, String text) throws Mismatch, InvalidJson;
    }

    private static final class Mismatch extends Exception {
        private static final long serialVersionUID = 1L;

        Mismatch(String what) {
            super(what);
        }
    }

    private <T> ProviderEvaluation<T> typed(
            String key, T defaultValue, EvaluationContext ctx, String asked, PayloadReader<T> reader) {
        Evaluation e = client.evaluate(key, ContextMapping.from(ctx));
        ProviderEvaluation<T> failed = failure(e, defaultValue);
        if (failed != null) {
            return failed;
        }
        if (!e.enabled() || !e.variant().enabled()) {
            // Off, or on without a variant to give: the application's default, as Unleash's disabled variant says.
            return ProviderEvaluation.<T>builder()
                    .value(defaultValue)
                    .reason((e.enabled() ? dev.openfeature.sdk.Reason.DEFAULT : reason(e.reason())).name())
                    .flagMetadata(why(e))
                    .build();
        }
        String variant = e.variant().name();
        if (e.variant().payload().isEmpty()) {
            return error(
                    defaultValue,
                    ErrorCode.TYPE_MISMATCH,
                    "flag " + key + " gives variant " + variant + " without a payload, asked for " + asked);
        }
        Payload payload = e.variant().payload().get();
        try {
            return ProviderEvaluation.<T>builder()
                    .value(reader.read(payload.type(), payload.value()))
                    .variant(variant)
                    .reason(reason(e.reason()).name())
                    .flagMetadata(why(e))
                    .build();
        } catch (Mismatch m) {
            return error(
                    defaultValue,
                    ErrorCode.TYPE_MISMATCH,
                    "flag " + key + " variant " + variant + " carries a " + m.getMessage() + " payload, asked for "
                            + asked);
        } catch (InvalidJson | NumberFormatException bad) {
            return error(
                    defaultValue,
                    ErrorCode.PARSE_ERROR,
                    "flag " + key + " variant " + variant + " payload of type " + payload.type() + " cannot be read: "
                            + bad.getMessage());
        }
    }

    /** The evaluation's failure as OpenFeature reports it, or null when it has a value. */
    private static <T> ProviderEvaluation<T> failure(Evaluation e, T defaultValue) {
        if (e.reason() instanceof Reason.NoState r) {
            return error(defaultValue, ErrorCode.PROVIDER_NOT_READY, r.text());
        }
        if (e.reason() instanceof Reason.FlagNotFound r) {
            return error(defaultValue, ErrorCode.FLAG_NOT_FOUND, r.text());
        }
        if (e.reason() instanceof Reason.FlagInvalid r) {
            return error(defaultValue, ErrorCode.PARSE_ERROR, r.text());
        }
        return null;
    }

    private static <T> ProviderEvaluation<T> error(T defaultValue, ErrorCode code, String message) {
        return ProviderEvaluation.<T>builder()
                .value(defaultValue)
                .reason(dev.openfeature.sdk.Reason.ERROR.name())
                .errorCode(code)
                .errorMessage(message)
                .build();
    }

    private static dev.openfeature.sdk.Reason reason(Reason reason) {
        if (reason instanceof Reason.StrategyMatched) {
            return dev.openfeature.sdk.Reason.TARGETING_MATCH;
        }
        if (reason instanceof Reason.NoStrategies) {
            return dev.openfeature.sdk.Reason.STATIC;
        }
        if (reason instanceof Reason.FlagOff) {
            return dev.openfeature.sdk.Reason.DISABLED;
        }
        // No strategy matched, or a dependency was not met: the flag's own default, off.
        return dev.openfeature.sdk.Reason.DEFAULT;
    }

    /** Why, in Gantry's words, for whoever reads the details: {@code flagMetadata.reason}. */
    private static ImmutableMetadata why(Evaluation e) {
        return ImmutableMetadata.builder()
                .addString("reason", e.reason().text())
                .build();
    }

    /** The client's news as provider events; before {@link #initialize} returns, only the first state counts. */
    private final class Events implements FlagListener {
        @Override
        public void onReady(StateSource source) {
            firstState.countDown();
            if (initialized) {
                emitProviderReady(ProviderEventDetails.builder()
                        .message("flag state from " + source.name().toLowerCase(java.util.Locale.ROOT))
                        .build());
            }
        }

        @Override
        public void onChanged(Set<String> flags) {
            if (initialized) {
                emitProviderConfigurationChanged(ProviderEventDetails.builder()
                        .flagsChanged(new ArrayList<>(flags))
                        .message(flags.size() + " flags changed")
                        .build());
            }
        }

        @Override
        public void onStale(int missedRefreshes) {
            if (initialized) {
                emitProviderStale(ProviderEventDetails.builder()
                        .message("no answer from the server for " + missedRefreshes + " refreshes")
                        .build());
            }
        }

        @Override
        public void onError(ClientError error) {
            if (initialized) {
                emitProviderError(ProviderEventDetails.builder()
                        .errorCode(ErrorCode.GENERAL)
                        .message(error.toString())
                        .build());
            }
        }
    }
}
