import LocalOfferCore

extension KeyMap {
    /// A flow outcome page's keys.
    static let flowOutcome: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .key(.tab), .key(.backTab)], "↑↓", short: S.flowKeyMoveShort.english,
                   help: S.flowOutcomeMoveHelp.english, in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.pageUp), .key(.pageDown), .char(" "), .key(.home), .key(.end), .wheel], "PgUp PgDn",
                   help: S.flowOutcomeScrollHelp.english, in: [.flowOutcome], when: { $0.outcomeScrolls }) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: S.flowOutcomeOpenShort.english, help: S.flowOutcomeOpenHelp.english,
                   in: [.flowOutcome]) { s, e in
            s.outcomeKey(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: S.flowOutcomeAddShort.english, help: S.flowOutcomeAddHelp.english,
                   in: [.flowOutcome]) { s, _ in
            s.outcomeKey(.text("a"))
            return .none
        },
    ]
}
