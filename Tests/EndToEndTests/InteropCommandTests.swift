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

    /// `import --oruk URL` against a live /services API on 127.0.0.1 (Tests/ORUKFixtures/fetch/pages_server.py):
    /// every page followed, and each bound (time, bytes, pages, scheme) stops it with exit 1, the bound
    /// named, and nothing imported.
    @Test func importFromAnAddressFollowsPagesWithinItsBounds() throws {
        try #require(Tmux.binary != nil, "run swift build first: the end-to-end tests drive .build/debug/localoffer")
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let py = try #require(python, "a python3 serves the test's live feed")
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("lo-e2e-fetch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let portFile = work.appendingPathComponent("port")
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
        defer {
            if let pid = (try? String(contentsOf: URL(fileURLWithPath: portFile.path + ".pid"), encoding: .utf8)).flatMap({ Int32($0) }), pid > 1 {
                kill(pid, SIGTERM)
            }
        }
        var port: String?
        for _ in 0..<100 where port == nil {
            port = try? String(contentsOf: portFile, encoding: .utf8)
            if port == nil { Thread.sleep(forTimeInterval: 0.1) }
        }
        let p = try #require(port, "the local server did not start")
        let base = "http://127.0.0.1:\(p)"

        // Every page of a 3.0 API, then of a 1.0 one: six services each, the pages asked for in turn.
        let dir = try Self.contentCopy()
        let r = Self.run(["import", "--oruk", base + "/services", "--into", dir.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("Imported 6 records"), "\(r.out)")
        let log = (try? String(contentsOf: URL(fileURLWithPath: portFile.path + ".log"), encoding: .utf8)) ?? ""
        #expect(log.contains("/services?page=1&per_page=500") && log.contains("/services?page=3&per_page=500") && !log.contains("page=4"), "\(log)")
        let v1 = Self.run(["import", "--oruk", base + "/v1/services", "--into", try Self.contentCopy().path])
        #expect(v1.status == 0 && v1.out.contains("Imported 6 records"), "\(v1.out) \(v1.err)")
        let drafts = Self.run(["search", "Live Service", "--content", dir.path, "--drafts", "--json"])
        #expect(drafts.out.contains("Live Service 5"), "\(drafts.out)")
        #expect(Self.run(["check", "--content", dir.path]).status == 0)

        // Each bound: exit 1, the bound and its flag named, nothing imported.
        let cases: [(path: String, extra: [String], says: String)] = [
            ("/slow/services", ["--max-seconds", "3"], "--max-seconds"),
            ("/huge/services", ["--max-page-mb", "1"], "--max-page-mb"),
            ("/garbage/services", [], "not valid JSON"),
            ("/redirect/services", [], "only http:// and https://"),
            ("/toself/services", [], "redirects"),
            ("/missing/services", [], "HTTP 404"),
            ("/services", ["--max-pages", "2"], "--max-pages"),
        ]
        for c in cases {
            let empty = try Self.contentCopy()
            let before = try FileManager.default.contentsOfDirectory(atPath: empty.appendingPathComponent("services").path).sorted()
            let t0 = Date()
            let b = Self.run(["import", "--oruk", base + c.path, "--into", empty.path] + c.extra)
            #expect(b.status == 1, "\(c.path): \(b.out) \(b.err)")
            #expect(b.err.contains(c.says), "\(c.path): \(b.err)")
            #expect(Date().timeIntervalSince(t0) < 25, "\(c.path): the time bound holds")
            #expect(try FileManager.default.contentsOfDirectory(atPath: empty.appendingPathComponent("services").path).sorted() == before, "\(c.path)")
        }
        // Only web addresses: another scheme is a usage error, never read as a file name.
        let ftp = Self.run(["import", "--oruk", "ftp://127.0.0.1/services", "--into", dir.path])
        #expect(ftp.status != 0 && ftp.status != 1 && ftp.err.contains("only http:// and https://"), "\(ftp.status) \(ftp.err)")
    }
}
