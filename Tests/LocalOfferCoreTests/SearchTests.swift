import Foundation
import Testing
@testable import LocalOfferCore

@Suite struct NormalizerTests {
    @Test func foldsCaseAccentsApostrophes() {
        #expect(Normalizer.fold("Doesn’t") == "doesnt")
        #expect(Normalizer.fold("doesn't") == "doesnt")
        #expect(Normalizer.fold("Thérapie  ÉCOLE!") == "therapie ecole")
        #expect(Normalizer.tokens("2yr old") == ["2", "yr", "old"])
    }

    @Test func stemsEndings() {
        #expect(Stemmer.stem("therapist") == Stemmer.stem("therapy"))
        #expect(Stemmer.stem("therapies") == Stemmer.stem("therapy"))
        #expect(Stemmer.stem("assessments") == Stemmer.stem("assessment"))
        #expect(Stemmer.stem("talking") == Stemmer.stem("talk"))
        #expect(Stemmer.stem("psychologist") == Stemmer.stem("psychology"))
        #expect(Stemmer.stem("disabled") == Stemmer.stem("disability"))
    }

    @Test func typoBudget() {
        #expect(EditDistance.typoBudget(forLength: 4) == 0)
        #expect(EditDistance.typoBudget(forLength: 5) == 1)
        #expect(EditDistance.typoBudget(forLength: 7) == 1)
        #expect(EditDistance.typoBudget(forLength: 8) == 2)
        #expect(EditDistance.osa("schoool", "school", limit: 2) == 1)
        #expect(EditDistance.osa("pyschology", "psychology", limit: 2) == 1)  // a swap is one edit
        #expect(EditDistance.osa("abcdef", "ghijkl", limit: 2) == 3)
    }

    @Test func tokenizerFastPathAgreesWithUnicodePath() {
        for text in ["Speech & Language: SALT's 2yr-olds", "it's a (test) — ok", "ONE two 3four"] {
            var fast: [String] = []
            Tokenizer.forEachToken(text) { fast.append($0) }
            #expect(fast == Normalizer.tokens(text))
        }
    }
}

@Suite struct SearchTests {
    let engine = SearchEngine(content: Fixtures.goodContent)
    func ids(_ q: String, _ p: Profile = Profile()) -> [String] { engine.search(q, profile: p).hits.map(\.entry.id) }

    @Test func titleOutranksBody() {
        #expect(ids("talking therapy").first == "talking-therapy")
    }

    @Test func lastWordIsAPrefix() {
        #expect(ids("talk").contains("talking-therapy"))
        #expect(ids("advi").first == "advice-line")
        #expect(!ids("advi ").contains("advice-line"), "a finished word is not a prefix")
    }

    @Test func typosWithinBudget() {
        #expect(ids("therpay ").contains("talking-therapy"))  // 7 letters, one swap
        #expect(ids("advise line").first == "advice-line")
        #expect(!ids("tlak ").isEmpty)  // four letters: a swap of two neighbouring letters is the one typo allowed
        #expect(ids("tkla ").isEmpty)   // but not two changes
    }

    @Test func aliasesExpand() {
        #expect(ids("salt").first == "talking-therapy")
        #expect(ids("SLT").first == "talking-therapy")
    }

    @Test func sentencesDropStopWords() {
        #expect(ids("my son doesn't talk yet, who can help").first == "talking-therapy")
    }

    @Test func profileRanksEligibleFirstAndHidesNothing() {
        let p = Profile(borough: .richmond, age: 6, status: .senSupport)
        let r = engine.search("help", profile: p)
        let all = engine.search("help")
        #expect(r.total == all.total)
        let verdicts = r.hits.compactMap { $0.eligibility?.verdict }
        #expect(verdicts.count == r.hits.count)
        if let firstBad = verdicts.firstIndex(of: .notEligible) {
            #expect(!verdicts[firstBad...].contains(.eligible))
        }
    }

    @Test func needFilterSaysHowManyItHid() {
        let r = engine.search("children", need: .sensoryPhysical)
        #expect(r.hits.allSatisfy { $0.entry.needAreas.contains(.sensoryPhysical) })
        #expect(r.hidden > 0)
        #expect(r.hiddenReason != nil)
    }

    @Test func noResultsSuggestsWords() {
        let r = engine.search("advicr lnie")
        #expect(r.total == 0 || r.hits.first?.entry.id == "advice-line")
        let r2 = engine.search("zzzz")
        #expect(r2.total == 0)
    }

