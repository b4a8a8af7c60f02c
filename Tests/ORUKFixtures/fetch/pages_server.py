#!/usr/bin/env python3
"""A live /services API for `import --oruk URL` tests, on 127.0.0.1 only.

Usage: pages_server.py PORTFILE   (binds port 0, writes the port to PORTFILE and its pid to
PORTFILE.pid, serves until killed; the test starts it in the background of a shell that exits at
once, so the test process has no long-lived child of its own)

  /services?page=N            page N of 3 (ORUK 3.0 page fields), 2 services a page, one of them in
                              Richmond (ONS E09000027), one in Kingston (E09000021); page 2 also one
                              in Bristol (out of area), and live-2's email ends in a dot (repaired)
  /v1/services?page=N         the same as ORUK 1.0 / Placecube pages (content, totalPages, number)
  /next/services              the same three pages joined by their own links.next (a cursor, not
                              page=), the last with next null
  /moved/services             301 to /services with the same query (same host): followed
  /loop/services              page 1's next is page 2, page 2's next is page 1 again
  /elsewhere/services         page 1's next is on another host (localhost, not 127.0.0.1)
  /same/services              ignores page=: page 1 with last_page false, whatever is asked
  /slow/services              page 1 at once, page 2 after 30 s
  /drip/services              page 1 at once, page 2 one byte every 0.3 s for a minute
  /huge/services              page 2 is 3 MB of JSON (with its length)
  /unsized/services           page 2 is 3 MB of JSON with no length (ends when the connection closes)
  /garbage/services           page 2 is not JSON
  /redirect/services          302 to ftp://127.0.0.1/services
  /tofile/services            302 to file:///etc/passwd
  /toself/services            302 to itself, for ever
  /missing/services           404
  /broken/services            page 2 is a 500
Every request is logged as one line to PORTFILE.log (the test reads which pages were asked for).
"""
import json, os, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs

PAGES = 3


def service(page, k):
    n = (page - 1) * 2 + k
    ons = "E09000027" if k == 0 else "E09000021"
    # Service 2's email has a trailing dot: repaired, the warning naming its page.
    return {"id": f"live-{n}", "name": f"Live Service {n}", "status": "active",
            "description": f"Service {n} of the live test directory.",
            "email": f"live{n}@example.org" + ("." if n == 2 else ""), "minimum_age": 0, "maximum_age": 18,
            "service_areas": [{"id": f"area-{n}", "extent": ons, "extent_type": "ons_gss"}]}


def page_items(page):
    """Two services a page; page 2 also has one in Bristol (E06000023), which is out of area."""
    if not 1 <= page <= PAGES:
        return []
    items = [service(page, k) for k in range(2)]
    if page == 2:
        items.append({"id": "live-bristol", "name": "Live Bristol Service", "status": "active",
                      "description": "A Bristol service.", "minimum_age": 0, "maximum_age": 18,
                      "service_areas": [{"id": "area-b", "extent": "E06000023", "extent_type": "ons_gss"}]})
    return items


def huge():
    return b'{"contents": [' + b",".join([b'{"id": "x", "name": "' + b"y" * 1000 + b'"}'] * 3000) + b"]}"


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def send(self, code, body, ctype="application/json", headers=None, length=True):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        if length:
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
        try:
            page = int((q.get("page") or q.get("cursor") or ["1"])[0])
        except ValueError:
            page = 1
        kind = u.path.rsplit("/services", 1)[0].strip("/")
        if not u.path.endswith("/services"):
            return self.send(404, b"{}")
        if kind == "missing":
            return self.send(404, b'{"error": "no"}')
        if kind == "broken" and page >= 2:
            return self.send(500, b'{"error": "it broke"}')
        if kind == "moved":
            return self.send(301, b"", headers={"Location": "/services?" + u.query})
        if kind == "redirect":
            return self.send(302, b"", headers={"Location": "ftp://127.0.0.1/services"})
        if kind == "tofile":
            return self.send(302, b"", headers={"Location": "file:///etc/passwd"})
        if kind == "toself":
            return self.send(302, b"", headers={"Location": self.path})
        if kind == "same":
            page = 1
        if kind == "slow" and page >= 2:
            time.sleep(30)
        if kind == "drip" and page >= 2:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "200")
            self.end_headers()
            for _ in range(200):
                self.wfile.write(b" ")
                self.wfile.flush()
                time.sleep(0.3)
            return
        if kind == "huge" and page >= 2:
            return self.send(200, huge())
        if kind == "unsized" and page >= 2:
            return self.send(200, huge(), length=False)
        if kind == "garbage" and page >= 2:
            return self.send(200, b"<html>this is not the feed</html>", "text/html")
        items = page_items(page)
        if kind == "v1":
            body = {"content": items, "totalPages": PAGES, "totalElements": PAGES * 2, "number": page,
                    "first": page == 1, "last": page >= PAGES}
        elif kind in ("next", "loop", "elsewhere"):
            host = "localhost" if kind == "elsewhere" else "127.0.0.1"
            target = {"next": f"/next/services?cursor={page + 1}" if page < PAGES else None,
                      "loop": f"/loop/services?cursor={2 if page == 1 else 1}",
                      "elsewhere": f"http://{host}:{self.server.server_address[1]}/elsewhere/services?cursor=2"}[kind]
            body = {"total_items": PAGES * 2, "contents": items, "links": {"next": target}}
        else:
            body = {"total_items": PAGES * 2, "total_pages": PAGES, "page_number": page, "size": len(items),
                    "first_page": page == 1, "last_page": page >= PAGES and kind != "same", "empty": not items,
                    "contents": items}
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
