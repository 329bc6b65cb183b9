#!/usr/bin/env bash
# End to end, in one run: wrk against (a) the demo service directly, (b) Gantry's proxy splitting 50/50 between two
# demo instances (1.0.0 and 1.1.0), (c) nginx over the same two instances with the same weighted upstream; prints
# req/s, p50 and p99 of each, flat out and at a fixed rate, and the Gantry/nginx ratios. With --soak it then loads
# the proxy for a while and shows its live heap (after a full GC) from start to end. Run from the repository root:
#   gantry-bench/proxy-bench.sh [--threads 2] [--connections 32] [--seconds 10] [--warmup 20] [--rounds 3]
#       [--rate 8000] [--io-threads N] [--soak [SECONDS]] [--soak-only [SECONDS]]
# Needs wrk, nginx, curl and a JDK 17 (java, jcmd). Everything listens on 127.0.0.1 only.
set -euo pipefail

threads=2 connections=32 seconds=10 warmup=20 rounds=3 rate=8000 io_threads="" soak=0 compare=1
proxy_java_opts="${GANTRY_PROXY_JAVA_OPTS:--Xmx256m}"
demo_java_opts="${GANTRY_DEMO_JAVA_OPTS:--Xmx256m}"

usage() {
  sed -n '2,8p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
while [ $# -gt 0 ]; do
  case "$1" in
    --threads | --connections | --seconds | --warmup | --rounds | --rate | --io-threads)
      [ $# -ge 2 ] || { echo "proxy-bench: $1: missing its value" >&2; exit 2; }
      [[ "$2" =~ ^[0-9]+$ ]] || { echo "proxy-bench: $1: expected a whole number, got \"$2\"" >&2; exit 2; }
      case "$1" in
        --threads) threads="$2" ;;
        --connections) connections="$2" ;;
        --seconds) seconds="$2" ;;
        --warmup) warmup="$2" ;;
        --rounds) rounds="$2" ;;
        --rate) rate="$2" ;;
        --io-threads) io_threads="$2" ;;
      esac
      shift 2 ;;
    --soak | --soak-only)
      [ "$1" = --soak-only ] && compare=0
      soak=120
      if [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]]; then soak="$2"; shift; fi
      shift ;;
    -h | --help) usage ;;
    *) echo "proxy-bench: unknown argument \"$1\"" >&2; usage ;;
  esac
done
for name in threads connections seconds rounds; do
  [ "${!name}" -ge 1 ] || { echo "proxy-bench: --$name: expected 1 or more" >&2; exit 2; }
done
if [ "$soak" -gt 0 ] && [ "$soak" -lt 20 ]; then echo "proxy-bench: --soak: expected 20 seconds or more" >&2; exit 2; fi

missing=()
for tool in wrk nginx curl java jcmd; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "proxy-bench: missing ${missing[*]}; install them with" >&2
  echo "  apt-get install -y wrk nginx-light curl openjdk-17-jdk-headless" >&2
  exit 2
fi

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tmp="$(mktemp -d)"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -s "$tmp/nginx.pid" ]; then kill "$(cat "$tmp/nginx.pid")" 2>/dev/null || true; fi
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "building gantry-local..." >&2
# The reactor build resolves gantry-core from its own target directory, never from an installed snapshot.
(cd "$root" && ./mvnw -q -B -pl gantry-local -am package -DskipTests \
  dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile=target/runtime-classpath.txt >"$tmp/build.log" 2>&1) \
  || { cat "$tmp/build.log" >&2; echo "proxy-bench: the build failed" >&2; exit 1; }
cp="$root/gantry-local/target/classes:$(cat "$root/gantry-local/target/runtime-classpath.txt")"

