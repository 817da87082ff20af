#!/usr/bin/env python3
"""A toy HTTP server for the docs/reports.md walkthrough: GET /users and POST /orders, each sleeping a
log-normal time around DELAY_MS and answering with Server-Timing (app, db).

  PORT=18481 DELAY_MS=5 python3 bench/toy-server.py
  STALL_AT=12 STALL_FOR=2 ...   # the server stops for STALL_FOR seconds, STALL_AT seconds after the
                                # first request: requests arriving meanwhile wait until it resumes
Loopback only. Stops by itself after LIFETIME seconds (default 600).
"""
import math, os, random, threading, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT = int(os.environ.get("PORT", "18481"))
DELAY = float(os.environ.get("DELAY_MS", "5")) / 1000
STALL_AT = float(os.environ.get("STALL_AT", "-1"))
STALL_FOR = float(os.environ.get("STALL_FOR", "2"))
first = None
lock = threading.Lock()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def serve(self):
        global first
        now = time.monotonic()
        with lock:
            if first is None:
                first = now
        if STALL_AT >= 0:
            start, end = first + STALL_AT, first + STALL_AT + STALL_FOR
            if start <= now < end:
                time.sleep(end - now)
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        t0 = time.monotonic()
        d = DELAY * math.exp(0.3 * random.gauss(0, 1))
        time.sleep(d * 0.6)  # "db"
        db = time.monotonic() - t0
        time.sleep(d * 0.4)
        app = time.monotonic() - t0
        body = b'{"ok":true}'
        self.send_response(201 if self.command == "POST" else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Server-Timing", "app;dur=%.2f, db;dur=%.2f" % (app * 1000, db * 1000))
        self.end_headers()
        self.wfile.write(body)

    do_GET = serve
    do_POST = serve


if __name__ == "__main__":
    ThreadingHTTPServer.request_queue_size = 256  # 64 connections open at once; the default backlog is 5
    server = ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    server.daemon_threads = True
    threading.Timer(float(os.environ.get("LIFETIME", "600")), server.shutdown).start()
    server.serve_forever()
