import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `import --oruk URL`: the pages of a live `/services` API, followed one after another. Everything
/// about it is bounded, because the other end is not ours: pages, bytes of one page, bytes of the
/// whole fetch, seconds for one request and for the whole fetch, redirects; http and https only,
/// before and after any redirect; a page's `next` link only to the host that page came from, and
/// never back to a page already fetched.
public enum ORUKFetch {
    public struct Bounds: Sendable {
        public var pages = Limits.pages
        public var pageBytes = Limits.pageBytes
        public var totalBytes = Limits.feedBytes
        public var seconds = Limits.fetchSeconds
        public var requestSeconds = Limits.requestSeconds
        public var perPage = 500
        public init() {}
    }

    /// Why the fetch stopped: the address it was at, and the reason (naming the bound and its flag).
    public struct Failure: Error, Sendable { public var url: String; public var message: String }

    static func isWeb(_ scheme: String?) -> Bool { scheme?.lowercased() == "http" || scheme?.lowercased() == "https" }

    /// http:// or https:// with a host, or why not.
    public static func check(address: String) -> String? {
        guard let u = URL(string: address), let scheme = u.scheme?.lowercased() else { return "not a web address" }
        guard isWeb(scheme) else { return "only http:// and https:// addresses are followed, not \(ORUKText.quote(scheme + ":"))" }
        guard let host = u.host, !host.isEmpty else { return "the address has no host" }
        return nil
    }

    /// An address as it may be kept in an entry's sources or shown: without a user name or password.
    public static func withoutCredentials(_ address: String) -> String {
        guard var c = URLComponents(string: address), c.user != nil || c.password != nil else { return address }
        c.user = nil
        c.password = nil
        return c.string ?? address
    }

    /// An address as it goes into a message: no credentials, one line, escaped, and not a screenful.
    public static func shown(_ url: String) -> String {
        let line = Sanitize.oneLine(withoutCredentials(url))
        return line.count > 300 ? String(line.prefix(300)) + "…" : line
    }

    /// Host and port (the scheme's own when not given): a page's `next` may move from http to https
    /// on the same host, never to another host.
    static func sameHost(_ a: URL, _ b: URL) -> Bool {
        func port(_ u: URL) -> Int { u.port ?? (u.scheme?.lowercased() == "http" ? 80 : 443) }
        guard let ha = a.host?.lowercased(), let hb = b.host?.lowercased() else { return false }
        return ha == hb && (port(a) == port(b) || a.port == nil && b.port == nil)
    }

    /// The address of page `n`: the feed's own address with `page` (and `per_page`, unless the
    /// address sets its own size) set, every other query item kept.
    public static func pageURL(_ base: URL, page n: Int, perPage: Int) -> URL? {
        guard var c = URLComponents(url: base, resolvingAgainstBaseURL: false) else { return nil }
        var items = c.queryItems ?? []
        items.removeAll { $0.name == "page" }
        items.append(URLQueryItem(name: "page", value: String(n)))
        if !items.contains(where: { ["per_page", "size", "pageSize", "limit"].contains($0.name) }) {
            items.append(URLQueryItem(name: "per_page", value: String(perPage)))
        }
        c.queryItems = items
        return c.url
    }

    /// What comes after a page.
    enum Step: Equatable { case stop, number, link(String) }

    /// A page with no records, or saying it is the last (`last_page`/`last` true), is the last. Else
    /// its own link to the next page (`next`, JSON:API's `links.next`, HAL's `_links.next.href`; an
    /// empty one ends it), or the page number (`last_page`/`last` false, or below `total_pages`).
    /// A page that says nothing about pages is the only one.
    static func step(after page: JSONValue, number n: Int, records: Int) -> Step {
        if records == 0 { return .stop }
        var lastFlag: Bool?
        for key in ["last_page", "last"] { if case .bool(let b)? = page[key] { lastFlag = b; break } }
        if lastFlag == true { return .stop }
        func href(_ v: JSONValue?) -> JSONValue? { v.map { $0.isObject ? ($0["href"] ?? .null) : $0 } }
        if let link = href(page["next"]) ?? href(page["links"]?["next"]) ?? href(page["_links"]?["next"]) {
            if let s = link.string?.trimmingCharacters(in: .whitespaces), !s.isEmpty { return .link(s) }
            if link.isNull || link.string != nil { return .stop }
        }
        if lastFlag == false { return .number }
        for key in ["total_pages", "totalPages"] {
            if case .number(let total, _)? = page[key], total.isFinite { return Double(n) < total ? .number : .stop }
        }
        return .stop
    }

