import Foundation
import Testing
@testable import LocalOfferCore

/// What the CLI prints, from the built binary: the contract's JSON decoded and compared field by
/// field with the content, and text that fits the real width without cutting an id or a word.
/// Needs `swift build` first: without the binary (or tmux, for the real-terminal test) these
/// fail, they do not skip.
@Suite(.serialized) struct CLIOutputTests {
    static let shipped = ContentLoader.load(from: Tmux.packageRoot.appendingPathComponent("content")).content

    static func run(_ args: [String], env: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        let bin = try #require(Tmux.binary, "build localoffer first (swift build)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: bin)
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return try d.decode(T.self, from: Data(text.utf8))
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    // MARK: JSON

    @Test func searchJSONHasTheContractKeysAndRanksByTheEngine() throws {
        let r = try Self.run(["search", "speech", "therapy", "--borough", "kingston", "--age", "4", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let raw = try Self.object(r.out)
        #expect(raw["query"] as? String == "speech therapy")
        let results = try #require(raw["results"] as? [[String: Any]])
        for row in results {
            for key in ["id", "title", "kind", "score", "summary", "boroughs", "eligibility"] { #expect(row[key] != nil, "search result lacks \(key)") }
        }
        let got = try Self.decode(JSONShape.Search.self, r.out)
        let engine = SearchEngine(content: Self.shipped)
        let want = engine.search("speech therapy", profile: Profile(borough: .kingston, age: 4))
        #expect(got.total == want.total)
        #expect(got.results.map(\.id) == want.hits.map(\.entry.id))
        for (g, h) in zip(got.results, want.hits) {
            #expect(g.title == h.entry.title)
            #expect(g.kind == h.entry.kind.rawValue)
            #expect(g.boroughs == h.entry.servedIn.map(\.rawValue))
            #expect(abs(g.score - h.score) < 0.001)
            let e = try #require(h.eligibility)
            #expect(g.eligibility?.verdict == e.verdict.rawValue)
            #expect(g.eligibility?.reason == e.reason)
            #expect(["eligible", "not-eligible", "check"].contains(g.eligibility?.verdict ?? ""))
        }
    }

    /// A broad query at a terminal shows the first 20 and says how many more; JSON and --limit are whole.
    @Test func textSearchStopsAtTwentyAndSaysHowManyMore() throws {
        let all = try Self.decode(JSONShape.Search.self, try Self.run(["search", "support", "--json"]).out)
        #expect(all.total > 20 && all.results.count == all.total)
        let text = try Self.run(["search", "support"]).out
        let numbered = lines(text).filter { $0.range(of: #"^[0-9]+\. "#, options: .regularExpression) != nil }
        #expect(numbered.count == 20)
        #expect(text.contains("\(all.total - 20) more: use --limit"))
        let more = try Self.run(["search", "support", "--limit", "\(all.total)"]).out
        #expect(lines(more).filter { $0.range(of: #"^[0-9]+\. "#, options: .regularExpression) != nil }.count == all.total)
        #expect(!more.contains("more: use --limit"))
    }

    @Test func showJSONIsTheEntryFieldByField() throws {
        for id in ["dysart-school", "sendiass", "speech-and-language-therapy", "guide-sen-support"] {
            let r = try Self.run(["show", id, "--borough", "richmond", "--age", "7", "--status", "ehcp", "--json"])
            #expect(r.status == 0, "\(r.err)")
            let raw = try Self.object(r.out)
            for key in ["id", "title", "summary", "need_areas", "ages", "boroughs", "eligibility", "last_reviewed", "sources"] {
                #expect(raw[key] != nil, "\(id): show lacks \(key)")
            }
            let got = try Self.decode(JSONShape.Show.self, r.out)
            let entry = try #require(Self.shipped.entry(id))
            #expect(got.id == entry.id)
            #expect(got.title == entry.title)
            #expect(got.summary == entry.summary)
            #expect(got.needAreas == entry.needAreas.map(\.rawValue))
            #expect(got.ages == JSONShape.AgesJSON(from: entry.ages.lowerBound, to: entry.ages.upperBound))
            #expect(got.lastReviewed == entry.lastReviewed)
            #expect(got.sources == entry.sources)
            let e = Self.shipped.eligibility(of: entry, borough: .richmond, age: 7, status: .ehcp)
            #expect(got.eligibility == JSONShape.EligibilityJSON(e))
            for b in Borough.allCases {
                let part = got.boroughs[b]
                let served = entry.servedIn.contains(b)
                #expect((part != nil) == served, "\(id) in \(b)")
                #expect(part?.howToGet == (entry.boroughs[b]?.offered == true ? entry.boroughs[b]?.howToGet : part.map { _ in entry.boroughs[b]?.reason ?? "" }))
            }
            // The answer for this family, in its order.
            let roles = try #require(got.answer).sections.map(\.role)
            #expect(Array(roles.prefix(3)) == ["verdict", "how_to_get", "reach"], "\(id): \(roles)")
        }
        // Dysart for a Richmond family with a plan: "check", with the way in.
        let dysart = try Self.decode(JSONShape.Show.self, try Self.run(["show", "dysart-school", "--borough", "richmond", "--status", "ehcp", "--json"]).out)
        #expect(dysart.eligibility.verdict == "check")
        #expect(dysart.eligibility.openVia == "ehc-plan")
        #expect(dysart.boroughs.richmond?.openVia == "ehc-plan")
    }

    @Test func listGlossaryAndFlowJSON() throws {
        let list = try Self.decode(JSONShape.List.self, try Self.run(["list", "--json"]).out)
        #expect(list.total == Self.shipped.entries.count)
        #expect(list.results.map(\.id) == Self.shipped.entriesByTitle.map(\.id))

        let g = try Self.decode(JSONShape.Glossary.self, try Self.run(["glossary", "ehc plan", "--json"]).out)
        #expect(g.terms.map(\.term) == Self.shipped.glossaryLookup("ehc plan").map(\.term))
        #expect(!g.terms.isEmpty)

        let start = try Self.run(["flow", "which-borough", "--json"])
        let raw = try Self.object(start.out)
        #expect(raw["outcome"] is NSNull, "outcome is null, not missing")
        #expect(raw["complete"] as? Bool == false)
        let q = try Self.decode(JSONShape.Flow.self, start.out)
        #expect(q.question?.id == "postcode")

        let done = try Self.run(["flow", "which-borough", "--answer", "postcode=tw9 1", "--json"])
        let rawDone = try Self.object(done.out)
        #expect(rawDone["question"] is NSNull, "question is null, not missing")
        let f = try Self.decode(JSONShape.Flow.self, done.out)
        #expect(f.complete)
        #expect(f.profile.borough == "richmond")
        #expect(f.outcome?.services == f.outcome?.entries.map(\.id))

        let kt3 = try Self.decode(JSONShape.Flow.self, try Self.run(["flow", "which-borough", "--answer", "postcode=kt3 4", "--json"]).out)
        #expect(kt3.question?.id == "council-tax")
        #expect(kt3.question?.options.map(\.value).contains("kingston") == true)
        let kt3done = try Self.decode(JSONShape.Flow.self, try Self.run(["flow", "which-borough", "--answer", "postcode=kt3 4",
                                                                          "--answer", "council-tax=kingston", "--json"]).out)
        #expect(kt3done.profile.borough == "kingston")
        #expect(try Self.run(["flow", "which-borough", "--answer", "postcode=KT٣ 4PP"]).status == 1)
    }

    // MARK: Text

    func lines(_ text: String) -> [String] { text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Every line fits, except a word that is itself wider (kept whole, on its own line).
    func expectFits(_ text: String, width: Int, _ what: String) {
        for l in lines(text) where l.count > width {
            let words = l.split(separator: " ")
            #expect(words.count == 1 || l.hasPrefix(" ") && words.count == 1, "\(what): \(l.count) > \(width): \(l)")
        }
    }

    @Test(arguments: [40, 60, 80, 132])
    func searchNeverCutsAnIdAndFitsColumns(_ width: Int) throws {
        let r = try Self.run(["search", "speech", "and", "language", "therapy", "school", "--limit", "40"], env: ["COLUMNS": String(width)])
        #expect(r.status == 0)
        expectFits(r.out, width: width, "search at \(width)")
        let hits = SearchEngine(content: Self.shipped).search("speech and language therapy school", limit: 40).hits
        #expect(!hits.isEmpty)
        for h in hits { #expect(r.out.contains("[\(h.entry.id)]"), "[\(h.entry.id)] cut at \(width) columns") }
        #expect(!r.out.contains("…  ["), "no title cut before its id")
    }

    @Test func plainAndPipesKeepWebAddressesWhole() throws {
        let r = try Self.run(["show", "sendiass"], env: ["COLUMNS": "40"])
        let entry = try #require(Self.shipped.entry("sendiass"))
        let urls = entry.sources + [entry.contact?.website].compactMap { $0 }
        #expect(!urls.isEmpty)
        for u in urls { #expect(r.out.contains(u), "\(u) split across lines") }
        expectFits(r.out, width: 40, "show sendiass")
        // The plain line mode reached through a pipe.
        let plain = try Self.run(["--plain"], env: ["COLUMNS": "40"])
        #expect(plain.status == 0 || !plain.out.isEmpty)
    }

    @Test func showWithABoroughPutsThisFamilyFirst() throws {
        let r = try Self.run(["show", "speech-and-language-therapy", "--borough", "kingston", "--age", "4", "--status", "sen-support"],
                             env: ["COLUMNS": "80"])
        let text = r.out
        func at(_ s: String) -> String.Index? { text.range(of: s)?.lowerBound }
        let verdict = try #require(at("For your child (Kingston"))
        let how = try #require(at("How to get it in Kingston upon Thames"))
        let reach = try #require(at("How to reach them"))
        #expect(verdict < how && how < reach)
        if let other = at("In Richmond upon Thames") { #expect(reach < other) }
        // All three on the first 24 lines.
        let first = lines(text).prefix(24).joined(separator: "\n")
        #expect(first.contains("How to reach them"), "\(first)")
    }

    /// The real terminal's width (TIOCGWINSZ), not $COLUMNS and not 80.
    @Test func usesTheTerminalsRealWidth() throws {
        let tmux = try #require(Tmux.which("tmux"), "tmux is needed for this test")
        #expect(!tmux.isEmpty)
        _ = try #require(Tmux.binary, "build localoffer first")
        let t = Tmux()
        t.start(["search", "speech", "therapy", "--limit", "5", ";", "echo", "DONE"], width: 60, height: 60, env: ["COLUMNS": "120"])
        let s = t.waitFor("DONE")
        #expect(s.found, "\(s.screen)")
        let shown = s.screen.split(separator: "\n").map(String.init)
        #expect(shown.contains { $0.contains("[speech-and-language-therapy]") })
        // Wider than 60 would have wrapped in the pane: a line of the summary proves 60 was used,
        // not $COLUMNS=120 (lines would then run to the edge and fold).
        let summaryLines = shown.filter { $0.hasPrefix("   ") && !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(!summaryLines.isEmpty)
        #expect(summaryLines.allSatisfy { $0.count <= 60 })
        #expect(summaryLines.contains { $0.count > 40 }, "wrapped at the pane's 60, not narrower")
    }
}
