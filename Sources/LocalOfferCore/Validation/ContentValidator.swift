import Foundation

/// Checks across files: ids, references, vocabularies, dates, flows. Per-file shape is checked while decoding.
enum ContentValidator {
    static func validate(_ content: Content, vocabularyPresent: Bool, refs: ReferenceLog, today: Date, warnings: Bool = true,
                         maxAgeDays: Int? = nil, sink: DiagnosticSink) {
        var firstSeen: [String: SourceLocation] = [:]
        for e in content.entries {
            if let first = firstSeen[e.id] {
                sink.error(e.location, "duplicate id '\(e.id)' (also in \(first))")
            } else {
                firstSeen[e.id] = e.location
            }
        }
        // Flows are a namespace of their own: the flow `preparing-for-adulthood` explains the service of that id.
        var flowSeen: [String: SourceLocation] = [:]
        for f in content.flows {
            if let first = flowSeen[f.id] {
                sink.error(f.location, "duplicate id '\(f.id)' (also in \(first))")
            } else {
                flowSeen[f.id] = f.location
            }
        }

        let known = Set(content.entries.map(\.id))
        for r in refs.items where !known.contains(r.id) {
            sink.error(r.location, "\(r.context) names '\(r.id)', which is not an entry\(Suggest.didYouMean(r.id, among: Array(known)))")
        }

        if vocabularyPresent {
            let cats = Set(content.categories.map(\.id))
            for c in refs.categories where !cats.contains(c.id) {
                sink.error(c.location, "unknown category '\(c.id)'\(Suggest.didYouMean(c.id, among: Array(cats))) (categories are listed in vocabulary.yaml)")
            }
            let ways = Set(content.crossBorough.map(\.id))
            for r in refs.crossBorough where !ways.contains(r.id) {
                sink.error(r.location, "unknown 'open_via' '\(r.id)'\(Suggest.didYouMean(r.id, among: Array(ways))) (ways in from the other borough are listed in vocabulary.yaml under cross_borough)")
            }
            let routes = Set(content.routes.map(\.id))
            for r in refs.routes where !routes.contains(r.id) {
                sink.error(r.location, "unknown route '\(r.id)'\(Suggest.didYouMean(r.id, among: Array(routes))) (routes are listed in vocabulary.yaml)")
            }
        } else if !content.entries.isEmpty {
            sink.warning(SourceLocation(file: "vocabulary.yaml"), "no vocabulary.yaml: categories and routes are not checked")
        }

        // Reviewed too long ago: 12 months by default, or `check --max-age DAYS`.
        let cutoff: Date
        let age: String
        if let days = maxAgeDays {
            cutoff = today.addingTimeInterval(-Double(max(0, days)) * 86_400)
            age = "more than \(days) day\(days == 1 ? "" : "s") ago (--max-age)"
        } else {
            cutoff = Calendar(identifier: .gregorian).date(byAdding: .month, value: -12, to: today) ?? today
            age = "more than 12 months ago"
        }
        for d in refs.dates where !d.date.isEmpty {
            guard let date = ISODate.parse(d.date) else {
                sink.error(d.location, "'\(d.date)' is not a date: write YYYY-MM-DD (for example 2026-11-29)")
                continue
            }
            if date > today.addingTimeInterval(86_400) {
                sink.error(d.location, "last_reviewed \(d.date) is in the future")
            } else if date < cutoff {
                sink.warning(d.location, "last reviewed \(d.date), \(age): check the facts again")
            }
        }

        var aliasOwner: [String: String] = [:]
        for t in content.glossary {
            for a in [t.term] + t.aliases {
                let key = Normalizer.fold(a)
                if let other = aliasOwner[key], other != t.term {
                    sink.warning(t.location, "glossary: '\(a)' is used by both '\(other)' and '\(t.term)'")
                } else {
                    aliasOwner[key] = t.term
                }
            }
        }

        let glossaryWords = Set(content.glossary.flatMap { [$0.term] + $0.aliases }.map { $0.lowercased() })
        for e in content.entries where warnings {
            for a in Abbreviations.unexplained(in: e, glossary: glossaryWords) {
                sink.warning(e.location, "summary of '\(e.id)' uses '\(a)', which is explained neither in the entry nor in the glossary")
            }
        }

        ReachValidator.validate(content, warnings: warnings, sink: sink)
        CoverageValidator.validate(content, warnings: warnings, sink: sink)

        for flow in content.flows {
            FlowValidator.validate(flow, hasPostcodes: !content.postcodes.isEmpty, sink: sink)
        }
        // Which postcode answers the table can give at all: a branch for the others is never shown.
        if !content.postcodes.isEmpty {
            let possible = Set(content.postcodes.map { Postcodes.classify($0.district, in: content.postcodes).0.rawValue } + ["outside"])
            for flow in content.flows {
                for node in flow.nodes where node.type == .postcode {
                    for rule in node.next {
                        guard case .anyOf(let values)? = rule.when[node.id], !values.contains(where: possible.contains) else { continue }
                        sink.warning(rule.location, "no district in postcodes.yaml gives '\(values.joined(separator: ", "))', so this branch is never taken (check the table)")
                    }
                }
            }
        }
    }
}

