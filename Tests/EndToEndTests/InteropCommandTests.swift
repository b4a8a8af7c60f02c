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
}