# Waits for the "listening on ..." line of a starting process and prints what follows "listening on".
listening() { # log pid what
  local line
  for _ in $(seq 1 300); do
    line="$(grep -m1 '^listening on ' "$1" 2>/dev/null || true)"
    if [ -n "$line" ]; then echo "${line#listening on }"; return 0; fi
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "proxy-bench: $3 did not start:" >&2
  cat "$1" >&2
  exit 1
}
free_port() {
  local port
  for _ in $(seq 1 100); do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "proxy-bench: no free port found" >&2
  exit 1
}

demo() { # version
  java $demo_java_opts -cp "$cp" dev.gantry.local.demo.DemoService --port 0 --version "$1" >"$tmp/demo-$1.log" 2>&1 &
  demo_pid=$!; pids+=("$demo_pid")
  demo_port="$(listening "$tmp/demo-$1.log" "$demo_pid" "demo service $1")"
}
demo 1.0.0; port_a="$demo_port" pid_a="$demo_pid"
demo 1.1.0; port_b="$demo_port" pid_b="$demo_pid"

proxy_args=(--port 0 --admin-port 0 --stable "127.0.0.1:$port_a" --stable-version 1.0.0
  --canary "127.0.0.1:$port_b" --canary-version 1.1.0 --weight 50)
if [ -n "$io_threads" ]; then proxy_args+=(--io-threads "$io_threads"); fi
java $proxy_java_opts "-Xlog:gc:file=$tmp/proxy-gc.log:uptime" -cp "$cp" dev.gantry.local.proxy.ProxyMain \
  "${proxy_args[@]}" >"$tmp/proxy.log" 2>&1 &
proxy_pid=$!; pids+=("$proxy_pid")
proxy_ports="$(listening "$tmp/proxy.log" "$proxy_pid" "the proxy")"
read -r gantry_port _ admin_port <<<"$proxy_ports"

# The same pair as a weighted upstream, X-Forwarded-For added as the proxy adds it, a worker per core as the proxy
# has an event loop per core. The proxy pools every backend connection it opened; nginx keeps at most "keepalive"
# idle ones per worker and closes the rest, and with 32 (as many as wrk's connections) it still opened about a
# thousand connections a second: the cache is sized so that it opens none during a run, like the proxy.
nginx_port="$(free_port)"
mkdir -p "$tmp/nginx"
cat >"$tmp/nginx.conf" <<CONF
worker_processes $(nproc);
pid $tmp/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
  upstream demo {
    server 127.0.0.1:$port_a weight=1;
    server 127.0.0.1:$port_b weight=1;
    keepalive $((connections * 4 > 256 ? connections * 4 : 256));
    keepalive_requests 1000000;
  }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://demo;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
nginx -c "$tmp/nginx.conf" -p "$tmp/nginx" -e "$tmp/nginx/error.log"
for _ in $(seq 1 100); do [ -s "$tmp/nginx.pid" ] && break; sleep 0.05; done
nginx_workers="$(pgrep -P "$(cat "$tmp/nginx.pid")" | tr '\n' ' ')"
hz="$(getconf CLK_TCK)"

# Both proxies answer, and split 50/50, before anything is timed.
split_of() { # port
  local urls=() i
  for i in $(seq 1 200); do urls+=("http://127.0.0.1:$1/"); done
  curl -s --max-time 30 "${urls[@]}" | grep -o '"version":"[^"]*"' | sort | uniq -c \
    | awk '{ split($2, v, "\""); printf "%s%s %s", sep, v[4], $1; sep = ", " } END { print "" }'
}
echo "200 requests one after another: gantry proxy $(split_of "$gantry_port"); nginx $(split_of "$nginx_port")"