    @Test func ageHintIsRead() {
        let r = engine.search("2 year old talking")
        #expect(r.ageHint == 2)
    }

    @Test func resultsAreStable() {
        #expect(ids("help") == ids("help"))
    }
}

@Suite struct ShippedSearchTests {
    static let engine = SearchEngine(content: Fixtures.shippedResult.content)

    struct Sample: CustomStringConvertible, Sendable {
        var query: String
        var expected: [String]
        var borough: Borough?
        var description: String { query }
    }

    static let sample: [Sample] = {
        // The public sample, copied into Tests/ so a fresh clone runs it (Tests/Fixtures/shared/README.md).
        let url = Fixtures.shipped.deletingLastPathComponent().appendingPathComponent("Tests/Fixtures/shared/queries-sample.tsv")
        var rows: [Sample] = []
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 2 else { continue }
            let filters = f.count > 2 ? f[2].split(separator: " ").map(String.init) : []
            let borough = filters.firstIndex(of: "--borough").flatMap { i in i + 1 < filters.count ? Borough(rawValue: filters[i + 1]) : nil }
            rows.append(Sample(query: f[0], expected: f[1].split(separator: ",").map(String.init), borough: borough))
        }
        // Our own realistic queries of the same kinds, so the test does not rest on the public sample alone.
        rows += [
            Sample(query: "respite", expected: ["assessed-short-breaks", "aiming-high-short-breaks", "guide-short-breaks", "short-breaks-statement"]),
            Sample(query: "statement", expected: ["guide-ehc-needs-assessment", "send-team", "guide-annual-review"]),
            Sample(query: "school taxi", expected: ["home-to-school-travel"]),
            Sample(query: "autism assesment", expected: ["neurodevelopmental-assessment", "guide-autism-adhd-assessment"]),
            Sample(query: "educational pyschologist", expected: ["educational-psychology"]),
            Sample(query: "physio", expected: ["physiotherapy"]),
            Sample(query: "wheelchair", expected: ["wheelchair-service"]),
            Sample(query: "my son doesn't talk yet, who can help", expected: ["speech-and-language-therapy"]),
            Sample(query: "tribunal", expected: ["mediation-and-appeals", "guide-disagreements"]),
            Sample(query: "camhs", expected: ["camhs-single-point-of-access", "emotional-health-service"]),
            Sample(query: "sen bus", expected: ["home-to-school-travel"]),
            Sample(query: "adhd diagnosis", expected: ["neurodevelopmental-assessment"]),
            Sample(query: "my daughter is anxious and wont go to school", expected: ["emotional-health-service", "mental-health-support-teams"]),
            Sample(query: "sensory processing", expected: ["occupational-therapy"]),
            Sample(query: "special school kingston", expected: ["bedelsford-school", "dysart-school", "st-philips-school", "spring-school"], borough: .kingston),
            Sample(query: "unit", expected: ["specialist-resource-provisions"]),
            Sample(query: "money for activities", expected: ["activity-fund"]),
            Sample(query: "social worker for disabled kids", expected: ["disabled-childrens-team"]),
            Sample(query: "who do i call", expected: ["sendiass", "single-point-of-access", "local-offer-website"]),
            Sample(query: "2 year old not talking", expected: ["speech-and-language-therapy", "health-visiting", "portage"]),
            Sample(query: "dyslexia", expected: ["educational-psychology", "area-wide-offer", "guide-sen-support"]),
            Sample(query: "young carer", expected: ["kingston-carers-network", "richmond-carers-centre"]),
            Sample(query: "nursery help", expected: ["early-years-sen-inclusion-fund", "early-years-inclusion-hubs"]),
            Sample(query: "bed wetting", expected: ["eric-continence-helpline"]),
            Sample(query: "ed psych", expected: ["educational-psychology"]),
            Sample(query: "speach therapy", expected: ["speech-and-language-therapy"]),
            Sample(query: "wheelchair", expected: ["wheelchair-service"]),
        ]
        return rows
    }()

    /// Our own queries and the public sample (in Tests/), always: a missing file fails here.
    @Test func sampleIsThere() {
        #expect(Self.sample.count >= 40)
    }

    @Test(arguments: sample)
    func findsAnExpectedEntryInTopFive(_ s: Sample) {
        let top = Self.engine.search(s.query, profile: Profile(borough: s.borough), limit: 5).hits.map(\.entry.id)
        #expect(!Set(top).isDisjoint(with: s.expected), "\(s.query) → \(top)")
    }
}
