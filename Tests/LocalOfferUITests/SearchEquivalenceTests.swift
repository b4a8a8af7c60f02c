import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// The keystroke's fast path must answer exactly what the search answered before it was made fast:
/// the same hits in the same order, the same total, the same hidden count, suggestions, corrections,
/// concepts and eligibility of every hit shown. The answers were recorded from the search as it was
/// (commit 1bfa0f2) into `__Snapshots__/search-equivalence.tsv`, for every query of the evaluation
/// set (Tests/Evaluation/*.tsv) and of the public sample, and for every prefix of the queries the
/// frame benchmark types; each without a profile, with its own filters, with the benchmark's
/// profile (Kingston, 4, SEN support) and (every other query) with a need filter too; on the shipped
/// content and on 2,000 synthetic services.
///
/// `SEARCH_GOLDEN_RECORD=1 swift test --filter SearchEquivalence` writes the file anew: only after a
/// change meant to change results (a ranking change), never to make a speed change pass.
@Suite(.serialized) struct SearchEquivalenceTests {
    static let golden = UIFixtures.testsDir.appendingPathComponent("__Snapshots__/search-equivalence.tsv")
    static let repo = UIFixtures.testsDir.deletingLastPathComponent().deletingLastPathComponent()
    static let shipped: Content = ContentLoader.load(from: repo.appendingPathComponent("content")).content

    struct Case {
        var query: String
        var profile: Profile
        var need: NeedArea?
        var variant: String
    }

