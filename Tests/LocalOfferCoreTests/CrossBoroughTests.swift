import Testing
@testable import LocalOfferCore

/// Where a school is and whom it serves are different things: a family may ask for any state-funded
/// school to be named in an EHC plan, whichever council it is in (Children and Families Act 2014
/// s.38(3), s.39).
@Suite struct CrossBoroughTests {
    static let school = Entry(
        id: "a-kingston-school", title: "A Kingston special school", summary: "A special school.",
        category: "special-schools", ages: 4...19,
        eligibility: [
            .none: StatusRule(verdict: .notEligible, reason: "Places are for children with an EHC plan."),
            .senSupport: StatusRule(verdict: .notEligible, reason: "Places are for children with an EHC plan."),
            .ehcp: StatusRule(verdict: .check, reason: "The council names the school in the plan."),
        ],
        boroughs: [
            .kingston: BoroughPart(offered: true, provider: "The school"),
            .richmond: BoroughPart(offered: false, reason: "This school is in Kingston. Richmond families can ask for it to be named in their child's EHC plan.",
                                   instead: ["send-team"], openVia: "ehc-plan"),
        ],
        locatedIn: [.kingston])
    static let content = Content(entries: [school], crossBorough: [LabelledValue(id: "ehc-plan", label: "can ask for it through their EHC plan")])

    @Test func otherBoroughFamilyWithAPlanIsToldTheRouteNotRefused() {
        let e = Self.content.eligibility(of: Self.school, borough: .richmond, age: 8, status: .ehcp)
        #expect(e.verdict == .check)
        #expect(e.reason.contains("EHC plan"))
        #expect(EligibilityEngine.verdict(Self.school, borough: .richmond, age: 8, status: .ehcp) == .check)
    }

    @Test func statusAndAgeStillApplyAcrossBoroughs() {
        #expect(Self.content.eligibility(of: Self.school, borough: .richmond, age: 8, status: .senSupport).verdict == .notEligible)
        #expect(Self.content.eligibility(of: Self.school, borough: .richmond, age: 22, status: .ehcp).verdict == .notEligible)
        #expect(EligibilityEngine.verdict(Self.school, borough: .richmond, age: 22, status: .ehcp) == .notEligible)
    }

    @Test func unknownStatusIsCheckNeverNotEligible() {
        #expect(Self.content.eligibility(of: Self.school, borough: .richmond, age: nil, status: nil).verdict == .check)
    }

    @Test func placeLineSaysWhereItIsAndWhoItServes() {
        #expect(Self.content.placeLine(Self.school) == "In Kingston · Richmond families can ask for it through their EHC plan")
        #expect(Self.school.servedIn == [.richmond, .kingston])
    }

    /// The schools and units an audit found marked "not for" the other borough's families.
    @Test(arguments: ["latchmere-school-srp", "alexandra-primary-esta-srp", "spring-school",
                      "post-16-send-campus-kingston", "london-river-academy", "teddington-school-srp"])
    func shippedSchoolsAreOpenToTheOtherBorough(_ id: String) throws {
        let shipped = Fixtures.shippedResult.content
        let e = try #require(shipped.entry(id))
        #expect(e.locatedIn.count == 1, "\(id) says where it is")
        for b in Borough.allCases where e.boroughs[b]?.offered == false {
            #expect(e.boroughs[b]?.openVia == "ehc-plan", "\(id) in \(b)")
            let v = shipped.eligibility(of: e, borough: b, age: e.ages.lowerBound, status: .ehcp)
            #expect(v.verdict == .check, "\(id) for a \(b) family with an EHC plan")
        }
    }
}
