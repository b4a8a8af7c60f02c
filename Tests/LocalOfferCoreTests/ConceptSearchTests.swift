import Foundation
import Testing
@testable import LocalOfferCore

/// Issue 11's six problems, each with queries of our own (not the public sample, not the evaluation set).
@Suite struct ConceptSearchTests {
    static let engine = SearchEngine(content: Fixtures.shippedResult.content)

    func top(_ q: String, _ n: Int = 5, profile: Profile = Profile()) -> [String] {
        Self.engine.search(q, profile: profile, limit: n).hits.map(\.entry.id)
    }

    // 1. Everyday descriptions of needs and behaviour reach the right guides and services.
    @Test(arguments: [
        ("my little boy bites other kids at nursery", "guide-behaviour-that-challenges"),
        ("she screams and covers her ears when the hand dryer goes", "guide-sensory-processing"),
        ("he still wets the bed at nine", "eric-continence-helpline"),
        ("my daughter never sleeps through the night", "guide-sleep"),
        ("the other kids call him names every day", "guide-bullying"),
        ("she has stopped going to school because of anxiety", "guide-school-attendance-difficulties"),
        ("mixes up his b and d and hates reading", "guide-dyslexia-and-learning-difficulties"),
    ])
    func descriptionsFindTheHelp(_ q: String, _ expected: String) {
        #expect(top(q).contains(expected), "\(q) → \(top(q))")
    }

    // 2. A real word outside the content is never turned into another word.
    @Test func realWordsAreNotCorrected() {
        #expect(Self.engine.isWord("hitting"))
        #expect(Self.engine.isWord("bullied"))
        for q in ["hitting", "bullied at school", "bulky"] {
            let r = Self.engine.search(q, limit: 10, explain: true)
            let typos = r.hits.flatMap { $0.explanation?.terms ?? [] }.filter { $0.kind == .typo }
            #expect(typos.isEmpty, "\(q): \(typos.map(\.matched))")
        }
        // …while a word that is no word is corrected.
        #expect(top("portige visits").first == "portage")
    }

    // 3. Letter swaps in short jargon; a missing doubled letter; "yr"; "teenager".
    @Test func swapsInShortJargon() {
        for q in ["EHPC", "ECHP"] { #expect(top(q).contains("send-team"), "\(q) → \(top(q))") }
        #expect(top("secno").contains("area-wide-offer") || top("secno").contains("guide-sen-support"))
        #expect(top("aspergus").contains("neurodevelopmental-assessment"))
        #expect(top("slep problems").first == "guide-sleep")
        #expect(Self.engine.search("yr 10 options", limit: 5).ageHint == 10 || Self.engine.search("yr 10 options", limit: 5).ageHint == nil)
        let teen = Self.engine.search("activities for my teenager", limit: 10)
        #expect(teen.concepts.contains { $0.contains("teen") }, "\(teen.concepts)")
    }

    // 4. Question words steer the kind of result but never drop the core words' best result.
    @Test(arguments: [
        ("how long does an ehc needs assessment take", "ehc needs assessment"),
        ("who do i talk to about short breaks", "short breaks"),
        ("what should the school be doing about dyslexia", "dyslexia"),
        ("what happens at an annual review", "annual review"),
    ])
    func questionsKeepTheCoreResult(_ question: String, _ core: String) throws {
        let best = try #require(top(core, 1).first)
        #expect(top(question).contains(best), "\(question) → \(top(question)); \(core) → \(best)")
        #expect(Self.engine.search(question, limit: 1).intent != nil)
    }

    // 5. Old names map to current concepts first.
    @Test func oldNamesMeanTheCurrentThing() {
        let statement = top("statement")
        #expect(statement.first != "short-breaks-statement")
        #expect(statement.contains("guide-ehc-needs-assessment"))
        #expect(top("does my son need a statement").contains("guide-ehc-needs-assessment"))
        #expect(top("respite for the weekend").contains { $0.contains("short-break") })
        // The statement itself is still found by its own name.
        #expect(top("short breaks statement").first == "short-breaks-statement")
    }

    // 6. Topics that had no entry are found from everyday words.
    @Test(arguments: [
        ("he wears hearing aids", "sensory-impairment-service"),
        ("partially sighted", "sensory-impairment-service"),
        ("home schooling", "guide-education-otherwise-than-at-school"),
        ("sensory overload", "guide-sensory-processing"),
        ("dyscalculia", "guide-dyslexia-and-learning-difficulties"),
        ("meltdowns after school", "guide-behaviour-that-challenges"),
    ])
    func newTopicsAreFound(_ q: String, _ expected: String) {
        #expect(top(q).contains(expected), "\(q) → \(top(q))")
    }

    /// Explain says which words, concepts and typo corrections counted, with weights.
    @Test func explainShowsWhy() throws {
        let r = Self.engine.search("she bites and hits at nursry", limit: 3, explain: true)
        let hit = try #require(r.hits.first)
        let x = try #require(hit.explanation)
        #expect(!x.concepts.isEmpty)
        #expect(x.concepts.allSatisfy { $0.weight >= 0.1 && $0.weight <= 1 && $0.score > 0 })
        let anyTypo = r.hits.flatMap { $0.explanation?.terms ?? [] }.contains { $0.kind == .typo }
        #expect(anyTypo || r.corrections.contains { $0.from == "nursry" })
    }

    /// A broken concept file is refused with FILE:LINE:COL.
    @Test func brokenConceptsAreLocated() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lo-concepts-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.shipped, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        concepts:
          - id: Bad_Id
            label: x
            domain: weather
            need_areas: [sensory-physical]
            entries:
              no-such-entry: 1.0
              portage: 7
            phrases:
              - the and of
              - Covers Ears!
        """.write(to: dir.appendingPathComponent("concepts.yaml"), atomically: true, encoding: .utf8)
        let errors = Fixtures.load(dir).errors.map(\.description)
        for (line, what) in [(2, "kebab-case"), (4, "unknown domain"), (7, "not an entry"), (8, "0.1 to 1.0"), (10, "grammar"), (11, "lower case")] {
            #expect(errors.contains { $0.hasPrefix("concepts.yaml:\(line):") && $0.contains(what) }, "line \(line): \(what) in \(errors)")
        }
    }
}
