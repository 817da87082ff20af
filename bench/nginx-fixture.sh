# Sourced by the load benchmarks: starts Debian's nginx serving a 15-byte file on a free loopback
# port from a temp config, and stops it on exit. Sets DIR (temp dir), PORT and URL.
# Optional: NGINX_CPU pins nginx to that core (taskset).
start_nginx() {
  command -v nginx >/dev/null || { echo "missing nginx: apt-get install -y nginx" >&2; exit 2; }
  DIR=$(mktemp -d)
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$DIR/www" "$DIR/tmp"
  printf 'hello, hotpath\n' > "$DIR/www/index.html"
  chmod -R a+rX "$DIR" # nginx's workers run unprivileged: a 0700 temp dir would make every answer a 403
  cat > "$DIR/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $DIR/nginx.pid;
error_log $DIR/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $DIR/tmp; proxy_temp_path $DIR/tmp; fastcgi_temp_path $DIR/tmp;
  uwsgi_temp_path $DIR/tmp; scgi_temp_path $DIR/tmp;
  keepalive_requests 100000000;
  keepalive_timeout 300s;
  server { listen 127.0.0.1:$PORT; location / { root $DIR/www; } }
}
CONF
  if [ -n "${NGINX_CPU:-}" ]; then
    taskset -c "$NGINX_CPU" nginx -e "$DIR/error.log" -c "$DIR/nginx.conf" -p "$DIR" &
  else
    nginx -e "$DIR/error.log" -c "$DIR/nginx.conf" -p "$DIR" &
  fi
  NGINX_PID=$!
  trap 'kill $NGINX_PID 2>/dev/null || true; wait $NGINX_PID 2>/dev/null || true; rm -rf "$DIR"' EXIT
  URL="http://127.0.0.1:$PORT/index.html"
  for _ in $(seq 50); do curl -sf "$URL" >/dev/null && break; sleep 0.1; done
  curl -sf "$URL" >/dev/null || { echo "nginx does not serve $URL (see $DIR/error.log)" >&2; exit 3; }
}

# The first JDK 21+ under /usr/lib/jvm (like ./mvnw), else java on the PATH.
find_java() {
  for j in /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*21*/bin/java; do
    [ -x "$j" ] && { echo "$j"; return; }
  done
  echo java
}
