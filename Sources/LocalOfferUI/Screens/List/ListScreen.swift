import LocalOfferCore

extension KeyMap {
    /// The keys of every list of entries, groups or guides.
    static let lists: [KeyBinding] = [
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: .keysShortMove,
                   help: .keysList1, in: [.list, .categories, .flows],
                   when: { $0.listCount > 1 }) { s, e in
            s.moveList(e)
            return .none
        },
        KeyBinding([.key(.enter), .key(.right), .click], "Enter", short: .keysShortOpen, help: .keysList2,
                   in: [.list, .categories, .flows]) { s, e in
            s.openList(e)
            return .none
        },
        KeyBinding([.char("a"), .key(.ctrl("t"))], "a", short: .keysShortAddToList, help: .keysList3,
                   in: [.list]) { s, _ in
            if case .list(_, let ids, let sel) = s.screen, sel < ids.count { s.toggleList(ids[sel]) }
            return .none
        },
        KeyBinding(backKeys, "Esc", short: .keysShortBack, help: .keysList4, in: [.list, .categories, .flows]) { s, _ in
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
        case .categories: return browseGroups.count
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

    /// The list on screen as drawn: the same value places the items and reads clicks.
    var listWidget: SelectableList { SelectableList(count: listCount, selection: listSelection, top: 3, rows: listRows, rowHeight: 2) }

    /// The browse groups, built once per content (they sort every entry).
    var browseGroups: [BrowseGroup] { pages.groups?.generation == contentGeneration ? pages.groups?.groups ?? [] : content.browseGroups }

    mutating func moveList(_ e: Event) {
        if let n = move(e, listSelection, count: listCount) { reselectList(n) }
    }

    mutating func openList(_ e: Event) {
        var i = listSelection
        if case .mouse(_, let y, _) = e {
            guard let hit = listWidget.item(atY: y) else { return }
            i = hit
        }
        guard i >= 0, i < listCount else { return }
        reselectList(i)
        switch screen {
        case .list(_, let ids, _): push(.entry(id: ids[i], scroll: 0))
        case .categories:
            let groups = browseGroups
            guard i < groups.count else { return }
            let g = groups[i]
            push(.list(title: g.label, ids: g.ids, selection: 0))
        case .flows: startFlow(content.flows[i].id)
        default: break
        }
    }
}

extension AppState {
    /// A list screen: only the items on screen are looked up (`item` gives a title and a line).
    func drawList(_ b: inout Buffer, _ heading: String, item: (Int) -> (String, String)) {
        let g = config.glyphs
        title(&b, heading)
        let list = listWidget
        if list.count == 0 {
            b.put(heading == tr(.listMine) ? tr(.listEmptyMine) : tr(.listEmpty), x: 1, y: 3)
            return
        }
        for k in list.visible {
            let item = ("", item(k).0, item(k).1)
            let y = list.y(of: k)
            let selected = k == list.selection
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate(item.1, to: width - 3, glyphs: g), x: 1, y: y, style: style)
            if selected { b.cursor = Point(x: 1, y: y) }
            b.put(DisplayWidth.truncate(item.2, to: width - 5, glyphs: g), x: 3, y: y + 1, style: config.theme.style(.dim))
        }
    }
}
