#!/usr/bin/env python3
"""A live /services API for `import --oruk URL` tests, on 127.0.0.1 only.

Usage: pages_server.py PORTFILE   (binds port 0, writes the port to PORTFILE and its pid to
PORTFILE.pid, serves until killed; the test starts it in the background of a shell that exits at
once, so the test process has no long-lived child of its own)

  /services?page=N            page N of 3 (ORUK 3.0 page fields), 2 services a page, one of them in
                              Richmond (ONS E09000027), one in Kingston (E09000021)
  /v1/services?page=N         the same as ORUK 1.0 / Placecube pages (content, totalPages, number 0-based)
  /slow/services              page 1 at once, page 2 after 30 s
  /huge/services              page 2 is 3 MB of JSON
  /garbage/services           page 2 is not JSON
  /redirect/services          302 to ftp://127.0.0.1/services
  /toself/services            302 to itself, for ever
  /missing/services           404
Every request is logged as one line to PORTFILE.log (the test reads which pages were asked for).
"""
import json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

PAGES = 3


def service(page, k):
    n = (page - 1) * 2 + k
    ons = "E09000027" if k == 0 else "E09000021"
    return {"id": f"live-{n}", "name": f"Live Service {n}", "status": "active",
            "description": f"Service {n} of the live test directory.",
            "email": f"live{n}@example.org", "minimum_age": 0, "maximum_age": 18,
            "service_areas": [{"id": f"area-{n}", "extent": ons, "extent_type": "ons_gss"}]}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body, ctype="application/json", headers=None):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        with open(sys.argv[1] + ".log", "a") as log:
            log.write(self.path + "\n")
        page = int((q.get("page") or ["1"])[0])
        kind = u.path.rsplit("/services", 1)[0].strip("/")
        if not u.path.endswith("/services"):
            return self.send(404, b"{}")
        if kind == "missing":
            return self.send(404, b'{"error": "no"}')
        if kind == "redirect":
            return self.send(302, b"", headers={"Location": "ftp://127.0.0.1/services"})
        if kind == "toself":
            return self.send(302, b"", headers={"Location": self.path})
        if kind == "slow" and page >= 2:
            time.sleep(30)
        if kind == "huge" and page >= 2:
            return self.send(200, b'{"contents": [' + b",".join([b'{"id": "x", "name": "' + b"y" * 1000 + b'"}'] * 3000) + b"]}")
        if kind == "garbage" and page >= 2:
            return self.send(200, b"<html>this is not the feed</html>", "text/html")
        items = [service(page, k) for k in range(2)] if 1 <= page <= PAGES else []
        if kind == "v1":
            body = {"content": items, "totalPages": PAGES, "totalElements": PAGES * 2, "number": page - 1,
                    "first": page == 1, "last": page >= PAGES}
        else:
            body = {"total_items": PAGES * 2, "total_pages": PAGES, "page_number": page, "size": len(items),
                    "first_page": page == 1, "last_page": page >= PAGES, "empty": not items, "contents": items}
        self.send(200, json.dumps(body).encode())


def main():
    # Started by a test process whose other tests hold pipes open: descriptors inherited from it
    # are closed at once, or a test reading its own child's output to the end would wait on us.
    os.closerange(3, os.sysconf("SC_OPEN_MAX"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    with open(sys.argv[1] + ".pid", "w") as f:
        f.write(str(os.getpid()))
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
