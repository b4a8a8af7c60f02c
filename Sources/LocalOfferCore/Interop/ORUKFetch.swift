import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `import --oruk URL`: the pages of a live `/services` API, followed one after another. Everything
/// about it is bounded, because the other end is not ours: pages, bytes of one page, bytes of the
/// whole fetch, seconds for the whole fetch; http and https only, before and after any redirect.
public enum ORUKFetch {
    public struct Bounds: Sendable {
        public var pages = Limits.pages
        public var pageBytes = Limits.pageBytes
        public var totalBytes = Limits.feedBytes
        public var seconds = Limits.fetchSeconds
        public var perPage = 500
        public init() {}
    }

    /// One page as fetched: its address and its parsed JSON, or why it could not be had.
    public struct Failure: Error, Sendable { public var url: String; public var message: String }

    /// http:// or https:// with a host, or why not.
    public static func check(address: String) -> String? {
        guard let u = URL(string: address), let scheme = u.scheme?.lowercased() else { return "not a web address" }
        guard scheme == "http" || scheme == "https" else { return "only http:// and https:// addresses are followed, not \(ORUKText.quote(scheme + ":"))" }
        guard let host = u.host, !host.isEmpty else { return "the address has no host" }
        return nil
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

    /// Whether a page says it is the last: `last_page`/`last` true, its number at the page count, or
    /// no records. A page that says nothing about pages is the only one.
    static func isLast(_ page: JSONValue, number n: Int, records: Int) -> Bool {
        if records == 0 { return true }
        for key in ["last_page", "last"] { if case .bool(let b)? = page[key] { return b } }
        for key in ["total_pages", "totalPages"] {
            if case .number(let total, _)? = page[key], total.isFinite { return Double(n) >= total }
        }
        return true
    }

    /// Fetches every page (until the last, or a bound) and hands each to `page` with its number.
    /// A bound reached is a failure that names the bound and the flag that changes it; pages fetched
    /// before it are already handed on.
    public static func follow(_ address: String, bounds: Bounds,
                              page handle: (Int, URL, JSONValue, ORUKImport.Report) -> Int) -> Failure? {
        if let why = check(address: address) { return Failure(url: address, message: why) }
        guard let base = URL(string: address) else { return Failure(url: address, message: "not a web address") }
        let deadline = Date().addingTimeInterval(bounds.seconds)
        var total = 0
        // A first page named in the address itself (`?page=3`) starts the walk there.
        var n = URLComponents(url: base, resolvingAgainstBaseURL: false)?.queryItems?.first { $0.name == "page" }
            .flatMap { $0.value.flatMap { Int($0) } }.map { max(0, min($0, 1_000_000)) } ?? 1
        var fetched = 0
        let session = Session()
        defer { session.close() }
        while true {
            if fetched >= bounds.pages {
                return Failure(url: address, message: "stopped after \(bounds.pages) pages (--max-pages changes the bound)")
            }
            guard let url = pageURL(base, page: n, perPage: bounds.perPage) else { return Failure(url: address, message: "cannot make the address of page \(n)") }
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { return Failure(url: url.absoluteString, message: "stopped after \(ORUKText.number(bounds.seconds)) s (--max-seconds changes the bound)") }
            let maxBytes = min(bounds.pageBytes, bounds.totalBytes - total)
            let got = session.get(url, maxBytes: maxBytes, seconds: left)
            let data: Data
            switch got {
            case .failure(let f): return f
            case .success(let d): data = d
            }
            total += data.count
            fetched += 1
            let options = ORUKImport.Options(label: url.absoluteString)
            let (json, report) = ORUKImport.parse(data: data, options: options)
            guard let json else {
                return Failure(url: url.absoluteString, message: report.problems.first?.message ?? "not JSON")
            }
            let records = handle(n, url, json, report)
            if isLast(json, number: n, records: records) { return nil }
            n += 1
        }
    }

    /// One GET at a time, bounded in bytes and seconds, redirects only to http or https.
    final class Session: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        private var maxBytes = 0
        private var failure: String?
        private var status = 0
        private var redirects = 0
        private let done = DispatchSemaphore(value: 0)
        private var session: URLSession?

        override init() {
            super.init()
            let config = URLSessionConfiguration.ephemeral
            config.httpCookieStorage = nil
            config.urlCache = nil
            config.httpAdditionalHeaders = ["Accept": "application/json", "User-Agent": "localoffer-import"]
            session = URLSession(configuration: config, delegate: self, delegateQueue: nil)
        }

        func get(_ url: URL, maxBytes: Int, seconds: Double) -> Result<Data, Failure> {
            lock.withLock {
                data = Data(); failure = nil; status = 0; redirects = 0
                self.maxBytes = maxBytes
            }
            var request = URLRequest(url: url)
            request.timeoutInterval = max(1, min(seconds, 120))
            guard let task = session?.dataTask(with: request) else { return .failure(Failure(url: url.absoluteString, message: "cannot start the request")) }
            task.resume()
            if done.wait(timeout: .now() + max(0.1, seconds)) == .timedOut {
                task.cancel()
                _ = done.wait(timeout: .now() + 5)
                return .failure(Failure(url: url.absoluteString, message: "no whole answer within the time left (--max-seconds changes the bound)"))
            }
            return lock.withLock {
                if let failure { return .failure(Failure(url: url.absoluteString, message: failure)) }
                if status != 200 { return .failure(Failure(url: url.absoluteString, message: "the server answered HTTP \(status)")) }
                return .success(data)
            }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            let code = (response as? HTTPURLResponse)?.statusCode ?? 0
            let length = response.expectedContentLength
            let ok: Bool = lock.withLock {
                status = code
                if length > Int64(maxBytes) {
                    failure = "the page is \(length) bytes; the most read of one page is \(maxBytes) (--max-page-mb changes the bound)"
                    return false
                }
                return true
            }
            completionHandler(ok ? .allow : .cancel)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive chunk: Data) {
            let over: Bool = lock.withLock {
                if data.count + chunk.count > maxBytes {
                    failure = failure ?? "the page is over \(maxBytes) bytes, the most read of one page (--max-page-mb changes the bound)"
                    return true
                }
                data.append(chunk)
                return false
            }
            if over { dataTask.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            let scheme = request.url?.scheme?.lowercased() ?? ""
            let allowed: Bool = lock.withLock {
                redirects += 1
                if scheme != "http" && scheme != "https" {
                    failure = "the server redirects to \(ORUKText.quote(request.url?.absoluteString ?? "?")): only http:// and https:// are followed"
                    return false
                }
                if redirects > 5 { failure = "more than 5 redirects"; return false }
                return true
            }
            if allowed { completionHandler(request) } else { completionHandler(nil); task.cancel() }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
            lock.withLock {
                guard let error, failure == nil else { return }
                if (error as? URLError)?.code == .timedOut {
                    failure = "no whole answer within the time left (--max-seconds changes the bound)"
                } else {
                    failure = "cannot fetch it: \(Sanitize.oneLine(error.localizedDescription))"
                }
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
            read.problems.append(Problem(file: Sanitize.oneLine(failure.url), path: "", severity: .error, message: failure.message + "; nothing imported"))
        }
        if read.failed { return (read, []) }
        return run(records: all, readReport: read, into: contentDir, options: options)
    }
}
