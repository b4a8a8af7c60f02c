/// An entry as the answer to one family's question, in the order they need it: can my child use
/// it (and if not, what instead), how to get it in our borough, how to reach them, and only then
/// what differs in the other borough and the rest. `show --borough`, the take-away and any front
/// end that knows the family's borough read this one order, and wrap it to their own width.
public struct EntryAnswer: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// A lead-in such as "Phone: " or "How to get it: ", kept apart so a front end can hang
        /// the wrapped text under it.
        public var label: String
        public var text: String
        /// An entry this line leads to (an alternative, a related entry).
        public var target: String?
        /// Set on a line that states a verdict, so a front end can mark it (never by colour alone:
        /// the words are in the text).
        public var verdict: Verdict?
        public init(_ text: String, label: String = "", target: String? = nil, verdict: Verdict? = nil) {
            self.label = label
            self.text = text
            self.target = target
            self.verdict = verdict
        }
    }

    public struct Section: Sendable, Hashable {
        public enum Role: String, Sendable, Hashable {
            case verdict, howToGet = "how_to_get", reach, alternatives, more, otherBorough = "other_borough", about, steps, cost,
                 talkingPoints = "talking_points", statutory, related, sources
        }
        public var role: Role
        public var heading: String
        public var lines: [Line]
    }

    public var entry: Entry
    public var borough: Borough
    public var eligibility: Eligibility
    public var sections: [Section]

    /// The first three sections (verdict, how to get it here, how to reach them): what must fit on
    /// the first screen.
    var essentials: [Section] { sections.filter { [.verdict, .howToGet, .reach].contains($0.role) } }

    public init(entry: Entry, borough: Borough, profile: Profile, content: Content, detail: Bool = false) {
        var p = profile
        p.borough = borough
        self.entry = entry
        self.borough = borough
        let e = content.eligibility(of: entry, profile: p)
        self.eligibility = e
        var sections: [Section] = []
        func add(_ role: Section.Role, _ heading: String, _ lines: [Line]) {
            if !lines.isEmpty { sections.append(Section(role: role, heading: heading, lines: lines)) }
        }

        // 1. Can this child use it here?
        // Where the answer is no, what to use instead belongs with it; where it depends, the
        // alternatives come after the way to get it, so the first screen holds how to act.
        let alternatives = e.instead.map { Line(content.title(of: $0), label: "→ ", target: $0) }
        var verdict = [Line(e.verdict == .notEligible ? Self.withoutInstead(e.line, alternatives.map(\.text)) : e.line, verdict: e.verdict)]
        if e.verdict == .notEligible { verdict += alternatives.map { Line($0.text, label: tr(.answerInsteadLabel), target: $0.target) } }
        add(.verdict, tr(.answerForChild, ["profile": p.summary]), verdict)

        // 2. How to get it in this borough: its own part, or the way in from here.
        let part = entry.boroughs[borough]
        var how: [Line] = []
        var more: [Line] = []
        if let part, part.offered {
            // What to do first; who runs it, notes and the written rules (the verdict already
            // answers them for this child) after the way to reach them.
            if let v = part.howToGet { how.append(Line(v, label: tr(.labelHowToGet))) }
            if !part.routes.isEmpty { how.append(Line(part.routes.map(content.routeLabel).joined(separator: "; "), label: tr(.labelWaysIn))) }
            more = Self.partLines(part, content: content).filter { ![tr(.labelHowToGet), tr(.labelWaysIn)].contains($0.label) }
        } else if let part, let via = part.openVia {
            how.append(Line(tr(.answerFamiliesVia, ["borough": borough.name, "via": content.crossBoroughLabel(via)]), label: tr(.labelWayIn)))
            // The verdict already starts with the way in when it is "check"; otherwise say it here.
            if let r = part.reason, e.openVia == nil { how.append(Line(r)) }
            // What the borough that runs it says about getting a place, for the family to follow.
            for b in entry.offeredIn { if let h = entry.boroughs[b]?.howToGet { how.append(Line(h, label: tr(.labelInBorough, ["borough": b.name]))) } }
        } else {
            how.append(Line(part?.reason ?? tr(.eligNotOfferedIn, ["borough": borough.name]), label: tr(.labelNotOfferedHere)))
        }
        add(.howToGet, tr(.answerHowToGetIn, ["borough": borough.fullName]), how)

        // 3. How to reach them: this borough's contact, the entry's, or the one that runs it.
        if let c = Self.contact(of: entry, in: borough) {
            add(.reach, tr(.answerReach), c.lines.map { Line($0) })
        } else {
            add(.reach, tr(.answerReach), [Line(tr(.answerNoContact))])
        }

        if e.verdict != .notEligible { add(.alternatives, tr(.answerAlsoAsk), alternatives) }
        add(.more, tr(.answerMoreIn, ["borough": borough.name]), more)

        // 4. What differs in the other borough, only where something does.
        if entry.differsByBorough {
            for other in Borough.allCases where other != borough {
                guard let op = entry.boroughs[other] else { continue }
                var lines: [Line] = []
                if op.offered {
                    lines = Self.partLines(op, content: content)
                    if let c = op.contact, c != part?.contact { lines += c.lines.map { Line($0) } }
                } else if let via = op.openVia {
                    lines.append(Line(tr(.answerFamiliesVia, ["borough": other.name, "via": content.crossBoroughLabel(via)])))
                } else {
                    lines.append(Line(op.reason ?? tr(.eligNotOfferedIn, ["borough": other.name]), label: tr(.labelNotOffered)))
                }
                add(.otherBorough, tr(.answerInBorough, ["borough": other.fullName]), lines)
            }
        }

        // 5. The rest, as the entry page has it.
        if !entry.description.isEmpty { add(.about, tr(.answerAbout), [Line(entry.description)]) }
        var steps: [Line] = []
        for (i, s) in entry.steps.enumerated() {
            steps.append(Line(s.text, label: tr(.labelStep, ["n": String(i + 1), "title": s.title]) + (s.text.isEmpty ? "" : ": ")))
            for id in s.entries { steps.append(Line(content.title(of: id), label: "   → ", target: id)) }
        }
        add(.steps, tr(.answerSteps), steps)
        if let cost = entry.cost { add(.cost, tr(.answerCost), [Line(cost)]) }
        if detail, let t = entry.talkingPoints {
            add(.talkingPoints, tr(.answerTalkingPoints), t.ask.map { Line($0, label: tr(.labelAsk)) } + t.bring.map { Line($0, label: tr(.labelBring)) }
                + t.next.map { Line($0, label: tr(.labelNext)) })
        }
        if detail, let s = entry.statutory {
            add(.statutory, tr(.answerStatutory), [s.basis.map { Line($0) }, s.timescales.map { Line($0, label: tr(.labelTimescales)) }].compactMap { $0 })
        }
        add(.related, tr(.answerRelated), entry.related.map { Line(content.title(of: $0), label: "→ ", target: $0) })
        add(.sources, tr(.answerSources), [Line(entry.lastReviewed, label: tr(.labelLastChecked))] + entry.sources.map { Line($0, label: tr(.labelSource)) })
        self.sections = sections
    }

    /// The verdict without its closing "Try …" / "Instead, try …" sentence when that sentence names
    /// the alternatives listed right under it (said once, as links), else as it is.
    static func withoutInstead(_ line: String, _ titles: [String]) -> String {
        guard let first = titles.first else { return line }
        // The leads are the catalogue's own "Instead, try {names}." and "Try {names}.", up to the names.
        let leads = [S.eligInsteadTry, .eligTry].compactMap { k -> String? in
            let t = Catalogue.current[k]
            return t.range(of: "{names}").map { " " + t[..<$0.lowerBound] }
        }
        for lead in leads where lead.count > 1 {
            if let r = line.range(of: lead, options: .backwards), line[r.upperBound...].contains(first), line.hasSuffix(".") {
                return String(line[..<r.lowerBound])
            }
        }
        return line
    }

    /// The way to reach a service from `borough`: that borough's contact, the entry's own, or the
    /// contact of a borough that runs it (a family reached through the other borough). With no
    /// borough known: the entry's own, then the first borough's that runs it.
    public static func contact(of entry: Entry, in borough: Borough?) -> Contact? {
        let own = borough.map { entry.boroughs[$0]?.contact } ?? nil
        let contacts = [own, entry.contact] + entry.offeredIn.map { entry.boroughs[$0]?.contact }
        return contacts.compactMap { $0 }.first { !$0.isEmpty }
    }

    /// The entry's page address, the one thing a phone can open from a code: the website of the
    /// contact above, else the entry's first web source (every entry cites at least one).
    public static func address(of entry: Entry, in borough: Borough?) -> String? {
        let sites = [contact(of: entry, in: borough)?.website, entry.contact?.website] + entry.sources.map { Optional($0) }
        return sites.compactMap { $0 }.first { $0.hasPrefix("https://") || $0.hasPrefix("http://") }
    }

    static func partLines(_ p: BoroughPart, content: Content) -> [Line] {
        var out: [Line] = []
        if let v = p.provider { out.append(Line(v, label: tr(.labelWhoRunsIt))) }
        if let v = p.howToGet { out.append(Line(v, label: tr(.labelHowToGet))) }
        if !p.routes.isEmpty { out.append(Line(p.routes.map(content.routeLabel).joined(separator: "; "), label: tr(.labelWaysIn))) }
        if let v = p.differences { out.append(Line(v, label: tr(.labelNote))) }
        for s in Status.allCases {
            if let r = p.eligibility[s] {
                out.append(Line(tr(.answerRuleLine, ["badge": r.verdict.ruleBadge, "reason": r.reason]),
                                label: tr(.labelWithStatusHere, ["status": s.label]), verdict: r.verdict))
            }
        }
        return out
    }
}
