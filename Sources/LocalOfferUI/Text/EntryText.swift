import LocalOfferCore

/// What the program says about an entry, as styled lines. The CLI, plain mode and the full screen
/// all use it, so an entry reads the same everywhere.
public enum LineStyle: Sendable, Hashable {
    case title, heading, body, dim, verdict(Verdict), link
}

public struct StyledLine: Sendable, Hashable {
    public var text: String
    public var style: LineStyle
    /// An entry id this line leads to (a related entry, an alternative), for the navigator.
    public var target: String?
    public init(_ text: String, _ style: LineStyle = .body, target: String? = nil) {
        self.text = text
        self.style = style
        self.target = target
    }
}

public enum EntryText {
    public static func verdictLine(_ e: Eligibility) -> String { e.line }

    /// The entry's lines. With the family's borough known, the answer comes first, in
    /// `EntryAnswer`'s order (the one `show --borough` and the take-away use): the verdict, how to
    /// get it here, how to reach them, then the rest. `numberLinks` puts "[N] " before each link's
    /// arrow (the navigator's link numbers), before wrapping, so a long link wraps under itself.
    public static func lines(for entry: Entry, in content: Content, profile: Profile, width: Int,
                             mode: UsageMode = .family, sideBySide: Bool = false, glyphs: Glyphs = .unicode,
                             numberLinks: Bool = false, firstScreen: Int? = nil) -> [StyledLine] {
        if let borough = profile.borough {
            let answer = EntryAnswer(entry: entry, borough: borough, profile: profile, content: content, detail: mode.role != .none)
            return answerLines(answer, content: content, width: width, glyphs: glyphs, numberLinks: numberLinks, firstScreen: firstScreen)
        }
        var links = LinkNumbers(content: content, on: numberLinks)
        var out: [StyledLine] = []
        func para(_ text: String, _ style: LineStyle = .body, prefix: String = "", target: String? = nil) {
            for l in Wrap.indent(glyphs.text(text), width: width, prefix: glyphs.text(prefix)) { out.append(StyledLine(l, style, target: target)) }
        }
        func blank() { if out.last?.text.isEmpty == false { out.append(StyledLine("")) } }
        func heading(_ t: String) {
            blank()
            para(t, .heading)
        }

        para(entry.title, .title)
        para(entry.summary)
        let kind = entry.kind == .guide ? tr(.kindGuide) : content.categoryLabel(entry.category)
        para(tr(.entryKindLine, ["kind": kind, "from": String(entry.ages.lowerBound), "to": String(entry.ages.upperBound),
                                 "place": content.placeLine(entry) ?? tr(.cliBothBoroughsLower)]), .dim)

        heading(tr(.entryWhoFor))
        if profile.constrainsEligibility {
            let e = content.eligibility(of: entry, profile: profile)
            para(tr(.entryForChild, ["profile": profile.summary]) + verdictLine(e), .verdict(e.verdict))
            for id in e.instead { out += links.line(content.title(of: id), lead: "  ", width: width, glyphs: glyphs, target: id) }
        }
        para(tr(.entryNeedAreas, ["areas": entry.needAreas.map(\.label).joined(separator: "; ")]), .body)
        if !entry.eligibility.isEmpty {
            for s in Status.allCases {
                guard let r = entry.eligibility[s] else { continue }
                para(tr(.entryWithStatus, ["status": s.label, "badge": Eligibility.ruleBadge(r.verdict), "reason": r.reason]), .verdict(r.verdict), prefix: "• ")
                for id in r.instead { out += links.line(content.title(of: id), lead: "    ", arrow: tr(.answerInsteadLabel), width: width, glyphs: glyphs, target: id) }
            }
        }

        heading(entry.differsByBorough ? tr(.entryDiffer) : tr(.entryBothBoroughs))
        let parts = Borough.allCases.compactMap { b in entry.boroughs[b].map { (b, $0) } }
        let showBoth = entry.differsByBorough || profile.borough == nil || mode.role == .adviser
        let chosen = showBoth ? parts : parts.filter { $0.0 == profile.borough }
        if sideBySide && showBoth && chosen.count == 2 && width >= 76 {
            let col = (width - 3) / 2
            let left = boroughLines(chosen[0].0, chosen[0].1, content: content, width: col, glyphs: glyphs, links: &links)
            let right = boroughLines(chosen[1].0, chosen[1].1, content: content, width: col, glyphs: glyphs, links: &links)
            for i in 0..<max(left.count, right.count) {
                let l = i < left.count ? left[i] : StyledLine("")
                let r = i < right.count ? right[i] : StyledLine("")
                let pad = String(repeating: " ", count: max(0, col - DisplayWidth.cells(l.text)))
                out.append(StyledLine(l.text + pad + glyphs.text(" │ ") + r.text, i == 0 ? .heading : .body))
            }
        } else if !entry.differsByBorough && profile.borough == nil, let first = parts.first {
            out += boroughLines(nil, first.1, content: content, width: width, glyphs: glyphs, links: &links)
        } else {
            for (b, p) in chosen { out += boroughLines(b, p, content: content, width: width, glyphs: glyphs, links: &links) }
        }

        if !entry.description.isEmpty {
            heading(tr(.answerAbout))
            para(entry.description)
        }
        if !entry.steps.isEmpty {
            heading(tr(.answerSteps))
            for (i, s) in entry.steps.enumerated() {
                para("\(i + 1). \(s.title)", .heading)
                if !s.text.isEmpty { para(s.text, prefix: "   ") }
                for id in s.entries { out += links.line(content.title(of: id), lead: "   ", width: width, glyphs: glyphs, target: id) }
            }
        }
        if let c = entry.contact, !c.isEmpty {
            heading(tr(.entryContact))
            for l in c.lines { para(l) }
        } else if Borough.allCases.allSatisfy({ entry.boroughs[$0]?.contact == nil }) {
            heading(tr(.entryContact))
            para(tr(.answerNoContact))
        }
        if let cost = entry.cost { para(tr(.entryCostLine, ["cost": cost])) }

        if mode.role != .none, let t = entry.talkingPoints, !t.isEmpty {
            heading(tr(.answerTalkingPoints))
            for a in t.ask { para(a, prefix: tr(.labelAsk)) }
            for b in t.bring { para(b, prefix: tr(.labelBring)) }
            for n in t.next { para(n, prefix: tr(.labelNext)) }
        }
        if mode.role == .adviser, let s = entry.statutory {
            heading(tr(.answerStatutory))
            if let b = s.basis { para(b) }
            if let t = s.timescales { para(tr(.entryTimescalesLine, ["text": t])) }
        }
        if !entry.related.isEmpty {
            heading(tr(.answerRelated))
            for id in entry.related { out += links.line(content.title(of: id), lead: "", width: width, glyphs: glyphs, target: id) }
        }
        heading(tr(.answerSources))
        para(tr(.entryLastChecked, ["date": entry.lastReviewed]), .dim)
        for s in entry.sources { para(s, .dim, prefix: tr(.labelSource)) }
        return out
    }

