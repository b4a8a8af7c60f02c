import Foundation
import Testing
@testable import LocalOfferCore

/// Issue 19's content: the local things families look for, the adult-housing answer, and the direct
/// ways in, checked on the shipped content so a later edit cannot quietly undo them.
@Suite struct LocalThingsContentTests {
    static let content = Fixtures.shippedResult.content

    @Test func confirmedLocalPlacesHaveEntriesACitedSourceAndAWayIn() throws {
        for id in ["horse-rangers-rda", "park-lane-stables", "not-fine-in-school", "singing-hands", "turtle-key-arts"] {
            let e = try #require(Self.content.entry(id), "\(id)")
            #expect(e.kind == .service, "\(id)")
            #expect(!e.sources.isEmpty && e.sources.allSatisfy { $0.hasPrefix("http") }, "\(id)")
            #expect(ISODate.parse(e.lastReviewed) != nil, "\(id)")
            for b in Borough.allCases {
                #expect(e.servedIn.contains(b), "\(id) in \(b.name)")
                #expect(ReachValidator.isReachable(e, in: b, content: Self.content), "\(id) in \(b.name)")
            }
        }
    }

    @Test func preparingForAdulthoodAnswersHousingAndCapacityInBothBoroughs() throws {
        let item = try #require(Self.content.coverage.first { $0.id == "moving-on-and-preparing-for-adulthood" })
        for b in Borough.allCases {
            #expect(item.boroughs[b]?.status == .yes, "\(b.name)")
            let answered = item.entries(in: b)
            #expect(answered.contains("guide-housing-for-young-adults"), "\(b.name)")
            #expect(answered.contains("guide-mental-capacity-and-deputyship"), "\(b.name)")
        }
        let housing = try #require(Self.content.entry("guide-housing-for-young-adults"))
        // Each borough's own housing register rules, from its own council's pages.
        #expect(housing.description.contains("Kingston Housing Register"))
        #expect(housing.sources.contains { $0.contains("kingston.gov.uk") })
        #expect(housing.sources.contains { $0.contains("richmond.gov.uk") })
    }

    /// The number of services a family can ring, email, visit or fill in a form for in every borough
    /// they serve, without being sent elsewhere first. Measured on the content of 2026-12-03 (32 of
    /// 121); this holds it from slipping back when entries are edited.
    @Test func directWaysInDoNotSlip() {
        let services = Self.content.entries.filter { $0.kind == .service }
        let direct = services.filter { e in
            !e.servedIn.isEmpty && e.servedIn.allSatisfy { b in ReachValidator.contacts(of: e, in: b).contains(where: \.isDirect) }
        }
        #expect(direct.count >= 35, "\(direct.count) of \(services.count) services have a direct way in")
    }

    @Test func appealSourcesAreTheLawNotAnotherCouncil() throws {
        for id in ["mediation-and-appeals", "guide-disagreements"] {
            let e = try #require(Self.content.entry(id))
            #expect(!e.sources.contains { $0.contains("medway.gov.uk") || $0.contains("rotherhamsendiass") }, "\(id)")
            #expect(e.sources.contains("https://www.legislation.gov.uk/uksi/2017/1306"), "\(id)")
        }
    }

    /// Safety advice rests on a government, hospital or NHS page, not on a blog or a shop.
    @Test func weightedBlanketAdviceCitesNoBlogOrRetailer() throws {
        let e = try #require(Self.content.entry("guide-sensory-processing"))
        #expect(!e.sources.contains { $0.contains("blogspot.") || $0.contains("guiniveres.") })
        #expect(e.sources.contains { $0.contains("evelinalondon.nhs.uk") })
        #expect(e.description.contains("epilepsy") && e.description.contains("no UK authority"))
    }

    /// National law is cited from the law itself, not from another council's or SENDIASS's page.
    @Test func outOfSchoolEducationCitesTheLaw() throws {
        for id in ["guide-education-otherwise-than-at-school", "guide-school-attendance-difficulties"] {
            let e = try #require(Self.content.entry(id))
            #expect(e.sources.contains("https://www.legislation.gov.uk/ukpga/1996/56/section/19"), "\(id)")
            #expect(!e.sources.contains { $0.contains("dorsetcouncil.gov.uk") || $0.contains("sendiasssouthend") || $0.contains("wokingham.gov.uk") }, "\(id)")
        }
    }
}
