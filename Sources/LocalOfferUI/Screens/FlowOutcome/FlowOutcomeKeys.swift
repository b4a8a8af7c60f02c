import LocalOfferCore

extension KeyMap {
    /// A flow outcome page's keys.
    static let flowOutcome: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .key(.tab), .key(.backTab)], "↑↓", short: "move",
                   help: "Read the text line by line, then move between services (also j, k, Tab).", in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" "), .key(.home), .key(.end), .wheel], "PgUp PgDn",
                   help: "Scroll a page (also Space, Home, End, the wheel).", in: [.flowOutcome], when: { $0.outcomeScrolls }) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: "open", help: "Open the service chosen, or see all (also →, or a click).",
                   in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: "add to list", help: "Add the service chosen to my list, or take it off (also Ctrl-T).",
                   in: [.flowOutcome]) { s, _ in
            s.outcomeKey(.text("a"))
            return .none
        },
    ]
}
