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

    @Test func identifiers() {
        #expect(Identifier.isValid("speech-and-language-therapy"))
        #expect(!Identifier.isValid("Speech"))
        #expect(!Identifier.isValid("a--b"))
        #expect(!Identifier.isValid("-a"))
        #expect(!Identifier.isValid("a_b"))
    }
}
