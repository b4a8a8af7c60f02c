import LocalOfferCore

extension KeyMap {
    /// Editing keys shared by every text field.
    static let fields: [KeyBinding] = [
        KeyBinding([.key(.backspace)], "Backspace", help: .keysField1,
                   in: KeyContext.fields) { s, _ in
            // Held down to clear a file name, Backspace must not cancel the save as well.
            if s.fieldText.isEmpty { if s.keyContext != .save { s.back() } } else { s.editField { $0.backspace() } }
            return .none
        },
        KeyBinding([.key(.delete)], "Delete", help: .keysField2, in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteForward() }
            return .none
        },
        KeyBinding([.key(.left), .key(.right)], "←→", help: .keysField3, in: KeyContext.fields) { s, e in
            s.editField { if e == .key(.left) { $0.left() } else { $0.right() } }
            return .none
        },
        KeyBinding([.key(.home), .key(.ctrl("a"))], "Home", help: .keysField4, in: KeyContext.fields) { s, _ in
            s.editField { $0.home() }
            return .none
        },
        KeyBinding([.key(.end), .key(.ctrl("e"))], "End", help: .keysField5, in: KeyContext.fields) { s, _ in
            s.editField { $0.end() }
            return .none
        },
        KeyBinding([.key(.wordLeft), .key(.wordRight), .key(.alt("b")), .key(.alt("f"))], "Ctrl-←→",
                   help: .keysField6, in: KeyContext.fields) { s, e in
            s.editField { if e == .key(.wordLeft) || e == .key(.alt("b")) { $0.wordLeft() } else { $0.wordRight() } }
            return .none
        },
        KeyBinding([.key(.ctrl("w")), .key(.altBackspace)], "Ctrl-W", help: .keysField7,
                   in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteWordBack() }
            return .none
        },
        KeyBinding([.key(.ctrl("u"))], "Ctrl-U", help: .keysField8, in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteToStart() }
            return .none
        },
        KeyBinding([.key(.ctrl("k"))], "Ctrl-K", help: .keysField9, in: KeyContext.fields) { s, _ in
            s.editField { $0.deleteToEnd() }
            return .none
        },
    ]
}

extension AppState {
    // MARK: text fields

    /// The text in the field on screen (search, glossary, file name, a typed answer).
    var fieldText: String {
        switch screen {
        case .search(let q, _): return q
        case .glossary(let q, _, _): return q
        case .save(let p): return p
        case .flow(let fs): return fs.input
        default: return ""
        }
    }

    /// How long each field may grow.
    static let searchLimit = 200
    static let fieldLimits: [KeyContext: Int] = [.search: searchLimit, .glossary: 100, .save: 200, .flowInput: 20]

    /// The field on screen as a `TextField` (cursor included).
    public var field: TextField {
        TextField(fieldText, cursor: fieldCursor, limit: AppState.fieldLimits[keyContext] ?? 100)
    }

    /// Edits the field on screen and writes it back to the screen it belongs to.
    mutating func editField(_ edit: (inout TextField) -> Void) {
        var f = field
        let before = f
        edit(&f)
        fieldCursor = f.cursor
        if f.text == before.text && keyContext != .search { return }
        switch screen {
        case .search(let q, let sel):
            if f.text != q { screen = .search(query: f.text, selection: 0) } else { screen = .search(query: q, selection: sel) }
            message = f.isFull ? tr(.searchLimited, ["n": "\(AppState.searchLimit)"]) : nil
        case .glossary(_, _, let entry):
            // Typing looks the word up in the whole glossary, not only this page's words.
            screen = .glossary(query: f.text, scroll: 0, entry: f.text.isEmpty ? entry : nil)
        case .save:
            screen = .save(path: f.text)
        case .flow(var fs):
            fs.input = f.text
            fs.error = nil
            screen = .flow(fs)
        default:
            break
        }
    }
}
