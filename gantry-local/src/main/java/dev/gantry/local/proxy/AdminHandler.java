package dev.gantry.local.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.local.metrics.PrometheusText;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * The admin port, on the loopback address only:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the Prometheus text format
 *   <li>{@code GET /__gantry/state}: weight, pools, stickiness and the running interval, as JSON
 *   <li>{@code POST /__gantry/window}: the interval's numbers, starting the next interval
 *   <li>{@code PUT /__gantry/weight} with {@code {"weight": 25}}
 *   <li>{@code PUT /__gantry/backends} with {@code {"stable": {"version": "1.0.0", "instances":
 *       ["127.0.0.1:8081"]}, "canary": {...}}}
 * </ul>
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final String JSON = "application/json";

    private final WeightedProxy proxy;

    AdminHandler(WeightedProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) path = path.substring(0, query);
        HttpMethod method = request.method();
        FullHttpResponse response;
        try {
            response = route(path, method, request);
        } catch (IllegalArgumentException e) {
            response = error(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpUtil.setKeepAlive(response, keepAlive);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) written.addListener(ChannelFutureListener.CLOSE);
    }

    private FullHttpResponse route(String path, HttpMethod method, FullHttpRequest request) {
        boolean write = HttpMethod.PUT.equals(method) || HttpMethod.POST.equals(method);
        switch (path) {
            case "/metrics":
                if (!HttpMethod.GET.equals(method)) return notAllowed(method, path, "GET");
                String text = PrometheusText.render(proxy.metrics().totals(), proxy.weight());
                return respond(HttpResponseStatus.OK, PrometheusText.CONTENT_TYPE, text);
            case "/__gantry/state":
                if (!HttpMethod.GET.equals(method)) return notAllowed(method, path, "GET");
                return state();
            case "/__gantry/window":
                if (!HttpMethod.POST.equals(method)) return notAllowed(method, path, "POST");
                return json(AdminJson.window(proxy.metrics().snapshot()));
            case "/__gantry/weight":
                if (!write) return notAllowed(method, path, "PUT");
                JsonNode weight = body(request).get("weight");
                if (weight == null || !weight.canConvertToInt() || !weight.isIntegralNumber()) {
                    throw new IllegalArgumentException("weight: expected a whole number from 0 to 100");
                }
                proxy.setWeight(weight.asInt());
                return state();
            case "/__gantry/backends":
                if (!write) return notAllowed(method, path, "PUT");
                JsonNode body = body(request);
                Pool stable = AdminJson.readPool(body.get("stable"), "stable");
                Pool canary = AdminJson.readPool(body.get("canary"), "canary");
                proxy.setBackends(stable, canary);
                return state();
            default:
                return error(HttpResponseStatus.NOT_FOUND, "no admin endpoint " + path);
        }
    }

    private FullHttpResponse state() {
        return json(AdminJson.state(proxy.state(), proxy.metrics().peek()));
    }

    private static JsonNode body(FullHttpRequest request) {
        String text = request.content().toString(StandardCharsets.UTF_8);
        try {
            JsonNode json = AdminJson.MAPPER.readTree(text);
            if (json == null || !json.isObject()) throw new IllegalArgumentException("body: expected a JSON object");
            return json;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not JSON: " + e.getOriginalMessage());
        }
    }

    private static FullHttpResponse notAllowed(HttpMethod method, String path, String allowed) {
        FullHttpResponse response =
                error(HttpResponseStatus.METHOD_NOT_ALLOWED, method + " " + path + ": expected " + allowed);
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    private static FullHttpResponse error(HttpResponseStatus status, String message) {
        var json = AdminJson.MAPPER.createObjectNode().put("error", message);
        FullHttpResponse response = json(json);
        response.setStatus(status);
        return response;
    }

    private static FullHttpResponse json(JsonNode json) {
        return respond(HttpResponseStatus.OK, JSON, json.toString() + "\n");
    }

    private static FullHttpResponse respond(HttpResponseStatus status, String type, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