    static func boroughLines(_ b: Borough?, _ p: BoroughPart, content: Content, width: Int, glyphs: Glyphs = .unicode,
                             links: inout LinkNumbers) -> [StyledLine] {
        var out: [StyledLine] = []
        func para(_ text: String, _ style: LineStyle = .body, prefix: String = "", target: String? = nil) {
            for l in Wrap.indent(glyphs.text(text), width: width, prefix: glyphs.text(prefix)) { out.append(StyledLine(l, style, target: target)) }
        }
        if let b {
            let heading = p.offered ? b.fullName
                : p.openVia.map { tr(.entryBoroughVia, ["fullName": b.fullName, "borough": b.name, "via": content.crossBoroughLabel($0)]) }
                    ?? tr(.entryBoroughNotOffered, ["fullName": b.fullName])
            para(heading, .heading)
        }
        if !p.offered {
            if let r = p.reason { para(r) }
            for id in p.instead { out += links.line(content.title(of: id), lead: "", arrow: tr(.answerInsteadLabel), width: width, glyphs: glyphs, target: id) }
            return out
        }
        if let provider = p.provider { para(provider, prefix: tr(.labelWhoRunsIt)) }
        if let how = p.howToGet { para(how, prefix: tr(.labelHowToGet)) }
        if !p.routes.isEmpty { para(p.routes.map(content.routeLabel).joined(separator: "; "), prefix: tr(.labelWaysIn)) }
        if let d = p.differences { para(d, prefix: tr(.labelNote)) }
        for s in Status.allCases {
            if let r = p.eligibility[s] {
                para(tr(.answerRuleLine, ["badge": Eligibility.ruleBadge(r.verdict), "reason": r.reason]), .verdict(r.verdict),
                     prefix: tr(.labelWithStatusHere, ["status": s.label]))
            }
        }
        if let c = p.contact { for l in c.lines { para(l) } }
        out.append(StyledLine(""))
        return out
    }
}

