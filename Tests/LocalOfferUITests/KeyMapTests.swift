import Foundation
import Testing
@testable import LocalOfferCore
@testable import LocalOfferUI

extension UIFixtures {
    /// A state on a screen of each kind, reached by keys as a person would.
    static func reach(_ ctx: KeyContext, _ mode: UsageMode = .family, width: Int = 80, height: Int = 24,
                      strings: Catalogue = .english) -> AppState? {
        var s = state(mode, width: width, height: height, pin: mode.isKiosk ? "4321" : nil, strings: strings)
        s.session.profile = Profile(borough: .kingston, age: 6, status: .senSupport)
        switch ctx {
        case .home: break
        case .search: s.type("talking")
        case .entry: s.type("talking"); s.keys(.enter)
        case .list: s.keys(.alt("3"))
        case .categories: s.keys(.alt("4"))
        case .flows: s.keys(.alt("7"))
        case .flowChoice: s.session.profile = Profile(); s.keys(.alt("7"), .enter)
        case .flowInput: s.session.profile = Profile(); s.keys(.alt("7"), .enter); s.type("2")
        case .flowMulti: s.session.profile = Profile(); s.keys(.alt("7"), .enter); s.type("2"); s.type("7"); s.keys(.enter)
        case .flowOutcome: s.session.profile = Profile(); s.keys(.alt("7"), .enter); s.type("2"); s.type("7"); s.keys(.enter); s.type(" "); s.keys(.enter)
        case .glossary: s.keys(.alt("5"))
        case .help: s.keys(.function(1))
        case .profile: s.keys(.function(2))
        case .save:
            guard !mode.isKiosk else { return nil }
            s.type("talking"); s.keys(.ctrl("t"), .ctrl("s"))
        case .staffExit:
            guard mode.isKiosk else { return nil }
            s.keys(.ctrl("]"))
        case .feedback: s.type("talking"); s.keys(.enter); s.type("f")
        case .qr: s.type("talking"); s.keys(.enter); s.type("Q")
        }
        return s.keyContext == ctx ? s : nil
    }
}

extension AppState {
    /// Everything a key can change, as one value to compare.
    var fingerprint: String {
        "\(session.stack)|\(session.profile)|\(session.myList)|\(message ?? "")|\(quit)|\(fieldCursor ?? -1)|\(linkDigits)"
    }
}

/// The key table holds the screen to its word: every key shown works, every key that works is shown.
@Suite struct KeyMapTests {
    /// Keys beyond the table's own samples: anything a keyboard can send.
    static let universe: [Event] = {
        var keys: [Key] = [.up, .down, .left, .right, .enter, .escape, .backspace, .tab, .backTab, .pageUp, .pageDown, .home, .end,
                           .delete, .insert, .altBackspace, .wordLeft, .wordRight, .ctrlHome, .ctrlEnd]
        keys += (1...12).map { .function($0) }
        keys += "abcdefghijklmnopqrstuvwxyz\\]^_@".map { .ctrl($0) }
        keys += "abcdefghijklmnopqrstuvwxyz0123456789[".map { .alt($0) }
        var events = keys.map { Event.key($0) }
        events += " qjkhgap?/0123456789x٣０".map { Event.text($0) }
        events += [.mouse(x: 3, y: 5, kind: .click), .mouse(x: 3, y: 23, kind: .click), .mouse(x: 20, y: 23, kind: .click),
                   .mouse(x: 3, y: 5, kind: .wheelUp), .mouse(x: 3, y: 5, kind: .wheelDown)]
        return events
    }()

    /// Whether an event changes anything here, or after a move (an Up at the top does nothing).
    static func acts(_ e: Event, on s: AppState) -> Bool {
        let variants: [[Event]] = [[], [.key(.end)], [.key(.down)], [.text("a"), .text("b")], [.text("a"), .text("b"), .key(.home)],
                                   [.key(.down), .key(.down), .text(" ")], [.text("1")], [.key(.down), .text("1")]]
        for pre in variants {
            var a = s
            for p in pre { a.update(p) }
            // The pre-steps must keep the screen: they only set up a position.
            guard a.keyContext == s.keyContext, a.binding(for: e) != nil else { continue }
            let before = a.fingerprint
            let effect = a.update(e)
            if effect != .none || a.fingerprint != before { return true }
        }
        return false
    }

    @Test(arguments: UsageMode.all)
    func everyShownKeyWorksAndEveryWorkingKeyIsShown(_ mode: UsageMode) {
        var reached = 0
        var failures: [String] = []
        for ctx in KeyContext.allCases {
            guard let s = UIFixtures.reach(ctx, mode) else { continue }
            reached += 1
            var h = s
            h.push(.help(scroll: 0))
            let help = h.helpLines().map(\.text).joined(separator: "\n")
            let live = s.bindings(for: ctx)
            // Every binding that applies is on the help screen.
            for b in live where !help.contains(s.config.glyphs.key(b.label)) {
                failures.append("\(ctx): \(b.label) missing from help")
            }
            // Every key handled goes to a listed binding and does something; unhandled keys do nothing.
            for e in Self.universe + live.flatMap({ $0.keys.flatMap(\.samples) }) {
                if let b = s.binding(for: e) {
                    if !live.contains(where: { $0.label == b.label && $0.help == b.help }) { failures.append("\(ctx): \(e) handled by unlisted \(b.label)") }
                    // A click does something only where there is something to click: not checked here.
                    if case .mouse(_, _, .click) = e { continue }
                    if !Self.acts(e, on: s) { failures.append("\(ctx): \(e) (\(b.label)) is listed but does nothing") }
                } else {
                    var a = s
                    let before = a.fingerprint
                    if a.update(e) != .none || a.fingerprint != before { failures.append("\(ctx): \(e) is not listed but did something") }
                }
            }
            // Every key on the hint bar reaches the binding it names.
            let bar = s.view().row(s.height - 1)
            for b in live where b.short != nil {
                let item = s.config.glyphs.key(b.label) + " " + (b.short ?? "")
                guard bar.contains(item) else { continue }
                let hits = b.keys.flatMap(\.samples).contains { e in s.binding(for: e).map { $0.label == b.label } ?? false }
                if !hits { failures.append("\(ctx): bar shows \(item) but its keys go elsewhere") }
            }
        }
        #expect(reached >= 13, "reached \(reached) screens")
        #expect(failures.isEmpty, Comment(rawValue: "\(mode):\n" + Array(Set(failures)).sorted().joined(separator: "\n")))
    }

    @Test func barsShowWholeItemsAndTheWayHome() {
        var failures: [String] = []
        for mode in UsageMode.all {
            for ctx in KeyContext.allCases {
                guard let s = UIFixtures.reach(ctx, mode) else { continue }
                var bar = s.view().row(23)
                if mode.isKiosk { bar = bar.replacingOccurrences(of: AppState.kioskButtons, with: "") }
                let items = Set(s.barItems(for: ctx))
                for piece in bar.split(separator: "  ").map({ $0.trimmingCharacters(in: .whitespaces) }) where !piece.isEmpty {
                    if !items.contains(piece) { failures.append("\(mode) \(ctx): '\(piece)' is not a whole bar item") }
                }
                if ctx != .home && ctx != .staffExit && !mode.isKiosk && !bar.contains("F10 home") {
                    failures.append("\(mode) \(ctx): no way home on \(bar)")
                }
            }
        }
        #expect(failures.isEmpty, Comment(rawValue: "\n" + failures.joined(separator: "\n")))
    }
}
