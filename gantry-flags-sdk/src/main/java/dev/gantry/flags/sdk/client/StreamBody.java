package dev.gantry.flags.sdk.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A response body read as a stream that another thread can end. The JDK's own {@code ofInputStream} neither ends a
 * blocked read on {@code close()} nor on an interrupt, so a stream that went silent, or a client being closed, would
 * hold its thread and its connection for good; {@link #close()} here cancels the connection and wakes the reader.
 * One buffer list is asked for at a time, so a fast server cannot fill memory.
 */
final class StreamBody extends InputStream implements HttpResponse.BodySubscriber<InputStream> {

    /** Marks the end of the body in the queue; compared by identity. */
    private static final List<ByteBuffer> END = new ArrayList<>();

    private final BlockingQueue<List<ByteBuffer>> queue = new LinkedBlockingQueue<>();
    private volatile Flow.Subscription subscription;
    private volatile Throwable failure;
    private volatile boolean closed;
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer buffer;
    private boolean ended;

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedFuture(this);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (closed) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        queue.add(item);
    }

    @Override
    public void onError(Throwable t) {
        failure = t;
        queue.add(END);
    }

    @Override
    public void onComplete() {
        queue.add(END);
    }

    @Override
    public int read() throws IOException {
        return next() ? buffer.get() & 0xff : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!next()) {
            return -1;
        }
        int n = Math.min(length, buffer.remaining());
        buffer.get(into, offset, n);
        return n;
    }

    /** Makes {@code buffer} hold a byte; false at the end of the body. */
    private boolean next() throws IOException {
        while (buffer == null || !buffer.hasRemaining()) {
            if (closed) {
                throw new IOException("closed");
            }
            if (buffers.hasNext()) {
                buffer = buffers.next();
                continue;
            }
            if (ended) {
                return false;
            }
            List<ByteBuffer> item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading the stream");
            }
            if (item == END) {
                if (closed) {
                    throw new IOException("closed");
                }
                ended = true;
                if (failure != null) {
                    throw failure instanceof IOException io ? io : new IOException(failure);
                }
                return false;
            }
            buffers = item.iterator();
            Flow.Subscription s = subscription;
            if (s != null) {
                s.request(1);
            }
        }
        return true;
    }

    /** Ends the body from any thread: the connection is cancelled and a blocked read throws. */
    @Override
    public void close() {
        closed = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        queue.add(END);
    }
}
