import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

/// Modes combine (--shared with a role), and each shows on every screen which mode is on and its key.
@Suite struct ModeTests {
    static let sharedAdviser = UsageMode(shared: true, role: .adviser)
    static let sharedChampion = UsageMode(shared: true, role: .champion)

    /// The top line of each mode, on every screen the navigator has.
    @Test(arguments: [
        (UsageMode.shared, "Shared terminal — Ctrl-N: next family"),
        (sharedAdviser, "Shared terminal · Adviser — Ctrl-N: next family"),
        (sharedChampion, "Shared terminal · Parent Champion — Ctrl-N: next family · Ctrl-P: print list"),
        (UsageMode.champion, "Parent Champion — Ctrl-P: print list"),
        (UsageMode.adviser, "Adviser — statutory basis shown"),
        (UsageMode.family, "localoffer · Richmond and Kingston"),
        (UsageMode.kiosk, "localoffer · Richmond and Kingston"),
    ])
    func bannerOnEveryScreen(_ mode: UsageMode, _ banner: String) {
        var s = UIFixtures.state(mode)
        s.session.profile = Profile(borough: .kingston, age: 7)
        let screens: [Screen] = [
            .home(selection: 0), .search(query: "talking", selection: 0), .entry(id: "talking-therapy", scroll: 0),
            .categories(selection: 0), .flows(selection: 0), .flow(FlowScreen(id: "find-help")),
            .glossary(query: "", scroll: 0, entry: nil), .help(scroll: 0), .profile(selection: 0),
            .list(title: "My list", ids: [], selection: 0),
        ]
        for screen in screens {
            s.session.stack = [.home(selection: 0), screen]
            s.refreshSearch()
            let top = s.view().row(0)
            #expect(top.hasPrefix(" " + banner), "\(mode) on \(screen): \(top)")
        }
        // The profile shares the line only where the banner leaves room; at 120 columns it always does.
        s.update(.resize(width: 120, height: 40))
        #expect(s.view().row(0).contains("Kingston"))
    }

    @Test func modesAreBuiltFromTheFlags() {
        #expect(UsageMode(kiosk: true, shared: true, role: .adviser) == .kiosk)
        #expect(Self.sharedAdviser.isShared && Self.sharedAdviser.role == .adviser)
        #expect(Self.sharedChampion.canPrint && UsageMode.champion.canPrint)
        #expect(!Self.sharedAdviser.canPrint && !UsageMode.shared.canPrint && !UsageMode.kiosk.canPrint)
        #expect(Self.sharedAdviser.description == "shared+adviser")
    }

    @Test(arguments: [UsageMode.shared, sharedAdviser, sharedChampion])
    func sharedWipesEverythingInEveryCombination(_ mode: UsageMode) {
        var s = UIFixtures.state(mode)
        s.session.profile = Profile(borough: .richmond, age: 4)
        s.type("talking")
        s.keys(.ctrl("t"))
        #expect(!s.session.myList.isEmpty)
        s.keys(.ctrl("n"))
        #expect(s.session.profile.isEmpty && s.session.myList.isEmpty && s.screen == .home(selection: 0))
        #expect(s.view().contains("Session ended. Nothing from it was kept."))
    }

    @Test func adviserOnASharedTerminalSeesTheStatutoryBasis() {
        var entries = UIFixtures.content.entries
        entries[0].statutory = Statutory(basis: "Children and Families Act 2014, section 36", timescales: "Six weeks to decide.")
        let content = Content(entries: entries)
        let id = entries[0].id
        let adviser = AppState(content: content, config: AppConfig(mode: Self.sharedAdviser, theme: .mono))
        let shared = AppState(content: content, config: AppConfig(mode: .shared, theme: .mono))
        #expect(adviser.entryLines(id).contains { $0.text == "Statutory basis" })
        #expect(!shared.entryLines(id).contains { $0.text == "Statutory basis" })
    }

    @Test func printingOnlyForChampionsAndNeverWithAnEmptyList() {
        var s = UIFixtures.state(Self.sharedChampion)
        #expect(s.update(.key(.ctrl("p"))) == .none)
        #expect(s.message?.contains("Your list is empty") == true)
        s.type("talking")
        s.keys(.ctrl("t"))
        #expect(s.update(.key(.ctrl("p"))) == .printTakeaway)
        var a = UIFixtures.state(Self.sharedAdviser)
        a.type("talking")
        a.keys(.ctrl("t"))
        #expect(a.update(.key(.ctrl("p"))) == .none)
    }
}
