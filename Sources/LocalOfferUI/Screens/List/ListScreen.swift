import LocalOfferCore

extension KeyMap {
    /// The keys of every list of entries, groups or guides.
    static let lists: [KeyBinding] = [
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: "move",
                   help: "Move (also j, k, Tab, PgUp, PgDn, Home, End, the wheel).", in: [.list, .categories, .flows],
                   when: { $0.listCount > 1 }) { s, e in
            s.moveList(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: "open", help: "Open the item chosen (also →, or a click).",
                   in: [.list, .categories, .flows]) { s, e in
            s.openList(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: "add to list", help: "Add the item chosen to my list, or take it off (also Ctrl-T).",
                   in: [.list]) { s, _ in
            if case .list(_, let ids, let sel) = s.screen, sel < ids.count { s.toggleList(ids[sel]) }
            return .none
        },
        KeyBinding(backKeys, "Esc", short: "back", help: "Go back (also Backspace, ← or h).", in: [.list, .categories, .flows]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    // MARK: lists

    var listCount: Int {
        switch screen {
        case .list(_, let ids, _): return ids.count
        case .categories: return content.browseGroups.count
        case .flows: return content.flows.count
        default: return 0
        }
    }

    var listSelection: Int {
        switch screen {
        case .list(_, _, let sel), .categories(let sel), .flows(let sel): return sel
        default: return 0
        }
    }

    mutating func reselectList(_ n: Int) {
        switch screen {
        case .list(let t, let ids, _): screen = .list(title: t, ids: ids, selection: n)
        case .categories: screen = .categories(selection: n)
        case .flows: screen = .flows(selection: n)
        default: break
        }
    }

    var listRows: Int { max(1, (height - 5) / 2) }

    mutating func moveList(_ e: Event) {
        if let n = move(e, listSelection, count: listCount) { reselectList(n) }
    }

    mutating func openList(_ e: Event) {
        var i = listSelection
        if case .mouse(_, let y, _) = e {
            let first = max(0, listSelection - listRows + 1)
            guard y >= 3, (y - 3) / 2 < listRows else { return }
            i = first + (y - 3) / 2
        }
        guard i >= 0, i < listCount else { return }
        reselectList(i)
        switch screen {
        case .list(_, let ids, _): push(.entry(id: ids[i], scroll: 0))
        case .categories:
            let g = content.browseGroups[i]
            push(.list(title: g.label, ids: g.ids, selection: 0))
        case .flows: startFlow(content.flows[i].id)
        default: break
        }
    }
}

extension AppState {
    func drawList(_ b: inout Buffer, _ heading: String, _ items: [(String, String, String)], _ sel: Int) {
        let g = config.glyphs
        title(&b, heading)
        if items.isEmpty {
            b.put(heading == tr(.listMine) ? tr(.listEmptyMine) : tr(.listEmpty), x: 1, y: 3)
            return
        }
        let rows = listRows
        let first = max(0, sel - rows + 1)
        for (k, item) in items.enumerated().dropFirst(first).prefix(rows) {
            let y = 3 + (k - first) * 2
            let selected = k == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate(item.1, to: width - 3, glyphs: g), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(item.2, to: width - 5, glyphs: g), x: 3, y: y + 1, style: config.theme.style(.dim))
        }
    }
}
