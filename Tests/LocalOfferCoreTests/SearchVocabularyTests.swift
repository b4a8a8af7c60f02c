import Foundation
import Testing
@testable import LocalOfferCore

/// The word rules search reads are content (vocabulary.yaml `noun_forms`), loaded and checked with
/// it: a word rule is data the Local Offer team edits, never a table in Swift.
@Suite struct SearchVocabularyTests {
    /// The shipped content, copied so one file of it can be changed.
    static func copyOfShipped(_ name: String, vocabulary edit: (String) -> String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lo-vocab-\(name)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: Fixtures.shipped, to: dir)
        let file = dir.appendingPathComponent("vocabulary.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = edit(text)
        #expect(changed != text, "the edit did not change vocabulary.yaml")
        try changed.write(to: file, atomically: true, encoding: .utf8)
        return dir
    }

    @Test func theShippedNounFormsAreRead() {
        let forms = Fixtures.shippedResult.content.nounForms
        #expect(forms["speak"] == "speech" && forms["poo"] == "soiling" && forms["diagnosed"] == "diagnosis", "\(forms.count) forms")
        #expect(forms.count >= 60)
        // No form is a noun again: one step from what a parent writes to what the content says.
        for (form, noun) in forms { #expect(forms[noun] == nil, "\(form) → \(noun) → \(forms[noun] ?? "")") }
    }

    @Test func theEngineReadsAFormAsItsNoun() {
        let engine = SearchEngine(content: Fixtures.shippedResult.content)
        // The word index: "speak" also searched as "speech".
        let r = engine.search("speak", limit: 5, explain: true)
        let matched = r.hits.flatMap { $0.explanation?.terms ?? [] }.filter { $0.word == "speak" }.map(\.matched)
        #expect(matched.contains("speech"), "\(matched)")
        // The concept layer: a form and its noun are one phrase word.
        #expect(engine.concepts.analysed("wont speak").map(\.stem) == engine.concepts.analysed("no speech").map(\.stem))
        // Without the table they are not: the rule comes from the content, nowhere else.
        #expect(ConceptIndex.words(of: "wont speak") != ConceptIndex.words(of: "no speech"))
    }

    @Test func aChangedTableChangesSearch() throws {
        let dir = try Self.copyOfShipped("changed") { text in
            text.replacingOccurrences(of: "  speech: [speak, speaks, speaking, spoke, spoken]\n", with: "  speech: [spoke]\n")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = Fixtures.load(dir)
        #expect(result.isValid, "\(result.errors.prefix(3))")
        #expect(result.content.nounForms["speak"] == nil && result.content.nounForms["spoke"] == "speech")
    }

    @Test func aBrokenTableIsLocatedNeverACrash() throws {
        let dir = try Self.copyOfShipped("broken") { text in
            text.replacingOccurrences(of: "  running: [ran]\n", with: """
              running: [ran, Ran2, speak, the, running]
              Bad Noun: [x]
              hearing2: [x]
              chatter: walks
              chatting: [speech]

            """)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = Fixtures.load(dir)
        #expect(!result.isValid)
        let errors = result.errors.filter { $0.location.file == "vocabulary.yaml" }.map(\.description)
        let expected = ["'Ran2' of 'running' must be one lower-case word", "'speak' is already a form of 'speech'",
                        "'the' is a grammar word", "'running' is listed as a form of itself", "noun 'Bad Noun' must be one",
                        "noun 'hearing2' must be one", "the forms of 'chatter' must be a list",
                        "'speech' is also listed as a form of 'chatting'"]
        for e in expected {
            #expect(errors.contains { $0.contains(e) }, "no error '\(e)' in \(errors)")
        }
        // Every one located: FILE:LINE:COL.
        for e in errors { #expect(e.range(of: #"^vocabulary\.yaml:\d+:\d+: error: "#, options: .regularExpression) != nil, "\(e)") }
    }
}
