#!/usr/bin/env python3
"""A misbehaving Kubernetes API server for tests/e2e/test_bad_input_matrix.sh (issue 9).

    bad_server.py DIR CERT KEY

Serves HTTPS on 127.0.0.1 (port 0), writes the port to DIR/port, and answers every request
according to DIR/mode (re-read on each request, so one server serves every case):
  ok             sane answers: /version, a SelfSubjectReview, an allowed access review, a Table
  close-mid      headers promise 100000 bytes, 10 are sent, then the connection is closed
  big            200 with a 10 MB body that is not JSON
  invalid-json   200, Content-Type application/json, a truncated JSON object
  table-cells    like ok, but the nodes Table has rows with fewer cells than columns
  hang           reads the request and never answers (until the client goes away)
  redirect       302 to https://127.0.0.1:PORT/redirected (the same server): it must not be followed
Every request's method and path is appended to DIR/requests.log. Stops after 600 s, or as soon as
the process that started it is gone.
"""
import json
import os
import socketserver
import ssl
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler

DIR, CERT, KEY = sys.argv[1:4]

VERSION = {"major": "1", "minor": "32", "gitVersion": "v1.32.0-eks-bad", "platform": "linux/amd64"}
REVIEW = {"kind": "SelfSubjectReview", "apiVersion": "authentication.k8s.io/v1",
          "status": {"userInfo": {"username": "bad-server-user", "groups": ["system:authenticated"]}}}
ACCESS = {"kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
          "status": {"allowed": True}}
COLUMNS = [{"name": n, "type": "string", "format": "", "description": "", "priority": 0}
           for n in ("Name", "Status", "Roles", "Age", "Version")]


def table(rows):
    return {"kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": {"resourceVersion": "1"},
            "columnDefinitions": COLUMNS,
            "rows": [{"cells": cells, "object": {"kind": "PartialObjectMetadata",
                                                  "apiVersion": "meta.k8s.io/v1",
                                                  "metadata": {"name": cells[0] if cells else "x"}}}
                     for cells in rows]}


def mode():
    try:
        with open(os.path.join(DIR, "mode")) as f:
            return f.read().strip()
    except OSError:
        return "ok"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, body, ctype="application/json"):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def handle_any(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        with open(os.path.join(DIR, "requests.log"), "a") as log:
            log.write(f"{self.command} {self.path}\n")
        m = mode()
        path = self.path.split("?")[0]
        if m == "close-mid":
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b'{"kind": "')
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if m == "big":
            self.send(200, b"x" * (10 * 1024 * 1024))
            return
        if m == "invalid-json":
            self.send(200, b'{"kind": "Table", "apiVersion": "meta.k8s.io/v1", "rows": [')
            return
        if m == "hang":
            time.sleep(120)
            self.close_connection = True
            return
        if m == "redirect" and path != "/redirected":
            port = self.server.server_address[1]
            self.send_response(302)
            self.send_header("Location", f"https://127.0.0.1:{port}/redirected")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if path == "/version":
            self.send(200, VERSION)
        elif path.endswith("/selfsubjectreviews"):
            self.send(201, REVIEW)
        elif path.endswith("/selfsubjectaccessreviews"):
            self.send(201, ACCESS)
        elif path == "/api/v1/nodes":
            if m == "table-cells":
                self.send(200, table([["node-a", "Ready"], [], ["node-c", "Ready", "<none>", "5d", "v1.32.0", "extra"]]))
            else:
                self.send(200, table([["node-a", "Ready", "<none>", "5d", "v1.32.0"]]))
        else:
            self.send(404, b"404 page not found\n", "text/plain")

    do_GET = handle_any
    do_POST = handle_any


class Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


def watchdog(parent):
    """Ends the server when the test that started it is gone, or after 600 s."""
    for _ in range(600):
        if os.getppid() != parent:
            break
        time.sleep(1)
    os._exit(0)


def main():
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(CERT, KEY)
    server = Server(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=watchdog, args=(os.getppid(),), daemon=True).start()
    with open(os.path.join(DIR, "port.tmp"), "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(os.path.join(DIR, "port.tmp"), os.path.join(DIR, "port"))
    server.serve_forever()


if __name__ == "__main__":
    main()