    /// The query column (and filters) of every line of one of the query files.
    static func queries(_ url: URL, queryColumn: Int) throws -> [(String, [String])] {
        let text = try String(contentsOf: url, encoding: .utf8)
        var out: [(String, [String])] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count > queryColumn + 1 else { continue }
            let filters = cols.count > queryColumn + 2 ? cols[queryColumn + 2].split(separator: " ").map(String.init) : []
            out.append((cols[queryColumn], filters))
        }
        return out
    }

    static func cases() throws -> [Case] {
        var rows: [(String, [String])] = []
        let evaluation = repo.appendingPathComponent("Tests/Evaluation")
        for name in ["eval-queries.tsv", "family-queries.tsv", "heldout-queries.tsv"] {
            rows += try queries(evaluation.appendingPathComponent(name), queryColumn: 1)
        }
        rows += try queries(repo.appendingPathComponent("Tests/Fixtures/shared/queries-sample.tsv"), queryColumn: 0)
        // As typed, letter by letter: the prefixes are what every frame of the results screen searches.
        for q in ["speech therapy", "schoool transprot", "respite for my son", "ehcp annual review", "autism assesment"] {
            for n in 1...q.count { rows.append((String(q.prefix(n)), [])) }
        }
        let bench = Profile(borough: .kingston, age: 4, status: .senSupport)
        var out: [Case] = []
        for (row, (query, filters)) in rows.enumerated() {
            var own = Profile()
            var need: NeedArea?
            var k = 0
            while k + 1 < filters.count {
                switch filters[k] {
                case "--borough": own.borough = Borough(rawValue: filters[k + 1])
                case "--age": own.age = Int(filters[k + 1])
                case "--status": own.status = Status(rawValue: filters[k + 1])
                case "--need": need = NeedArea(rawValue: filters[k + 1])
                default: break
                }
                k += 2
            }
            out.append(Case(query: query, profile: Profile(), need: nil, variant: "none"))
            if !filters.isEmpty { out.append(Case(query: query, profile: own, need: need, variant: "own")) }
            out.append(Case(query: query, profile: bench, need: need, variant: "bench"))
            // A need filter hides matches and says how many: every other query, with the profile.
            if row % 2 == 0 { out.append(Case(query: query, profile: bench, need: .socialEmotionalMentalHealth, variant: "need")) }
        }
        return out
    }

    /// FNV-1a: the same on every run (Swift's `hashValue` is seeded per process).
    static func digest(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return String(h, radix: 16)
    }

    /// One answer as a line: what is compared, with the first five hits spelled out so a difference reads.
    static func line(_ label: String, _ c: Case, _ r: SearchEngine.Response) -> String {
        let ids = r.hits.map(\.entry.id)
        let eligibility = r.hits.map { h in h.eligibility.map { "\($0.verdict)|\($0.reason)|\($0.instead)|\($0.openVia ?? "")" } ?? "-" }
        let rest = [r.unknownWords.joined(separator: ","), r.suggestions.joined(separator: ","),
                    r.corrections.map { "\($0.from)>\($0.to)" }.joined(separator: ","), r.concepts.joined(separator: ","),
                    r.intent ?? "", r.ageHint.map(String.init) ?? "", r.hiddenReason ?? ""].joined(separator: ";")
        let scores = r.hits.map { String(format: "%.6g", $0.score) }.joined(separator: ",")
        let query = c.query.replacingOccurrences(of: "\t", with: " ")
        return [label, c.variant, query, "\(r.total)", "\(r.hidden)", ids.prefix(5).joined(separator: ","),
                digest(ids.joined(separator: ",")), digest(eligibility.joined(separator: "\n")), digest(rest),
                digest(scores)].joined(separator: "\t")
    }

    static func answers() throws -> [String] {
        let contents: [(String, Content)] = [("shipped", shipped),
                                             ("synthetic2000", Benchmark.syntheticContent(from: shipped, count: 2_000))]
        let all = try cases()
        var out: [String] = []
        for (label, content) in contents {
            let engine = SearchEngine(content: content)
            for c in all {
                out.append(line(label, c, engine.search(c.query, profile: c.profile, need: c.need, limit: AppState.resultsShown)))
            }
        }
        return out
    }

    @Test func fastPathAnswersAsTheSearchDidBefore() throws {
        #expect(Self.shipped.entries.count > 100, "the shipped content did not load")
        let now = try Self.answers()
        if ProcessInfo.processInfo.environment["SEARCH_GOLDEN_RECORD"] == "1" {
            try (now.joined(separator: "\n") + "\n").write(to: SearchEquivalenceTests.golden, atomically: true, encoding: .utf8)
            return
        }
        let text = try String(contentsOf: SearchEquivalenceTests.golden, encoding: .utf8)
        let before = text.split(separator: "\n").map(String.init)
        #expect(before.count == now.count, "the recorded answers are for another set of queries")
        var differences = 0
        for (a, b) in zip(before, now) where a != b {
            differences += 1
            if differences <= 10 { Issue.record("search answers differently:\nwas \(a)\nnow \(b)") }
        }
        #expect(differences == 0, "\(differences) of \(now.count) answers differ")
    }

    /// The top page is the head of the whole ranking: a partial top-k returns what a full sort would.
    @Test func topPageIsTheHeadOfTheWholeRanking() throws {
        let content = Benchmark.syntheticContent(from: Self.shipped, count: 2_000)
        let engine = SearchEngine(content: content)
        let bench = Profile(borough: .kingston, age: 4, status: .senSupport)
        for c in try SearchEquivalenceTests.cases().prefix(60) {
            for p in [Profile(), bench] {
                let page = engine.search(c.query, profile: p, need: c.need, limit: AppState.resultsShown)
                let whole = engine.search(c.query, profile: p, need: c.need)
                #expect(page.total == whole.total, "\(c.query)")
                #expect(page.hits.map(\.doc) == whole.hits.prefix(AppState.resultsShown).map(\.doc), "\(c.query)")
            }
        }
    }

    /// A keystroke reuses the engine's buffers: the same query asked again, after others, answers the same.
    @Test func reusedBuffersLeaveNothingBehind() {
        let engine = SearchEngine(content: Benchmark.syntheticContent(from: Self.shipped, count: 2_000))
        let bench = Profile(borough: .kingston, age: 4, status: .senSupport)
        let first = engine.search("speech therapy", profile: bench, limit: 50)
        for q in ["s", "sp", "respite for my son", "schoool transprot", "ehcp", "zzzz", "speech therapy"] {
            _ = engine.search(q, profile: bench, need: .communicationInteraction, limit: 50)
            _ = engine.search(q, limit: 50)
        }
        let again = engine.search("speech therapy", profile: bench, limit: 50)
        #expect(first.total == again.total)
        #expect(first.hits.map(\.doc) == again.hits.map(\.doc))
        #expect(first.hits.map(\.score) == again.hits.map(\.score))
    }
}
