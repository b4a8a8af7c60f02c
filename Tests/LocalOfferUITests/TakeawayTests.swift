import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// The take-away carries everything a family needs to act on their list away from the screen.
@Suite struct TakeawayTests {
    static let entry = Entry(
        id: "send-team", kind: .service, title: "SEND team", summary: "Runs EHC needs assessments and plans.",
        description: "", category: "information-advice", needAreas: [.cognitionLearning], ages: 0...25, parentWords: [],
        eligibility: [.ehcp: StatusRule(verdict: .eligible, reason: "Your child has a plan.")],
        boroughs: [
            .richmond: BoroughPart(provider: "AfC Richmond", howToGet: "Email the team.",
                                   contact: Contact(website: "https://example.org/richmond-send", phone: "020 0000 0001", email: "rich@example.org")),
            .kingston: BoroughPart(provider: "AfC Kingston", howToGet: "Phone the team.",
                                   contact: Contact(website: "https://example.org/kingston-send", phone: "020 0000 0002")),
        ],
        contact: Contact(website: "https://example.org/send"),
        talkingPoints: TalkingPoints(ask: ["Who is our caseworker?"], bring: ["The latest school report."], next: ["A decision within 6 weeks."]),
        statutory: Statutory(basis: "Children and Families Act 2014", timescales: "20 weeks from request to final plan."),
        sources: ["https://example.org/send"])

    static func state(_ profile: Profile) -> AppState {
        var s = AppState(content: Content(entries: [entry]), config: AppConfig(theme: .mono))
        s.session.profile = profile
        s.session.myList = ["send-team"]
        return s
    }

    static let date = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .current, year: 2026, month: 12, day: 1, hour: 12).date ?? Date()

    /// Reconciled with Core's take-away (issue 18: one text, in the entry page's order). What
    /// changed: the way to reach them is the borough's own contact (its website, not also the
    /// entry's general one), and the other borough's differences now follow, labelled, after
    /// everything for this family's borough, as on the entry page and in `show --borough`.
    @Test func everythingToActOnForTheProfilesBorough() {
        let t = Self.state(Profile(borough: .kingston, age: 9, status: .ehcp)).takeaway(madeOn: Self.date)
        for expected in [
            "Made on 1 December 2026", "About your child: Kingston · age 9 · EHC plan",
            "1. SEND team", "What it is: Runs EHC needs assessments and plans.",
            "Phone: 020 0000 0002", "Website: https://example.org/kingston-send",
            "Who runs it: AfC Kingston", "How to get it: Phone the team.",
            "Ask: Who is our caseworker?", "Bring: The latest school report.", "Next: A decision within 6 weeks.",
            "Timescales: 20 weeks from request to final plan.", "For your child: ✓",
        ] {
            #expect(t.contains(expected), "missing \(expected) in\n\(t)")
        }
        // In the entry page's order: the verdict, how to get it here, how to reach them, then
        // (labelled) what differs in the other borough.
        let order = ["For your child", "How to get it: Phone the team.", "Phone: 020 0000 0002", "In Richmond upon Thames:"]
        let at = order.map { t.range(of: $0)?.lowerBound }
        #expect(at.allSatisfy { $0 != nil } && zip(at, at.dropFirst()).allSatisfy { ($0 ?? t.endIndex) < ($1 ?? t.startIndex) }, "\(t)")
        // Richmond's contact only inside its own labelled part.
        if let richmond = t.range(of: "In Richmond upon Thames:"), let phone = t.range(of: "020 0000 0001") {
            #expect(richmond.lowerBound < phone.lowerBound)
        }
        #expect(!t.contains("Website: https://example.org/send\n"))
    }

    /// The save screen, the print command and plain mode all take the one Core text.
    @Test func oneTextForEveryFrontEnd() {
        let s = Self.state(Profile(borough: .richmond, age: 9, status: .ehcp))
        let core = TakeawayFile.text(content: s.content, list: s.session.myList, profile: s.session.profile, madeOn: Self.date) { text, prefix in
            Wrap.indent(text, width: AppState.takeawayWidth, prefix: prefix)
        }
        #expect(s.takeaway(madeOn: Self.date) == core)
        #expect(AppState.takeaway(content: s.content, list: s.session.myList, profile: s.session.profile, madeOn: Self.date) == core)
    }

    @Test func bothBoroughsWhenNoneIsKnown() {
        let t = Self.state(Profile()).takeaway(madeOn: Self.date)
        #expect(t.contains("About your child: not given"))
        #expect(t.contains("In Richmond:") && t.contains("In Kingston:"))
        #expect(t.contains("Email: rich@example.org") && t.contains("Phone: 020 0000 0002"))
        #expect(!t.contains("For your child"))
    }

    @Test func linesFitAPrintedPage() {
        let t = Self.state(Profile()).takeaway(madeOn: Self.date)
        for line in t.split(separator: "\n") where !line.contains("SENDIASS") {
            #expect(DisplayWidth.of(String(line)) <= 76, "\(line)")
        }
    }
}
