import Foundation
import Testing

/// `export --oruk` and `import --oruk` as a council's web team would run them: exit codes, stderr lines.
@Suite struct InteropCommandTests {
    static let shared = Tmux.packageRoot.appendingPathComponent("Tests/ORUKFixtures/examples")

    static func run(_ args: [String]) -> (status: Int32, out: String, err: String) {
        guard let bin = Tmux.binary else { return (-1, "", "no binary") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        do { try p.run() } catch { return (-1, "", "\(error)") }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func contentCopy() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lo-e2e-oruk-\(UUID().uuidString.prefix(8))/content")
        try FileManager.default.createDirectory(at: dir.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Tmux.packageRoot.appendingPathComponent("content"), to: dir)
        return dir
    }

    @Test func invalidFeedExitsOneWithPathsAndCheckStillPasses() throws {
        try #require(Tmux.binary != nil, "run swift build first: the end-to-end tests drive .build/debug/localoffer")
        let dir = try Self.contentCopy()
        let feed = Self.shared.appendingPathComponent("invalid-service-list.json").path
        let r = Self.run(["import", "--oruk", feed, "--into", dir.path])
        #expect(r.status == 1)
        let lines = r.err.split(separator: "\n").map(String.init)
        #expect(lines.contains("\(feed): contents[3].email: error: not an email address (a number)"), "\(r.err)")
        #expect(lines.allSatisfy { $0.hasPrefix(feed + ": contents[") })
        #expect(Self.run(["check", "--content", dir.path]).status == 0)
    }

    @Test func validFeedImportsAndIsFoundBySearch() throws {
        try #require(Tmux.binary != nil, "run swift build first: the end-to-end tests drive .build/debug/localoffer")
        let dir = try Self.contentCopy()
        let r = Self.run(["import", "--oruk", Self.shared.appendingPathComponent("valid-service-list-128.json").path,
                          "--into", dir.path, "--feed-url", "https://directory.example.org/services"])
        #expect(r.status == 0, "\(r.err)")
        #expect(Self.run(["check", "--content", dir.path]).status == 0)
        // An import is a draft: no family sees it until an editor reviews it.
        let before = Self.run(["search", "Community Counselling", "--content", dir.path, "--limit", "3", "--json"])
        #expect(before.status == 0)
        #expect(!before.out.contains("\"title\" : \"Community Counselling\""), "\(before.out)")
        let drafts = Self.run(["search", "Community Counselling", "--content", dir.path, "--limit", "3", "--json", "--drafts"])
        let ids = (try? JSONSerialization.jsonObject(with: Data(drafts.out.utf8)) as? [String: Any])?["results"]
            .flatMap { $0 as? [[String: Any]] }?.filter { ($0["title"] as? String) == "Community Counselling" }
            .compactMap { $0["id"] as? String } ?? []
        try #require(!ids.isEmpty, "an editor sees the draft with --drafts: \(drafts.out)")
        #expect(Self.run(["review"] + ids + ["--content", dir.path]).status == 0)
        let s = Self.run(["search", "Community Counselling", "--content", dir.path, "--limit", "3", "--json"])
        #expect(s.status == 0)
        #expect(s.out.contains("\"title\" : \"Community Counselling\""), "\(s.out)")
    }

    @Test
    func exportWritesTheFeedAndIsRepeatable() throws {
        try #require(Tmux.binary != nil, "run swift build first: the end-to-end tests drive .build/debug/localoffer")
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("lo-e2e-feed-\(UUID().uuidString.prefix(8))")
        let content = Tmux.packageRoot.appendingPathComponent("content").path
        #expect(Self.run(["export", "--oruk", base.appendingPathComponent("a").path, "--content", content]).status == 0)
        #expect(Self.run(["export", "--oruk", base.appendingPathComponent("b").path, "--content", content]).status == 0)
        for f in ["index.json", "services.json", "taxonomies.json", "taxonomy_terms.json"] {
            let a = try Data(contentsOf: base.appendingPathComponent("a/\(f)"))
            let b = try Data(contentsOf: base.appendingPathComponent("b/\(f)"))
            #expect(a == b, "\(f) differs")
        }
        let index = try String(contentsOf: base.appendingPathComponent("a/index.json"), encoding: .utf8)
        #expect(index.contains("\"version\" : \"HSDS-UK-3.0\""))
    }

    /// The live /services API of Tests/ORUKFixtures/fetch/pages_server.py on 127.0.0.1, for one test.
    /// It cannot start (no python3, no port): the test fails, it does not skip.
    final class LiveFeed {
        let base: String
        let log: URL
        private let pidFile: URL

        init() throws {
            let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
            let py = try #require(python, "a python3 serves the test's live feed")
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("lo-e2e-fetch-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            let portFile = work.appendingPathComponent("port")
            log = URL(fileURLWithPath: portFile.path + ".log")
            pidFile = URL(fileURLWithPath: portFile.path + ".pid")
            // Through a shell that puts the server in the background and exits: a child of the test
            // process that outlives the commands it runs kept them from being reaped (the suite hung).
            let server = Process()
            server.executableURL = URL(fileURLWithPath: "/bin/sh")
            let script = Tmux.packageRoot.appendingPathComponent("Tests/ORUKFixtures/fetch/pages_server.py").path
            server.arguments = ["-c", "exec 0</dev/null 1>/dev/null 2>&1; \"$0\" \"$1\" \"$2\" &", py, script, portFile.path]
            server.standardInput = FileHandle.nullDevice
            server.standardOutput = FileHandle.nullDevice
            server.standardError = FileHandle.nullDevice
            try server.run()
            server.waitUntilExit()
            var port: String?
            for _ in 0..<150 where port == nil {
                port = try? String(contentsOf: portFile, encoding: .utf8)
                if port == nil { Thread.sleep(forTimeInterval: 0.1) }
            }
            base = "http://127.0.0.1:\(try #require(port, "the local server did not start in 15 s"))"
        }

        var requests: [String] { ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init) }

        deinit {
            if let pid = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap({ Int32($0) }), pid > 1 { kill(pid, SIGTERM) }
        }
    }

    static func services(_ dir: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("services").path)) ?? []).sorted()
    }

    /// `import --oruk URL` follows every page of a live API (by page=, by its own next links, through
    /// a redirect on the same host) into the same import as a file: drafts, place rules, repairs
    /// naming their page, a re-import keeping an editor's change.
    @Test func importFromAnAddressFollowsEveryPage() throws {
        try #require(Tmux.binary != nil, "run swift build first: the end-to-end tests drive .build/debug/localoffer")
        let feed = try LiveFeed()
        let base = feed.base

        let dir = try Self.contentCopy()
        let before = Self.services(dir)
        let r = Self.run(["import", "--oruk", base + "/services", "--into", dir.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Imported 6 records") && r.out.contains("out of area 1"), "\(r.out)")
        #expect(feed.requests == ["/services?page=1&per_page=500", "/services?page=2&per_page=500", "/services?page=3&per_page=500"], "\(feed.requests)")
        // The repair names the page its record came from, and the address (the label of every line).
        #expect(r.err.split(separator: "\n").contains { $0.hasPrefix(base + "/services: pages[2].contents[0].email: warning: repaired") }, "\(r.err)")
        #expect(Set(Self.services(dir)).subtracting(before).count == 6, "\(Self.services(dir))")
        // Drafts: families do not see them, an editor does; check passes.
        #expect(!Self.run(["search", "Live Service", "--content", dir.path, "--json"]).out.contains("Live Service 5"))
        #expect(Self.run(["search", "Live Service", "--content", dir.path, "--drafts", "--json"]).out.contains("Live Service 5"))
        #expect(!Self.run(["search", "Live Bristol", "--content", dir.path, "--drafts", "--json"]).out.contains("Live Bristol Service"))
        #expect(Self.run(["check", "--content", dir.path]).status == 0)

        // A re-import from the address keeps an editor's change.
        let added = Set(Self.services(dir)).subtracting(before)
        let edited = try #require(added.sorted().first { $0.hasPrefix("live-service-1") } ?? added.sorted().first)
        let file = dir.appendingPathComponent("services/\(edited)")
        let text = try String(contentsOf: file, encoding: .utf8)
        let summaryLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("summary:") }, "\(text)")
        try text.replacingOccurrences(of: String(summaryLine), with: "summary: Checked by phone with the provider.").write(to: file, atomically: true, encoding: .utf8)
        let again = Self.run(["import", "--oruk", base + "/services", "--into", dir.path])
        #expect(again.status == 0, "\(again.err)")
        #expect(try String(contentsOf: file, encoding: .utf8).contains("summary: Checked by phone with the provider."))
        #expect(Self.services(dir).count == Self.services(try Self.contentCopy()).count + 6)

        // ORUK 1.0 pages; pages joined by their own next links; a same-host redirect first.
        for path in ["/v1/services", "/next/services", "/moved/services"] {
            let d = try Self.contentCopy()
            let x = Self.run(["import", "--oruk", base + path, "--into", d.path])
            #expect(x.status == 0 && x.out.contains("Imported 6 records"), "\(path): \(x.out) \(x.err)")
        }
        #expect(feed.requests.contains("/next/services?cursor=3") && !feed.requests.contains("/next/services?cursor=4"), "\(feed.requests)")
    }

    /// Each bound, and each way a server can go wrong, stops the fetch: exit 1, one line naming the
    /// address and the bound (with its flag), nothing imported, within the time bound.
    @Test func importFromAnAddressStopsAtEachBound() throws {
        try #require(Tmux.binary != nil, "run swift build first: the end-to-end tests drive .build/debug/localoffer")
        let feed = try LiveFeed()
        let base = feed.base
        let cases: [(path: String, extra: [String], says: String)] = [
            ("/slow/services", ["--max-seconds", "3"], "of the whole fetch (--max-seconds changes the bound)"),
            ("/slow/services", ["--max-request-seconds", "2"], "the most for one page (--max-request-seconds changes the bound)"),
            ("/drip/services", ["--max-seconds", "4"], "(--max-seconds changes the bound)"),
            ("/huge/services", ["--max-page-mb", "1"], "the most read of one page is 1 MB (--max-page-mb changes the bound)"),
            ("/unsized/services", ["--max-page-mb", "1"], "the most read of one page is 1 MB (--max-page-mb changes the bound)"),
            ("/services", ["--max-pages", "2"], "stopped after 2 pages (--max-pages changes the bound)"),
            ("/loop/services", [], "a loop of next links"),
            ("/same/services", [], "the same as the page before it"),
            ("/elsewhere/services", [], "points to another host"),
            ("/garbage/services", [], "not valid JSON"),
            ("/redirect/services", [], "only http:// and https:// are followed"),
            ("/tofile/services", [], "only http:// and https:// are followed"),
            ("/toself/services", [], "more than 5 redirects"),
            ("/missing/services", [], "HTTP 404"),
            ("/broken/services", [], "HTTP 500"),
        ]
        for c in cases {
            let empty = try Self.contentCopy()
            let before = Self.services(empty)
            let lastBefore = FileManager.default.fileExists(atPath: empty.appendingPathComponent(".oruk-import").path)
            let t0 = Date()
            let b = Self.run(["import", "--oruk", base + c.path, "--into", empty.path] + c.extra)
            let seconds = Date().timeIntervalSince(t0)
            #expect(b.status == 1, "\(c.path): \(b.out) \(b.err)")
            let lines = b.err.split(separator: "\n")
            // One line for the stop, naming an address of this feed and the bound, and nothing imported.
            let stop = lines.filter { $0.contains(": error: ") }
            #expect(stop.count == 1 && stop.first.map { $0.hasPrefix(base + "/") && $0.contains(c.says) && $0.hasSuffix("; nothing imported") } == true, "\(c.path): \(b.err)")
            // Generous: the bound is seconds, the binary a debug build on a loaded machine.
            #expect(seconds < 25, "\(c.path): took \(seconds) s")
            #expect(Self.services(empty) == before, "\(c.path)")
            #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent(".oruk-import").path) == lastBefore, "\(c.path)")
        }
        // Only web addresses: another scheme is a usage error, never read as a file name.
        for address in ["ftp://127.0.0.1/services", "file:///etc/passwd"] {
            let x = Self.run(["import", "--oruk", address, "--into", try Self.contentCopy().path])
            #expect(x.status != 0 && x.status != 1 && x.err.contains("only http:// and https://"), "\(x.status) \(x.err)")
        }
        // An address is data: a terminal escape in it never reaches the terminal raw.
        for address in [base + "/missing/services?q=%0A%1B%5B2J", base + "/missing/services?q=\u{1B}[2J\n"] {
            let odd = Self.run(["import", "--oruk", address, "--into", try Self.contentCopy().path])
            #expect(odd.status != 0 && !odd.err.contains("\u{1B}") && !odd.out.contains("\u{1B}"), "\(odd.status) \(odd.err)")
        }
    }
}