    /// Fetches every page (until the last, or a bound) and hands each to `handle` with its number;
    /// `handle` answers how many records the page held. A bound reached is a failure naming the
    /// bound and the flag that changes it; pages fetched before it are already handed on.
    public static func follow(_ address: String, bounds: Bounds,
                              page handle: (Int, URL, JSONValue, ORUKImport.Report) -> Int) -> Failure? {
        if let why = check(address: address) { return Failure(url: address, message: why) }
        guard let base = URL(string: address) else { return Failure(url: address, message: "not a web address") }
        let deadline = Date().addingTimeInterval(bounds.seconds)
        var total = 0
        // A first page named in the address itself (`?page=3`) starts the walk there.
        var n = URLComponents(url: base, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "page" }
            .flatMap { $0.value.flatMap { Int($0) } }.map { max(0, min($0, 1_000_000)) } ?? 1
        guard var url = pageURL(base, page: n, perPage: bounds.perPage) else { return Failure(url: address, message: "cannot make the address of page \(n)") }
        var seen = Set<String>()
        var previous: Data?
        var fetched = 0
        let session = Session()
        defer { session.close() }
        while true {
            if fetched >= bounds.pages {
                return Failure(url: url.absoluteString, message: "stopped after \(bounds.pages) pages (--max-pages changes the bound)")
            }
            if !seen.insert(url.absoluteString).inserted {
                return Failure(url: url.absoluteString, message: "page \(n - 1)'s next link leads back to a page already fetched (a loop of next links)")
            }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return Failure(url: url.absoluteString, message: "stopped after \(ORUKText.number(bounds.seconds)) s, the most for the whole fetch (--max-seconds changes the bound)") }
            // The tighter of the two byte bounds and of the two time bounds, each naming its own flag.
            let totalLeft = bounds.totalBytes - total
            let bytes = bounds.pageBytes <= totalLeft
                ? (bounds.pageBytes, "the most read of one page is \(bounds.pageBytes / 1_048_576) MB (--max-page-mb changes the bound)")
                : (totalLeft, "the pages come to more than \(bounds.totalBytes / 1_048_576) MB, the most read from one feed: import it in parts (--max-pages, or a page= in the address)")
            let time = bounds.requestSeconds < left
                ? (bounds.requestSeconds, "no whole answer within \(ORUKText.number(bounds.requestSeconds)) s, the most for one page (--max-request-seconds changes the bound)")
                : (left, "no whole answer within the \(ORUKText.number(bounds.seconds)) s of the whole fetch (--max-seconds changes the bound)")
            let page: (data: Data, at: URL)
            switch session.get(url, maxBytes: bytes.0, bytesMessage: bytes.1, seconds: time.0, timeMessage: time.1) {
            case .failure(let f): return f
            case .success(let got): page = got
            }
            total += page.data.count
            fetched += 1
            // A server that ignores page= sends the same page for ever: stopped at the second.
            if page.data == previous {
                return Failure(url: url.absoluteString, message: "page \(n) is the same as the page before it: the server does not follow page= (or its next link)")
            }
            previous = page.data
            let (json, report) = ORUKImport.parse(data: page.data, options: ORUKImport.Options(label: url.absoluteString))
            guard let json else {
                return Failure(url: url.absoluteString, message: report.problems.first?.message ?? "not JSON")
            }
            let records = handle(n, url, json, report)
            switch step(after: json, number: n, records: records) {
            case .stop:
                return nil
            case .number:
                guard let next = pageURL(base, page: n + 1, perPage: bounds.perPage) else { return Failure(url: address, message: "cannot make the address of page \(n + 1)") }
                url = next
            case .link(let s):
                guard let next = URL(string: s, relativeTo: page.at)?.absoluteURL, isWeb(next.scheme) else {
                    return Failure(url: url.absoluteString, message: "page \(n)'s next link \(ORUKText.quote(s)) is not an http:// or https:// address")
                }
                guard sameHost(next, page.at) else {
                    return Failure(url: url.absoluteString, message: "page \(n)'s next link \(ORUKText.quote(s)) points to another host than the page's own (\(page.at.host ?? "?")): not followed")
                }
                url = next
            }
            n += 1
        }
    }

    /// One GET at a time, bounded in bytes and seconds, at most `Limits.redirects` redirects and
    /// only to http or https. Ephemeral: no cookies, no cache, nothing written to disk.
    final class Session: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        private var maxBytes = 0
        private var bytesMessage = ""
        private var timeMessage = ""
        private var failure: String?
        private var status = 0
        private var finalURL: URL?
        private var redirects = 0
        private var done = DispatchSemaphore(value: 0)
        private var session: URLSession?

        override init() {
            super.init()
            let config = URLSessionConfiguration.ephemeral
            config.httpCookieStorage = nil
            config.urlCache = nil
            config.httpAdditionalHeaders = ["Accept": "application/json", "User-Agent": "localoffer-import"]
            session = URLSession(configuration: config, delegate: self, delegateQueue: nil)
        }

        func get(_ url: URL, maxBytes: Int, bytesMessage: String, seconds: Double, timeMessage: String) -> Result<(data: Data, at: URL), Failure> {
            let done = DispatchSemaphore(value: 0)
            lock.withLock {
                data = Data(); failure = nil; status = 0; redirects = 0; finalURL = nil
                self.maxBytes = maxBytes; self.bytesMessage = bytesMessage; self.timeMessage = timeMessage
                // Each request its own signal: a late one from a cancelled request never ends the next.
                self.done = done
            }
            var request = URLRequest(url: url)
            request.timeoutInterval = max(1, seconds)
            guard let task = session?.dataTask(with: request) else { return .failure(Failure(url: url.absoluteString, message: "cannot start the request")) }
            task.resume()
            if done.wait(timeout: .now() + max(0.1, seconds)) == .timedOut {
                task.cancel()
                _ = done.wait(timeout: .now() + 5)
                return .failure(Failure(url: url.absoluteString, message: timeMessage))
            }
            return lock.withLock {
                if let failure { return .failure(Failure(url: url.absoluteString, message: failure)) }
                if status != 200 { return .failure(Failure(url: url.absoluteString, message: "the server answered HTTP \(status), not 200")) }
                return .success((data, finalURL ?? url))
            }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            let code = (response as? HTTPURLResponse)?.statusCode ?? 0
            let length = response.expectedContentLength
            let ok: Bool = lock.withLock {
                status = code
                finalURL = response.url
                if length > Int64(maxBytes) {
                    failure = "the page is \(length) bytes; \(bytesMessage)"
                    return false
                }
                return true
            }
            completionHandler(ok ? .allow : .cancel)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
            // Counted as it arrives (after any decompression), so a page without a length, or one
            // that lies about it, still stops at the bound.
            let over: Bool = lock.withLock {
                if chunk.count > maxBytes - data.count {
                    failure = failure ?? "the page is over \(maxBytes) bytes; \(bytesMessage)"
                    return true
                }
                data.append(chunk)
                return false
            }
            if over { dataTask.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            // The Location as the server sent it: Foundation makes `file:///etc/passwd` a path on the
            // same host, so its own new request alone would hide where the server pointed.
            let location = response.value(forHTTPHeaderField: "Location")
            let target = location.flatMap { URL(string: $0, relativeTo: response.url)?.absoluteURL } ?? request.url
            let allowed: Bool = lock.withLock {
                redirects += 1
                if !ORUKFetch.isWeb(target?.scheme) || !ORUKFetch.isWeb(request.url?.scheme) {
                    failure = "the server redirects to \(ORUKText.quote(location ?? request.url?.absoluteString ?? "?")): only http:// and https:// are followed"
                    return false
                }
                if redirects > Limits.redirects { failure = "more than \(Limits.redirects) redirects, the most followed for one page"; return false }
                return true
            }
            if allowed { completionHandler(request) } else { completionHandler(nil); task.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            let done: DispatchSemaphore = lock.withLock {
                if let error, failure == nil {
                    failure = (error as? URLError)?.code == .timedOut
                        ? timeMessage
                        : "cannot fetch it: \(Sanitize.oneLine(error.localizedDescription))"
                }
                return self.done
            }
            done.signal()
        }

        /// The session holds its delegate until it is invalidated.
        func close() { session?.invalidateAndCancel(); session = nil }
    }
}