# wrk prints latencies as 512.00us, 1.20ms, 1.05s or 1.00m.
micros() {
  awk -v t="$1" 'BEGIN {
    if (t ~ /us$/) f = 1; else if (t ~ /ms$/) f = 1000; else if (t ~ /m$/) f = 60000000; else f = 1000000
    sub(/[a-z]+$/, "", t); printf "%.0f", t * f }'
}
# CPU time, in clock ticks, that the processes spent so far (user + system).
cpu_ticks() { # pid...
  local pid total=0
  for pid in "$@"; do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "$total"
}
per_request() { # ticks requests
  awk -v t="$1" -v hz="$hz" -v n="$2" 'BEGIN { printf "%.1f", n ? t * 1000000 / hz / n : 0 }'
}
# One wrk run; prints "req/s p50-us p99-us errors" and the CPU time per request, in µs, of the server wrk talks to,
# of the two demo instances and of wrk itself. Extra wrk arguments (a pacing script) come after the pids.
measure() { # port seconds "front pids" [wrk arguments...]
  local port="$1" duration="$2" front=($3) out rps p50 p99 errors requests front0 back0 front1 back1 wrk_cpu
  local TIMEFORMAT='%U %S'
  shift 3
  front0="$(cpu_ticks "${front[@]}")"; back0="$(cpu_ticks "$pid_a" "$pid_b")"
  { time wrk -t"$threads" -c"$connections" -d"${duration}s" --latency "$@" "http://127.0.0.1:$port/" \
    >"$tmp/wrk.txt"; } 2>"$tmp/wrk.time"
  front1="$(cpu_ticks "${front[@]}")"; back1="$(cpu_ticks "$pid_a" "$pid_b")"
  out="$(cat "$tmp/wrk.txt")"
  wrk_cpu="$(tail -1 "$tmp/wrk.time" | awk -v hz="$hz" '{ printf "%.0f", ($1 + $2) * hz }')"
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' <<<"$out")"
  p50="$(micros "$(awk '$1 == "50%" { print $2 }' <<<"$out")")"
  p99="$(micros "$(awk '$1 == "99%" { print $2 }' <<<"$out")")"
  errors="$(awk '/Non-2xx/ { n += $NF } /Socket errors/ { for (i = 4; i <= NF; i += 2) n += $i } END { print n + 0 }' \
    <<<"$out" | tr -d ',')"
  requests="$(awk '/requests in/ { print $1 }' <<<"$out")"
  echo "$rps $p50 $p99 $errors $(per_request $((front1 - front0)) "$requests")" \
    "$(per_request $((back1 - back0)) "$requests") $(per_request "$wrk_cpu" "$requests")"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ms() { awk -v u="$1" 'BEGIN { printf "%.2f", u / 1000 }'; }

names=("(a) demo service 1.0.0, direct" "(b) gantry proxy, weight 50" "(c) nginx, upstream weight 1:1")
ports=("$port_a" "$gantry_port" "$nginx_port")
fronts=("$pid_a" "$proxy_pid" "$nginx_workers")

# Runs every target $rounds times, interleaved so that a neighbour's burst of load hits all three alike, and prints
# the medians; leaves "req/s p50 p99 cpu demos wrk errors" per target in $tmp/median-PASS-TARGET.
pass() { # name title [wrk arguments...]
  local pass="$1" title="$2" i r column
  shift 2
  for r in $(seq 1 "$rounds"); do
    for i in 0 1 2; do
      echo "$pass, round $r/$rounds: ${names[$i]}" >&2
      measure "${ports[$i]}" "$seconds" "${fronts[$i]}" "$@" >>"$tmp/runs-$pass-$i"
    done
  done
  for i in 0 1 2; do
    for column in 1 2 3 5 6 7; do awk -v c="$column" '{ print $c }' "$tmp/runs-$pass-$i" | median; done \
      | tr '\n' ' ' >"$tmp/median-$pass-$i"
    awk '{ n += $4 } END { print n + 0 }' "$tmp/runs-$pass-$i" >>"$tmp/median-$pass-$i"
  done
  echo
  echo "$title"
  printf '%-32s %7s %7s %7s %9s %6s %6s %6s %6s\n' "target" "req/s" "p50 ms" "p99 ms" "added p99" "errors" \
    "CPU" "demos" "wrk"
  local direct_p99 rps p50 p99 front back client errors
  read -r _ _ direct_p99 _ <"$tmp/median-$pass-0"
  for i in 0 1 2; do
    read -r rps p50 p99 front back client errors <"$tmp/median-$pass-$i"
    awk -v name="${names[$i]}" -v i="$i" -v rps="$rps" -v p50="$p50" -v p99="$p99" -v d="$direct_p99" \
      -v front="$front" -v back="$back" -v client="$client" -v errors="$errors" 'BEGIN {
        added = i ? sprintf("%.2f", (p99 - d) / 1000) : "-"
        front = i ? sprintf("%.1f", front) : "-"
        printf "%-32s %7d %7.2f %7.2f %9s %6d %6s %6.1f %6.1f\n", name, rps, p50 / 1000, p99 / 1000, added, errors,
          front, back, client }'
  done
}