enum ISODate {
    static func parse(_ s: String) -> Date? {
        // Strictly YYYY-MM-DD in ASCII digits: Int("+1") would accept "2026-+1-01".
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }),
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        var comps = DateComponents()
        comps.year = y
        comps.month = m
        comps.day = d
        comps.hour = 12
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? cal.timeZone
        guard let date = cal.date(from: comps) else { return nil }
        let back = cal.dateComponents([.year, .month, .day], from: date)
        guard back.year == y, back.month == m, back.day == d else { return nil }
        return date
    }
}

/// Abbreviations a parent may not know: words with two or more capitals ("SEN", "EHCP", "SaLT").
enum Abbreviations {
    public static func find(in text: String) -> [String] {
        text.utf8.allSatisfy({ $0 < 0x80 }) ? findASCII(text) : findAny(text)
    }

    /// Words of any script: letters and numbers as Unicode has them.
    static func findAny(_ text: String) -> [String] {
        var out: [String] = []
        for raw in text.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "&") }) {
            let w = String(raw)
            let capitals = w.filter { $0.isUppercase }.count
            if capitals >= 2 && w.count <= 10 && !out.contains(w) { out.append(w) }
        }
        return out
    }

    /// The same words by bytes, for text that is all ASCII (nearly every summary): letters, digits and
    /// `&` make words, capitals are A to Z. No Unicode property is looked up, once a character.
    static func findASCII(_ text: String) -> [String] {
        var out: [String] = []
        var word: [UInt8] = []
        var capitals = 0
        func close() {
            if capitals >= 2 && word.count <= 10 {
                let w = String(decoding: word, as: UTF8.self)
                if !out.contains(w) { out.append(w) }
            }
            word.removeAll(keepingCapacity: true)
            capitals = 0
        }
        for b in text.utf8 {
            switch b {
            case 0x41...0x5A: word.append(b); capitals += 1
            case 0x61...0x7A, 0x30...0x39, 0x26: word.append(b)
            default: if !word.isEmpty { close() }
            }
        }
        if !word.isEmpty { close() }
        return out
    }

    /// Those in the summary that are spelled out nowhere: not in brackets in the entry ("... (SEN)"
    /// or "SEN (special ...)"), and not a glossary term or alias.
    static func unexplained(in e: Entry, glossary: Set<String>) -> [String] {
        let text = e.summary + "\n" + e.description
        return find(in: e.summary).filter { a in
            if glossary.contains(a.lowercased()) { return false }
            if text.contains("(\(a))") || text.contains("\(a) (") { return false }
            return true
        }
    }
}
