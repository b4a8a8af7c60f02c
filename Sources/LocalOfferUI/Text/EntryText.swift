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
    public static func verdictLine(_ e: Eligibility) -> String { "\(e.badge): \(e.reason)" }

    /// The entry's lines. With the family's borough known, the answer comes first, in
    /// `EntryAnswer`'s order (the one `show --borough` and the take-away use): the verdict, how to
    /// get it here, how to reach them, then the rest. `numberLinks` puts "[N] " before each link's
    /// arrow (the navigator's link numbers), before wrapping, so a long link wraps under itself.
    public static func lines(for entry: Entry, in content: Content, profile: Profile, width: Int,
                             mode: UsageMode = .family, sideBySide: Bool = false, glyphs: Glyphs = .unicode,
                             numberLinks: Bool = false) -> [StyledLine] {
        if let borough = profile.borough {
            let answer = EntryAnswer(entry: entry, borough: borough, profile: profile, content: content, detail: mode.role != .none)
            return answerLines(answer, content: content, width: width, glyphs: glyphs, numberLinks: numberLinks)
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
        let kind = entry.kind == .guide ? "Guide" : content.categoryLabel(entry.category)
        para("\(kind) · ages \(entry.ages.lowerBound) to \(entry.ages.upperBound) · \(content.placeLine(entry) ?? "offered in Richmond and Kingston")", .dim)

        heading("Who it is for")
        if profile.constrainsEligibility {
            let e = content.eligibility(of: entry, profile: profile)
            para("For your child (\(profile.summary)): " + verdictLine(e), .verdict(e.verdict))
            for id in e.instead { out += links.line(content.title(of: id), lead: "  ", width: width, glyphs: glyphs, target: id) }
        }
        para("Need areas: " + entry.needAreas.map(\.label).joined(separator: "; "), .body)
        if !entry.eligibility.isEmpty {
            for s in Status.allCases {
                guard let r = entry.eligibility[s] else { continue }
                para("With \(s.label): \(Eligibility.ruleBadge(r.verdict)): \(r.reason)", .verdict(r.verdict), prefix: "• ")
                for id in r.instead { out += links.line(content.title(of: id), lead: "    ", arrow: "→ instead: ", width: width, glyphs: glyphs, target: id) }
            }
        }

        heading(entry.differsByBorough ? "Richmond and Kingston differ" : "In both boroughs")
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
            heading("About")
            para(entry.description)
        }
        if !entry.steps.isEmpty {
            heading("Step by step")
            for (i, s) in entry.steps.enumerated() {
                para("\(i + 1). \(s.title)", .heading)
                if !s.text.isEmpty { para(s.text, prefix: "   ") }
                for id in s.entries { out += links.line(content.title(of: id), lead: "   ", width: width, glyphs: glyphs, target: id) }
            }
        }
        if let c = entry.contact, !c.isEmpty {
            heading("Contact")
            for l in c.lines { para(l) }
        } else if Borough.allCases.allSatisfy({ entry.boroughs[$0]?.contact == nil }) {
            heading("Contact")
            para("No contact details are given here. Ask SENDIASS (free, impartial advice) to help you reach this service.")
        }
        if let cost = entry.cost { para("Cost: \(cost)") }

        if mode.role != .none, let t = entry.talkingPoints, !t.isEmpty {
            heading("Talking points")
            for a in t.ask { para(a, prefix: "Ask: ") }
            for b in t.bring { para(b, prefix: "Bring: ") }
            for n in t.next { para(n, prefix: "Next: ") }
        }
        if mode.role == .adviser, let s = entry.statutory {
            heading("Statutory basis")
            if let b = s.basis { para(b) }
            if let t = s.timescales { para("Timescales: " + t) }
        }
        if !entry.related.isEmpty {
            heading("Related")
            for id in entry.related { out += links.line(content.title(of: id), lead: "", width: width, glyphs: glyphs, target: id) }
        }
        heading("Where this comes from")
        para("Last checked: \(entry.lastReviewed)", .dim)
        for s in entry.sources { para(s, .dim, prefix: "Source: ") }
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
                : p.openVia.map { "\(b.fullName): \(b.name) families \(content.crossBoroughLabel($0))" } ?? "\(b.fullName): not offered"
            para(heading, .heading)
        }
        if !p.offered {
            if let r = p.reason { para(r) }
            for id in p.instead { out += links.line(content.title(of: id), lead: "", arrow: "→ instead: ", width: width, glyphs: glyphs, target: id) }
            return out
        }
        if let provider = p.provider { para(provider, prefix: "Who runs it: ") }
        if let how = p.howToGet { para(how, prefix: "How to get it: ") }
        if !p.routes.isEmpty { para(p.routes.map(content.routeLabel).joined(separator: "; "), prefix: "Ways in: ") }
        if let d = p.differences { para(d, prefix: "Note: ") }
        for s in Status.allCases {
            if let r = p.eligibility[s] { para("\(Eligibility.ruleBadge(r.verdict)): \(r.reason)", .verdict(r.verdict), prefix: "With \(s.label) here: ") }
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
    /// sections sit together under the title, with no blank line between them, so at 80×24 the
    /// verdict, how to get it here and a way to reach them are on the first screen; what the
    /// entry is (its summary) follows them, then the rest under headings.
    static func answerLines(_ answer: EntryAnswer, content: Content, width: Int, glyphs: Glyphs, numberLinks: Bool) -> [StyledLine] {
        let entry = answer.entry
        var links = LinkNumbers(content: content, on: numberLinks)
        var out: [StyledLine] = []
        var essentials = true
        func para(_ text: String, _ style: LineStyle = .body, prefix: String = "", hanging: String? = nil) {
            for l in Wrap.indent(glyphs.text(text), width: width, prefix: glyphs.text(prefix), hanging: hanging) { out.append(StyledLine(l, style)) }
        }
        func blank() { if out.last?.text.isEmpty == false { out.append(StyledLine("")) } }
        // Labels hang their text under themselves, up to a point (a long label would leave a sliver).
        func hang(_ label: String) -> String { String(repeating: " ", count: min(8, DisplayWidth.cells(glyphs.text(label)))) }

        para(entry.title, .title)
        for section in answer.sections {
            switch section.role {
            case .verdict:
                // The verdict's heading ("For your child (Kingston · age 9)") is its lead-in: one line to read.
                for l in section.lines {
                    if let t = l.target {
                        out += links.line(l.text, lead: "  ", arrow: l.label, width: width, glyphs: glyphs, target: t)
                    } else {
                        para(l.text, l.verdict.map { .verdict($0) } ?? .body, prefix: section.heading + ": ", hanging: "  ")
                    }
                }
                continue
            case .howToGet, .reach:
                para(section.heading, .heading)
            default:
                if essentials {
                    essentials = false
                    blank()
                    para(entry.summary)
                    let kind = entry.kind == .guide ? "Guide" : content.categoryLabel(entry.category)
                    para("\(kind) · ages \(entry.ages.lowerBound) to \(entry.ages.upperBound) · \(content.placeLine(entry) ?? "offered in Richmond and Kingston")", .dim)
                }
                blank()
                para(section.heading, .heading)
            }
            for l in section.lines {
                if let t = l.target {
                    let arrow = l.label.trimmingCharacters(in: .whitespaces).isEmpty ? "→ " : l.label.trimmingCharacters(in: .whitespaces) + " "
                    let lead = String(l.label.prefix { $0 == " " })
                    out += links.line(l.text, lead: lead, arrow: arrow, width: width, glyphs: glyphs, target: t)
                } else {
                    para(l.text, l.verdict.map { .verdict($0) } ?? .body, prefix: l.label, hanging: hang(l.label))
                }
            }
        }
        return out
    }
}
