import Testing
@testable import LocalOfferCore

@Suite struct EligibilityTests {
    let content = Fixtures.goodContent

    func verdict(_ id: String, _ b: Borough?, _ age: Int?, _ s: Status?) -> Eligibility {
        guard let e = content.entry(id) else { return Eligibility(verdict: .check, reason: "missing") }
        return content.eligibility(of: e, borough: b, age: age, status: s)
    }

    /// The whole matrix: every borough (or none), age (in, out, none) and status (or none).
    @Test func matrixNeverCrashesAndAlwaysExplains() {
        for id in content.entries.map(\.id) {
            for b in [nil] + Borough.allCases.map(Optional.some) {
                for age in [nil, 0, 5, 18, 19, 25] {
                    for s in [nil] + Status.allCases.map(Optional.some) {
                        let v = verdict(id, b, age, s)
                        #expect(!v.reason.isEmpty)
                        if v.verdict == .notEligible, let e = content.entry(id), let b, e.boroughs[b]?.offered == false {
                            #expect(v.reason.contains("Only for families in"))
                        }
                    }
                }
            }
        }
    }

    /// The fast verdict used for ranking agrees with the full evaluation, on every shipped entry.
    @Test func quickVerdictAgrees() {
        for c in [content, Fixtures.shippedResult.content] {
            for e in c.entries {
                for b in [nil] + Borough.allCases.map(Optional.some) {
                    for age in [nil, 0, 4, 11, 17, 19, 25] {
                        for s in [nil] + Status.allCases.map(Optional.some) {
                            let full = c.eligibility(of: e, borough: b, age: age, status: s).verdict
                            let quick = EligibilityEngine.verdict(e, borough: b, age: age, status: s)
                            #expect(full == quick, "\(e.id) \(String(describing: b)) \(String(describing: age)) \(String(describing: s))")
                        }
                    }
                }
            }
        }
    }

    @Test func boroughOverrideApplies() {
        #expect(verdict("talking-therapy", .richmond, 7, .senSupport).verdict == .notEligible)
        #expect(verdict("talking-therapy", .richmond, 7, .senSupport).instead == ["advice-line"])
        #expect(verdict("talking-therapy", .kingston, 7, .senSupport).verdict == .eligible)
        #expect(verdict("talking-therapy", .kingston, 7, .senSupport).reason.contains("no EHC plan needed"))
    }

    @Test func unknownBoroughWithDifferentRulesIsCheck() {
        let v = verdict("talking-therapy", nil, 7, .senSupport)
        #expect(v.verdict == .check)
        #expect(v.reason.contains("In Richmond"))
        #expect(v.reason.contains("In Kingston"))
    }

    @Test func oneBoroughOnly() {
        let v = verdict("kingston-nurses", .richmond, 3, Status.none)
        #expect(v.verdict == .notEligible)
        #expect(v.reason.contains("Only for families in Kingston"))
        #expect(v.reason.contains("In Richmond, try Advice line"))
        #expect(verdict("kingston-nurses", .kingston, 3, Status.none).verdict == .eligible)
        #expect(verdict("kingston-nurses", nil, 3, Status.none).verdict == .check)
    }

    @Test func ageOutsideRange() {
        let v = verdict("talking-therapy", .kingston, 20, .ehcp)
        #expect(v.verdict == .notEligible)
        #expect(v.reason.contains("ages 0 to 18"))
    }

    @Test func nothingKnownIsCheckWhenRulesDiffer() {
        #expect(verdict("talking-therapy", nil, nil, nil).verdict == .check)
        #expect(verdict("advice-line", nil, nil, nil).verdict == .eligible)
    }

    @Test func statusCheckSaysWhy() {
        let v = verdict("talking-therapy", .kingston, 4, Status.none)
        #expect(v.verdict == .check)
        #expect(v.reason.contains("refer"))
    }

    @Test func guidesAreForEveryone() {
        #expect(verdict("guide-asking", .richmond, 9, .ehcp).verdict == .eligible)
    }
}
