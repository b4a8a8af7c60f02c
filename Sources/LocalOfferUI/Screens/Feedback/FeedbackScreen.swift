import Foundation
import LocalOfferCore

/// "Tell the Local Offer team" (regulation 56 of the SEND Regulations 2014: the council seeks
/// families' comments on its Local Offer). Fixed choices only, so nothing a visitor types is kept;
/// the front end records the choice by its mode's rules (`Effect.feedback`), the screen never does.
extension KeyMap {
    /// The ways in, on the screens where a family may want to say something: a key and a touch
    /// target drawn on the status line (the same place `feedbackTarget` computes for both).
    static let feedbackTargets: [KeyBinding] = [
        // Not on the entry's bar (its way home needs the room): the target on screen shows it.
        KeyBinding([.char("f")], "f", short: .keysShortTellUs,
                   help: .keysFeedback1,
                   in: [.entry], bar: []) { s, _ in
            if case .entry(let id, _) = s.screen { s.push(.feedback(entry: id, query: nil, selection: 0)) }
            return .none
        },
        KeyBinding([.key(.ctrl("f"))], "Ctrl-F", short: .keysShortNotFound,
                   help: .keysFeedback2,
                   in: [.search], when: { !$0.feedbackQuery.isEmpty }) { s, _ in
            s.push(.feedback(entry: nil, query: s.feedbackQuery, selection: 0))
            return .none
        },
        KeyBinding([.click], "touch [ Tell the Local Offer team ]", help: .keysFeedback3,
                   in: [.entry, .search], accepts: { s, e in
            guard case .mouse(let x, let y, .click) = e, let t = s.feedbackTarget else { return false }
            return y == t.y && t.x.contains(x)
        }) { s, _ in
            if case .entry(let id, _) = s.screen { s.push(.feedback(entry: id, query: nil, selection: 0)) }
            else if !s.feedbackQuery.isEmpty { s.push(.feedback(entry: nil, query: s.feedbackQuery, selection: 0)) }
            return .none
        },
    ]

    /// The feedback screen's own keys.
    static let feedback: [KeyBinding] = [
        KeyBinding([.key(.up), .key(.down), .char("j"), .char("k"), .wheel], "↑↓", short: .keysShortMove, help: .keysFeedback4,
                   in: [.feedback]) { s, e in
            guard case .feedback(let entry, let query, let sel) = s.screen,
                  let next = s.move(e, sel, count: s.feedbackChoices.count) else { return .none }
            s.screen = .feedback(entry: entry, query: query, selection: next)
            return .none
        },
        KeyBinding([.key(.enter)], "Enter", short: .keysShortSend, help: .keysFeedback5, in: [.feedback]) { s, _ in
            guard case .feedback(_, _, let sel) = s.screen else { return .none }
            return s.sendFeedback(sel)
        },
        KeyBinding([.digit], "1-4", help: .keysFeedback6, in: [.feedback],
                   accepts: { s, e in
            guard case .text(let c) = e, let d = Chars.asciiDigit(c) else { return false }
            return d >= 1 && d <= s.feedbackChoices.count
        }) { s, e in
            guard case .text(let c) = e, let d = Chars.asciiDigit(c) else { return .none }
            return s.sendFeedback(d - 1)
        },
        KeyBinding([.click], "click", help: .keysFeedback7, in: [.feedback]) { s, e in
            guard case .mouse(_, let y, _) = e, let i = s.feedbackList.item(atY: y) else { return .none }
            return s.sendFeedback(i)
        },
        KeyBinding(backKeys, "Esc", short: .keysShortBack, help: .keysFeedback8, in: [.feedback]) { s, _ in
            s.pop()
            return .none
        },
    ]
}

extension AppState {
    /// What the search on screen asked, for "could not find what I needed".
    var feedbackQuery: String {
        if case .search(let q, _) = screen { return q.trimmingCharacters(in: .whitespaces) }
        return ""
    }

    var feedbackChoices: [FeedbackChoice] {
        if case .feedback(let entry, _, _) = screen, entry == nil { return FeedbackChoice.forSearch }
        return FeedbackChoice.allCases
    }

    /// The answers as a list: drawing and touches both read it.
    var feedbackList: SelectableList {
        let sel: Int
        if case .feedback(_, _, let s) = screen { sel = s } else { sel = 0 }
        return SelectableList(count: feedbackChoices.count, selection: sel, top: 6, rows: max(1, (height - 9) / 2), rowHeight: 2)
    }

    /// The touch target at the left of the status line (the entry's position shows at its right);
    /// shown only when no message is there.
    var feedbackTarget: (x: Range<Int>, y: Int)? {
        guard message == nil, idleRemaining.map({ $0 > config.warningSeconds }) ?? true else { return nil }
        switch screen {
        case .entry: break
        case .search: if feedbackQuery.isEmpty { return nil }
        default: return nil
        }
        let w = DisplayWidth.of(tr(.feedbackTarget))
        return (1..<(1 + w), height - 2)
    }

    /// The choice made: back to where the family was, and the effect that records it.
    mutating func sendFeedback(_ i: Int) -> Effect {
        guard case .feedback(let entry, let query, _) = screen else { return .none }
        let choices = feedbackChoices
        guard i >= 0, i < choices.count else { return .none }
        pop()
        message = tr(.feedbackThanks)
        return .feedback(entry: entry, query: query, choice: choices[i])
    }

    func drawFeedbackTarget(_ b: inout Buffer) {
        guard let t = feedbackTarget else { return }
        b.put(config.glyphs.text(tr(.feedbackTarget)), x: t.x.lowerBound, y: t.y, style: config.theme.style(.selected))
    }

    func drawFeedback(_ b: inout Buffer, entry: String?, query: String?, _ sel: Int) {
        let g = config.glyphs
        title(&b, tr(.feedbackTitle))
        let about = entry.map { tr(.feedbackAboutEntry, ["title": content.entry($0)?.title ?? $0]) } ?? tr(.feedbackAboutSearch)
        var y = 2
        for l in Wrap.lines(g.text(about), width: width - 4).prefix(2) { b.put(l, x: 2, y: y, style: config.theme.style(.body)); y += 1 }
        for l in Wrap.lines(g.text(tr(.feedbackKept)), width: width - 4).prefix(2) { b.put(l, x: 2, y: y, style: config.theme.style(.dim)); y += 1 }
        let list = feedbackList
        let choices = feedbackChoices
        for i in list.visible {
            let row = list.y(of: i)
            let selected = i == list.selection
            let style = selected ? config.theme.style(.selected) : config.theme.style(.body)
            if selected { b.fill(y: row, style: style, from: 1, to: width - 1) }
            b.put(fit("\(i + 1). " + choices[i].label, width - 6), x: 3, y: row, style: style)
            if selected { b.cursor = Point(x: 3, y: row) }
        }
        b.put(fit(tr(.feedbackHint), width - 4), x: 2, y: height - 3, style: config.theme.style(.dim))
    }
}