# The goal for req/s comes from the pass at full load, the one for added p99 from both passes.
verdicts() {
  local direct_p99 gantry_rps gantry_p99 nginx_rps nginx_p99 p
  read -r gantry_rps _ _ <"$tmp/median-full-1"
  read -r nginx_rps _ _ <"$tmp/median-full-2"
  echo
  awk -v g="$gantry_rps" -v n="$nginx_rps" 'BEGIN {
    printf "gantry / nginx, req/s at full load:  %.2fx  (goal >= 1.00x: %s)\n", g / n, (g >= n) ? "met" : "MISSED" }'
  for p in full paced; do
    [ -f "$tmp/median-$p-0" ] || continue
    read -r _ _ direct_p99 _ <"$tmp/median-$p-0"
    read -r _ _ gantry_p99 _ <"$tmp/median-$p-1"
    read -r _ _ nginx_p99 _ <"$tmp/median-$p-2"
    awk -v p="$p" -v gp="$gantry_p99" -v np="$nginx_p99" -v dp="$direct_p99" 'BEGIN {
      ga = gp - dp; na = np - dp
      ratio = (na > 0 && ga >= 0) ? sprintf("%.2fx", ga / na) : "n/a"
      printf "gantry / nginx, added p99, %-6s %6s  (goal <= 1.00x: %s; %+.2f ms against %+.2f ms)\n", p ":", ratio,
        (ga <= na) ? "met" : "MISSED", ga / 1000, na / 1000 }'
  done
}

compare_targets() {
  local i delay
  echo "warming up each target for ${warmup}s..." >&2
  if [ "$warmup" -gt 0 ]; then
    for i in 0 1 2; do measure "${ports[$i]}" "$warmup" "${fronts[$i]}" >/dev/null; done
  fi
  echo "wrk -t$threads -c$connections -d${seconds}s --latency, median of $rounds interleaved rounds after a" \
    "${warmup}s warm-up; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before"
  echo "CPU, demos, wrk: µs of CPU time per request of the server wrk talks to, of both demo instances, of wrk;" \
    "added p99: p99 minus the p99 of (a)"
  pass full "at full load: wrk's connections send their next request as soon as the answer is in"
  if [ "$rate" -gt 0 ]; then
    # Debian's wrk has no fixed-rate mode; a pause between requests on each connection keeps every target at about
    # the same, sub-saturating rate, so latencies compare without queueing at different rates.
    delay=$(((connections * 1000 + rate / 2) / rate))
    [ "$delay" -ge 1 ] || delay=1
    printf 'function delay()\n  return %d\nend\n' "$delay" >"$tmp/pace.lua"
    pass paced "paced: each connection pauses ${delay} ms between requests (about $rate req/s asked)" \
      -s "$tmp/pace.lua"
  fi
  verdicts
}