/// The navigator's link numbers, given in the order links first appear (a link to an entry that
/// is not in the content is plain text: nothing to open). Numbering is part of laying a line out,
/// so a numbered link that wraps hangs under its own text, never under the number.
struct LinkNumbers {
    let content: Content
    let on: Bool
    private(set) var links: [String] = []

    init(content: Content, on: Bool) {
        self.content = content
        self.on = on
    }

    /// "[N] → Title" (or "[N] → instead: Title"), wrapped under the title.
    mutating func line(_ title: String, lead: String, arrow: String = "→ ", width: Int, glyphs: Glyphs,
                       target: String) -> [StyledLine] {
        var number = ""
        if content.entry(target) != nil {
            if !links.contains(target) { links.append(target) }
            if on, let n = links.firstIndex(of: target) { number = "[\(n + 1)] " }
        }
        let prefix = lead + number + glyphs.text(arrow)
        let hanging = String(repeating: " ", count: DisplayWidth.cells(lead + number) + 2)
        return Wrap.indent(glyphs.text(title), width: width, prefix: prefix, hanging: hanging).map { StyledLine($0, .link, target: target) }
    }
}

extension EntryText {
    /// An entry answered for one family (borough known), in `EntryAnswer`'s order. The first three
    /// sections sit together under the title, with no blank line between them; what the entry is
    /// (its summary) follows them, then the rest under headings. With `firstScreen` rows (the
    /// navigator's), a way of getting it too long to leave room for how to reach them shows its
    /// start there and goes on after them, so the verdict, how to get it here and a way to reach
    /// them are all on the first screen.
    static func answerLines(_ answer: EntryAnswer, content: Content, width: Int, glyphs: Glyphs, numberLinks: Bool,
                            firstScreen: Int? = nil) -> [StyledLine] {
        let entry = answer.entry
        var links = LinkNumbers(content: content, on: numberLinks)
        func para(_ text: String, _ style: LineStyle = .body, prefix: String = "", hanging: String? = nil) -> [StyledLine] {
            hangingLines(glyphs.text(text), width: width, prefix: glyphs.text(prefix), hanging: hanging).map { StyledLine($0, style) }
        }
        func lines(of section: EntryAnswer.Section) -> [StyledLine] {
            section.lines.flatMap { l -> [StyledLine] in
                if let t = l.target {
                    let label = l.label.trimmingCharacters(in: .whitespaces)
                    let lead = section.role == .verdict ? "  " : String(l.label.prefix { $0 == " " })
                    return links.line(l.text, lead: lead, arrow: label.isEmpty ? "→ " : label + " ", width: width, glyphs: glyphs, target: t)
                }
                let style: LineStyle = l.verdict.map { .verdict($0) } ?? .body
                // The verdict's heading ("For your child (Kingston · age 9)") is its lead-in: one sentence to read.
                if section.role == .verdict { return para(l.text, style, prefix: section.heading + ": ", hanging: "  ") }
                return para(l.text, style, prefix: l.label, hanging: String(repeating: " ", count: min(8, DisplayWidth.cells(glyphs.text(l.label)))))
            }
        }
        let sections = answer.sections
        let title = para(entry.title, .title)
        let verdict = sections.filter { $0.role == .verdict }.flatMap(lines)
        let howSection = sections.first { $0.role == .howToGet }
        var how = howSection.map { para($0.heading, .heading) + lines(of: $0) } ?? []
        let reach = sections.first { $0.role == .reach }.map { para($0.heading, .heading) + lines(of: $0) } ?? []
        var howRest: [StyledLine] = []
        if let rows = firstScreen, title.count + verdict.count + how.count + reach.count > rows {
            // Room for the heading and at least one line of the way in, then "more below".
            let room = max(2, rows - title.count - verdict.count - reach.count - 1)
            if room < how.count {
                howRest = Array(how[room...])
                how = Array(how[..<room]) + para("(more on how to get it after how to reach them)", .dim)
            }
        }
        var out = title + verdict + how + reach
        func blank() { if out.last?.text.isEmpty == false { out.append(StyledLine("")) } }
        if !howRest.isEmpty, let h = howSection {
            blank()
            out += para(tr(.entryContinued, ["heading": h.heading]), .heading) + howRest
        }
        blank()
        out += para(entry.summary)
        let kind = entry.kind == .guide ? tr(.kindGuide) : content.categoryLabel(entry.category)
        out += para(tr(.entryKindLine, ["kind": kind, "from": String(entry.ages.lowerBound), "to": String(entry.ages.upperBound),
                                 "place": content.placeLine(entry) ?? tr(.cliBothBoroughsLower)]), .dim)
        for section in sections where ![.verdict, .howToGet, .reach].contains(section.role) {
            blank()
            out += para(section.heading, .heading) + lines(of: section)
        }
        return out
    }

