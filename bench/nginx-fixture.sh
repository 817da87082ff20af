# Sourced by the load benchmarks: starts Debian's nginx serving a 15-byte file on a free loopback
# port from a temp config, and stops it on exit. Sets DIR (temp dir), PORT and URL.
# Optional: NGINX_CPU pins nginx to that core (taskset). NGINX_H2=1 also serves HTTP/2: h2c with
# prior knowledge (H2C_URL) and h2 over TLS with a self-signed certificate (H2_URL).
start_nginx() {
  command -v nginx >/dev/null || { echo "missing nginx: apt-get install -y nginx" >&2; exit 2; }
  DIR=$(mktemp -d)
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  mkdir -p "$DIR/www" "$DIR/tmp"
  printf 'hello, hotpath\n' > "$DIR/www/index.html"
  chmod -R a+rX "$DIR" # nginx's workers run unprivileged: a 0700 temp dir would make every answer a 403
  h2_setup
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
$(h2_servers)
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
  if [ -n "${NGINX_H2:-}" ]; then
    H2C_URL="http://127.0.0.1:$H2C_PORT/index.html"
    H2_URL="https://127.0.0.1:$H2_PORT/index.html"
  fi
  for _ in $(seq 50); do curl -sf "$URL" >/dev/null && break; sleep 0.1; done
  curl -sf "$URL" >/dev/null || { echo "nginx does not serve $URL (see $DIR/error.log)" >&2; exit 3; }
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# With NGINX_H2: two more ports and a self-signed certificate for the HTTP/2 server blocks.
h2_setup() {
  [ -n "${NGINX_H2:-}" ] || return 0
  H2C_PORT=$(free_port)
  H2_PORT=$(free_port)
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$DIR/key.pem" -out "$DIR/cert.pem" >/dev/null 2>&1
}

# With NGINX_H2: an h2c server block (prior knowledge) and an h2-over-TLS one.
h2_servers() {
  [ -n "${NGINX_H2:-}" ] || return 0
  cat <<H2
  http2_max_concurrent_streams 1000;
  server { listen 127.0.0.1:$H2C_PORT http2; location / { root $DIR/www; } }
  server { listen 127.0.0.1:$H2_PORT ssl http2; ssl_certificate $DIR/cert.pem; ssl_certificate_key $DIR/key.pem;
           location / { root $DIR/www; } }
H2
}

# The first JDK 21+ under /usr/lib/jvm (like ./mvnw), else java on the PATH.
find_java() {
  for j in /usr/lib/jvm/*25*/bin/java /usr/lib/jvm/*21*/bin/java; do
    [ -x "$j" ] && { echo "$j"; return; }
  done
  echo java
}