proxy_split() {
  curl -s --max-time 10 "http://127.0.0.1:$admin_port/metrics" | awk '
    /^gantry_proxy_requests_total\{/ { match($0, /version="[^"]*"/); v = substr($0, RSTART + 9, RLENGTH - 10)
                                       n[v] = $NF; total += $NF }
    /^gantry_proxy_errors_total\{/ { errors += $NF }
    END { for (v in n) printf "%s %d (%.2f%%), ", v, n[v], total ? 100 * n[v] / total : 0
          printf "5xx %d\n", errors }'
}

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
# The bytes of the objects still reachable, counted by a full collection's class histogram. (The "used" figure of
# GC.heap_info read after GC.run also counts what the load allocated between the two commands.)
live_heap_kb() {
  jcmd "$proxy_pid" GC.class_histogram | awk '$1 == "Total" { printf "%.0f", $3 / 1024 }'
}
# The heap after the last young collection in the GC log, in MB ("Pause Young ... 40M->4M(64M)").
young_after_mb() {
  grep 'Pause Young' "$tmp/proxy-gc.log" | tail -1 | sed -E 's/.* [0-9]+M->([0-9]+)M\([0-9]+M\).*/\1/'
}
young_count() { grep -c 'Pause Young' "$tmp/proxy-gc.log" || true; }

soak_proxy() {
  local step=$((soak / 12)) wrk_pid elapsed=0 young=() live=() rss=() quarter=1 gcs_before
  [ "$step" -ge 5 ] || step=5
  echo "soak: ${soak}s of wrk -t$threads -c$connections against the proxy..." >&2
  measure "$gantry_port" 5 "$proxy_pid" >/dev/null
  live+=("before:$(live_heap_kb)"); rss+=("before:$(rss_mb "$proxy_pid")")
  gcs_before="$(young_count)"
  wrk -t"$threads" -c"$connections" -d"${soak}s" --latency "http://127.0.0.1:$gantry_port/" >"$tmp/soak.txt" &
  wrk_pid=$!; pids+=("$wrk_pid")
  # The heap after the last young GC at every step; a full GC at each quarter, under load, for the live heap itself.
  while [ $((elapsed + step)) -lt "$soak" ] && kill -0 "$wrk_pid" 2>/dev/null; do
    sleep "$step"; elapsed=$((elapsed + step))
    young+=("${elapsed}s:$(young_after_mb)")
    if [ "$quarter" -le 3 ] && [ "$elapsed" -ge $((soak * quarter / 4)) ]; then
      live+=("${elapsed}s:$(live_heap_kb)"); rss+=("${elapsed}s:$(rss_mb "$proxy_pid")")
      quarter=$((quarter + 1))
    fi
  done
  wait "$wrk_pid"
  live+=("after:$(live_heap_kb)"); rss+=("after:$(rss_mb "$proxy_pid")")
  local rps p99 requests
  rps="$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$tmp/soak.txt")"
  p99="$(micros "$(awk '$1 == "99%" { print $2 }' "$tmp/soak.txt")")"
  requests="$(awk '/requests in/ { print $1 }' "$tmp/soak.txt")"
  echo
  echo "soak: wrk -t$threads -c$connections -d${soak}s against the proxy: $requests requests, $rps req/s," \
    "p99 $(ms "$p99") ms, $(($(young_count) - gcs_before)) young collections; proxy JVM: $proxy_java_opts"
  echo "live heap after a full GC, KB:      ${live[*]}"
  echo "process RSS, MB:                    ${rss[*]}"
  echo "heap after the last young GC, MB:   ${young[*]}"
  if grep -q 'LEAK' "$tmp/proxy.log"; then
    echo "Netty reported leaked buffers:"
    grep -A3 'LEAK' "$tmp/proxy.log" | head -20
  else
    echo "Netty's leak detector (sampling) reported no leaked buffer"
  fi
}

if [ "$compare" -eq 1 ]; then compare_targets; fi
if [ "$soak" -gt 0 ]; then soak_proxy; fi
echo "proxy /metrics, every request of this run: $(proxy_split)"
