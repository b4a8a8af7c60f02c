import LocalOfferCore

extension KeyMap {
    /// The home screen's keys.
    static let home: [KeyBinding] = [
        KeyBinding([.printable], "type", short: .keysShortToSearch,
                   help: .keysHome1, in: [.home]) { s, e in
            guard case .text(let c) = e else { return .none }
            s.push(.search(query: "", selection: 0))
            s.editField { $0.insert(c) }
            return .none
        },
        KeyBinding([.key(.up), .key(.down), .key(.tab), .key(.backTab), .key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel],
                   "↑↓", short: .keysShortMenu, help: .keysHome2,
                   in: [.home]) { s, e in
            if case .home(let sel) = s.screen, let n = s.move(e, sel, count: AppState.homeItems.count) { s.screen = .home(selection: n) }
            return .none
        },
        KeyBinding([.key(.enter), .key(.right)], "Enter", short: .keysShortOpen, help: .keysHome3,
                   in: [.home]) { s, _ in
            if case .home(let sel) = s.screen { s.openHome(sel) }
            return .none
        },
        KeyBinding([.altDigit], "Alt-1…9", short: .keysShortItem, help: .keysHome4, in: [.home],
                   accepts: { _, e in if case .key(.alt(let c)) = e { return (Chars.asciiDigit(c) ?? 0) >= 1 } else { return false } }) { s, e in
            if case .key(.alt(let c)) = e, let n = Chars.asciiDigit(c), n >= 1, n < AppState.homeItems.count { s.openHome(n) }
            return .none
        },
        KeyBinding([.click], "click", help: .keysHome5, in: [.home]) { s, e in
            if case .mouse(_, let y, _) = e, y >= 3, (y - 3) % 2 == 0, (y - 3) / 2 < AppState.homeItems.count { s.openHome((y - 3) / 2) }
            return .none
        },
    ]
}

extension AppState {
    // MARK: home

    mutating func openHome(_ i: Int) {
        screen = .home(selection: i)
        switch i {
        case 0: push(.search(query: "", selection: 0))
        case 1: startFlow("find-support")
        case 2: startFlow("worried-about-my-child")
        case 3: push(.list(title: tr(.listAToZ), ids: content.entriesByTitle.map(\.id), selection: 0))
        case 4: push(.categories(selection: 0))
        case 5: push(.glossary(query: "", scroll: 0))
        case 6: push(.list(title: tr(.listTalk), ids: content.talkToEntries.map(\.id), selection: 0))
        case 7: push(.flows(selection: 0))
        case 8: push(.list(title: tr(.listMine), ids: session.myList, selection: 0))
        case 9: push(.profile(selection: 0))
        default: break
        }
    }

    mutating func startFlow(_ id: String) {
        if content.flow(id) != nil {
            push(.flow(FlowScreen(id: id)))
        } else {
            message = tr(.flowUnavailable)
        }
    }
}

extension AppState {
    /// The home screen: the search box on top (selection 0), then the menu. Whatever is typed here
    /// goes into the search; the menu is reached by arrows, Tab, Alt-number, a click or a touch.
    func drawHome(_ b: inout Buffer, _ sel: Int) {
        let g = config.glyphs
        title(&b, tr(.homeTitle))
        let boxStyle = sel == 0 ? config.theme.style(.selected) : config.theme.style(.body)
        b.fill(y: 3, style: boxStyle, from: 1, to: 50)
        let end = b.put(tr(.homeSearchBox), x: 1, y: 3, style: boxStyle)
        b.put(tr(.homeTypeHere), x: end, y: 3, style: config.theme.style(.dim))
        for (i, item) in homeItems.enumerated().dropFirst() {
            let y = 3 + i * 2
            if y >= height - 2 { break }
            let label = " Alt-\(i)  \(item)" + (i == 8 && !session.myList.isEmpty ? " (\(session.myList.count))" : "")
            let style = i == sel ? config.theme.style(.selected) : config.theme.style(.body)
            if i == sel { b.fill(y: y, style: style, from: 1, to: 50) }
            b.put(DisplayWidth.truncate(label, to: 49, glyphs: g), x: 1, y: y, style: style, maxX: 50)
            if i == sel { b.cursor = Point(x: 1, y: y) }
        }
        if sel == 0 { b.cursor = Point(x: end, y: 3) }
        let side = tr(.homeSide)
        for (i, l) in Wrap.lines(g.text(side), width: width - 53).enumerated() where 3 + i < height - 2 {
            b.put(l, x: 52, y: 3 + i, style: config.theme.style(.dim))
        }
        if config.mode == .kiosk {
            let lines = Wrap.lines(tr(.homeKioskStartAgain), width: width - 53)
            for (i, l) in lines.enumerated() { b.put(l, x: 52, y: height - 3 - lines.count + i, style: config.theme.style(.dim)) }
        }
    }
}