extension ORUKImport {
    /// `import --oruk URL`: every page fetched (within the bounds), then imported as one feed, each
    /// record's path naming its page (`pages[2].contents[3]`). A page that cannot be had stops the
    /// fetch: nothing is imported, so a half-fetched directory never reports its other half as gone.
    public static func run(address: String, bounds: ORUKFetch.Bounds, into contentDir: URL, options: Options) -> (Report, [Draft]) {
        var all: [(String, JSONValue)] = []
        var read = Report()
        var tooMany = false
        let failure = ORUKFetch.follow(address, bounds: bounds) { n, _, json, pageReport in
            for p in pageReport.problems {
                read.problems.append(Problem(file: options.label, path: "pages[\(n)]" + (p.path.isEmpty || p.path == "$" ? "" : "." + p.path), severity: p.severity, message: p.message))
            }
            guard let (records, _) = records(json).map({ ($0.records, $0.pageNote) }) else {
                read.failed = true
                read.problems.append(Problem(file: options.label, path: "pages[\(n)]", severity: .error, message: notAFeed))
                return 0
            }
            if all.count + records.count > Limits.records { tooMany = true; return 0 }
            for (path, r) in records { all.append(("pages[\(n)]" + (path.isEmpty ? "" : "." + path), r)) }
            return records.count
        }
        if tooMany {
            read.failed = true
            read.problems.append(Problem(file: options.label, path: "", severity: .error,
                                         message: "the feed holds more than \(Limits.records) records, the most read from one feed: import it in parts (--max-pages, or a page= in the address)"))
        }
        if let failure {
            read.failed = true
            read.problems.append(Problem(file: ORUKFetch.shown(failure.url), path: "", severity: .error, message: failure.message + "; nothing imported"))
        }
        if read.failed { return (read, []) }
        return run(records: all, readReport: read, into: contentDir, options: options)
    }
}
