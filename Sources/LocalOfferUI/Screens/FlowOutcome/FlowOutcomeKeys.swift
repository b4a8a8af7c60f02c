import LocalOfferCore

extension KeyMap {
    /// A flow outcome page's keys.
    static let flowOutcome: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .key(.tab), .key(.backTab)], "↑↓", short: .flowKeyMoveShort,
                   help: .flowOutcomeMoveHelp, in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" "), .key(.home), .key(.end), .wheel], "PgUp PgDn",
                   help: .flowOutcomeScrollHelp, in: [.flowOutcome], when: { $0.outcomeScrolls }) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: .flowOutcomeOpenShort, help: .flowOutcomeOpenHelp,
                   in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: .flowOutcomeAddShort, help: .flowOutcomeAddHelp,
                   in: [.flowOutcome]) { s, _ in
            s.outcomeKey(.text("a"))
            return .none
        },
    ]
}
