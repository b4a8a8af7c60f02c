import LocalOfferCore

extension KeyMap {
    /// About your child: its keys.
    static let profile: [KeyBinding] = [
        KeyBinding(moveKeys + [.key(.pageUp), .key(.pageDown), .key(.home), .key(.end), .wheel], "↑↓", short: .keysShortMove,
                   help: .keysProfile1, in: [.profile]) { s, e in
            if case .profile(let sel) = s.screen, let n = s.move(e, sel, count: AppState.profileRows) { s.screen = .profile(selection: n) }
            return .none
        },
        KeyBinding([.key(.left), .key(.right), .key(.enter), .char(" "), .click], "←→", short: .keysShortChange,
                   help: .keysProfile2, in: [.profile]) { s, e in
            s.changeProfile(e)
            return .none
        },
        KeyBinding([.digit], "0…9", help: .keysProfile3, in: [.profile], when: { $0.screen == .profile(selection: 1) }) { s, e in
            if case .text(let c) = e, let d = Chars.asciiDigit(c) { s.typeAge(d) }
            return .none
        },
        KeyBinding([.key(.escape), .key(.backspace), .char("h")], "Esc", short: .keysShortDone, help: .keysProfile4,
                   in: [.profile]) { s, e in
            if e == .key(.backspace), case .profile(1) = s.screen, let age = s.session.profile.age {
                s.session.profile.age = age >= 10 ? age / 10 : nil
            } else {
                s.pop()
            }
            return .none
        },
    ]
}

extension AppState {
    /// Rows of the profile screen: borough, age, status, then one per need area.
    static let profileRows = 3 + NeedArea.allCases.count

    mutating func changeProfile(_ e: Event) {
        guard case .profile(var sel) = screen else { return }
        if case .mouse(_, let y, _) = e {
            guard y >= 3, (y - 3) % 2 == 0, (y - 3) / 2 < AppState.profileRows else { return }
            sel = (y - 3) / 2
            screen = .profile(selection: sel)
        }
        guard sel >= 0, sel < AppState.profileRows else { return }
        let back = e == .key(.left)
        var p = session.profile
        func cycle<T: Equatable>(_ value: T?, _ all: [T]) -> T? {
            let options: [T?] = [nil] + all.map(Optional.some)
            let i = options.firstIndex { $0 == value } ?? 0
            return options[(i + (back ? options.count - 1 : 1)) % options.count]
        }
        switch sel {
        case 0: p.borough = cycle(p.borough, Borough.allCases)
        case 1: p.age = back ? (p.age.map { max(0, $0 - 1) }) : (p.age.map { min(25, $0 + 1) } ?? 0)
        case 2: p.status = cycle(p.status, Status.allCases)
        default:
            let area = NeedArea.allCases[sel - 3]
            if p.needs.contains(area) { p.needs.remove(area) } else { p.needs.insert(area) }
        }
        session.profile = p
    }

    /// A digit typed on the Age row: "1" then "2" is 12; a digit that would go past 25 starts again.
    mutating func typeAge(_ d: Int) {
        guard case .profile(1) = screen else { return }
        let typed = (session.profile.age ?? 0) * 10 + d
        session.profile.age = session.profile.age != nil && validAges.contains(typed) ? typed : d
    }
}

extension AppState {
    func drawProfile(_ b: inout Buffer, _ sel: Int) {
        let g = config.glyphs
        title(&b, tr(.profileTitle))
        let p = session.profile
        var rows = [
            (tr(.profileWhere), p.borough?.fullName ?? tr(.profileNotSet)),
            (tr(.profileAge), p.age.map { "\($0)" } ?? tr(.profileNotSet)),
            (tr(.profileSupport), p.status.map { s -> String in
                switch s {
                case .none: return tr(.profileNothingFormal)
                case .senSupport: return tr(.profileSENSupport)
                case .ehcp: return tr(.profileEHCP)
                }
            } ?? tr(.profileNotSet)),
        ]
        for a in NeedArea.allCases { rows.append((tr(.profileFindsHard, ["need": a.label]), p.needs.contains(a) ? tr(.profileYes) : tr(.profileNo))) }
        for (i, r) in rows.enumerated() {
            let y = 3 + i * 2
            let selected = i == sel
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: y, style: style, from: 1, to: width - 1) }
            b.put(DisplayWidth.truncate(r.0, to: 50, glyphs: g), x: 2, y: y, style: style)
            b.put(g.text("‹ " + r.1 + " ›"), x: 54, y: y, style: style, maxX: width - 1)
            if selected { b.cursor = Point(x: 2, y: y) }
        }
        let help = tr(.profileHelp)
        for (i, l) in Wrap.lines(g.text(help), width: width - 4).enumerated() where 4 + rows.count * 2 - 1 + i < height - 2 {
            b.put(l, x: 2, y: 4 + rows.count * 2 - 1 + i, style: config.theme.style(.dim))
        }
    }
}
