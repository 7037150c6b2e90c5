# Shared by bench/pages.sh and bench/scale.sh; sourced, not run.

die() {
  echo "bench: error: $*" >&2
  exit 1
}

# A free TCP port on the loopback interface.
free_port() {
  if command -v python3 >/dev/null 2>&1; then
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
  else
    node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
  fi
}

# Writes DIR/nginx.conf for nginx run without root: its own pid file, logs
# and temporary paths under DIR, one worker per core, in the foreground
# (`daemon off`, so the caller holds its pid), no access log, sendfile, no
# keep-alive request limit, on 127.0.0.1:PORT only, serving ROOT with
# `default_type text/html` and the location body TRY (a try_files line).
# Further http-level directives, if any, follow as EXTRA.
#
#   write_nginx_conf DIR PORT ROOT TRY [EXTRA]
write_nginx_conf() {
  local dir=$1 port=$2 root=$3 try=$4 extra=${5:-}
  mkdir -p "$dir/tmp"
  cat >"$dir/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/error.log warn;

events {
    worker_connections 4096;
}

http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    default_type text/html;
    types { }
    $extra
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;

    server {
        listen 127.0.0.1:$port;
        root $root;
        location / {
            $try
        }
    }
}
EOF
}

# Starts nginx on the configuration in DIR, sets nginx_pid, and waits (at
# most 10 s) until URL answers; the body it sent is left in OUT.
#
#   start_nginx DIR URL OUT
start_nginx() {
  local dir=$1 url=$2 out=$3
  nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" &
  nginx_pid=$!
  for _ in $(seq 100); do
    curl -fsS -o "$out" "$url" 2>/dev/null && return 0
    kill -0 "$nginx_pid" 2>/dev/null || {
      cat "$dir/error.log" >&2
      die "nginx exited"
    }
    sleep 0.1
  done
  cat "$dir/error.log" >&2
  die "nginx did not answer $url within 10 s"
}
