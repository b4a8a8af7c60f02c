import LocalOfferCore

extension KeyMap {
    /// The save prompt's keys.
    static let save: [KeyBinding] = [
        KeyBinding([.printable], "type", short: .keysShortAFileName, help: .keysSave1, in: [.save]) { s, e in
            // Bounded, and controls never enter the name.
            guard case .save(let path) = s.screen, case .text(let c) = e, path.count < TakeawayFile.maxNameLength,
                  !c.unicodeScalars.contains(where: Sanitize.isUnsafe) else { return .none }
            s.editField { $0.insert(c) }
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: .keysShortSave, help: .keysSave2, in: [.save]) { s, _ in
            guard case .save(let path) = s.screen else { return .none }
            if let problem = TakeawayFile.problem(with: path) {
                // A bad name is explained on the status line and nothing is written.
                s.message = problem
                return .none
            }
            s.pop()
            return .saveTakeaway(path: path)
        },
        KeyBinding([.key(.escape)], "Esc", short: .keysShortCancel, help: .keysSave3, in: [.save]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    func drawSave(_ b: inout Buffer) {
        title(&b, tr(.saveTitle))
        b.put(tr(.savePrompt), x: 1, y: 3)
        if let dir = config.saveDirectory {
            b.put(fit(tr(.saveWhere, ["dir": dir]), width - 2), x: 1, y: 9, style: config.theme.style(.dim))
        }
        drawField(&b, x: 1, y: 5, maxX: width - 1, style: Style(underline: true))
        b.put(tr(.saveOnlyThis), x: 1, y: 7, style: config.theme.style(.dim))
    }
}