    /// `prefix + text` wrapped to `width`, the lines after the first under `hanging`: a long
    /// lead-in ("For your child (Kingston · age 9): ") shares the first line, and the rest of
    /// the text uses the whole width instead of a column under the lead-in.
    static func hangingLines(_ text: String, width: Int, prefix: String, hanging: String?) -> [String] {
        guard let hanging else { return Wrap.indent(text, width: width, prefix: prefix) }
        let hw = DisplayWidth.cells(hanging)
        guard Wrap.longWords == .split else {
            // A stream keeps words whole (Wrap.indent puts a long address on a line of its own).
            if DisplayWidth.cells(prefix) <= hw { return Wrap.indent(text, width: width, prefix: prefix, hanging: hanging) }
            return Wrap.lines(prefix + text, width: max(1, width - hw)).enumerated().map { $0.offset == 0 ? $0.element : hanging + $0.element }
        }
        return fill(prefix + text, first: width, rest: max(1, width - hw)).enumerated().map { $0.offset == 0 ? $0.element : hanging + $0.element }
    }

    /// Greedy wrapping for the screen, where a word longer than any line (a web address) is
    /// broken to fill the line it starts on ("Website: https://…/") rather than leaving its
    /// lead-in alone on a line. Every character is kept; no line is wider than its width.
    static func fill(_ text: String, first: Int, rest: Int) -> [String] {
        var out: [String] = []
        for paragraph in Wrap.paragraphs(text) {
            var line = ""
            var used = 0
            var limit = out.isEmpty ? first : rest
            func newLine() {
                out.append(line)
                line = ""
                used = 0
                limit = rest
            }
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true).map(String.init) {
                let w = DisplayWidth.cells(word)
                let gap = used > 0 ? 1 : 0
                if used + gap + w <= limit {
                    line += (gap == 1 ? " " : "") + word
                    used += gap + w
                    continue
                }
                if w <= rest {
                    if used > 0 { newLine() }
                    line = word
                    used = w
                    continue
                }
                // Too long for any line: its first piece fills this one (when a useful piece fits).
                var piece = Substring(word)
                if used > 0 {
                    let room = limit - used - 1
                    if room >= 8, let head = Wrap.breakWord(String(piece), width: room).first, head.count < piece.count {
                        line += " " + head
                        piece = piece.dropFirst(head.count)
                    }
                    newLine()
                }
                let pieces = Wrap.breakWord(String(piece), width: limit)
                for p in pieces.dropLast() {
                    line = p
                    newLine()
                }
                line = pieces.last ?? ""
                used = DisplayWidth.cells(line)
            }
            out.append(line)
            limit = rest
        }
        return out
    }
}
