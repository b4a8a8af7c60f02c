import Foundation

/// The YAML of one draft entry, written by hand so every value is quoted the one safe way.
extension ServiceFields {
    func offered(in b: Borough) -> Bool {
        switch place {
        case .boroughs(let listed, _): return listed.contains(b)
        case .national: return true
        case .elsewhere, .unknown: return false
        }
    }
}

enum DraftWriter {
    /// The same record always gives the same text (no import date in it), so a re-import can tell
    /// what the feed changed from what an editor changed. `fallbackReviewed` stands in for the
    /// directory's own date when it gives none: the first import's day, kept from then on.
    static func yaml(id: String, key: String, fields f: ServiceFields, options: ORUKImport.Options, fallbackReviewed: String) -> String {
        let q = YAMLText.quoted
        var y = "# Draft imported from a council directory (Open Referral UK) by `localoffer import --oruk`: review it,\n"
        y += "# then `localoffer review \(id)` publishes it. A re-import updates what the feed changed and keeps your edits.\n"
        y += ORUKImport.Existing.markerPrefix + key + "\n"
        y += ORUKImport.Existing.feedPrefix + Sanitize.oneLine(options.feedURL ?? options.label) + "\n"
        y += "id: \(id)\n"
        y += "draft: true\n"
        y += "title: \(q(f.name))\n"
        y += "summary: \(q(summary(f)))\n"

        var text: [String] = []
        if !f.description.isEmpty { text.append(f.description) }
        if let a = f.alert, !a.isEmpty { text.append("Notice from the directory: \(a)") }
        if let s = f.statusNote { text.append(s) }
        if let n = f.ageNote { text.append(n) }
        // Where no borough offers it there is no borough part to hold the provider: it stays in the text.
        if let p = f.provider, !Borough.allCases.contains(where: { f.offered(in: $0) }) { text.append("Provided by: \(p).") }
        if f.statuses == nil {
            text.append("The council's directory does not say whether children with no identified SEN, at SEN Support or with an EHC plan can use it: ask the service or SENDIASS.")
        }
        var source = "Imported from the council's directory (\(options.feedURL ?? options.label), record \(f.orukId))."
        if f.reviewed == nil {
            source += " The directory gives no date for when it was last checked, so the first import's date stands in for it."
            if let n = f.reviewedNote { source += " " + n }
        }
        text.append(source)
        y += "description: \(YAMLText.block(text.joined(separator: "\n\n"), indent: 2))\n"
        y += "category: \(q(options.category))\n"
        let needs = f.needs.isEmpty ? NeedArea.allCases : f.needs
        y += "need_areas: [\(needs.map(\.rawValue).joined(separator: ", "))]\n"
        y += "ages: {from: \(f.ages.lowerBound), to: \(f.ages.upperBound)}\n"
        if let c = f.cost, !c.isEmpty { y += "cost: \(q(c))\n" }

        y += "eligibility:\n"
        for s in Status.allCases {
            y += "  \(s.rawValue):\n"
            switch f.statuses?[s] {
            case .eligible?:
                y += "    verdict: eligible\n"
                y += "    reason: \(q("The council's directory lists it for children with \(s.label)."))\n"
            case .notEligible?:
                y += "    verdict: not-eligible\n"
                y += "    reason: \(q("The council's directory does not list it for children with \(s.label): ask the service or SENDIASS."))\n"
            case .check?:
                y += "    verdict: check\n"
                y += "    reason: \(q("The council's directory says it depends for children with \(s.label): ask the service or SENDIASS."))\n"
            case nil:
                y += "    verdict: check\n"
                y += "    reason: \(q(ORUKImport.notStated))\n"
            }
        }

        y += "boroughs:\n"
        for b in Borough.allCases {
            y += "  \(b.rawValue):\n"
            let offered = f.offered(in: b)
            var reason: String
            var differences: String?
            switch f.place {
            case .boroughs(let listed, let how):
                reason = "The council's directory places it in \(listed.map(\.fullName).joined(separator: " and ")) only (from \(how)): ask the service whether it takes families from \(b.fullName)."
            case .national(let what):
                reason = ""
                differences = "A national service (the council's directory gives its area as \(what)): ask the service how it works for families in \(b.fullName)."
            case .elsewhere(let what):
                reason = "The council's directory places it elsewhere (\(what)), not in \(b.fullName): ask the service or SENDIASS."
            case .unknown:
                reason = "The council's directory does not say where it is offered: ask the service whether it takes families from \(b.fullName), or SENDIASS."
            }
            y += "    offered: \(offered)\n"
            if offered {
                if let p = f.provider { y += "    provider: \(q(p))\n" }
                y += "    how_to_get: \(q(f.url != nil || f.email != nil ? "Not stated in the council's directory: contact the service (below) or ask SENDIASS." : ORUKImport.notStated))\n"
                if let d = differences { y += "    differences: \(q(d))\n" }
            } else {
                y += "    reason: \(q(reason))\n"
            }
        }
        if f.url != nil || f.email != nil {
            y += "contact:\n"
            if let u = f.url { y += "  website: \(q(u))\n" }
            if let e = f.email { y += "  email: \(q(e))\n" }
        }
        y += "last_reviewed: \(q(f.reviewed ?? fallbackReviewed))\n"
        var sources: [String] = []
        if let u = f.url { sources.append(u) }
        sources.append(options.feedURL ?? options.label)
        y += "sources:\n"
        for s in sources { y += "  - \(q(s))\n" }
        return y
    }

