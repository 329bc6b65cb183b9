package dev.gantry.analysis;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The body of an answer, read as it arrives up to a limit: past it the rest is not read, the connection is let go
 * and the body fails with {@link TooLarge}. An answer that says up front it is larger is refused before its first
 * byte.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The answer holds more than the limit; the message says so after the words "the answer from ...". */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message, null);
        }
    }

    private final long max;
    private final OptionalLong declared;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    private BoundedBody(long max, OptionalLong declared) {
        this.max = max;
        this.declared = declared;
    }

    /** A handler whose bodies hold at most {@code max} bytes. */
    static HttpResponse.BodyHandler<byte[]> handler(long max) {
        return info -> new BoundedBody(max, info.headers().firstValueAsLong("Content-Length"));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declared.isPresent() && declared.getAsLong() > max) {
            refuse("has " + declared.getAsLong() + " bytes, more than");
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) return;
        for (ByteBuffer buffer : buffers) {
            if (bytes.size() + (long) buffer.remaining() > max) {
                refuse("has more than");
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(bytes.toByteArray());
    }

    private void refuse(String has) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(has + " the " + (max >> 20) + " MiB a metric source reads"));
    }
}
