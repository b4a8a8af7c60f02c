import Foundation
import Testing
@testable import LocalOfferCore

@Suite struct ValidationTests {
    @Test func goodFixtureIsClean() {
        let r = Fixtures.load(Fixtures.good)
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
        #expect(r.content.entries.count == 4)
    }

    struct Expectation: CustomStringConvertible {
        var file: String
        var line: Int
        var severity: String
        var message: String
        var description: String { "\(file):\(line) \(severity) \(message)" }
    }

    static let expectations: [Expectation] = {
        let text = (try? String(contentsOf: Fixtures.broken.appendingPathComponent("expected.tsv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.compactMap { row in
            let f = row.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 4, let line = Int(f[1]) else { return nil }
            return Expectation(file: f[0], line: line, severity: f[2], message: f[3])
        }
    }()

    static let broken = Fixtures.load(Fixtures.broken)

    @Test func everyKindOfProblemIsCovered() {
        #expect(Self.expectations.count >= 29)
    }

    /// Each broken file names the exact line of its problem, in FILE:LINE:COL form.
    @Test(arguments: expectations)
    func brokenFixtureNamesTheLine(_ x: Expectation) {
        let found = Self.broken.diagnostics.filter {
            $0.location.file == x.file && $0.location.line == x.line && $0.severity.rawValue == x.severity
                && $0.message.contains(x.message)
        }
        #expect(!found.isEmpty, "expected \(x); got \(Self.broken.diagnostics.filter { $0.location.file == x.file })")
        for d in found {
            #expect(d.description.hasPrefix("\(x.file):\(x.line):"))
            #expect(!d.description.contains("\n"), "one line per problem")
        }
    }

    @Test func brokenContentIsInvalidButStillLoadsTheRest() {
        #expect(!Self.broken.isValid)
        #expect(Self.broken.content.entry("advice-line") != nil)
    }

    @Test func missingFolderIsAnErrorNotACrash() {
        let r = Fixtures.load(URL(fileURLWithPath: "/nonexistent/content"))
        #expect(!r.isValid)
    }

    @Test func shippedContentIsClean() {
        let r = Fixtures.shippedResult
        #expect(r.errors.isEmpty, "\(r.errors.prefix(10))")
    }

    /// Every summary a parent reads: no abbreviation left unexplained.
    @Test func noUnexplainedAbbreviationInSummaries() {
        let c = Fixtures.shippedResult.content
        let known = Set(c.glossary.flatMap { [$0.term] + $0.aliases }.map { $0.lowercased() })
        for e in c.entries {
            let left = Abbreviations.unexplained(in: e, glossary: known)
            #expect(left.isEmpty, "\(e.id): \(left) in \"\(e.summary)\"")
        }
    }

    @Test func abbreviationsAreFound() {
        #expect(Abbreviations.find(in: "Ask the SENCO about SaLT and an EHC plan, not Kingston.") == ["SENCO", "SaLT", "EHC"])
        let e = Entry(id: "x", title: "X", summary: "Help from the XYZQ team.", description: "")
        #expect(Abbreviations.unexplained(in: e, glossary: []) == ["XYZQ"])
        let spelled = Entry(id: "x", title: "X", summary: "Help from the XYZQ team.", description: "The Xylophone Zone Quartet (XYZQ).")
        #expect(Abbreviations.unexplained(in: spelled, glossary: []).isEmpty)
        #expect(Abbreviations.unexplained(in: e, glossary: ["xyzq"]).isEmpty)
    }

    @Test func requiredEntriesAndCoverage() {
        let c = Fixtures.shippedResult.content
        let coverage = (try? String(contentsOf: Fixtures.shipped.deletingLastPathComponent()
            .appendingPathComponent("Tests/Fixtures/shared/content-coverage.md"), encoding: .utf8)) ?? ""
        var required: [String] = []
        for line in coverage.split(separator: "\n") where line.hasPrefix("| `") {
            let id = line.dropFirst(3).prefix { $0 != "`" }
            required.append(String(id))
        }
        #expect(required.count >= 40, "the coverage list in Tests/Fixtures/shared was not read")
        required += ["sendiass", "speech-and-language-therapy", "guide-sen-support", "guide-disagreements"]
        for id in Set(required) {
            guard let e = c.entry(id) else { Issue.record("missing required entry \(id)"); continue }
            #expect(!e.summary.isEmpty && !e.sources.isEmpty && !e.lastReviewed.isEmpty, "\(id)")
            #expect(e.boroughs.count == 2, "\(id) must say something for both boroughs")
        }
        #expect(c.entries.count >= 120)
        #expect(c.glossary.count >= 80)
        #expect(c.coverage.count >= 14)
        #expect(c.coverage.allSatisfy { !$0.entries.isEmpty })
    }

    @Test func identifiers() {
        #expect(Identifier.isValid("speech-and-language-therapy"))
        #expect(!Identifier.isValid("Speech"))
        #expect(!Identifier.isValid("a--b"))
        #expect(!Identifier.isValid("-a"))
        #expect(!Identifier.isValid("a_b"))
    }
}

@Suite struct ContentWatcherTests {
    /// A kiosk takes new content at an idle reset only if it checks; broken files leave it as it was.
    @Test func takesGoodContentAndRefusesBroken() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lo-watch-\(UUID().uuidString.prefix(8))")
        try FileManager.default.copyItem(at: Fixtures.good, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        var watcher = ContentWatcher(root: dir)
        guard case .unchanged = watcher.check() else { Issue.record("nothing changed yet"); return }

        let file = dir.appendingPathComponent("services/advice-line.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Advice line", with: "title: Advice line (new)").write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: file.path)
        guard case .reloaded(let content) = watcher.check() else { Issue.record("a good change is taken"); return }
        #expect(content.entry("advice-line")?.title == "Advice line (new)")

        try "id: advice-line\ntitle: [unclosed\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(10)], ofItemAtPath: file.path)
        guard case .refused(let errors) = watcher.check() else { Issue.record("a broken change is refused"); return }
        #expect(errors.contains { $0.location.file == "services/advice-line.yaml" })
    }
}
