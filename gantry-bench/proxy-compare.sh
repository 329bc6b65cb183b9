#!/usr/bin/env bash
# Measures the local target's weighted proxy (Netty) against the same proxy built on the JDK's HttpServer and
# HttpClient, against nginx as a reverse proxy, and against the backends reached directly. The backends are nginx
# answering a small JSON body; every proxy splits 90/10 between two of them. Run from the repository root:
#   gantry-bench/proxy-compare.sh [--seconds 10] [--connections 64] [--threads 2] [--warmup 20]
# Needs wrk and nginx (apt-get install -y wrk nginx-light) and Java 17.
set -euo pipefail

seconds=10 connections=64 threads=2 warmup=20
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --warmup) warmup="$2"; shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
for tool in wrk nginx java; do
  command -v "$tool" >/dev/null || { echo "proxy-compare: $tool is missing" >&2; exit 2; }
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -f "$tmp/nginx.pid" ] && kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "building..." >&2
# The reactor build resolves gantry-core from its own target directory, never from an installed snapshot.
(cd "$root" && ./mvnw -q -B -pl gantry-local -am package -DskipTests \
  dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >/dev/null)
cp="$root/gantry-local/target/classes:$(cat "$root/gantry-local/target/runtime-classpath.txt")"
javac -d "$tmp/classes" "$root/gantry-bench/src/main/java/dev/gantry/bench/JdkHttpProxy.java"

stable=18081 canary=18082 nginx_proxy=18090 netty_proxy=18091 jdk_proxy=18092
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx.conf" <<CONF
worker_processes 2;
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  # A smaller idle cache makes nginx open new backend connections all through the run (see proxy-bench.sh).
  upstream split {
    server 127.0.0.1:$stable weight=9; server 127.0.0.1:$canary weight=1; keepalive 256; keepalive_requests 1000000;
  }
  server { listen 127.0.0.1:$stable; location / { default_type application/json; return 200 '{"service":"demo","version":"1.0.0"}\n'; } }
  server { listen 127.0.0.1:$canary; location / { default_type application/json; return 200 '{"service":"demo","version":"1.1.0"}\n'; } }
  server { listen 127.0.0.1:$nginx_proxy; location / { proxy_pass http://split; proxy_http_version 1.1; proxy_set_header Connection ""; } }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp/nginx" -e "$tmp/nginx/error.log"

wait_port() {
  for _ in $(seq 1 200); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
    sleep 0.05
  done
  echo "proxy-compare: nothing listens on $1" >&2; exit 1
}

java -Xmx256m -cp "$cp" dev.gantry.local.proxy.ProxyMain --port "$netty_proxy" --admin-port -1 \
  --stable "127.0.0.1:$stable" --stable-version 1.0.0 --canary "127.0.0.1:$canary" --canary-version 1.1.0 \
  --weight 10 >"$tmp/netty.log" 2>&1 &
netty_pid=$!; pids+=("$netty_pid")
java -Xmx256m -cp "$tmp/classes" dev.gantry.bench.JdkHttpProxy "$jdk_proxy" "$stable" "$canary" 10 64 \
  >"$tmp/jdk.log" 2>&1 &
jdk_pid=$!; pids+=("$jdk_pid")
for port in $stable $canary $nginx_proxy $netty_proxy $jdk_proxy; do wait_port "$port"; done

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

run() { # name port pid
  local name="$1" port="$2" pid="${3:-}"
  wrk -t"$threads" -c"$connections" -d"${warmup}s" "http://127.0.0.1:$port/" >/dev/null    # warm-up (JIT, pools)
  local out; out="$(wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port/")"
  local rps p50 p99 errors rss=""
  rps="$(awk '/Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  errors="$(awk '/Non-2xx|Socket errors/ { print }' <<<"$out" | tr '\n' ' ')"
  [ -n "$pid" ] && rss="$(rss_mb "$pid") MB"
  printf '%-28s %10s %10s %10s %8s  %s\n' "$name" "$rps" "$p50" "$p99" "$rss" "$errors"
}

echo "wrk -t$threads -c$connections -d${seconds}s, $(nproc) cores, all processes on this machine"
printf '%-28s %10s %10s %10s %8s\n' "target" "req/s" "p50" "p99" "rss"
run "backend direct (nginx)" "$stable"
run "nginx proxy (90/10)" "$nginx_proxy"
run "gantry proxy, Netty (90/10)" "$netty_proxy" "$netty_pid"
run "JDK HttpServer+HttpClient" "$jdk_proxy" "$jdk_pid"
