import Foundation
import Testing
@testable import LocalOfferCore

/// The snapshot's hand-written form of entries (`Loading/EntryBinary.swift`).
@Suite struct EntryBinaryTests {
    func roundTrip(_ entries: [Entry]) throws -> [Entry] {
        var out: [UInt8] = []
        try Entry.put(entries, into: &out)
        return try out.withUnsafeBytes { raw in
            let r = Reader(raw)
            var p = 0
            let back = try Entry.take(r, &p, end: r.count, count: entries.count)
            #expect(p == r.count)
            return back
        }
    }

    /// Every field set, none at its default: each one must come back.
    static let full: Entry = {
        let contact = Contact(website: "https://w", phone: "020", email: "a@b", address: "1 Road", webForm: "https://f",
                              askInstead: "sendiass", askInsteadLines: ["SENDIASS", "Phone: 1"])
        let rule = StatusRule(verdict: .notEligible, reason: "why", instead: ["x"])
        let part = BoroughPart(offered: false, provider: "P", howToGet: "H", routes: ["r"], differences: "D",
                               eligibility: [.ehcp: rule, Status.none: StatusRule(verdict: .check, reason: "c")], contact: contact,
                               reason: "R", instead: ["i"], openVia: "ehc-plan")
        var e = Entry(id: "id", kind: .guide, title: "T ✓", summary: "S", description: "D", category: "c", needAreas: [.sensoryPhysical],
                      ages: 3...19, parentWords: ["w1", "w2"], cost: "free", eligibility: [.senSupport: rule],
                      boroughs: [.richmond: part, .kingston: BoroughPart()], contact: contact, related: ["rel"],
                      talkingPoints: TalkingPoints(ask: ["a"], bring: ["b"], next: ["n"]),
                      statutory: Statutory(basis: "B", timescales: "T"), steps: [GuideStep(title: "s", text: "t", entries: ["e"])],
                      lastReviewed: "2026-12-01", sources: ["https://s"], locatedIn: [.kingston],
                      location: SourceLocation(file: "guides/id.yaml", line: 4, column: 7))
        e.draft = true
        return e
    }()

    @Test func everyFieldRoundTrips() throws {
        let bare = Entry(id: "b", title: "t", summary: "s", boroughs: [:])
        #expect(try roundTrip([Self.full, bare]) == [Self.full, bare])
        let shipped = Fixtures.shippedResult.content.entries
        #expect(try roundTrip(shipped) == shipped)
    }

    /// A field added to a model type must be coded in EntryBinary.swift too: this counts them.
    @Test func theCodedTypesHaveTheFieldsCodedForThem() {
        func fields(_ v: Any) -> Int { Mirror(reflecting: v).children.count }
        #expect(fields(Self.full) == 22, "Entry gained or lost a field: code it in Loading/EntryBinary.swift")
        #expect(fields(BoroughPart()) == 10, "BoroughPart: code the new field in Loading/EntryBinary.swift")
        #expect(fields(Contact()) == 7, "Contact: code the new field in Loading/EntryBinary.swift")
        #expect(fields(StatusRule(verdict: .check, reason: "")) == 3, "StatusRule: see Loading/EntryBinary.swift")
        #expect(fields(TalkingPoints()) == 3 && fields(Statutory()) == 2, "see Loading/EntryBinary.swift")
        #expect(fields(GuideStep(title: "", text: "")) == 3 && fields(SourceLocation(file: "")) == 3, "see Loading/EntryBinary.swift")
    }

    @Test func damagedEntriesThrowAndNeverTrap() throws {
        var good: [UInt8] = []
        try Entry.put([Self.full, Fixtures.shippedResult.content.entries[0]], into: &good)
        func decode(_ b: [UInt8]) -> [Entry]? {
            try? b.withUnsafeBytes { raw in
                let r = Reader(raw)
                var p = 0
                return try Entry.take(r, &p, end: r.count, count: 2)
            }
        }
        #expect(decode(good) != nil)
        for n in 0..<good.count { #expect(decode(Array(good.prefix(n))) == nil) }
        var rng = SplitMix64(state: 9)
        for _ in 0..<3_000 {
            var b = good
            b[Int(rng.next() % UInt64(b.count))] = UInt8(truncatingIfNeeded: rng.next())
            _ = decode(b)
        }
    }
}