    /// One sentence: the description's first, else a plain statement of where the entry came from.
    static func summary(_ f: ServiceFields) -> String {
        // Scalars, not Characters: the first sentence is found in one cheap pass.
        let scalars = f.description.unicodeScalars
        guard scalars.contains(where: { !$0.properties.isWhitespace }) else { return "\(f.name), listed in the council's service directory." }
        var end = scalars.endIndex
        var i = scalars.startIndex
        var seen = 0
        while i < scalars.endIndex && seen < 2000 {
            let c = scalars[i]
            let next = scalars.index(after: i)
            if c == "." || c == "!" || c == "?", next == scalars.endIndex || scalars[next] == " " || scalars[next] == "\n" {
                end = next
                break
            }
            i = next
            seen += 1
        }
        if seen >= 2000 { end = i }
        var text = String(scalars[..<end])
        if text.utf8.contains(0x0A) { text = String(text.map { $0 == "\n" ? " " : $0 }) }
        var s = text.trimmed
        if s.count > 240 {
            s = String(s.prefix(240))
            if let sp = s.lastIndex(of: " ") { s = String(s[..<sp]) }
            s += "…"
        }
        return s
    }
}

/// YAML scalars that survive any text: double quotes with escapes, or a literal block.
enum YAMLText {
    static func quoted(_ s: String) -> String {
        var out: [UInt8] = [0x22]
        out.reserveCapacity(s.utf8.count + 8)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += [0x5C, 0x22]
            case "\\": out += [0x5C, 0x5C]
            case "\n": out += [0x5C, UInt8(ascii: "n")]
            case "\t": out += [0x5C, UInt8(ascii: "t")]
            default:
                if !printable(u) { continue }
                if u.value < 0x80 { out.append(UInt8(u.value)) } else { UTF8.encode(u) { out.append($0) } }
            }
        }
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }

    /// `|-` and the lines indented, when that is safe (what editors will read and change); otherwise quoted.
    public static func block(_ s: String, indent: Int) -> String {
        let bytes = s.utf8
        guard let first = bytes.first, first != 0x20, first != 0x0A else { return quoted(s) }
        var out: [UInt8] = Array("|-\n".utf8)
        out.reserveCapacity(bytes.count + bytes.count / 40 * indent + 16)
        var atLineStart = true
        var previous: UInt8 = 0
        var hasText = false
        for u in s.unicodeScalars {
            // Tabs, carriage returns, trailing spaces and unprintables cannot be kept in a literal block.
            if u == "\t" || u == "\r" || !printable(u) { return quoted(s) }
            if u == "\n" {
                if previous == 0x20 { return quoted(s) }
                out.append(0x0A)
                atLineStart = true
                previous = 0x0A
                continue
            }
            if atLineStart {
                for _ in 0..<indent { out.append(0x20) }
                atLineStart = false
            }
            if u.value < 0x80 { out.append(UInt8(u.value)) } else { UTF8.encode(u) { out.append($0) } }
            previous = u.value < 0x80 ? UInt8(u.value) : 0xFF
            if u != " " { hasText = true }
        }
        if previous == 0x20 || !hasText { return quoted(s) }
        return String(decoding: out, as: UTF8.self)
    }

    /// YAML 1.1/1.2 printable set, less the line separators that some readers treat as breaks.
    static func printable(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v == 0x09 || v == 0x0A { return true }
        if v < 0x20 || (v >= 0x7F && v <= 0x9F) { return false }
        if v == 0x2028 || v == 0x2029 || v == 0xFEFF || v == 0xFFFE || v == 0xFFFF { return false }
        return true
    }
}

extension ISODate {
    static func format(_ d: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        let c = cal.dateComponents([.year, .month, .day], from: d)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}